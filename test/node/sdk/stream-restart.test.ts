// A stream across a real restart of crownest-fake (`node dist/fake/bin.js
// --port P --state FILE`): the server is killed mid-stream and started again
// on the same port about a second later; with the client's default options
// the stream resumes from the last seq, nothing lost or repeated.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  FAKE_BIN,
  type RunningFake,
  startFake as startCrownestFake,
} from "../../../scripts/start-fake.mjs";
import { createCrowNestClient } from "../../../src/index.ts";
import { ensureBuilt } from "../../helpers/build.ts";
import { freePort } from "../../helpers/free-port.ts";

const KEY = "cn_test_restart";
const children: ChildProcess[] = [];

/** Starts the fake's bin; resolves once it listens. */
async function startFake(port: number, state: string): Promise<RunningFake> {
  const args = ["--port", String(port), "--state", state, "--api-key", KEY];
  const server = await startCrownestFake({ args });
  children.push(server.child);
  return server;
}

beforeAll(() => ensureBuilt(FAKE_BIN), 180_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

it("streamLogs resumes across a real restart of crownest-fake: nothing lost or repeated", async () => {
  const dir = await mkdtemp(join(tmpdir(), "crownest-restart-"));
  try {
    const port = await freePort();
    const state = join(dir, "state.json");
    let server = await startFake(port, state);
    // Default options but a logger, to see the reconnects.
    const reconnects: string[] = [];
    const client = createCrowNestClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      logger: (message) => {
        if (message.includes("reconnecting")) reconnects.push(message);
      },
    });
    const sandbox = await client.sandboxes.create({ template: "python" });
    const line = Array.from({ length: 100 }, (_, i) => `echo ${i + 1}; sleep 0.05`).join("; ");
    const command = await client.commands.start(sandbox.id, line);
    const seqs: number[] = [];
    const lines: string[] = [];
    let restarted: Promise<void> | undefined;
    let terminal: string | undefined;
    for await (const event of client.commands.streamLogs(command.id)) {
      if (event.type === "log") {
        seqs.push(event.seq);
        lines.push(event.data);
      }
      if (event.type === "terminal") terminal = event.command.status;
      if (seqs.length === 3 && !restarted) {
        // Not reading for a while, so output piles up unread (in the old
        // connection, or only in the saved state); then the server is killed
        // (it saves its state on SIGTERM) and back on the same port ~1 s later.
        await new Promise((resolve) => setTimeout(resolve, 300)); // real-time: output piles up unread
        const old = server;
        restarted = (async () => {
          await old.stop();
          await new Promise((resolve) => setTimeout(resolve, 1000)); // real-time: the outage itself
          server = await startFake(port, state);
        })();
        restarted.catch(() => {}); // awaited below; a failed test must not leave it unhandled
      }
    }
    await restarted;
    expect(terminal).toBeDefined();
    // Every seq once, in order, none skipped; and each chunk the restarted
    // fake has (its state is saved as it stops) is the one delivered. The
    // old process may have streamed a chunk or two after it saved.
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const stored = await client.commands.logs(command.id, { limit: 100 });
    expect(stored.length).toBeGreaterThan(3);
    expect(seqs.slice(0, stored.length)).toEqual(stored.map((chunk) => chunk.seq));
    expect(lines.slice(0, stored.length)).toEqual(stored.map((chunk) => chunk.data));
    expect(reconnects.length).toBeGreaterThan(0);
    await server.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);
