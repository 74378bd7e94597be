/**
 * The command runtime: starts commands (each a simulated process, see
 * fake/process/command-process.ts), finds and cancels them, kills them with
 * their sandbox, forgets them after retention, and snapshots them. It knows
 * no API key: the commands service (fake/services/commands.ts) wraps it.
 *
 * @module
 */
import { ApiError, notFound } from "../core/errors.ts";
import type { FakeCore } from "../core/fake-core.ts";
import { CommandProcess, reservedEnvKey } from "./command-process.ts";
import type {
  CancelMode,
  CollectFiles,
  Command,
  CommandState,
  RuntimeDeps,
  SpawnHooks,
  SpawnInput,
} from "./command-types.ts";
import { type ProgramRegistry, programsFor } from "./programs.ts";
import { type CommandSnapshot, RestoredCommand } from "./restored.ts";

/** Commands of one fake. */
export class CommandRuntime {
  readonly core: FakeCore;
  readonly collect: CollectFiles;
  readonly #sandbox: RuntimeDeps["sandbox"];
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

  constructor(core: FakeCore, deps: RuntimeDeps) {
    this.core = core;
    this.collect = deps.collect;
    this.#sandbox = deps.sandbox;
    this.programs = programsFor(core.config);
    core.onSandboxEnded.add((sandboxId) => {
      for (const c of [...(this.#live.get(sandboxId) ?? [])]) c.kill("sandbox_destroyed");
    });
  }

  /** Called by a command once its status turned terminal: it is forgotten after the retention period. */
  settled(c: CommandState): void {
    this.core.retention.after(this.core.config.retentionMs, () => this.#commands.delete(c.id));
    const live = this.#live.get(c.sandboxId);
    if (!live) return;
    live.delete(c as CommandProcess);
    if (live.size === 0) this.#live.delete(c.sandboxId);
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
    if (!sandbox) throw notFound("sandbox", sandboxId);
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
    const limit = this.core.config.plan.maxRunningCommandsPerSandbox;
    if (this.unfinished(sandboxId) >= limit) {
      throw new ApiError(
        "quota_exceeded",
        `the sandbox already has ${limit} unfinished commands (the plan's limit)`,
        { limit },
      );
    }
    const id = this.core.random.id("cmd");
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

  /** A command by id (no visibility check: the commands service does that). */
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
    if (!c) throw notFound("command", id);
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

  /**
   * Restores exportState()'s commands (unfinished ones come back canceled);
   * each is forgotten `retentionMs` after it finished.
   */
  importState(commands: readonly CommandSnapshot[]): void {
    const { config, clock } = this.core;
    for (const snap of commands) {
      const c = new RestoredCommand(snap, config.plan.logWindow, clock.iso());
      this.#commands.set(c.id, c);
      this.core.retention.afterEnded(snap.record.finishedAt, config.retentionMs, () =>
        this.#commands.delete(c.id),
      );
    }
  }
}
