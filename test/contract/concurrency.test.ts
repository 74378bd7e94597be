// Concurrency: fast-check's scheduler decides when each request reaches the
// target and when its answer comes back (and, in-process, when the fake's
// clock moves), interleaving concurrent calls: two cancels of one command,
// a cancel against the command's exit, a kill against a run, duplicate
// creates with one Idempotency-Key, a workspace run's cancel against its
// start. Whatever the order, the outcome is one the contract allows, the
// answers agree with the final state, nothing is created twice, no log chunk
// is lost or repeated, and every failure is a typed CrowNestApiError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Command, Preview, Sandbox, WorkspaceRun } from "../../src/index.ts";
import { archive } from "./commands/workspace-runs.ts";
import {
  attempt,
  checkProperty,
  createReal,
  type Outcome,
  type Real,
  timeoutFor,
} from "./harness.ts";
import { openTarget, type Target, targetConfig } from "./target.ts";

const config = targetConfig();
const inProcess = config.mode === "in-process";

type Mode = "graceful" | "force";
type Scenario =
  | { kind: "two cancels"; program: "sleep" | "trap" | "stubborn"; modes: [Mode, Mode] }
  | { kind: "cancel against exit"; mode: Mode }
  | { kind: "kill against run"; sleep: boolean }
  | { kind: "duplicate creates"; what: "sandbox" | "command" | "run" | "artifact"; n: number }
  | { kind: "concurrent previews"; n: number }
  | { kind: "run cancel against start" };

const mode = fc.constantFrom<Mode>("graceful", "force");
const scenario: fc.Arbitrary<Scenario> = fc.oneof(
  fc.record({
    kind: fc.constant("two cancels" as const),
    // The fake's programs exist in-process only.
    program: inProcess
      ? fc.constantFrom("sleep" as const, "trap" as const, "stubborn" as const)
      : fc.constant("sleep" as const),
    modes: fc.tuple(mode, mode),
  }),
  fc.record({ kind: fc.constant("cancel against exit" as const), mode }),
  fc.record({ kind: fc.constant("kill against run" as const), sleep: fc.boolean() }),
  fc.record({
    kind: fc.constant("duplicate creates" as const),
    what: fc.constantFrom(
      "sandbox" as const,
      "command" as const,
      "run" as const,
      "artifact" as const,
    ),
    n: fc.integer({ min: 2, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("concurrent previews" as const),
    n: fc.integer({ min: 2, max: 3 }),
  }),
  fc.record({ kind: fc.constant("run cancel against start" as const) }),
);

/** Lets the target's own asynchronous work (real macrotasks) settle before each scheduled step. */
const act = async (f: () => Promise<unknown>): Promise<unknown> => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return f();
};

interface World {
  target: Target;
  /** Through the scheduler. */
  real: Real;
  /** Direct: for setup and the final checks. */
  direct: Real;
  sandbox: Sandbox;
  /** Moves the fake's clock as one scheduled task (nothing remotely). */
  advance(ms: number): Promise<undefined>;
}

async function world(seed: number, s: fc.Scheduler): Promise<World> {
  const target = openTarget(seed, config);
  const tag = inProcess ? "t" : `cc${Date.now().toString(36)}${seed.toString(36)}`;
  const wrapFetch = (fetch: (r: Request) => Promise<Response>) => async (request: Request) => {
    const what = `${request.method} ${new URL(request.url).pathname}`;
    await s.schedule(Promise.resolve(), `send ${what}`);
    const res = await fetch(request);
    return s.schedule(Promise.resolve(res), `answer ${what}`);
  };
  const real = createReal(target, { wrapFetch, tag });
  const direct = createReal(target, { tag });
  const sandbox = (await direct.client.sandboxes.create({ metadata: { ct: tag } })).toJSON();
  await direct.client.files.write(sandbox.id, "a.txt", "alpha");
  const fake = target.fake;
  return {
    target,
    real,
    direct,
    sandbox,
    advance: (ms) =>
      fake
        ? s
            .schedule(Promise.resolve(), `advance ${ms} ms`)
            .then(() => fake.clock.advance(ms))
            .then(() => undefined)
        : Promise.resolve(undefined),
  };
}

/** The final record of a command, once it has ended (advancing a graceful cancel's grace in-process). */
async function settled(w: World, id: Command["id"]): Promise<Command> {
  let command = await w.direct.client.commands.get(id);
  if (command.status === "running" && w.target.fake) {
    await w.target.fake.clock.advance(10_000);
    command = await w.direct.client.commands.get(id);
  }
  return command;
}

/** The command's log chunks: seq 1..n, each once, matching the record's output. */
async function expectLogs(w: World, command: Command): Promise<void> {
  const chunks = await w.direct.client.commands.logs(command.id, { limit: 100 });
  expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i + 1));
  const out = (stream: string) =>
    chunks
      .filter((c) => c.stream === stream)
      .map((c) => c.data)
      .join("");
  expect(out("stdout"), "stdout = its chunks").toBe(command.stdout);
  expect(out("stderr"), "stderr = its chunks").toBe(command.stderr);
}

/**
 * Runs the calls concurrently: each starts when the scheduler releases its
 * gate (all gates are scheduled at once, so any order can come first), and
 * each of their requests and answers is scheduled too.
 */
function concurrently<T extends unknown[]>(
  s: fc.Scheduler,
  calls: { [K in keyof T]: [string, () => Promise<T[K]>] },
): Promise<T> {
  const started = calls.map(([label, call]) =>
    s.schedule(Promise.resolve(), `start ${label}`).then(call),
  );
  return s.waitFor(Promise.all(started)) as Promise<T>;
}

function value<T>(o: Outcome<T>, label: string): T {
  if (!o.ok) throw new Error(`${label}: ${o.error.code} ${o.error.message}`);
  return o.value;
}

type ScenarioOf<K extends Scenario["kind"]> = Extract<Scenario, { kind: K }>;
type Player<K extends Scenario["kind"]> = (
  w: World,
  sc: ScenarioOf<K>,
  s: fc.Scheduler,
) => Promise<void>;

async function playTwoCancels(
  w: World,
  sc: ScenarioOf<"two cancels">,
  s: fc.Scheduler,
): Promise<void> {
  const c = w.real.client;
  const direct = w.direct.client;
  const sbx = w.sandbox.id;
  const line =
    sc.program === "sleep"
      ? "echo started; sleep 1000"
      : sc.program === "trap"
        ? "trap-term"
        : "stubborn";
  const cmd = await direct.commands.start(sbx, line, { timeoutMs: 600_000 });
  const answers = await concurrently(
    s,
    sc.modes.map((m, i) => [
      `cancel ${i} (${m})`,
      () => attempt(() => c.commands.cancel(cmd.id, { mode: m })),
    ]) as [string, () => Promise<Outcome<Command>>][],
  );
  const final = await settled(w, cmd.id);
  expect(final.status).toBe("canceled");
  expect(sc.modes).toContain(final.cancelMode);
  if (final.cancelMode === "force") expect(final.terminationSignal).toBe("SIGKILL");
  if (sc.program === "trap" && final.cancelMode === "graceful") {
    expect([final.exitCode, final.stdout]).toEqual([3, "armed\ncleanup\n"]);
  }
  for (const [i, o] of answers.entries()) {
    const record = value(o, `cancel ${i}`);
    expect(record.cancelMode, "each answer shows a cancel").not.toBeNull();
    // An answer is the final record, or (a graceful cancel of a program
    // that ignores SIGTERM) the state before its SIGKILL.
    if (record.status !== "running") expect(record).toEqual(final);
    else expect([sc.program, record.cancelMode]).toEqual(["stubborn", "graceful"]);
  }
  await expectLogs(w, final);
}

async function playCancelAgainstExit(
  w: World,
  sc: ScenarioOf<"cancel against exit">,
  s: fc.Scheduler,
): Promise<void> {
  const c = w.real.client;
  const direct = w.direct.client;
  const sbx = w.sandbox.id;
  // In-process the clock ends `sleep 5`; remotely `true` ends by itself.
  const line = inProcess ? "echo started; sleep 5" : "echo started; true";
  const cmd = await direct.commands.start(sbx, line);
  const [answer] = await concurrently<[Outcome<Command>, undefined]>(s, [
    ["cancel", () => attempt(() => c.commands.cancel(cmd.id, { mode: sc.mode }))],
    ["the exit", () => w.advance(5_000)],
  ]);
  const final = await settled(w, cmd.id);
  expect(["exited", "canceled"]).toContain(final.status);
  if (final.status === "exited") expect([final.exitCode, final.cancelMode]).toEqual([0, null]);
  else expect(final.cancelMode).toBe(sc.mode);
  expect(value(answer, "cancel"), "the answer is the final record").toEqual(final);
  await expectLogs(w, final);
}

async function playKillAgainstRun(
  w: World,
  sc: ScenarioOf<"kill against run">,
  s: fc.Scheduler,
): Promise<void> {
  const c = w.real.client;
  const direct = w.direct.client;
  const sbx = w.sandbox.id;
  const line = sc.sleep && inProcess ? "echo started; sleep 5" : "echo started";
  const [run, kill] = await concurrently<[Outcome<Command>, Outcome<Sandbox>, undefined]>(s, [
    ["run", () => attempt(() => c.commands.run(sbx, line))],
    ["kill", () => attempt(() => c.sandboxes.kill(sbx))],
    ["the clock", () => w.advance(5_000)],
  ]);
  const killed = value(kill, "kill");
  expect([killed.status, killed.endedReason]).toEqual(["destroyed", "killed"]);
  if (!run.ok) {
    expect([run.error.code, run.error.status]).toEqual(["sandbox_destroyed", 409]);
  } else {
    const final = await settled(w, run.value.id);
    expect(run.value, "the run's answer is the final record").toEqual(final);
    if (final.status === "killed") {
      expect([final.killedReason, final.terminationSignal, final.exitCode]).toEqual([
        "sandbox_destroyed",
        "SIGKILL",
        null,
      ]);
    } else {
      expect([final.status, final.exitCode]).toEqual(["exited", 0]);
    }
    await expectLogs(w, final);
  }
  expect((await direct.sandboxes.get(sbx)).status).toBe("destroyed");
}

async function playDuplicateCreates(
  w: World,
  sc: ScenarioOf<"duplicate creates">,
  s: fc.Scheduler,
): Promise<void> {
  const c = w.real.client;
  const direct = w.direct.client;
  const sbx = w.sandbox.id;
  const key = `${w.real.tag}-dup-${sc.what}-${sc.n}`;
  const many = <T>(call: () => Promise<T>) =>
    concurrently(
      s,
      Array.from({ length: sc.n }, (_, i) => [`create ${i}`, () => attempt(call)]) as [
        string,
        () => Promise<Outcome<T>>,
      ][],
    );
  const same = <T>(answers: Outcome<T>[]): T => {
    const values = answers.map((o, i) => value(o, `create ${i}`));
    for (const v of values) expect(v, "every answer is the first one").toEqual(values[0]);
    return values[0] as T;
  };
  if (sc.what === "sandbox") {
    const before = (await direct.sandboxes.list({ includeEnded: true })).length;
    const created = same(
      (
        await many(() => c.sandboxes.create({ metadata: { ct: w.real.tag }, idempotencyKey: key }))
      ).map((o): Outcome<Sandbox> => (o.ok ? { ok: true, value: o.value.toJSON() } : o)),
    );
    const after = await direct.sandboxes.list({ includeEnded: true });
    expect(after.length - before, "one sandbox").toBe(1);
    expect(after.map((x) => x.id)).toContain(created.id);
    await direct.sandboxes.kill(created.id);
  } else if (sc.what === "command") {
    const cmd = same(
      await many(() => c.commands.start(sbx, "echo once >> dup.log", { idempotencyKey: key })),
    );
    const final = await settled(w, cmd.id);
    expect(final.status).toBe("exited");
    expect(await direct.files.read(sbx, "dup.log"), "the command ran once").toBe("once\n");
  } else if (sc.what === "run") {
    const run = same(
      await many(() =>
        c.workspaceRuns.create({
          command: "true",
          metadata: { ct: w.real.tag },
          idempotencyKey: key,
        }),
      ),
    );
    const runs = await direct.workspaceRuns.list({ metadata: { ct: w.real.tag } });
    expect(
      runs.map((r) => r.id),
      "one run",
    ).toEqual([run.id]);
  } else {
    const artifact = same(
      await many(() => c.artifacts.create(sbx, "a.txt", { idempotencyKey: key })),
    );
    const artifacts = await direct.artifacts.list(sbx);
    expect(
      artifacts.map((a) => a.id),
      "one artifact",
    ).toEqual([artifact.id]);
  }
}

async function playConcurrentPreviews(
  w: World,
  sc: ScenarioOf<"concurrent previews">,
  s: fc.Scheduler,
): Promise<void> {
  const c = w.real.client;
  const direct = w.direct.client;
  const sbx = w.sandbox.id;
  // No shared key: the contract's rule (one active preview per port) keeps them one.
  const answers = await concurrently(
    s,
    Array.from({ length: sc.n }, (_, i) => [
      `preview ${i}`,
      () => attempt(() => c.previews.create(sbx, 8080)),
    ]) as [string, () => Promise<Outcome<Preview>>][],
  );
  const ids = new Set(answers.map((o, i) => value(o, `preview ${i}`).id));
  expect(ids.size, "one preview").toBe(1);
  expect((await direct.previews.list(sbx)).map((p) => p.id)).toEqual([...ids]);
}

async function playRunCancelAgainstStart(
  w: World,
  _sc: ScenarioOf<"run cancel against start">,
  s: fc.Scheduler,
): Promise<void> {
  const c = w.real.client;
  const direct = w.direct.client;
  const { bytes } = await archive("basic");
  const created = await direct.workspaceRuns.create({
    command: "cat hello.txt",
    metadata: { ct: w.real.tag },
  });
  await direct.workspaceRuns.uploadArchive(created.id, { bytes });
  const [start, cancel] = await concurrently<[Outcome<WorkspaceRun>, Outcome<WorkspaceRun>]>(s, [
    ["start", () => attempt(() => c.workspaceRuns.start(created.id))],
    ["cancel", () => attempt(() => c.workspaceRuns.cancel(created.id))],
  ]);
  const canceled = value(cancel, "cancel");
  if (!start.ok) {
    expect(start.error.code, "a start after the cancel").toBe("invalid_state");
    expect(canceled.status).toBe("canceled");
  }
  // The stream ends once the run is sealed; its events are each once, in order.
  const events = [];
  for await (const e of direct.workspaceRuns.streamEvents(created.id)) events.push(e);
  const terminal = events.at(-1);
  expect(terminal?.type).toBe("terminal");
  const sequenced = events.filter((e) => "seq" in e) as { seq: number }[];
  expect(sequenced.map((e) => e.seq)).toEqual(sequenced.map((_, i) => i + 1));
  const final = await direct.workspaceRuns.get(created.id);
  expect(["canceled", "succeeded"]).toContain(final.status);
  expect(canceled.status, "the cancel's answer is the final status").toBe(final.status);
  const evidence = await direct.workspaceRuns.evidence(created.id);
  expect(evidence.status).toBe(final.status);
  if (final.sandboxId !== null) {
    expect((await direct.sandboxes.get(final.sandboxId)).status).toBe("destroyed");
  }
}

/** Each kind of scenario's player (a kind without one does not type-check). */
const players: { [K in Scenario["kind"]]: Player<K> } = {
  "two cancels": playTwoCancels,
  "cancel against exit": playCancelAgainstExit,
  "kill against run": playKillAgainstRun,
  "duplicate creates": playDuplicateCreates,
  "concurrent previews": playConcurrentPreviews,
  "run cancel against start": playRunCancelAgainstStart,
};

function play(w: World, sc: Scenario, s: fc.Scheduler): Promise<void> {
  // TypeScript cannot correlate sc's kind with the player the table gives it.
  const player = players[sc.kind] as Player<Scenario["kind"]>;
  return player(w, sc, s);
}

describe("concurrent requests in every order the scheduler picks", () => {
  const RUNS = 50;
  it(
    "concurrent calls end in a state the contract allows, consistent with every answer",
    async () => {
      await checkProperty(
        "concurrent calls end in a state the contract allows, consistent with every answer",
        fc.asyncProperty(
          fc.scheduler({ act }),
          scenario,
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          async (s, sc, seed) => {
            const w = await world(seed, s);
            try {
              await play(w, sc, s);
              expect([...w.real.violations, ...w.direct.violations], "contract violations").toEqual(
                [],
              );
            } finally {
              if (w.target.mode === "remote")
                await w.direct.client.sandboxes.kill(w.sandbox.id).catch(() => {});
            }
          },
        ),
        RUNS,
      );
    },
    timeoutFor(RUNS, 500),
  );
});
