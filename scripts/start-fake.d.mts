import type { ChildProcess } from "node:child_process";

export declare const FAKE_BIN: string;

export type FakeRuntime = "node" | "deno" | "bun";

export declare function fakeLauncher(
  runtime?: FakeRuntime,
  options?: { allowRead?: string[] },
): string[];

export interface StartFakeOptions {
  /** crownest-fake's arguments. */
  args?: string[];
  /** The command and arguments before `args` (default: `node dist/fake/bin.js`). */
  launcher?: string[];
  /** Added to process.env. */
  env?: Record<string, string>;
  cwd?: string;
  /** "inherit" passes the fake's stderr through; "pipe" keeps it for `errors()`. */
  stderr?: "pipe" | "inherit";
  timeoutMs?: number;
}

export interface RunningFake {
  child: ChildProcess;
  url: string;
  apiKey: string;
  controlToken: string;
  /** The banner line. */
  line: string;
  /** The exit code, once it exits. */
  exited: Promise<number | null>;
  /** Its stdout after the banner (the last 64 KiB). */
  output(): string;
  /** Its stderr (the last 64 KiB; "" with stderr "inherit"). */
  errors(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export declare function startFake(options?: StartFakeOptions): Promise<RunningFake>;
