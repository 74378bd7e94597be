/**
 * What a simulated program sees: its `Proc` (arguments, environment, output
 * streams, files, signals and the fake's clock) and the shapes of a program
 * and of the commands it handles.
 *
 * @module
 */
import type { components } from "../../src/generated/openapi.ts";

/** A file's stat record, as the Files API returns it. */
export type FileStat = components["schemas"]["FileStat"];

/** A process's output stream: each write becomes one log chunk (the next `seq`). */
export interface ProcStream {
  /** Writes one chunk. */
  write(data: string | Uint8Array): void;
}

/**
 * The sandbox's files as a program sees them: paths are relative to its cwd
 * (or absolute under /workspace). Synchronous, like the in-memory tree; errors
 * are the fake's `ApiError`s (`code`: not_found, is_a_directory, ...). Writes
 * made after the process was killed are dropped.
 */
export interface ProcFs {
  /** The absolute path of `path` (throws path_outside_workspace when it leaves /workspace). */
  resolve(path: string): string;
  /** A file's content as UTF-8 text. */
  read(path: string): string;
  /** A file's bytes. */
  readBytes(path: string): Uint8Array;
  /** Writes a file (`append` adds to it; `createParents` makes missing directories). */
  write(
    path: string,
    data: string | Uint8Array,
    opts?: { append?: boolean; createParents?: boolean },
  ): void;
  /** Whether a file or directory is there. */
  exists(path: string): boolean;
  /** A file's or directory's stat record, or undefined. */
  stat(path: string): FileStat | undefined;
  /** The entries of a directory (default: the cwd). */
  list(path?: string): FileStat[];
  /** Makes a directory (`parents`: with its missing parents). */
  mkdir(path: string, opts?: { parents?: boolean }): void;
  /** Removes a file or an empty directory; `recursive` removes a whole tree. */
  remove(path: string, opts?: { recursive?: boolean }): void;
}

/** The signal a graceful cancel sends. SIGKILL is never observable: the process just stops. */
export type ProcSignal = "SIGTERM";

/**
 * What a simulated program gets. It ends by returning its exit code (`void`
 * = 0); a thrown error ends it with exit code 1 and the error's message on
 * stderr.
 *
 * Signals: a graceful cancel aborts `signal` (reason `"SIGTERM"`), calls the
 * `onSignal` callbacks, and makes a `sleep` in progress reject with
 * `"SIGTERM"`. A program that lets that rejection escape dies of the signal
 * (exit code null), like a process with SIGTERM's default action; one that
 * catches it may clean up (later sleeps work) and return its own code. A
 * SIGKILL (force cancel, timeout, sandbox end, or 10 s after an unanswered
 * SIGTERM) stops it at once: its pending sleep never resolves and anything it
 * writes afterwards is dropped.
 *
 * The clock: a running program holds the fake's clock, so the auto clock
 * never moves while it awaits real work (a file read, a fetch, a real
 * timer). Only while it awaits `sleep` or `waitForSignal` is it parked, and
 * time may move. A program that waits for anything else forever holds the
 * clock forever (the fake logs a warning naming it).
 */
export interface Proc {
  /** This simple command as typed (words joined by spaces, redirections left out). */
  readonly command: string;
  /** The words after quote removal and `$VAR` expansion; `argv[0]` is the program's name. */
  readonly argv: readonly string[];
  /** Absolute working directory under /workspace. */
  readonly cwd: string;
  /** The environment: defaults (HOME, PATH, PWD) plus the command's `env` (real values). */
  readonly env: Readonly<Record<string, string>>;
  /** The sandbox it runs in. */
  readonly sandboxId: string;
  /** The command it runs for. */
  readonly commandId: string;
  /** Its standard output. */
  readonly stdout: ProcStream;
  /** Its standard error. */
  readonly stderr: ProcStream;
  /** The sandbox's files. */
  readonly fs: ProcFs;
  /** Aborted by SIGTERM, with reason "SIGTERM". */
  readonly signal: AbortSignal;
  /** Sleeps on the fake clock. */
  sleep(ms: number): Promise<void>;
  /**
   * Resolves with the signal when a SIGTERM arrives (at once if one already
   * did). Like `sleep`, this parks the program on fake time: a program that
   * waits for a cancel this way lets the auto clock move (to its timeout, say).
   */
  waitForSignal(): Promise<ProcSignal>;
  /** The fake clock's time (epoch ms). */
  now(): number;
  /** Calls `fn` when a SIGTERM arrives (at once if one already did). Returns an unsubscribe function. */
  onSignal(fn: (signal: ProcSignal) => void): () => void;
}

/** A simulated program. */
// `void` so that `async (proc) => { ... }` with no return type-checks.
// biome-ignore lint/suspicious/noConfusingVoidType: a handler may return nothing (exit code 0).
export type ProgramHandler = (proc: Proc) => number | void | Promise<number | void>;

/**
 * Which commands a program handles, tested against each simple command as
 * typed (`Proc.command`). A string matches that text exactly or as a prefix
 * ending at a word boundary (`"npm test"` matches `npm test -- --watch`, not
 * `npm tests`); a RegExp is tested on it; a function decides.
 */
export type ProgramMatcher = string | RegExp | ((command: string) => boolean);
