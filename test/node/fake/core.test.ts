// The fake's core: clock, seeded randomness, status machine, the app's
// envelopes for unknown routes and methods, createFake defaults and reset().
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../fake/core/random.ts";
import { canTransition, isTerminal, transition } from "../../../fake/core/status.ts";
import { ALL_SCOPES, CLOCK_START_MS, createClock, createFake } from "../../../fake/index.ts";
import { createTestFake } from "../../helpers/test-fake.ts";
import { setup } from "./helpers/process.ts";

describe("manual clock", () => {
  it("starts at 2026-01-01 and formats RFC 3339 with milliseconds", () => {
    const clock = createClock("manual");
    expect(clock.now()).toBe(CLOCK_START_MS);
    expect(clock.iso()).toBe("2026-01-01T00:00:00.000Z");
    expect(clock.iso(CLOCK_START_MS + 1234)).toBe("2026-01-01T00:00:01.234Z");
  });

  it("fires due timers in time order, ties in the order they were set, each at its own time", async () => {
    const clock = createClock("manual");
    const fired: string[] = [];
    const at = (label: string) => () => fired.push(`${label}@${clock.now() - CLOCK_START_MS}`);
    clock.setTimer(300, at("c"));
    clock.setTimer(100, at("a"));
    clock.setTimer(200, at("b1"));
    clock.setTimer(200, at("b2"));
    clock.setTimer(500, at("late"));
    await clock.advance(300);
    expect(fired).toEqual(["a@100", "b1@200", "b2@200", "c@300"]);
    expect(clock.now()).toBe(CLOCK_START_MS + 300);
    expect(clock.pendingTimers()).toBe(1);
  });

  it("fires timers scheduled during advance when they fall inside the window", async () => {
    const clock = createClock("manual");
    const fired: number[] = [];
    clock.setTimer(100, () => {
      fired.push(clock.now() - CLOCK_START_MS);
      clock.setTimer(50, () => fired.push(clock.now() - CLOCK_START_MS));
      clock.setTimer(500, () => fired.push(-1));
    });
    await clock.advance(200);
    expect(fired).toEqual([100, 150]);
    expect(clock.pendingTimers()).toBe(1);
  });

  it("lets async work triggered by a timer settle before the next timer fires", async () => {
    const clock = createClock("manual");
    const log: string[] = [];
    clock.setTimer(10, () => {
      void (async () => {
        await Promise.resolve();
        await Promise.resolve();
        log.push("async after first");
      })();
    });
    clock.setTimer(20, () => log.push("second"));
    await clock.advance(20);
    expect(log).toEqual(["async after first", "second"]);
  });

  it("sleep resolves after the time passes, not before", async () => {
    const clock = createClock("manual");
    let done = false;
    const p = clock.sleep(1000).then(() => {
      done = true;
    });
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it("sleep rejects with the signal's reason when aborted, and cancels its timer", async () => {
    const clock = createClock("manual");
    const controller = new AbortController();
    const p = clock.sleep(1000, controller.signal);
    controller.abort("stop");
    await expect(p).rejects.toBe("stop");
    expect(clock.pendingTimers()).toBe(0);
    const already = AbortSignal.abort("early");
    await expect(clock.sleep(5, already)).rejects.toBe("early");
  });

  it("a cancelled timer never fires; reset() drops timers and rewinds", async () => {
    const clock = createClock("manual");
    let fired = 0;
    const cancel = clock.setTimer(10, () => fired++);
    cancel();
    clock.setTimer(20, () => fired++);
    await clock.advance(5);
    clock.reset();
    await clock.advance(100);
    expect(fired).toBe(0);
    expect(clock.now()).toBe(CLOCK_START_MS + 100);
  });

  it("rejects a negative advance and waitFor is a pass-through", async () => {
    const clock = createClock("manual");
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
    await expect(clock.waitFor(Promise.resolve(3))).resolves.toBe(3);
  });
});

describe("auto clock", () => {
  it("stands still while nothing waits on it", async () => {
    const clock = createClock("auto");
    let fired = false;
    clock.setTimer(1000, () => {
      fired = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(fired).toBe(false);
    expect(clock.now()).toBe(CLOCK_START_MS);
  });

  it("jumps to the next timer only while a request waits, then stops", async () => {
    const clock = createClock("auto");
    const other: number[] = [];
    clock.setTimer(5_000, () => other.push(clock.now() - CLOCK_START_MS));
    clock.setTimer(90_000, () => other.push(clock.now() - CLOCK_START_MS));
    await clock.waitFor(clock.sleep(10_000));
    expect(clock.now()).toBe(CLOCK_START_MS + 10_000);
    expect(other).toEqual([5_000]);
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now()).toBe(CLOCK_START_MS + 10_000);
    expect(other).toEqual([5_000]);
  });

  it("keeps going through chains of sleeps set while waiting", async () => {
    const clock = createClock("auto");
    const work = async (): Promise<number> => {
      for (let i = 0; i < 5; i++) await clock.sleep(1000);
      return clock.now() - CLOCK_START_MS;
    };
    await expect(clock.waitFor(work())).resolves.toBe(5000);
  });

  it("propagates a rejection through waitFor", async () => {
    const clock = createClock("auto");
    await expect(clock.waitFor(Promise.reject(new Error("x")))).rejects.toThrow("x");
  });
});

describe("real clock", () => {
  it("reads wall-clock time and refuses advance", async () => {
    const clock = createClock("real");
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    await expect(clock.advance(1)).rejects.toThrow(/manual or auto/);
    await clock.sleep(0);
    const cancel = clock.setTimer(60_000, () => {});
    expect(clock.pendingTimers()).toBe(1);
    cancel();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("seeded random", () => {
  it("is deterministic per seed and derived streams are independent", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect([a.id("sbx"), a.hex(6), a.int(10)]).toEqual([b.id("sbx"), b.hex(6), b.int(10)]);
    expect(a.id("sbx")).toMatch(/^sbx_[A-Za-z0-9]{16}$/);
    expect(createRandom(43).id("sbx")).not.toBe(createRandom(42).id("sbx"));
    const c = createRandom(42);
    c.derive("faults").next();
    expect(c.id("x")).toBe(createRandom(42).id("x"));
    c.reset();
    expect(c.id("x")).toBe(createRandom(42).id("x"));
  });
});

describe("status transitions (from the contract)", () => {
  it("allows what x-transitions allows and nothing else", () => {
    expect(canTransition("SandboxStatus", "running", "destroyed")).toBe(true);
    expect(canTransition("SandboxStatus", "destroyed", "running")).toBe(false);
    expect(isTerminal("SandboxStatus", "failed")).toBe(true);
    expect(isTerminal("CommandStatus", "running")).toBe(false);
    expect(transition("WorkspaceRunStatus", "ready", "running")).toBe("running");
    expect(() => transition("WorkspaceRunStatus", "succeeded", "running")).toThrow(
      expect.objectContaining({ code: "invalid_state", status: 409 }),
    );
  });
});

describe("createFake defaults", () => {
  it("works with zero setup and is deterministic from the seed", async () => {
    const a = createFake();
    const b = createFake();
    expect(a.apiKey).toMatch(/^cn_test_[A-Za-z0-9]{24}$/);
    expect(a.apiKey).toBe(b.apiKey);
    expect(createFake({ seed: 2 }).apiKey).not.toBe(a.apiKey);
    expect(a.baseUrl).toBe("https://api.crownest.test");
    expect(a.clock.mode).toBe("auto");
    expect(a.config.plan).toEqual({
      maxTtlMs: 3_600_000,
      maxLiveSandboxes: 10,
      maxRunningCommandsPerSandbox: 8,
      logWindow: 1000,
      outputCapBytes: 1_048_576,
      maxFileBytes: 104_857_600,
      maxWorkspaceBytes: 268_435_456,
      maxLogChunkBytes: 16_384,
      runOutputCapBytes: 16_777_216,
      maxTransfersPerRun: 8,
      maxListItems: 1000,
    });
    expect(ALL_SCOPES).toContain("sandbox:create");
    expect(ALL_SCOPES).toContain("workspace_run:cancel");
  });

  it("gives a full-scope apiKey even when the configured keys are narrower", async () => {
    const { fake, call } = createTestFake({
      apiKeys: [{ key: "cn_test_narrow", scopes: ["project:read"] }],
    });
    expect(fake.apiKey).not.toBe("cn_test_narrow");
    expect((await call("POST", "/v1/sandboxes", {})).status).toBe(201);
    expect(
      (await call("POST", "/v1/sandboxes", { apiKey: "cn_test_narrow" })).json.error.code,
    ).toBe("forbidden");
  });

  it("lists the key's projects, in config order", async () => {
    const { fake, call } = createTestFake({
      projects: [{ id: "prj_a", name: "A" }, { id: "prj_b" }],
    });
    const all = await call("GET", "/v1/projects");
    expect(all.json.data.map((p: { id: string }) => p.id)).toEqual(["prj_a", "prj_b"]);
    expect(all.json.data[0]).toEqual({
      id: "prj_a",
      orgId: "org_default",
      name: "A",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const onlyB = fake.createApiKey({ projectIds: ["prj_b"] });
    const b = await call("GET", "/v1/projects", { apiKey: onlyB });
    expect(b.json.data.map((p: { id: string }) => p.id)).toEqual(["prj_b"]);
  });
});

describe("envelopes outside the contract's routes", () => {
  it("answers an unknown route 404 not_found with X-Request-Id", async () => {
    const { call } = createTestFake();
    const res = await call("GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers a wrong method 405 method_not_allowed with Allow", async () => {
    const { call } = createTestFake();
    const res = await call("PATCH", "/v1/sandboxes");
    expect(res.status).toBe(405);
    expect(res.json.error.code).toBe("method_not_allowed");
    expect(res.headers.get("allow")).toBe("GET, POST");
  });

  it("gives each request its own request id", async () => {
    const { call } = createTestFake();
    const a = await call("GET", "/v1/projects");
    const b = await call("GET", "/v1/projects");
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("rejects other origins like an unknown host", async () => {
    const fake = createFake();
    await expect(fake.fetch("https://api.crownest.dev/v1/projects")).rejects.toThrow(TypeError);
  });
});

describe("reset()", () => {
  it("restores the initial state: same IDs again, no resources, clock rewound, faults cleared", async () => {
    const { fake, call } = createTestFake();
    const first = await call("POST", "/v1/sandboxes", { body: {} });
    const extraKey = fake.createApiKey({ scopes: ["project:read"] });
    fake.faults.add({ operation: "listProjects", status: 503 });
    await fake.clock.advance(1000);
    fake.reset();
    expect(fake.clock.now()).toBe(CLOCK_START_MS);
    expect((await call("GET", "/v1/sandboxes")).json.data).toEqual([]);
    expect((await call("GET", "/v1/projects")).status).toBe(200);
    expect((await call("GET", "/v1/projects", { apiKey: extraKey })).status).toBe(200);
    const again = await call("POST", "/v1/sandboxes", { body: {} });
    expect(again.json.id).toBe(first.json.id);
  });

  it("ends the old state's sandboxes first: a request waiting on one of them settles", async () => {
    const f = await setup({ clock: "manual" });
    const ended: string[] = [];
    f.fake.context.onSandboxEnded.add((id, reason) => ended.push(`${id}:${reason}`));
    const waiting = f.run("sleep 100");
    await f.fake.clock.advance(0);
    f.fake.reset();
    expect(ended).toEqual([`${f.sandboxId}:killed`]);
    const res = await waiting;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: "killed", killedReason: "sandbox_destroyed" });
  });
});

describe("busy work", () => {
  it("advance() waits for busy() work before firing timers", async () => {
    const clock = createClock("manual");
    const order: string[] = [];
    let finish!: () => void;
    const work = new Promise<void>((r) => {
      finish = r;
    });
    void clock.busy(work).then(() => {
      order.push("work done");
      clock.setTimer(10, () => order.push("timer set by the work"));
    });
    const advanced = clock.advance(10).then(() => order.push("advanced"));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    finish();
    await advanced;
    expect(order).toEqual(["work done", "timer set by the work", "advanced"]);
  });

  it("the auto clock holds still while busy() work is in flight", async () => {
    const clock = createClock("auto");
    let fired = false;
    clock.setTimer(1000, () => {
      fired = true;
    });
    let finish!: () => void;
    const work = clock.busy(
      new Promise<void>((r) => {
        finish = r;
      }),
    );
    const waiting = clock.waitFor(clock.sleep(2000));
    await new Promise((r) => setTimeout(r, 5));
    expect(fired).toBe(false);
    finish();
    await work;
    await waiting;
    expect(fired).toBe(true);
    expect(clock.now()).toBe(CLOCK_START_MS + 2000);
  });
});

describe("the contract checks of createTestFake", () => {
  it("fail a test on an undeclared status, and pass it with check: false", async () => {
    const { fake, call } = createTestFake();
    fake.faults.add({ operation: "listProjects", status: 418, code: "invalid_request" });
    await expect(call("GET", "/v1/projects")).rejects.toThrow(
      /status 418 is not declared for listProjects/,
    );
    expect((await call("GET", "/v1/projects", { check: false })).status).toBe(418);
  });

  it("fail a test when the fake throws unexpectedly (500 internal_error)", async () => {
    const { fake, call } = createTestFake();
    fake.context.sandboxes.create = () => {
      throw new Error("boom");
    };
    const errors = console.error;
    console.error = () => {};
    try {
      await expect(call("POST", "/v1/sandboxes")).rejects.toThrow(/the fake threw: Error: boom/);
    } finally {
      console.error = errors;
    }
  });

  it("fail a test on a body that breaks the response schema", async () => {
    const { fake, call } = createTestFake();
    const created = (await call("POST", "/v1/sandboxes")).json;
    const get = fake.context.sandboxes.get.bind(fake.context.sandboxes);
    fake.context.sandboxes.get = (key, id) => ({
      ...get(key, id),
      ttlMs: "soon" as unknown as number,
    });
    await expect(call("GET", `/v1/sandboxes/${created.id}`)).rejects.toThrow(/body\/ttlMs/);
  });
});
