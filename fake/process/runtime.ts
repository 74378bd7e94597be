/**
 * The command runtime: each command is a simulated process running the mini
 * shell (fake/process/exec.ts) on the fake clock, with a status machine
 * (fake/core/status.ts), sequenced logs (an EventLog), output caps, timeouts,
 * cancellation (SIGTERM, SIGKILL 10 s later; or SIGKILL at once), artifact
 * collection, and death with its sandbox. Routes and workspace runs use it.
 *
 * @module
 */
import { limits } from "../../src/generated/contract.ts";
import type { components } from "../../src/generated/openapi.ts";
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { EventLog } from "../core/event-log.ts";
import { isTerminal, transition } from "../core/status.ts";
import { splitUtf8, utf8Prefix } from "../core/utf8.ts";
import { type ProcessHost, type ProcessVfs, runShell, type ShellResult, SIGTERM } from "./exec.ts";
import { type ProcSignal, type ProgramRegistry, programsFor } from "./programs.ts";
import { type CommandSnapshot, RestoredCommand } from "./restored.ts";

type Schemas = components["schemas"];
/** A command record, as the API returns it. */
export type Command = Schemas["Command"];
/** A command's status. */
export type CommandStatus = Schemas["CommandStatus"];
/** One stored log chunk. */
export type CommandLogChunk = Schemas["CommandLogChunk"];
/** A file to collect as an artifact. */
export type CollectSpec = Schemas["CollectSpec"];
/** How to cancel. */
export type CancelMode = "graceful" | "force";

/** What to run (the body of runCommand / startCommand). */
export interface SpawnInput {
  command: string;
  /** Default /workspace; relative paths are relative to /workspace. */
  cwd?: string | undefined;
  /** Extra variables; the program sees the values, the record shows "[redacted]". */
  env?: Record<string, string> | undefined;
  /** Default 60000. */
  timeoutMs?: number | undefined;
  /** Files (relative to the command's cwd) to export as artifacts once it ended. */
  collect?: CollectSpec[] | undefined;
  /** Default "success": collect only after exit code 0. */
  collectOn?: "success" | "always" | undefined;
}

/** Callbacks for whoever spawned the command (workspace runs mirror output into their events). */
export interface SpawnHooks {
  /** Every output chunk, as it is logged. */
  onOutput?(stream: "stdout" | "stderr", data: string): void;
}

/** A spawned command. */
export interface CommandState {
  readonly id: string;
  readonly sandboxId: string;
  readonly projectId: string;
  /** Its log chunks (seq 1, 2, ...; the last `logWindow` kept); closed once the command is final. */
  readonly log: EventLog<CommandLogChunk>;
  /** Resolves when the status turns terminal (the process is gone), before artifact collection. */
  readonly stopped: Promise<void>;
  /** Resolves with the final record (after artifact collection). Never rejects. */
  readonly done: Promise<Command>;
  /** True once the status is terminal. */
  readonly ended: boolean;
  /** A copy of the record as it is now. */
  snapshot(): Command;
}

/** The sandbox facts the runtime needs. */
interface RuntimeSandbox {
  projectId: string;
  running: boolean;
  vfs: ProcessVfs | null;
}

/** How long a graceful cancel waits before SIGKILL. */
export const GRACE_MS = 10_000;

const encoder = new TextEncoder();
const macrotask: (fn: () => void) => void =
  (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ??
  ((fn) => setTimeout(fn, 0));

function reservedEnvKey(key: string): boolean {
  return key.toUpperCase().startsWith("CROWNEST");
}

interface PendingSleep {
  reject: (reason: unknown) => void;
  cancel: () => void;
}

class CommandProcess implements CommandState, ProcessHost {
  readonly id: string;
  readonly sandboxId: string;
  readonly projectId: string;
  readonly commandId: string;
  readonly log: EventLog<CommandLogChunk>;
  readonly done: Promise<Command>;
  readonly stopped: Promise<void>;
  readonly vfs: ProcessVfs;
  readonly env: Readonly<Record<string, string>>;
  readonly #rt: CommandRuntime;
  readonly #record: Command;
  readonly #hooks: SpawnHooks;
  readonly #collect: { path: string; name?: string }[] | undefined;
  readonly #collectOn: "success" | "always";
  readonly #term = new AbortController();
  readonly #signalFns = new Set<(s: ProcSignal) => void>();
  readonly #sleeps = new Set<PendingSleep>();
  readonly #timers = new Set<() => void>();
  readonly #bytes = { stdout: 0, stderr: 0 };
  #alive = true;
  /** Releases this process's hold on the clock (see #park). */
  #release: () => void = () => {};
  /** Waits on fake time in progress (sleeps, waitForSignal). */
  #parked = 0;
  #resolveDone!: (c: Command) => void;
  #resolveStopped!: () => void;

  constructor(
    rt: CommandRuntime,
    id: string,
    sandboxId: string,
    sandbox: RuntimeSandbox,
    cwd: string,
    input: SpawnInput,
    collect: { path: string; name?: string }[] | undefined,
    hooks: SpawnHooks,
  ) {
    this.#rt = rt;
    this.id = this.commandId = id;
    this.sandboxId = sandboxId;
    this.projectId = sandbox.projectId;
    this.vfs = sandbox.vfs as ProcessVfs;
    this.env = { ...input.env };
    this.#hooks = hooks;
    this.#collect = collect;
    this.#collectOn = input.collectOn ?? "success";
    this.log = new EventLog(rt.ctx.config.plan.logWindow);
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    const now = rt.ctx.clock.iso();
    this.#record = {
      id: id as Command["id"],
      sandboxId: sandboxId as Command["sandboxId"],
      command: input.command,
      cwd,
      env: Object.fromEntries(Object.keys(input.env ?? {}).map((k) => [k, "[redacted]" as const])),
      status: "queued",
      exitCode: null,
      stdout: "",
      stderr: "",
      stdoutTruncated: false,
      stderrTruncated: false,
      timeoutMs: input.timeoutMs ?? limits.defaultTimeoutMs,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      collectStatus: collect ? "pending" : "not_requested",
      collectErrors: [],
      collectedArtifacts: [],
      cancelMode: null,
      canceledAt: null,
      killedReason: null,
      terminationSignal: null,
    };
  }

  get status(): CommandStatus {
    return this.#record.status;
  }

  get ended(): boolean {
    return isTerminal("CommandStatus", this.#record.status);
  }

  get alive(): boolean {
    return this.#alive;
  }

  get signal(): AbortSignal {
    return this.#term.signal;
  }

  snapshot(): Command {
    const r = this.#record;
    return {
      ...r,
      env: { ...r.env },
      collectErrors: r.collectErrors.map((e) => ({ ...e })),
      collectedArtifacts: r.collectedArtifacts.map((a) => ({ ...a })),
    };
  }

  /** Queued -> starting -> running, then the shell; on microtasks, so no clock tick is needed. */
  launch(): void {
    const clock = this.#rt.ctx.clock;
    this.#addTimer(clock.setTimer(this.#record.timeoutMs, () => this.kill("timed_out")));
    this.#hold();
    queueMicrotask(() => {
      if (this.ended) return;
      this.#setStatus("starting");
      const st = this.vfs.stat(this.#record.cwd);
      if (st?.type !== "directory") {
        const why = st ? "Not a directory" : "No such file or directory";
        this.write("stderr", `sh: cd: ${this.#record.cwd}: ${why}\n`);
        void this.#finish("failed", {});
        return;
      }
      this.#setStatus("running");
      this.#record.startedAt = clock.iso();
      runShell(this.#record.command, this.#record.cwd, this, this.#rt.programs).then(
        (r) => this.#exited(r),
        (err: unknown) => {
          // A bug in the fake's shell: still end the command like a crashed process.
          this.write("stderr", `sh: internal error: ${err instanceof Error ? err.message : err}\n`);
          this.#exited({ exitCode: 1 });
        },
      );
    });
  }

  // ---- ProcessHost ----------------------------------------------------------

  now(): number {
    return this.#rt.ctx.clock.now();
  }

  write(stream: "stdout" | "stderr", data: string): void {
    if (!this.#alive || data.length === 0) return;
    const createdAt = this.#rt.ctx.clock.iso();
    for (const part of splitUtf8(data, this.#rt.ctx.config.plan.maxLogChunkBytes)) {
      this.log.append((seq) => ({
        commandId: this.id as CommandLogChunk["commandId"],
        createdAt,
        data: part,
        seq,
        stream,
      }));
      this.#appendOutput(stream, part);
      this.#hooks.onOutput?.(stream, part);
    }
  }

  sleep(ms: number): Promise<void> {
    // A killed process never wakes up: its sleep stays pending, so its handler can't go on.
    if (!this.#alive) return new Promise(() => {});
    return new Promise((resolve, reject) => {
      const entry: PendingSleep = { reject, cancel: () => {} };
      this.#park();
      entry.cancel = this.#rt.ctx.clock.setTimer(Number.isFinite(ms) ? Math.max(0, ms) : 0, () => {
        this.#sleeps.delete(entry);
        this.#unpark();
        resolve();
      });
      this.#sleeps.add(entry);
    });
  }

  waitForSignal(): Promise<ProcSignal> {
    if (!this.#alive) return new Promise(() => {});
    if (this.#term.signal.aborted) return Promise.resolve(SIGTERM);
    return new Promise((resolve) => {
      this.#park();
      const fn = (signal: ProcSignal): void => {
        this.#signalFns.delete(fn);
        this.#unpark();
        resolve(signal);
      };
      this.#signalFns.add(fn);
    });
  }

  // ---- the clock -------------------------------------------------------------
  // A running process holds the clock: the auto clock (and advance()) must not
  // move time while its program may be awaiting real work. Only while it waits
  // on fake time (parked) is the hold released.

  #hold(): void {
    this.#release = this.#rt.ctx.clock.hold(`${this.id} (\`${this.#record.command}\`)`);
  }

  #park(): void {
    if (this.#parked++ === 0) this.#release();
  }

  #unpark(): void {
    if (--this.#parked === 0 && this.#alive) this.#hold();
  }

  // A running process already holds the clock, so the macrotask is real time only.
  pause(): Promise<void> {
    return new Promise((resolve) => macrotask(resolve));
  }

  onSignal(fn: (signal: ProcSignal) => void): () => void {
    if (this.#term.signal.aborted) queueMicrotask(() => fn(SIGTERM));
    else this.#signalFns.add(fn);
    return () => {
      this.#signalFns.delete(fn);
    };
  }

  // ---- lifecycle -------------------------------------------------------------

  cancel(mode: CancelMode): void {
    if (this.ended) return;
    const r = this.#record;
    const clock = this.#rt.ctx.clock;
    if (mode === "graceful" && r.cancelMode === "graceful") return;
    const canceledAt = r.canceledAt ?? clock.iso();
    if (mode === "force") {
      void this.#finish("canceled", {
        cancelMode: "force",
        canceledAt,
        terminationSignal: "SIGKILL",
        exitCode: null,
      });
      return;
    }
    if (r.status !== "running") {
      // Nothing runs yet: there is no process to signal.
      void this.#finish("canceled", {
        cancelMode: "graceful",
        canceledAt,
        terminationSignal: "SIGTERM",
        exitCode: null,
      });
      return;
    }
    r.cancelMode = "graceful";
    r.canceledAt = canceledAt;
    r.terminationSignal = "SIGTERM";
    this.#addTimer(
      clock.setTimer(GRACE_MS, () =>
        this.#finish("canceled", { terminationSignal: "SIGKILL", exitCode: null }),
      ),
    );
    this.#term.abort(SIGTERM);
    const sleeps = [...this.#sleeps];
    this.#sleeps.clear();
    for (const s of sleeps) {
      s.cancel();
      this.#unpark();
      s.reject(SIGTERM);
    }
    for (const fn of [...this.#signalFns]) {
      try {
        fn(SIGTERM);
      } catch {
        // A throwing signal handler is the program's problem, not the runtime's.
      }
    }
  }

  /** SIGKILL for a timeout or the sandbox's end. */
  kill(reason: "timed_out" | "sandbox_destroyed"): void {
    if (this.ended) return;
    // A timeout during a graceful cancel still ends the command as canceled.
    if (reason === "timed_out" && this.#record.cancelMode) {
      void this.#finish("canceled", { terminationSignal: "SIGKILL", exitCode: null });
    } else if (reason === "timed_out") {
      void this.#finish("timed_out", { terminationSignal: "SIGKILL", exitCode: null });
    } else {
      void this.#finish("killed", {
        killedReason: "sandbox_destroyed",
        terminationSignal: "SIGKILL",
        exitCode: null,
      });
    }
  }

  #exited(result: ShellResult): void {
    if (this.ended) return;
    if (this.#record.cancelMode) {
      void this.#finish("canceled", { exitCode: result.exitCode });
    } else {
      // Only a program throwing "SIGTERM" by itself gets here with null: report 128 + 15.
      void this.#finish("exited", { exitCode: result.exitCode ?? 143 });
    }
  }

  #setStatus(to: CommandStatus): void {
    this.#record.status = transition("CommandStatus", this.#record.status, to);
  }

  #addTimer(cancel: () => void): void {
    this.#timers.add(cancel);
  }

  async #finish(to: CommandStatus, patch: Partial<Command>): Promise<void> {
    if (this.ended) return;
    this.#setStatus(to);
    this.#rt.settled(this);
    this.#alive = false;
    this.#release();
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    for (const s of this.#sleeps) s.cancel();
    this.#sleeps.clear();
    this.#signalFns.clear();
    const r = this.#record;
    Object.assign(r, patch);
    const now = this.#rt.ctx.clock.now();
    r.finishedAt = this.#rt.ctx.clock.iso(now);
    r.durationMs = r.startedAt === null ? null : Math.max(0, now - Date.parse(r.startedAt));
    this.#resolveStopped();
    if (this.#collect) await this.#collectArtifacts();
    this.log.close();
    this.#resolveDone(this.snapshot());
  }

  async #collectArtifacts(): Promise<void> {
    const r = this.#record;
    if (this.#collectOn === "success" && r.exitCode !== 0) {
      r.collectStatus = "skipped";
      return;
    }
    const specs = this.#collect ?? [];
    for (const spec of specs) {
      try {
        const art = await this.#rt.ctx.artifacts.createFromFile({
          sandboxId: this.sandboxId,
          projectId: this.projectId,
          path: spec.path,
          ...(spec.name === undefined ? {} : { name: spec.name }),
          commandId: this.id,
        });
        r.collectedArtifacts.push({ artifactId: art.id, path: art.path, name: art.name });
      } catch (err) {
        const code = err instanceof ApiError ? err.code : "internal_error";
        const message = err instanceof Error ? err.message : String(err);
        r.collectErrors.push({
          path: spec.path,
          ...(spec.name === undefined ? {} : { name: spec.name }),
          code,
          message,
        });
      }
    }
    const ok = r.collectedArtifacts.length;
    r.collectStatus = ok === specs.length ? "succeeded" : ok === 0 ? "failed" : "partial";
  }

  #appendOutput(stream: "stdout" | "stderr", data: string): void {
    const r = this.#record;
    const truncatedKey = stream === "stdout" ? "stdoutTruncated" : "stderrTruncated";
    if (r[truncatedKey]) return;
    const cap = this.#rt.ctx.config.plan.outputCapBytes;
    const bytes = encoder.encode(data);
    const room = cap - this.#bytes[stream];
    if (bytes.byteLength <= room) {
      r[stream] += data;
      this.#bytes[stream] += bytes.byteLength;
      return;
    }
    r[stream] += utf8Prefix(bytes, room);
    this.#bytes[stream] = cap;
    r[truncatedKey] = true;
  }
}

/** Commands of one fake. */
export class CommandRuntime {
  readonly ctx: FakeContext;
  /** User programs (`fake.programs`), consulted before the built-ins; they outlive a reset. */
  readonly programs: ProgramRegistry;
  readonly #commands = new Map<string, CommandProcess | RestoredCommand>();
  /**
   * The unfinished commands of each sandbox. The plan's limit (checked on
   * every spawn) and a sandbox's end read this, not a scan of every command
   * the fake ever ran: that scan made each `commands/run` slower than the
   * last.
   */
  readonly #live = new Map<string, Set<CommandProcess>>();

  constructor(ctx: FakeContext) {
    this.ctx = ctx;
    this.programs = programsFor(ctx.config);
    ctx.onSandboxEnded.add((sandboxId) => {
      for (const c of [...(this.#live.get(sandboxId) ?? [])]) c.kill("sandbox_destroyed");
    });
  }

  /** Called by a command once its status turned terminal: it is forgotten after the retention period. */
  settled(c: CommandState): void {
    this.ctx.retention.after(this.ctx.config.retentionMs, () => this.#commands.delete(c.id));
    const live = this.#live.get(c.sandboxId);
    if (!live) return;
    live.delete(c as CommandProcess);
    if (live.size === 0) this.#live.delete(c.sandboxId);
  }

  #sandbox(id: string): RuntimeSandbox | undefined {
    const s = this.ctx.sandboxes.internalGet(id);
    return (
      s && { projectId: s.record.projectId, running: s.record.status === "running", vfs: s.vfs }
    );
  }

  /**
   * Starts a command. Checks at call time, throwing ApiError: the sandbox
   * exists (not_found) and runs (sandbox_destroyed); env keys (reserved_env_key);
   * cwd and collect paths stay in /workspace (path_outside_workspace); the
   * plan's limit of unfinished commands per sandbox (quota_exceeded). A cwd
   * that doesn't exist is no error here: the command ends `failed`.
   */
  spawn(sandboxId: string, input: SpawnInput, hooks: SpawnHooks = {}): CommandState {
    const sandbox = this.#sandbox(sandboxId);
    if (!sandbox) throw new ApiError("not_found", "sandbox not found");
    if (!sandbox.running || !sandbox.vfs) {
      throw new ApiError("sandbox_destroyed", "the sandbox has been destroyed", { sandboxId });
    }
    for (const key of Object.keys(input.env ?? {})) {
      if (reservedEnvKey(key)) {
        throw new ApiError("reserved_env_key", `env key ${key} uses the reserved CROWNEST prefix`, {
          key,
        });
      }
    }
    const vfs = sandbox.vfs;
    const cwd = vfs.resolve(input.cwd ?? "/workspace");
    const collect =
      input.collect && input.collect.length > 0
        ? input.collect.map((c) => ({ ...c, path: vfs.resolve(c.path, cwd) }))
        : undefined;
    const limit = this.ctx.config.plan.maxRunningCommandsPerSandbox;
    if (this.unfinished(sandboxId) >= limit) {
      throw new ApiError(
        "quota_exceeded",
        `the sandbox already has ${limit} unfinished commands (the plan's limit)`,
        { limit },
      );
    }
    const id = this.ctx.random.id("cmd");
    const proc = new CommandProcess(this, id, sandboxId, sandbox, cwd, input, collect, hooks);
    this.#commands.set(id, proc);
    let live = this.#live.get(sandboxId);
    if (!live) {
      live = new Set();
      this.#live.set(sandboxId, live);
    }
    live.add(proc);
    proc.launch();
    return proc;
  }

  /** A command by id (no visibility check: routes do that with its projectId). */
  get(id: string): CommandState | undefined {
    return this.#commands.get(id);
  }

  /**
   * Cancels: `graceful` sends SIGTERM (SIGKILL 10 s later if still running),
   * `force` SIGKILL. Idempotent by state; see the contract. Returns the record
   * as it is right after (a graceful cancel may leave it `running` for now).
   */
  cancel(id: string, mode: CancelMode = "graceful"): Command {
    const c = this.#commands.get(id);
    if (!c) throw new ApiError("not_found", "command not found");
    c.cancel(mode);
    return c.snapshot();
  }

  /** How many commands are held, ended ones within their retention included. */
  get size(): number {
    return this.#commands.size;
  }

  /** Commands of the sandbox that have not ended. */
  unfinished(sandboxId: string): number {
    return this.#live.get(sandboxId)?.size ?? 0;
  }

  /** Every command with its retained logs, for a snapshot of the fake. */
  exportState(): CommandSnapshot[] {
    return [...this.#commands.values()].map((c) => ({
      record: c.snapshot(),
      projectId: c.projectId,
      logs: c.log.since(0).events.map((e) => ({ ...e })),
      lastSeq: c.log.lastSeq,
    }));
  }

  /** Restores exportState()'s commands (unfinished ones come back canceled). */
  importState(commands: readonly CommandSnapshot[]): void {
    const { config, clock } = this.ctx;
    for (const snap of commands) {
      this.#commands.set(
        snap.record.id,
        new RestoredCommand(snap, config.plan.logWindow, clock.iso()),
      );
    }
  }
}
