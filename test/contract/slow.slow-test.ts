// Slow, opt-in forms of what the model runs check with the fake's clock, for
// a remote target (which has no clock control): real short TTLs, timeouts and
// sleeps, waited for in real time. This file is outside the default test set and runs only with `--slow`
// (CROWNEST_CONTRACT_SLOW=1) against a base URL, e.g.
//
//   npm run test:contract -- --serve-fake --slow --test "real time"
//
// Each waits at most WAIT_MS for a state change that the contract says comes
// within about a second, polling every POLL_MS.
import { describe, expect, it } from "vitest";
import type { Command, Sandbox } from "../../src/index.ts";
import { createReal } from "./harness.ts";
import { CONTRACT_LIMITS } from "./limits.ts";
import { openTarget, targetConfig } from "./target.ts";

const config = targetConfig();
if (config.mode !== "remote") {
  throw new Error(
    "the slow real-time contract tests need a base URL (--serve-fake or CROWNEST_CONTRACT_BASE_URL)",
  );
}

const WAIT_MS = 20_000;
const POLL_MS = 200;
const TERMINAL = ["exited", "failed", "canceled", "timed_out", "killed"];

async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS)); // real-time: a remote target has no clock
  }
}

describe("real time against a remote target (slow, opt-in)", () => {
  const target = openTarget(0, config);
  const real = createReal(target, { tag: `slow${Date.now().toString(36)}` });
  const { client } = real;

  it(
    "real time: a sandbox past its TTL is destroyed, its commands killed, its previews revoked",
    async () => {
      const ttlMs = CONTRACT_LIMITS.ttlMinMs;
      const sandbox = await client.sandboxes.create({ ttlMs, metadata: { ct: real.tag } });
      expect(Date.parse(sandbox.expiresAt) - Date.parse(sandbox.createdAt)).toBe(ttlMs);
      const command = await client.commands.start(sandbox.id, "echo started; sleep 1000");
      const preview = await client.previews.create(sandbox.id, 3000);
      const ended = await waitFor<Sandbox>(
        "the sandbox's TTL",
        () => client.sandboxes.get(sandbox.id),
        (s) => s.status !== "running",
      );
      expect({ status: ended.status, endedReason: ended.endedReason }).toEqual({
        status: "destroyed",
        endedReason: "ttl_expired",
      });
      expect(ended.endedAt).not.toBeNull();
      const killed = await client.commands.get(command.id);
      expect({ status: killed.status, killedReason: killed.killedReason }).toEqual({
        status: "killed",
        killedReason: "sandbox_destroyed",
      });
      expect((await client.previews.get(preview.id)).status).toBe("revoked");
      // Idempotent by state: killing the expired sandbox answers its record, unchanged.
      const again = await client.sandboxes.kill(sandbox.id);
      expect({ status: again.status, endedReason: again.endedReason }).toEqual({
        status: "destroyed",
        endedReason: "ttl_expired",
      });
    },
    WAIT_MS + 10_000,
  );

  it(
    "real time: a started command past its timeout is timed_out (SIGKILL); a short sleep exits 0",
    async () => {
      const sandbox = await client.sandboxes.create({ metadata: { ct: real.tag } });
      try {
        const slow = await client.commands.start(sandbox.id, "echo started; sleep 30", {
          timeoutMs: 1_000,
        });
        const short = await client.commands.start(sandbox.id, "sleep 1");
        const isEnded = (c: Command) => TERMINAL.includes(c.status);
        const timedOut = await waitFor("the timeout", () => client.commands.get(slow.id), isEnded);
        expect({
          status: timedOut.status,
          terminationSignal: timedOut.terminationSignal,
          exitCode: timedOut.exitCode,
          stdout: timedOut.stdout,
        }).toEqual({
          status: "timed_out",
          terminationSignal: "SIGKILL",
          exitCode: null,
          stdout: "started\n",
        });
        const slept = await waitFor("the sleep", () => client.commands.get(short.id), isEnded);
        expect({ status: slept.status, exitCode: slept.exitCode }).toEqual({
          status: "exited",
          exitCode: 0,
        });
        // Idempotent by state: cancelling the ended command answers its record.
        const cancel = await client.commands.cancel(slow.id);
        expect(cancel.status).toBe("timed_out");
      } finally {
        await client.sandboxes.kill(sandbox.id).catch(() => {});
      }
    },
    WAIT_MS * 2 + 10_000,
  );
});
