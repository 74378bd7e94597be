/**
 * Command commands: run (exit codes, output, file effects of the built-in
 * shell, cwd and env, reserved keys, collection), start (long-running kinds,
 * the per-sandbox quota), get, cancel (graceful and force, idempotent by
 * state), stored logs, log streams (complete, resumed with afterSeq, and
 * broken off after the first event), timeouts, unknown IDs.
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { Command, CommandLogStreamEvent } from "../../../src/index.ts";
import { eventProblems } from "../contract-check.ts";
import {
  attempt,
  ContractCommand,
  expectError,
  expectSuccess,
  type Outcome,
  outcomeSummary,
  type Real,
} from "../harness.ts";
import { CONTRACT_LIMITS } from "../limits.ts";
import {
  advanceClock,
  applyCancel,
  applySpawn,
  applyTimedOut,
  bytesToB64,
  type CommandKind,
  commandEnded,
  commandLine,
  commandPrediction,
  type MCommand,
  type Model,
  pickOf,
  pickSandbox,
  predictCollect,
  predictLogs,
  predictSpawnError,
  type Script,
  type SpawnArgs,
} from "../model.ts";
import {
  choosePath,
  commandCwd,
  commandEnv,
  expectCommand,
  type GenContext,
  type PathChoice,
  PROBE,
  pathChoice,
  script,
  showPath,
  spec,
  unknownId,
} from "./shared.ts";

const exact = (r: Real): boolean => r.target.mode === "in-process";

function describeSpawn(a: SpawnArgs): string {
  const parts = [JSON.stringify(commandLine(a))];
  if (a.cwd !== undefined) parts.push(`cwd=${a.cwd}`);
  if (a.env) parts.push(`env=${JSON.stringify(a.env)}`);
  if (a.timeoutMs !== undefined) parts.push(`timeoutMs=${a.timeoutMs}`);
  if (a.collect) parts.push(`collect=${JSON.stringify(a.collect)}`);
  return parts.join(", ");
}

function spawnOptions(a: SpawnArgs): {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
} {
  return {
    ...(a.cwd !== undefined && { cwd: a.cwd }),
    ...(a.env && { env: a.env }),
    ...(a.timeoutMs !== undefined && { timeoutMs: a.timeoutMs }),
  };
}

/**
 * runCommand and startCommand: the same sandbox pick, the same predicted
 * refusals (quota, destroyed sandbox, reserved env, path escapes), the same
 * bookkeeping of the new command in the model.
 */
abstract class SpawnCommand extends ContractCommand {
  constructor(
    readonly pick: number,
    readonly args: SpawnArgs,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  /**
   * Calls `call` on the picked sandbox. A predicted refusal is checked here
   * (`spawned` is then undefined); a success is recorded in the model.
   */
  protected async spawn(
    m: Model,
    call: (
      sandboxId: Command["sandboxId"],
      line: string,
      options: ReturnType<typeof spawnOptions>,
    ) => Promise<Command>,
  ): Promise<
    { o: Outcome<Command>; label: string; spawned?: { actual: Command; c: MCommand } } | "none"
  > {
    const s = pickSandbox(m, this.pick);
    if (!s) return "none";
    const label = `${this} in ${s.alias}`;
    const error = predictSpawnError(m, s, this.args);
    const o = await attempt(() => call(s.id, commandLine(this.args), spawnOptions(this.args)));
    if (error) {
      expectError(o, error, label);
      return { o, label };
    }
    const actual = expectSuccess(o, label);
    return { o, label, spawned: { actual, c: applySpawn(m, s, actual.id, this.args) } };
  }
}

/** runCommand: waits for the end; a non-zero exit code is no error. */
export class RunCommand extends SpawnCommand {
  static override readonly ops = ["runCommand"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const done = await this.spawn(m, (id, line, options) =>
      r.client.commands.run(id, line, options),
    );
    if (done === "none") return "none";
    const { o, label, spawned } = done;
    if (spawned) expectCommand(spawned.actual, commandPrediction(spawned.c), label, exact(r));
    return outcomeSummary(o);
  }
  toString(): string {
    return `RunCommand(${this.pick}, ${describeSpawn(this.args)})`;
  }
}

/** runCommand with `collect`: the files become artifacts when the exit code is 0. */
export class RunWithCollect extends ContractCommand {
  static override readonly ops = ["runCommand"] as const;
  constructor(
    readonly pick: number,
    readonly script: Script,
    readonly collectChoices: PathChoice[],
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick);
    if (!s) return "none";
    const collect = this.collectChoices.map((c) => choosePath(s.files, c));
    const args: SpawnArgs = { kind: "instant", script: this.script, collect };
    const label = `${this} in ${s.alias}`;
    const error = predictSpawnError(m, s, args);
    const o = await attempt(() =>
      r.client.commands.run(s.id, commandLine(args), {
        collect: collect.map((path) => ({ path })),
      }),
    );
    if (error) {
      expectError(o, error, label);
      return outcomeSummary(o);
    }
    const actual = expectSuccess(o, label);
    const c = applySpawn(m, s, actual.id, args);
    const collected = predictCollect(c, s, collect);
    c.collectStatus = collected.status;
    expectCommand(actual, commandPrediction(c), label, exact(r));
    expect(
      actual.collectedArtifacts.map((a) => a.path),
      `${label}: collected`,
    ).toEqual(collected.collected.map((x) => x.abs));
    expect(
      actual.collectErrors.map((e) => e.code),
      `${label}: collect errors`,
    ).toEqual(collected.errors);
    for (const [i, ref] of actual.collectedArtifacts.entries()) {
      const source = collected.collected[i];
      if (!source) continue;
      c.collectedArtifactIds.push(ref.artifactId);
      m.artifacts.push({
        alias: `art${m.artifacts.length + 1}`,
        id: ref.artifactId,
        sandboxId: s.id,
        path: source.abs,
        name: source.abs.slice(source.abs.lastIndexOf("/") + 1),
        b64: bytesToB64(source.bytes),
        sha256: await sha256Hex(source.bytes),
        deleted: false,
        commandId: c.id,
      });
    }
    return outcomeSummary(o);
  }
  toString(): string {
    const line = JSON.stringify(commandLine({ kind: "instant", script: this.script }));
    return `RunWithCollect(${this.pick}, ${line}, collect=[${this.collectChoices.map(showPath).join(", ")}])`;
  }
}

/** startCommand: answers at once with the `queued` (or `starting`) record. */
export class StartCommand extends SpawnCommand {
  static override readonly ops = ["startCommand"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const done = await this.spawn(m, (id, line, options) =>
      r.client.commands.start(id, line, options),
    );
    if (done === "none") return "none";
    const { o, label, spawned } = done;
    if (!spawned) return outcomeSummary(o);
    const { actual, c } = spawned;
    expect(["queued", "starting"], label).toContain(actual.status);
    expectCommand(
      { ...actual, status: "queued" },
      {
        ...commandPrediction(c),
        status: "queued",
        exitCode: null,
        stdout: "",
        stderr: "",
        cancelMode: null,
        terminationSignal: null,
        killedReason: null,
      },
      label,
      true,
    );
    return outcomeSummary(o, (v) => ({ ...(v as Command), status: "queued" }));
  }
  toString(): string {
    return `StartCommand(${this.pick}, ${describeSpawn(this.args)})`;
  }
}

/** startCommand of a user program of the fake (`trap-term`, `stubborn`). */
export class StartProgram extends StartCommand {
  static override readonly needs = ["programs"] as const;
  override toString(): string {
    return `StartProgram(${this.pick}, ${describeSpawn(this.args)})`;
  }
}

export class GetCommand extends ContractCommand {
  static override readonly ops = ["getCommand"] as const;
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.commands.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const c = pickOf(m.commands, this.pick) as MCommand;
    const o = await attempt(() => r.client.commands.get(c.id));
    const actual = expectSuccess(o, `${this} ${c.alias}`);
    expect(actual.id).toBe(c.id);
    expectCommand(actual, commandPrediction(c), `${this} ${c.alias}`, exact(r));
    return outcomeSummary(o);
  }
  toString(): string {
    return `GetCommand(${this.pick})`;
  }
}

/**
 * cancelCommand, idempotent by state: `mode` left out is graceful; with
 * `repeat`, a second cancel (often of an ended command) answers its record.
 */
export class CancelCommand extends ContractCommand {
  static override readonly ops = ["cancelCommand"] as const;
  constructor(
    readonly pick: number,
    readonly mode: "graceful" | "force" | undefined,
    readonly repeat = false,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.commands.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const c = pickOf(m.commands, this.pick) as MCommand;
    const outcomes: Outcome<Command>[] = [];
    for (let i = 0; i < (this.repeat ? 2 : 1); i++) {
      const o = await attempt(() =>
        r.client.commands.cancel(c.id, this.mode === undefined ? undefined : { mode: this.mode }),
      );
      applyCancel(m, c, this.mode ?? "graceful");
      const label = `${this} ${c.alias}${i > 0 ? " (again)" : ""}`;
      const actual = expectSuccess(o, label);
      expect(actual.id).toBe(c.id);
      expectCommand(actual, commandPrediction(c), label, exact(r));
      outcomes.push(o);
    }
    return outcomes.map((o) => outcomeSummary(o));
  }
  toString(): string {
    return `CancelCommand(${this.pick}, ${this.mode ?? "mode omitted"}${this.repeat ? ", twice" : ""})`;
  }
}

/**
 * listCommandLogs: chunks after afterSeq, at most limit (the contract's
 * default page when left out), seq 1, 2, 3, ...; a limit outside the
 * contract's range is invalid_request. `longest` picks the command with the
 * most chunks, so a page that the default limit cuts is read often.
 */
export class ListLogs extends ContractCommand {
  static override readonly ops = ["listCommandLogs"] as const;
  constructor(
    readonly pick: number,
    readonly afterSeq: number | undefined,
    readonly limit: number | undefined,
    readonly longest = false,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.commands.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const c = (
      this.longest
        ? m.commands.reduce((a, b) => (b.chunks.length > a.chunks.length ? b : a))
        : pickOf(m.commands, this.pick)
    ) as MCommand;
    const o = await attempt(() =>
      r.client.commands.logs(c.id, {
        ...(this.afterSeq !== undefined && { afterSeq: this.afterSeq }),
        ...(this.limit !== undefined && { limit: this.limit }),
      }),
    );
    const { logLimitMin, logLimitMax } = CONTRACT_LIMITS;
    if (this.limit !== undefined && !(this.limit >= logLimitMin && this.limit <= logLimitMax)) {
      expectError(o, "invalid_request", `${this} ${c.alias}`);
      return outcomeSummary(o);
    }
    const chunks = expectSuccess(o, `${this} ${c.alias}`);
    const visible = exact(r) ? chunks : chunks.filter((k) => k.stream === "stdout");
    const predicted = predictLogs(c, this.afterSeq, this.limit);
    expect(
      visible.map((k) => ({ seq: k.seq, stream: k.stream, data: k.data })),
      `${this} ${c.alias}`,
    ).toEqual(exact(r) ? predicted : predicted.filter((k) => k.stream === "stdout"));
    for (const k of chunks) expect(k.commandId).toBe(c.id);
    return outcomeSummary(o);
  }
  toString(): string {
    const which = this.longest ? "longest" : String(this.pick);
    return `ListLogs(${which}, afterSeq=${this.afterSeq}, limit=${this.limit})`;
  }
}

/**
 * Output past one page: runCommand of a script of `lines` echoes (one chunk
 * each), then listCommandLogs page by page with the default page size (no
 * `limit`), each page resumed after the last seq: every page but the last is
 * exactly the default size, and together they are every chunk once.
 */
export class PageLogs extends ContractCommand {
  static override readonly ops = ["runCommand", "listCommandLogs"] as const;
  constructor(
    readonly pick: number,
    readonly lines: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick);
    if (!s) return "none";
    const args: SpawnArgs = { kind: "instant", script: manyLines(this.lines) };
    const label = `${this} in ${s.alias}`;
    const error = predictSpawnError(m, s, args);
    const o = await attempt(() => r.client.commands.run(s.id, commandLine(args)));
    if (error) {
      expectError(o, error, label);
      return outcomeSummary(o);
    }
    const actual = expectSuccess(o, label);
    const c = applySpawn(m, s, actual.id, args);
    expectCommand(actual, commandPrediction(c), label, exact(r));
    const pages: number[] = [];
    let afterSeq: number | undefined;
    for (;;) {
      const page = expectSuccess(
        await attempt(() =>
          r.client.commands.logs(c.id, afterSeq === undefined ? undefined : { afterSeq }),
        ),
        `${label}: the page after ${afterSeq ?? "the start"}`,
      );
      expect(
        page.map((k) => ({ seq: k.seq, stream: k.stream, data: k.data })),
        `${label}: the default page after ${afterSeq ?? "the start"}`,
      ).toEqual(predictLogs(c, afterSeq, undefined));
      pages.push(page.length);
      const last = page.at(-1);
      if (!last || pages.length > this.lines) break;
      afterSeq = last.seq;
    }
    return { ok: pages };
  }
  toString(): string {
    return `PageLogs(${this.pick}, ${this.lines} lines)`;
  }
}

/** A script of `n` echoes: `n` stdout chunks. */
export function manyLines(n: number): Script {
  return {
    steps: Array.from({ length: n }, (_, i) => ({
      conn: ";" as const,
      step: { kind: "echo" as const, words: [`line${i + 1}`] },
    })),
  };
}

async function readStream(
  r: Real,
  stream: AsyncIterable<CommandLogStreamEvent>,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<Outcome<CommandLogStreamEvent[]>> {
  return attempt(async () => {
    const events: CommandLogStreamEvent[] = [];
    for await (const event of stream) {
      const problems = eventProblems("streamCommandLogs", event);
      if (problems.length > 0) r.violations.push(...problems);
      if (event.type === "heartbeat") continue;
      events.push(event);
      if (events.length >= stopAfter) break;
    }
    return events;
  });
}

/**
 * streamCommandLogs of an ended command, from the start or resumed after a
 * seq: every chunk once, in order, then the terminal event with the record.
 */
export class StreamLogs extends ContractCommand {
  static override readonly ops = ["streamCommandLogs"] as const;
  constructor(
    readonly pick: number,
    readonly afterSeq: number | undefined,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.commands.some(commandEnded);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const c = pickOf(m.commands.filter(commandEnded), this.pick) as MCommand;
    const input = this.afterSeq === undefined ? {} : { afterSeq: this.afterSeq };
    const o = await readStream(r, r.client.commands.streamLogs(c.id, input));
    const events = expectSuccess(o, `${this} ${c.alias}`);
    const logs = events.filter((e) => e.type === "log");
    const predicted = predictLogs(c, this.afterSeq, Number.POSITIVE_INFINITY);
    const keep = (k: { stream: string }) => exact(r) || k.stream === "stdout";
    expect(
      logs.filter(keep).map((e) => ({ seq: e.seq, stream: e.stream, data: e.data })),
      `${this} ${c.alias}: the chunks, each once`,
    ).toEqual(predicted.filter(keep));
    const last = events.at(-1);
    expect(last?.type, `${this}: ends with terminal`).toBe("terminal");
    expect(events.filter((e) => e.type !== "log").length, "only log events before terminal").toBe(
      1,
    );
    if (last?.type === "terminal") {
      expectCommand(last.command, commandPrediction(c), `${this} terminal`, exact(r));
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `StreamLogs(${this.pick}, afterSeq=${this.afterSeq})`;
  }
}

/** streamCommandLogs broken off after its first event (a running command's stream too). */
export class StreamFirstLog extends ContractCommand {
  static override readonly ops = ["streamCommandLogs"] as const;
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.commands.some((c) => c.chunks.length > 0);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const c = pickOf(
      m.commands.filter((x) => x.chunks.length > 0),
      this.pick,
    ) as MCommand;
    const o = await readStream(r, r.client.commands.streamLogs(c.id), 1);
    const [first] = expectSuccess(o, `${this} ${c.alias}`);
    const chunk = c.chunks[0];
    expect(
      first?.type === "log" && { seq: first.seq, stream: first.stream, data: first.data },
    ).toEqual({ seq: 1, ...chunk });
    return outcomeSummary(o);
  }
  toString(): string {
    return `StreamFirstLog(${this.pick})`;
  }
}

/**
 * runCommand past its timeout: 422 command_timed_out with the final record in
 * details.command. In-process the fake's clock moves by the timeout while the
 * call waits (and whatever else falls due fires too: a TTL that expires first
 * kills the command instead); remotely the timeout is a real 50 ms.
 */
export class RunTimeout extends ContractCommand {
  static override readonly ops = ["runCommand"] as const;
  constructor(
    readonly pick: number,
    readonly seconds: number,
    readonly timeoutMs: number,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.sandboxes.length > 0;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const s = pickSandbox(m, this.pick);
    if (!s) return "none";
    const fake = r.target.fake;
    const timeoutMs = fake ? this.timeoutMs : 50;
    const args: SpawnArgs = { kind: "sleep", seconds: this.seconds, timeoutMs };
    const label = `${this} in ${s.alias}`;
    const error = predictSpawnError(m, s, args);
    const before = fake?.clock.pendingTimers() ?? 0;
    const call = attempt(() => r.client.commands.run(s.id, commandLine(args), { timeoutMs }));
    if (error) {
      const o = await call;
      expectError(o, error, label);
      return outcomeSummary(o);
    }
    const c = applySpawn(m, s, "cmd_pending", args);
    if (fake) {
      // The fake has spawned it once its timeout and sleep timers are set.
      for (let i = 0; i < 200 && fake.clock.pendingTimers() < before + 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await fake.clock.advance(timeoutMs);
      advanceClock(m, timeoutMs);
    } else {
      applyTimedOut(c);
    }
    const o = await call;
    if (c.status === "timed_out") {
      expectError(o, "command_timed_out", label);
      const record = (o.ok ? undefined : o.error.details?.command) as Command | undefined;
      expect(record, `${label}: details.command`).toBeDefined();
      c.id = (record as Command).id;
      expectCommand(record as Command, commandPrediction(c), `${label}: details.command`, exact(r));
    } else {
      const actual = expectSuccess(o, label);
      c.id = actual.id;
      expectCommand(actual, commandPrediction(c), label, exact(r));
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `RunTimeout(${this.pick}, sleep ${this.seconds}, timeoutMs=${this.timeoutMs})`;
  }
}

/** Unknown command IDs: 404 on get, cancel and logs. */
export class UnknownCommand extends ContractCommand {
  static override readonly ops = ["getCommand", "cancelCommand", "listCommandLogs"] as const;
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const id = unknownId("cmd");
    const outcomes = [
      await attempt(() => r.client.commands.get(id)),
      await attempt(() => r.client.commands.cancel(id)),
      await attempt(() => r.client.commands.logs(id)),
    ];
    for (const o of outcomes) expectError(o, "not_found", `${this}`);
    return outcomes.map((o) => outcomeSummary(o));
  }
  toString(): string {
    return "UnknownCommand()";
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const LONG_KINDS: Exclude<CommandKind, "instant">[] = ["sleep"];

/**
 * Line counts around the default log page (and its maximum): one under, at,
 * one over, and past two pages.
 */
const LONG_OUTPUT_LINES = [
  CONTRACT_LIMITS.logLimitDefault - 1,
  CONTRACT_LIMITS.logLimitDefault,
  CONTRACT_LIMITS.logLimitDefault + 1,
  CONTRACT_LIMITS.logLimitMax + 1,
];

/** Instant commands' timeouts: left out mostly, the maximum, one over it (invalid_request). */
const instantTimeout = fc.constantFrom(
  undefined,
  undefined,
  undefined,
  undefined,
  CONTRACT_LIMITS.timeoutMaxMs,
  CONTRACT_LIMITS.timeoutMaxMs + 1,
);

/**
 * Instant commands. `longOutput`: sometimes output past a log page (for
 * runCommand only: a started one would still be writing at the next step).
 */
function instantArgs(longOutput = false): fc.Arbitrary<SpawnArgs> {
  const long = fc.constantFrom(...LONG_OUTPUT_LINES).map(manyLines);
  return fc
    .record({
      script: longOutput
        ? fc.oneof({ weight: 9, arbitrary: script }, { weight: 1, arbitrary: long })
        : script,
      cwd: commandCwd,
      env: commandEnv,
      timeoutMs: instantTimeout,
    })
    .map(({ script: s, cwd, env, timeoutMs }) => ({
      kind: "instant" as const,
      script: s,
      ...(cwd !== undefined && { cwd }),
      ...(env !== undefined && { env }),
      ...(timeoutMs !== undefined && { timeoutMs }),
    }));
}

function longArgs(
  ctx: GenContext,
  kinds: Exclude<CommandKind, "instant">[],
): fc.Arbitrary<SpawnArgs> {
  const seconds = ctx.clockKnown ? fc.constantFrom(1, 5, 30, 90) : fc.constant(1000);
  const timeoutMs = ctx.clockKnown
    ? fc.constantFrom(undefined, 2_500, 25_000, 600_000)
    : fc.constant(600_000);
  return fc
    .record({ kind: fc.constantFrom(...kinds), seconds, timeoutMs })
    .map(({ kind, seconds: sec, timeoutMs: t }) => ({
      kind,
      ...(kind === "sleep" && { seconds: sec }),
      ...(t !== undefined && { timeoutMs: t }),
    }));
}

export const commandCommands = [
  spec(
    RunCommand,
    () => fc.tuple(fc.nat(), instantArgs(true)).map(([p, a]) => new RunCommand(p, a)),
    3,
  ),
  spec(RunWithCollect, () =>
    fc
      .tuple(fc.nat(), script, fc.array(pathChoice, { minLength: 1, maxLength: 2 }))
      .map(([p, s, c]) => new RunWithCollect(p, s, c)),
  ),
  spec(
    StartCommand,
    (ctx) =>
      fc
        .tuple(fc.nat(), fc.oneof(instantArgs(), longArgs(ctx, LONG_KINDS)))
        .map(([p, a]) => new StartCommand(p, a)),
    3,
  ),
  spec(StartProgram, (ctx) =>
    fc.tuple(fc.nat(), longArgs(ctx, ["trap", "stubborn"])).map(([p, a]) => new StartProgram(p, a)),
  ),
  spec(GetCommand, () => fc.nat().map((p) => new GetCommand(p))),
  spec(CancelCommand, () =>
    fc
      .tuple(
        fc.nat(),
        fc.constantFrom<"graceful" | "force" | undefined>("graceful", "force", undefined),
        fc.boolean(),
      )
      .map(([p, mode, repeat]) => new CancelCommand(p, mode, repeat)),
  ),
  spec(ListLogs, () => {
    const { logLimitMin: min, logLimitMax: max } = CONTRACT_LIMITS;
    return fc
      .tuple(
        fc.nat(),
        fc.constantFrom(undefined, 0, 1, 2, 5),
        fc.constantFrom(undefined, undefined, undefined, min, 2, max, min - 1, max + 1),
        fc.boolean(),
      )
      .map(([p, a, l, longest]) => new ListLogs(p, a, l, longest));
  }),
  spec(PageLogs, () =>
    fc.tuple(fc.nat(), fc.constantFrom(...LONG_OUTPUT_LINES)).map(([p, n]) => new PageLogs(p, n)),
  ),
  spec(StreamLogs, () =>
    fc.tuple(fc.nat(), fc.constantFrom(undefined, 0, 1, 2)).map(([p, a]) => new StreamLogs(p, a)),
  ),
  spec(StreamFirstLog, () => fc.nat().map((p) => new StreamFirstLog(p))),
  spec(RunTimeout, () =>
    fc
      .tuple(fc.nat(), fc.constantFrom(30, 120), fc.constantFrom(1_500, 20_000))
      .map(([p, s, t]) => new RunTimeout(p, s, t)),
  ),
  spec(UnknownCommand, () => fc.constant(new UnknownCommand()), PROBE),
];
