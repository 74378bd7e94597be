// Shared setup of the CLI tests: the built bin (dist/cli/bin.js, rebuilt when
// older than the sources), a fake served over HTTP on 127.0.0.1 that records
// every request it gets, and ways to run the CLI as a subprocess against it.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDropped } from "../../../../fake/http/faults.ts";
import { createFake, type Fake, type FakeOptions } from "../../../../fake/index.ts";
import { serve } from "../../../../fake/server/serve.ts";
import {
  type CrowNestClient,
  createCrowNestClient,
  type SandboxId,
} from "../../../../src/index.ts";
import { ensureBuilt as ensureBuiltEntry } from "../../../helpers/build.ts";

export const root = fileURLToPath(new URL("../../../../", import.meta.url));
export const bin = join(root, "dist/cli/bin.js");

/** Builds dist/ when the CLI's bin is missing or older than the sources. */
export const ensureBuilt = (): Promise<void> => ensureBuiltEntry(bin);

/** A fake served over HTTP, and what it was asked. */
export interface ServedFake {
  fake: Fake;
  url: string;
  apiKey: string;
  /** "METHOD /path" of every request, in order. */
  requests: string[];
  /** The SDK, in-process, on the same fake (for setting up and checking state). */
  client: CrowNestClient;
  close(): Promise<void>;
}

/** Serves a new fake on 127.0.0.1 (a free port), recording each request's method and path. */
export async function serveRecordingFake(options: FakeOptions = {}): Promise<ServedFake> {
  const requests: string[] = [];
  let fake: Fake | undefined;
  const server = await serve({
    port: 0,
    hostname: "127.0.0.1",
    isDropped,
    fetch: async (request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      if (!fake) return new Response("starting", { status: 503 });
      return fake.app.fetch(request);
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  fake = createFake({ clock: "auto", ...options, baseUrl: url });
  const client = createCrowNestClient({ apiKey: fake.apiKey, baseUrl: url, fetch: fake.fetch });
  return { fake, url, apiKey: fake.apiKey, requests, client, close: server.close };
}

/** An auto-clock and a manual-clock fake served over HTTP, each with a sandbox of an hour. */
export interface ClockPair {
  auto: ServedFake;
  manual: ServedFake;
  autoSandbox: SandboxId;
  manualSandbox: SandboxId;
}

/** Builds the CLI if stale, then serves a {@link ClockPair}. */
export async function serveClockPair(): Promise<ClockPair> {
  await ensureBuilt();
  const auto = await serveRecordingFake({ clock: "auto" });
  const manual = await serveRecordingFake({ clock: "manual" });
  const autoSandbox = (await auto.client.sandboxes.create({ ttlMs: 3_600_000 })).id;
  const manualSandbox = (await manual.client.sandboxes.create({ ttlMs: 3_600_000 })).id;
  return { auto, manual, autoSandbox, manualSandbox };
}

/** What a finished CLI run printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of a CLI run. */
export interface CliOptions {
  /** The fake to talk to (sets CROWNEST_BASE_URL and CROWNEST_API_KEY). */
  fake?: ServedFake;
  env?: Record<string, string>;
  cwd?: string;
  /** Standard input (default: none). */
  input?: string | Uint8Array;
}

function childEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("CROWNEST_")) env[k] = v;
  if (options.fake) {
    env.CROWNEST_BASE_URL = options.fake.url;
    env.CROWNEST_API_KEY = options.fake.apiKey;
  }
  return { ...env, ...options.env };
}

/** A running CLI subprocess whose output is collected as it comes. */
export interface RunningCli {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once the stream's output so far matches. */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp): Promise<void>;
  exited: Promise<CliResult>;
}

const running: ChildProcess[] = [];

/** Starts `node dist/cli/bin.js ...args`. */
export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    env: childEnv(options),
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.push(child);
  const out = { stdout: "", stderr: "" };
  const waiters: { stream: "stdout" | "stderr"; pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.pattern.test(out[w.stream])) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout?.on("data", (d) => {
    out.stdout += d;
    check();
  });
  child.stderr?.on("data", (d) => {
    out.stderr += d;
    check();
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  const exited = new Promise<CliResult>((resolve) => {
    child.on("close", (code) => resolve({ code, ...out }));
  });
  return {
    child,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    waitFor(stream, pattern) {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ stream, pattern, resolve });
        check();
        exited.then((r) => {
          if (!pattern.test(out[stream])) {
            reject(new Error(`exited ${r.code} before ${stream} matched ${pattern}:\n${r.stderr}`));
          }
        });
      });
    },
    exited,
  };
}

/** Runs the CLI to the end. */
export function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).exited;
}

/** Kills CLI subprocesses still running (afterAll). */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
}

/** Parses NDJSON output. */
export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

/** Deterministic, incompressible bytes (xorshift32 from `seed`). */
export function noise(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/**
 * Time limit of a test that spawns the CLI a few times: each spawn is a Node
 * start (~0.1 s of CPU), far slower on a loaded 2-core machine.
 */
export const SUBPROCESS_TIMEOUT_MS = 60_000;
