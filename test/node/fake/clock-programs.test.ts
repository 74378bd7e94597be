// The fake's clock as a unit-test author meets it: the in-process default
// never hangs, programs that await real work keep the auto clock still,
// manual tests get runAll/next/pending, and a stalled manual clock says so.
import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { CLOCK_START_MS, ClockStallError, createClock, createFake } from "../../../fake/index.ts";
import { CrowNestApiError, createCrowNestClient } from "../../../src/index.ts";

function clientOf(fake: ReturnType<typeof createFake>) {
  return createCrowNestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch });
}

/** `p`, or a rejection after `ms` of real time (so a hang fails the test fast). */
function within<T>(p: Promise<T>, ms = 5000): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms),
    ),
  ]);
}

const realDelay = (ms: number) => new Promise((r) => setTimeout(r, ms)); // real-time: a program's real work

describe("the in-process default clock", () => {
  it("createFake() with no options runs `sleep 1` to the end", async () => {
    const fake = createFake();
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const cmd = await within(client.commands.run(sandbox.id, "sleep 1 && echo done"));
    expect(cmd.status).toBe("exited");
    expect(cmd.stdout).toBe("done\n");
    expect(fake.clock.now()).toBe(CLOCK_START_MS + 1000);
  });
});

describe("auto clock and programs doing real work", () => {
  it("a program awaiting a real 200 ms timer is not timed out by racing fake time", async () => {
    const fake = createFake({ clock: "auto" });
    fake.programs.define("slow-io", async (proc) => {
      await realDelay(200);
      proc.stdout.write("io done\n");
      return 0;
    });
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const cmd = await within(client.commands.run(sandbox.id, "slow-io"));
    expect(cmd.status).toBe("exited");
    expect(cmd.exitCode).toBe(0);
    expect(cmd.stdout).toBe("io done\n");
    expect(fake.clock.now()).toBe(CLOCK_START_MS);
  });

  it("a program reading a real file, sleeping on fake time, then reading again", async () => {
    const fake = createFake({ clock: "auto" });
    fake.programs.define("reader", async (proc) => {
      const text = await readFile(new URL("../../../package.json", import.meta.url), "utf8");
      await proc.sleep(30_000);
      await realDelay(50);
      proc.stdout.write(`${JSON.parse(text).name}\n`);
    });
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const cmd = await within(client.commands.run(sandbox.id, "reader"));
    expect(cmd.status).toBe("exited");
    expect(cmd.stdout).toBe("@crownest/sdk\n");
    expect(fake.clock.now()).toBe(CLOCK_START_MS + 30_000);
  });

  it("a program parked in waitForSignal lets the auto clock reach its timeout", async () => {
    const fake = createFake({ clock: "auto" });
    fake.programs.define("server", async (proc) => {
      proc.stdout.write("listening\n");
      await proc.waitForSignal();
      return 0;
    });
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const cmd = await within(client.commands.run(sandbox.id, "server", { timeoutMs: 5000 })).catch(
      (e: unknown) => e,
    );
    expect(cmd).toBeInstanceOf(CrowNestApiError);
    expect((cmd as CrowNestApiError).code).toBe("command_timed_out");
    expect(fake.clock.now()).toBe(CLOCK_START_MS + 5000);
  });

  it("waitForSignal resolves on a graceful cancel", async () => {
    const fake = createFake({ clock: "manual" });
    fake.programs.define("server", async (proc) => {
      const signal = await proc.waitForSignal();
      proc.stdout.write(`got ${signal}\n`);
      return 3;
    });
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const started = await client.commands.start(sandbox.id, "server");
    await client.commands.cancel(started.id);
    const cmd = await within(client.commands.get(started.id));
    await fake.clock.runAll({ maxTimers: 10 }).catch(() => 0);
    const done = await client.commands.get(cmd.id);
    expect(done.status).toBe("canceled");
    expect(done.stdout).toBe("got SIGTERM\n");
    expect(done.exitCode).toBe(3);
  });
});

describe("a program that holds the clock for long", () => {
  it("is named in a warning, and the call completes once it is done", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const fake = createFake({ clock: "auto", clockStallTimeoutMs: 200 });
      let open = (): void => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      fake.programs.define("wait-for-gate", async () => {
        await gate; // neither fake time nor finished real work
      });
      const client = clientOf(fake);
      const sandbox = await client.sandboxes.create();
      const run = client.commands.run(sandbox.id, "wait-for-gate");
      await realDelay(600);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/held .* by cmd_\w+ \(`wait-for-gate`\)/);
      open();
      expect((await within(run)).status).toBe("exited");
      expect(fake.clock.now()).toBe(CLOCK_START_MS);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("manual clock helpers", () => {
  it("pending() lists timers soonest first; next() fires the next; runAll() fires them all", async () => {
    const clock = createClock("manual");
    const fired: number[] = [];
    clock.setTimer(300, () => fired.push(300));
    clock.setTimer(100, () => {
      fired.push(100);
      clock.setTimer(50, () => fired.push(150));
    });
    expect(clock.pending()).toEqual([
      { at: CLOCK_START_MS + 100, inMs: 100 },
      { at: CLOCK_START_MS + 300, inMs: 300 },
    ]);
    expect(await clock.next()).toBe(CLOCK_START_MS + 100);
    expect(fired).toEqual([100]);
    expect(await clock.runAll()).toBe(2);
    expect(fired).toEqual([100, 150, 300]);
    expect(clock.now()).toBe(CLOCK_START_MS + 300);
    expect(await clock.next()).toBeNull();
  });

  it("an unknown clock mode is an error, not a silent manual clock", () => {
    expect(() => createFake({ clock: "fast" as never })).toThrow(/clock must be/);
  });

  it("runAll() refuses to chase a timer that re-arms forever", async () => {
    const clock = createClock("manual");
    const tick = (): void => {
      clock.setTimer(1000, tick);
    };
    tick();
    await expect(clock.runAll({ maxTimers: 50 })).rejects.toThrow(/still 1 timer/);
  });

  it("a command on the manual clock finishes with runAll()", async () => {
    const fake = createFake({ clock: "manual" });
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const started = await client.commands.start(sandbox.id, "sleep 2; echo ok");
    await fake.clock.next(); // the 2 s sleep
    const cmd = await client.commands.get(started.id);
    expect(cmd.status).toBe("exited");
    expect(cmd.stdout).toBe("ok\n");
    expect(fake.clock.now()).toBe(CLOCK_START_MS + 2000);
  });
});

describe("a stalled manual clock", () => {
  it("a request waiting on fake time nobody moves fails with a clear typed error", async () => {
    const fake = createFake({ clock: "manual", clockStallTimeoutMs: 300 });
    const client = clientOf(fake);
    const sandbox = await client.sandboxes.create();
    const error = await within(client.commands.run(sandbox.id, "sleep 1").catch((e: unknown) => e));
    expect(error).toBeInstanceOf(CrowNestApiError);
    expect((error as CrowNestApiError).code).toBe("invalid_state");
    expect((error as CrowNestApiError).message).toMatch(/manual clock stalled.*timer/);
    expect(fake.context.unexpectedErrors).toEqual([]);
  });

  it("waitFor rejects with ClockStallError in-process", async () => {
    const clock = createClock("manual", { stallTimeoutMs: 100 });
    await expect(clock.waitFor(clock.sleep(1000))).rejects.toBeInstanceOf(ClockStallError);
  });

  it("a clock that moves in time is no stall", async () => {
    const clock = createClock("manual", { stallTimeoutMs: 150 });
    const waiting = clock.waitFor(clock.sleep(1000));
    for (let i = 0; i < 4; i++) {
      await realDelay(100);
      await clock.advance(250);
    }
    await expect(waiting).resolves.toBeUndefined();
  });
});
