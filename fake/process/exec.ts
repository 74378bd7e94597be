/**
 * Runs a parsed command line: `;`/`&&`/`||` lists, `$VAR` expansion,
 * `NAME=value` prefixes, redirections into the sandbox's files, `cd` and
 * `exit`, and each simple command as a user program or a built-in.
 *
 * @module
 */
import { fileErrorText } from "./builtins.ts";
import type {
  FileStat,
  Proc,
  ProcFs,
  ProcSignal,
  ProcStream,
  ProgramRegistry,
} from "./programs.ts";
import {
  assignmentName,
  type CommandList,
  expandWord,
  parseCommandLine,
  ShellSyntaxError,
  type SimpleCommand,
} from "./shell.ts";

/** The part of the sandbox's file tree (fake/core/vfs.ts) processes use. */
export interface ProcessVfs {
  resolve(path: string, cwd?: string): string;
  stat(abs: string): FileStat | undefined;
  readFile(abs: string): Uint8Array;
  writeFile(
    abs: string,
    data: Uint8Array,
    opts?: { createParents?: boolean; overwrite?: boolean; append?: boolean },
  ): FileStat;
  mkdir(abs: string, opts?: { parents?: boolean }): FileStat;
  list(abs: string): FileStat[];
  remove(abs: string): void;
}

/** What the command runtime gives the shell: one per command. */
export interface ProcessHost {
  readonly sandboxId: string;
  readonly commandId: string;
  readonly vfs: ProcessVfs;
  /** The command's env (real values). */
  readonly env: Readonly<Record<string, string>>;
  /** False once the command ended (SIGKILL): writes and file changes are dropped. */
  readonly alive: boolean;
  readonly signal: AbortSignal;
  now(): number;
  /** Appends one log chunk. */
  write(stream: "stdout" | "stderr", data: string): void;
  sleep(ms: number): Promise<void>;
  waitForSignal(): Promise<ProcSignal>;
  onSignal(fn: (signal: ProcSignal) => void): () => void;
  /**
   * Lets the server breathe (one real macrotask, during which fake time holds
   * still): a long command line must not keep a signal or a request waiting.
   */
  pause?(): Promise<void>;
}

/** Real time a command line may run before it pauses (ms). */
const PAUSE_EVERY_MS = 20;
const realNow = (): number => globalThis.performance.now();

/** How the line ended: an exit code, or null when SIGTERM ended it. */
export interface ShellResult {
  exitCode: number | null;
}

/** The defaults every process's environment starts from. */
const DEFAULT_ENV: Readonly<Record<string, string>> = {
  HOME: "/workspace",
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  SHELL: "/bin/sh",
  LANG: "C.UTF-8",
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The reason a SIGTERM-interrupted sleep rejects with. */
export const SIGTERM: ProcSignal = "SIGTERM";

function toExitCode(n: number): number {
  return Number.isInteger(n) ? ((n % 256) + 256) % 256 : 1;
}

function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? `/workspace${path.slice(1)}` : path;
}

function makeFs(host: ProcessHost, cwd: string): ProcFs {
  const { vfs } = host;
  const abs = (p: string): string => vfs.resolve(expandHome(p), cwd);
  const bytes = (d: string | Uint8Array): Uint8Array =>
    typeof d === "string" ? encoder.encode(d) : d;
  return {
    resolve: abs,
    read: (p) => decoder.decode(vfs.readFile(abs(p))),
    readBytes: (p) => vfs.readFile(abs(p)).slice(),
    write(p, data, opts) {
      const target = abs(p);
      if (!host.alive) return;
      vfs.writeFile(target, bytes(data), {
        overwrite: true,
        append: opts?.append ?? false,
        createParents: opts?.createParents ?? false,
      });
    },
    exists: (p) => vfs.stat(abs(p)) !== undefined,
    stat: (p) => vfs.stat(abs(p)),
    list: (p = ".") => vfs.list(abs(p)),
    mkdir(p, opts) {
      const target = abs(p);
      if (host.alive) vfs.mkdir(target, { parents: opts?.parents ?? false });
    },
    remove(p, opts) {
      const target = abs(p);
      if (!host.alive) return;
      const walk = (path: string): void => {
        if (opts?.recursive && vfs.stat(path)?.type === "directory") {
          for (const child of vfs.list(path)) walk(child.path);
        }
        vfs.remove(path);
      };
      walk(target);
    },
  };
}

/** Where a stream goes: the command's log, or a file in the sandbox. */
type Sink = (data: string | Uint8Array) => void;

function openRedirects(
  host: ProcessHost,
  cmd: SimpleCommand,
  cwd: string,
  lookup: (name: string) => string | undefined,
  stdio: [Sink, Sink],
): [Sink, Sink] | string {
  const sinks: [Sink, Sink] = [stdio[0], stdio[1]];
  for (const r of cmd.redirects) {
    if ("dupTo" in r) {
      sinks[r.fd - 1] = sinks[r.dupTo - 1] as Sink;
      continue;
    }
    const target = expandWord(r.target, lookup) ?? "";
    if (!target) return `sh: ${r.target.raw}: ambiguous redirect`;
    try {
      const abs = host.vfs.resolve(expandHome(target), cwd);
      const exists = host.vfs.stat(abs);
      if (exists?.type === "directory")
        throw Object.assign(new Error(), { code: "is_a_directory" });
      if (host.alive && (!r.append || !exists)) {
        host.vfs.writeFile(abs, new Uint8Array(), { overwrite: true, createParents: false });
      }
      sinks[r.fd - 1] = (data) => {
        if (!host.alive) return;
        const b = typeof data === "string" ? encoder.encode(data) : data;
        // The file may have been removed meanwhile; a shell's open fd would not care.
        // A full disk (or a file over its limit) fails the write, as write(2) would.
        try {
          host.vfs.writeFile(abs, b, { append: true, overwrite: true, createParents: false });
        } catch (err) {
          if ((err as { code?: unknown }).code === "file_too_large") throw err;
        }
      };
    } catch (err) {
      return `sh: ${target}: ${fileErrorText(err)}`;
    }
  }
  return sinks;
}

function stream(sink: Sink): ProcStream {
  return {
    write(data) {
      if (typeof data === "string" ? data.length > 0 : data.byteLength > 0) sink(data);
    },
  };
}

/**
 * Runs `line` in the sandbox described by `host`, starting in `cwd`.
 * Resolves with the last exit code, or `exitCode: null` when SIGTERM ended it
 * (a program let the signal's rejection escape). Never rejects for a
 * program's failure.
 */
export async function runShell(
  line: string,
  cwd: string,
  host: ProcessHost,
  registry: ProgramRegistry,
): Promise<ShellResult> {
  const logSink =
    (s: "stdout" | "stderr"): Sink =>
    (data) =>
      host.write(s, typeof data === "string" ? data : decoder.decode(data));
  const stdio: [Sink, Sink] = [logSink("stdout"), logSink("stderr")];

  let list: CommandList;
  try {
    list = parseCommandLine(line);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    // A line the mini shell can't parse may still be a user program's (pipes and all).
    const text = line.trim();
    const handler = registry.findUser(text);
    if (!handler) {
      host.write("stderr", `sh: ${err.message}\n`);
      return { exitCode: 2 };
    }
    const argv = text.split(/\s+/);
    return runProgram(
      host,
      handler,
      text,
      argv,
      cwd,
      { ...DEFAULT_ENV, ...host.env, PWD: cwd },
      stdio,
    );
  }

  const vars: Record<string, string> = { ...DEFAULT_ENV, ...host.env };
  let status = 0;
  let ranSince = realNow();
  for (const { op, command } of list.items) {
    if (host.pause && realNow() - ranSince > PAUSE_EVERY_MS) {
      await host.pause();
      ranSince = realNow();
      if (!host.alive) return { exitCode: null };
    }
    if ((op === "&&" && status !== 0) || (op === "||" && status === 0)) continue;
    const lookup = (name: string): string | undefined =>
      name === "?" ? String(status) : name === "PWD" ? cwd : vars[name];

    const assigns: Record<string, string> = {};
    const argv: string[] = [];
    for (const w of command.words) {
      const name = argv.length === 0 ? assignmentName(w) : undefined;
      const value = expandWord(w, lookup);
      if (name !== undefined) assigns[name] = (value ?? "").slice(name.length + 1);
      else if (value !== undefined) argv.push(value);
    }
    if (argv.length === 0) {
      Object.assign(vars, assigns);
      status = 0;
      continue;
    }

    const sinks = openRedirects(host, command, cwd, lookup, stdio);
    if (typeof sinks === "string") {
      host.write("stderr", `${sinks}\n`);
      status = 1;
      continue;
    }
    const name = argv[0] as string;
    if (name === "exit") {
      const arg = argv[1];
      return { exitCode: arg === undefined ? status : toExitCode(Number.parseInt(arg, 10) || 0) };
    }
    if (name === "cd") {
      const target = expandHome(argv[1] ?? "/workspace");
      try {
        const abs = host.vfs.resolve(target, cwd);
        const st = host.vfs.stat(abs);
        if (!st) throw Object.assign(new Error(), { code: "not_found" });
        if (st.type !== "directory") throw Object.assign(new Error(), { code: "not_a_directory" });
        cwd = abs;
        status = 0;
      } catch (err) {
        sinks[1](`sh: cd: ${target}: ${fileErrorText(err)}\n`);
        status = 1;
      }
      continue;
    }
    const handler = registry.find(command.text, name);
    if (!handler) {
      sinks[1](`sh: ${name}: command not found\n`);
      status = 127;
      continue;
    }
    const env = { ...vars, ...assigns, PWD: cwd };
    const result = await runProgram(host, handler, command.text, argv, cwd, env, sinks);
    if (result.exitCode === null || host.signal.aborted) return result;
    status = result.exitCode;
  }
  return { exitCode: status };
}

async function runProgram(
  host: ProcessHost,
  handler: (proc: Proc) => unknown,
  command: string,
  argv: string[],
  cwd: string,
  env: Record<string, string>,
  sinks: [Sink, Sink],
): Promise<ShellResult> {
  const stderr = stream(sinks[1]);
  const proc: Proc = {
    command,
    argv,
    cwd,
    env,
    sandboxId: host.sandboxId,
    commandId: host.commandId,
    stdout: stream(sinks[0]),
    stderr,
    fs: makeFs(host, cwd),
    signal: host.signal,
    sleep: (ms) => host.sleep(ms),
    waitForSignal: () => host.waitForSignal(),
    now: () => host.now(),
    onSignal: (fn) => host.onSignal(fn),
  };
  try {
    const code = await handler(proc);
    return { exitCode: typeof code === "number" ? toExitCode(code) : 0 };
  } catch (err) {
    if (err === SIGTERM) return { exitCode: null };
    const message = err instanceof Error ? err.message : String(err);
    stderr.write(message.endsWith("\n") ? message : `${message}\n`);
    return { exitCode: 1 };
  }
}
