/**
 * The shapes of a command shared by the runtime, its processes, restored
 * commands and the routes.
 *
 * @module
 */
import type { components } from "../../src/generated/openapi.ts";
import type { EventLog } from "../core/event-log.ts";
import type { ProcessVfs } from "./exec.ts";

type Schemas = components["schemas"];
/** A command record, as the API returns it. */
export type Command = Schemas["Command"];
/** A command's status. */
export type CommandStatus = Schemas["CommandStatus"];
/** One stored log chunk. */
export type CommandLogChunk = Schemas["CommandLogChunk"];
/** A file to collect as an artifact. */
export type CollectSpec = Schemas["CollectSpec"];
/** A file that could not be collected. */
export type CollectError = Schemas["CollectError"];
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
export interface RuntimeSandbox {
  projectId: string;
  running: boolean;
  vfs: ProcessVfs | null;
}

/** What became of one file a command collected. */
export type CollectOutcome =
  | { artifact: Pick<Schemas["Artifact"], "id" | "path" | "name"> }
  | { failure: CollectError };

/** Collects a command's files as artifacts, one after the other, telling `onEach` of each. */
export type CollectFiles = (
  source: { sandboxId: string; projectId: string; commandId: string },
  files: readonly CollectSpec[],
  onEach: (outcome: CollectOutcome) => void,
) => Promise<void>;

/** What the runtime needs from the rest of the fake. */
export interface RuntimeDeps {
  /** The facts of a sandbox, or undefined when there is none. */
  sandbox(id: string): RuntimeSandbox | undefined;
  collect: CollectFiles;
}
