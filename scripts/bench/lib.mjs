// Shared helpers of the benchmark rows: timing, alternating rounds, child
// processes (for measurements that need a clean process: RSS, cold start),
// crownest-fake as a server, and formatting.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startFake } from "../start-fake.mjs";

/** The project root (absolute path, with a trailing slash). */
export const root = fileURLToPath(new URL("../../", import.meta.url));

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export const now = () => performance.now();

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs `a` and `b` in alternating rounds (a b, b a, a b, ...) so drift of a
 * noisy machine hits both alike. Each function does one batch and returns
 * its elapsed ms (or { ms, ...extra }). Returns the per-round times and the
 * median of the per-round ratios a/b (a pairwise ratio cancels slow phases).
 */
export async function alternate(rounds, a, b) {
  const as = [];
  const bs = [];
  const ratios = [];
  for (let i = 0; i < rounds; i++) {
    let ta;
    let tb;
    if (i % 2 === 0) {
      ta = await a();
      tb = await b();
    } else {
      tb = await b();
      ta = await a();
    }
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  return { a: as, b: bs, ratio: median(ratios) };
}

/** Times `fn` (async) over `n` sequential calls; returns elapsed ms. */
export async function timeCalls(n, fn) {
  const start = now();
  for (let i = 0; i < n; i++) await fn(i);
  return now() - start;
}

/**
 * Runs a row's child script (`node <file> <json args>`), which prints one
 * JSON line (its result) as the last line of stdout. Returns the parsed
 * result. The child runs with `nodeArgs` (e.g. --expose-gc).
 */
export async function runChild(file, args = {}, { nodeArgs = [], timeoutMs = 240_000 } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, file, JSON.stringify(args)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const [code, signal] = await once(child, "close");
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `${file} exited ${code ?? signal}: ${stderr.trim().slice(-2000) || stdout.slice(-2000)}`,
    );
  }
  const last = stdout.trim().split("\n").at(-1);
  return JSON.parse(last);
}

/** In a child script: its JSON argument. */
export function childArgs() {
  return JSON.parse(process.argv[2] ?? "{}");
}

/** In a child script: prints the result line the parent reads. */
export function childResult(value) {
  process.stdout.write(`\n${JSON.stringify(value)}\n`);
}

/**
 * Starts a server process and waits for `ready` (a regex over its output)
 * to match; returns { url, match, stop }. Output is kept only until ready
 * (then discarded: a chatty server must not fill our memory).
 */
export async function startServer(cmd, args, ready, { timeoutMs = 60_000, env } = {}) {
  const child = spawn(cmd, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let seen = "";
  let settled = false;
  const match = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      settled = true;
      child.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")} did not start: ${seen.slice(-1000)}`));
    }, timeoutMs);
    const onData = (d) => {
      if (settled) return;
      seen += d;
      const m = ready.exec(seen);
      if (m) {
        settled = true;
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${seen.slice(-1000)}`));
    });
  });
  // Keep draining (a full pipe would block the server), but drop the text.
  child.stdout.removeAllListeners("data");
  child.stderr.removeAllListeners("data");
  child.stdout.resume();
  child.stderr.resume();
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { match, stop, pid: child.pid };
}

/** Starts crownest-fake (the built bin) on a free loopback port. */
export async function startFakeServer(extraArgs = []) {
  const fake = await startFake({ args: ["--port", "0", "--host", "127.0.0.1", ...extraArgs] });
  return { ...fake, pid: fake.child.pid };
}

/** A free loopback port (bound, then released). */
export async function freePort() {
  const { createServer } = await import("node:net");
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  srv.close();
  await once(srv, "close");
  return port;
}

// ---- formatting -------------------------------------------------------------

export const fmt = {
  ms: (v) =>
    v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`,
  us: (v) => `${v.toFixed(1)} µs`,
  rate: (v, unit) =>
    `${v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e4 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(0)} ${unit}`,
  mib: (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`,
  kib: (bytes) => `${(bytes / 1024).toFixed(1)} KiB`,
  x: (v) => `${v.toFixed(2)}x`,
};

/** A table row. `met`: true, false, or null (no target, informational). */
export function row({ name, figure, baseline, ratio, target, met, quick }) {
  return { name, figure, baseline, ratio, target, met, quick };
}
