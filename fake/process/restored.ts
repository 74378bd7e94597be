/**
 * A command restored from a snapshot of the fake: its record and logs, with
 * no process behind it. One that was still unfinished when the snapshot was
 * taken comes back canceled (SIGKILL, `cancelReason: "service_restarted"`):
 * its program can't be carried over.
 *
 * @module
 */
import { EventLog } from "../core/event-log.ts";
import type { Command, CommandLogChunk, CommandState } from "./command-types.ts";

/** A command in a snapshot of the fake. */
export interface CommandSnapshot {
  record: Command;
  projectId: string;
  /** The retained log chunks, oldest first. */
  logs: CommandLogChunk[];
  /** The seq of the last chunk ever written. */
  lastSeq: number;
}

const TERMINAL: ReadonlySet<string> = new Set([
  "exited",
  "failed",
  "canceled",
  "timed_out",
  "killed",
]);

/** An ended command from a snapshot. */
export class RestoredCommand implements CommandState {
  readonly id: string;
  readonly sandboxId: string;
  readonly projectId: string;
  readonly log: EventLog<CommandLogChunk>;
  readonly stopped: Promise<void> = Promise.resolve();
  readonly done: Promise<Command>;
  readonly ended = true;
  readonly #record: Command;

  constructor(snap: CommandSnapshot, logWindow: number, nowIso: string) {
    const record = structuredClone(snap.record);
    // A snapshot from before the field existed has none.
    record.cancelReason ??= null;
    if (!TERMINAL.has(record.status)) {
      Object.assign(record, {
        status: "canceled",
        cancelMode: "force",
        canceledAt: record.canceledAt ?? nowIso,
        cancelReason: "service_restarted",
        terminationSignal: "SIGKILL",
        exitCode: null,
        finishedAt: nowIso,
        durationMs:
          record.startedAt === null
            ? null
            : Math.max(0, Date.parse(nowIso) - Date.parse(record.startedAt)),
        collectStatus: record.collectStatus === "pending" ? "skipped" : record.collectStatus,
      } satisfies Partial<Command>);
    }
    this.#record = record;
    this.id = record.id;
    this.sandboxId = record.sandboxId;
    this.projectId = snap.projectId;
    this.log = EventLog.restore(logWindow, snap.logs, snap.lastSeq);
    this.done = Promise.resolve(this.snapshot());
  }

  snapshot(): Command {
    return structuredClone(this.#record);
  }

  /** Already ended: nothing to cancel or kill. */
  cancel(): void {}
  kill(): void {}
}
