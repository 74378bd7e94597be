/**
 * Commands: run (wait for the end), start, get, cancel and the logs of the
 * commands a key can see, over the process engine in fake/process/ (the
 * runtime and its simulated processes, which know no key).
 *
 * @module
 */

import { limits } from "../../src/generated/contract.ts";
import type { ApiKeyRecord } from "../config.ts";
import { settle } from "../core/clock.ts";
import { ApiError, notFound } from "../core/errors.ts";
import type { EventLog } from "../core/event-log.ts";
import type { FakeCore } from "../core/fake-core.ts";
import type {
  CancelMode,
  Command,
  CommandLogChunk,
  CommandState,
  SpawnHooks,
  SpawnInput,
} from "../process/command-types.ts";
import type { CommandSnapshot } from "../process/restored.ts";
import { CommandRuntime } from "../process/runtime.ts";
import type { ArtifactService } from "./artifacts.ts";
import type { SandboxService } from "./sandboxes.ts";

/** A page of a command's log. */
export interface CommandLogPage {
  data: CommandLogChunk[];
  hasMore: boolean;
  nextAfterSeq: number;
}

/** The commands of one fake. */
export class CommandService {
  /** The process engine (no keys): spawn, get, cancel by id. */
  readonly runtime: CommandRuntime;
  readonly #core: FakeCore;
  readonly #sandboxes: SandboxService;

  constructor(core: FakeCore, sandboxes: SandboxService, artifacts: ArtifactService) {
    this.#core = core;
    this.#sandboxes = sandboxes;
    this.runtime = new CommandRuntime(core, {
      sandbox: (id) => {
        const s = sandboxes.internalGet(id);
        return (
          s && { projectId: s.record.projectId, running: s.record.status === "running", vfs: s.vfs }
        );
      },
      collect: (source, files, onEach) => artifacts.collect(source, files, onEach),
    });
  }

  /**
   * runCommand: starts the command and waits for its end, at most
   * `waitMs` (capped at `config.runWaitMs`). `ended` false: it still runs (the route answers 202).
   * One that timed out is 422 command_timed_out.
   */
  async run(
    key: ApiKeyRecord,
    sandboxId: string,
    { waitMs, ...input }: SpawnInput & { waitMs?: number | undefined },
  ): Promise<{ command: Command; ended: boolean }> {
    if (input.collect !== undefined) this.#core.auth.requireScopes(key, ["artifact:create"]);
    const state = this.#spawn(key, sandboxId, input);
    const { clock, config } = this.#core;
    const wait = Math.min(waitMs ?? config.runWaitMs, config.runWaitMs);
    // No wait at all: a timer of 0 would still need a manual clock to move.
    if (wait === 0) return { command: state.snapshot(), ended: false };
    // Only the process's run waits on fake time, and at most the wait budget:
    // past it the answer is the running record. Collecting artifacts does
    // real async work (hashing), during which an auto clock must not jump.
    let cancelTimer = (): void => {};
    const budget = new Promise<"budget">((resolve) => {
      cancelTimer = clock.setTimer(wait, () => resolve("budget"));
    });
    const waited = await clock.waitFor(Promise.race([state.stopped, budget]));
    cancelTimer();
    if (waited === "budget") return { command: state.snapshot(), ended: false };
    const command = await state.done;
    if (command.status === "timed_out") {
      throw new ApiError(
        "command_timed_out",
        `the command ran past its timeout of ${command.timeoutMs} ms and was killed`,
        { command },
      );
    }
    return { command, ended: true };
  }

  /** startCommand: the command as it is right after the spawn. */
  start(key: ApiKeyRecord, sandboxId: string, input: SpawnInput): Command {
    return this.#spawn(key, sandboxId, input).snapshot();
  }

  /** A command the key can see; 404 otherwise. */
  get(key: ApiKeyRecord, id: string): Command {
    return this.#visible(key, id).snapshot();
  }

  /** cancelCommand: the record once the signal had its immediate effect. */
  async cancel(key: ApiKeyRecord, id: string, mode: CancelMode = "graceful"): Promise<Command> {
    const state = this.#visible(key, id);
    this.runtime.cancel(state.id, mode);
    // A program that dies of the SIGTERM (or cleans up without waiting) has
    // ended once pending microtasks ran: answer with that, not a stale record.
    await Promise.race([state.done, settle()]);
    return state.snapshot();
  }

  /** listCommandLogs: chunks after `afterSeq` (default 0: from the start); 409 stream_gap when trimmed. */
  logs(
    key: ApiKeyRecord,
    id: string,
    page: { afterSeq?: number | undefined; limit?: number | undefined } = {},
  ): CommandLogPage {
    const { log } = this.#visible(key, id);
    // No afterSeq reads from the start, so trimmed chunks are never skipped silently.
    const afterSeq = page.afterSeq ?? 0;
    const { gap, events } = log.since(afterSeq, page.limit ?? limits.defaultLogPageSize);
    if (gap) {
      const firstAvailableSeq = log.firstRetainedSeq;
      throw new ApiError(
        "stream_gap",
        `chunks after seq ${afterSeq} are no longer retained; the oldest is seq ${firstAvailableSeq}`,
        { requestedAfterSeq: afterSeq, firstAvailableSeq },
      );
    }
    const nextAfterSeq = events.at(-1)?.seq ?? afterSeq;
    return { data: events, hasMore: log.lastSeq > nextAfterSeq, nextAfterSeq };
  }

  /** The command's log and a snapshot function, for the SSE route. */
  events(
    key: ApiKeyRecord,
    id: string,
  ): { log: EventLog<CommandLogChunk>; snapshot: () => Command } {
    const state = this.#visible(key, id);
    return { log: state.log, snapshot: () => state.snapshot() };
  }

  /** Starts a command with no key (a workspace run's): see CommandRuntime.spawn. */
  spawn(sandboxId: string, input: SpawnInput, hooks: SpawnHooks = {}): CommandState {
    return this.runtime.spawn(sandboxId, input, hooks);
  }

  /** How many commands are held, ended ones within their retention included. */
  get size(): number {
    return this.runtime.size;
  }

  /** Every command with its retained logs, for a snapshot of the fake. */
  exportState(): CommandSnapshot[] {
    return this.runtime.exportState();
  }

  /** Restores exportState()'s commands (unfinished ones come back canceled). */
  importState(commands: readonly CommandSnapshot[]): void {
    this.runtime.importState(commands);
  }

  #spawn(key: ApiKeyRecord, sandboxId: string, input: SpawnInput): CommandState {
    // 404 for a sandbox the key can't see, 409 sandbox_destroyed for an ended one.
    this.#sandboxes.requireRunning(key, sandboxId);
    return this.runtime.spawn(sandboxId, input);
  }

  #visible(key: ApiKeyRecord, id: string): CommandState {
    const state = this.runtime.get(id);
    if (!state || !this.#core.auth.canSee(key, state.projectId)) {
      throw notFound("command", id);
    }
    return state;
  }
}
