/**
 * One simulated process: the mini shell (fake/process/exec.ts) on the fake
 * clock, with a status machine (fake/core/status.ts), sequenced logs (an
 * EventLog), output caps, a timeout, cancellation (SIGTERM, SIGKILL 10 s
 * later; or SIGKILL at once) and artifact collection. The command runtime
 * (fake/process/runtime.ts) creates and tracks them.
 *
 * @module
 */
import { limits } from "../../src/generated/contract.ts";
import { EventLog } from "../core/event-log.ts";
import type { FakeCore } from "../core/fake-core.ts";
import { isTerminal, transition } from "../core/status.ts";
import { splitUtf8, utf8Prefix } from "../core/utf8.ts";
import type {
  CancelMode,
  CollectFiles,
  Command,
  CommandLogChunk,
  CommandState,
  CommandStatus,
  RuntimeSandbox,
  SpawnHooks,
  SpawnInput,
} from "./command-types.ts";
import { type ProcessHost, type ProcessVfs, runShell, type ShellResult, SIGTERM } from "./exec.ts";
import type { ProcSignal, ProgramRegistry } from "./programs.ts";

const encoder = new TextEncoder();
const macrotask: (fn: () => void) => void =
  (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ??
  ((fn) => setTimeout(fn, 0));

/** Env keys with the CROWNEST prefix are the service's own. */
export function reservedEnvKey(key: string): boolean {
  return key.toUpperCase().startsWith("CROWNEST");
}

interface PendingSleep {
  reject: (reason: unknown) => void;
  cancel: () => void;
}

/** What a process needs from the runtime that owns it. */
export interface ProcessOwner {
  readonly core: FakeCore;
  readonly programs: ProgramRegistry;
  readonly collect: CollectFiles;
  /** Called once the status turned terminal. */
  settled(c: CommandState): void;
}

/** A running (or ended) command of this fake. */
export class CommandProcess implements CommandState, ProcessHost {
  readonly id: string;
  readonly sandboxId: string;
  readonly projectId: string;
  readonly commandId: string;
  readonly log: EventLog<CommandLogChunk>;
  readonly done: Promise<Command>;
  readonly stopped: Promise<void>;
  readonly vfs: ProcessVfs;
  readonly env: Readonly<Record<string, string>>;
  readonly #rt: ProcessOwner;
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
    rt: ProcessOwner,
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
    this.log = new EventLog(rt.core.config.plan.logWindow);
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    const now = rt.core.clock.iso();
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
      cancelReason: null,
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
    const clock = this.#rt.core.clock;
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
    return this.#rt.core.clock.now();
  }

  write(stream: "stdout" | "stderr", data: string): void {
    if (!this.#alive || data.length === 0) return;
    const createdAt = this.#rt.core.clock.iso();
    for (const part of splitUtf8(data, this.#rt.core.config.plan.maxLogChunkBytes)) {
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
      entry.cancel = this.#rt.core.clock.setTimer(Number.isFinite(ms) ? Math.max(0, ms) : 0, () => {
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
    this.#release = this.#rt.core.clock.hold(`${this.id} (\`${this.#record.command}\`)`);
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
    const clock = this.#rt.core.clock;
    if (mode === "graceful" && r.cancelMode === "graceful") return;
    const canceledAt = r.canceledAt ?? clock.iso();
    if (mode === "force") {
      void this.#finish("canceled", {
        cancelMode: "force",
        canceledAt,
        cancelReason: "requested",
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
        cancelReason: "requested",
        terminationSignal: "SIGTERM",
        exitCode: null,
      });
      return;
    }
    r.cancelMode = "graceful";
    r.canceledAt = canceledAt;
    r.cancelReason = "requested";
    r.terminationSignal = "SIGTERM";
    this.#addTimer(
      clock.setTimer(limits.cancelGraceMs, () =>
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
    const now = this.#rt.core.clock.now();
    r.finishedAt = this.#rt.core.clock.iso(now);
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
    const source = { sandboxId: this.sandboxId, projectId: this.projectId, commandId: this.id };
    await this.#rt.collect(source, specs, (outcome) => {
      if ("failure" in outcome) r.collectErrors.push(outcome.failure);
      else {
        const { id, path, name } = outcome.artifact;
        r.collectedArtifacts.push({ artifactId: id, path, name });
      }
    });
    const ok = r.collectedArtifacts.length;
    r.collectStatus = ok === specs.length ? "succeeded" : ok === 0 ? "failed" : "partial";
  }

  #appendOutput(stream: "stdout" | "stderr", data: string): void {
    const r = this.#record;
    const truncatedKey = stream === "stdout" ? "stdoutTruncated" : "stderrTruncated";
    if (r[truncatedKey]) return;
    const cap = this.#rt.core.config.plan.outputCapBytes;
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
