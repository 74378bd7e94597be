// Starts crownest-fake in a child process and reads its banner: the one
// helper of the tests, the contract runner (scripts/test-contract.mjs), the
// Schemathesis runner and the bench. Types in start-fake.d.mts.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The built bin, as users run it (`node dist/fake/bin.js`). */
export const FAKE_BIN = join(root, "dist/fake/bin.js");

/** The banner, the fake's first line on stdout. */
const BANNER =
  /^crownest-fake listening on (http:\/\/\S+) \(api key (\S+)\) \(control token (\S+)\)$/;

// What the helper keeps of a child's output: its last 64 KiB.
const KEEP = 65_536;

/**
 * How a runtime starts the fake: Node the built bin, Deno and Bun the
 * TypeScript entry (Deno with loopback networking and `allowRead` only).
 */
export function fakeLauncher(runtime = "node", { allowRead = [] } = {}) {
  const entry = join(root, "fake/bin.ts");
  if (runtime === "node") return [process.execPath, FAKE_BIN];
  if (runtime === "bun") return [join(root, "node_modules/.bin/bun"), entry];
  return [
    join(root, "node_modules/.bin/deno"),
    "run",
    "--no-prompt",
    "--allow-net=127.0.0.1",
    ...(allowRead.length > 0 ? [`--allow-read=${allowRead.join(",")}`] : []),
    entry,
  ];
}

/**
 * Starts crownest-fake with `args` and resolves once its banner is read;
 * rejects when the first line is not the banner, when it exits first, or
 * after `timeoutMs` (then it is killed).
 */
export function startFake({
  args = [],
  launcher = fakeLauncher(),
  env,
  cwd = root,
  stderr = "pipe",
  timeoutMs = 30_000,
} = {}) {
  const [command, ...launch] = launcher;
  const child = spawn(command, [...launch, ...args], {
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    stdio: ["ignore", "pipe", stderr],
  });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  let out = "";
  let err = "";
  let line;
  child.stdout.on("data", (d) => {
    out = (out + d).slice(-KEEP);
  });
  child.stderr?.on("data", (d) => {
    err = (err + d).slice(-KEEP);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill("SIGTERM");
    const late = setTimeout(() => child.kill("SIGKILL"), 5_000);
    const code = await exited;
    clearTimeout(late);
    return code;
  };
  return new Promise((resolve, reject) => {
    const fail = (message) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`crownest-fake ${message}${err ? `:\n${err}` : ""}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const onData = () => {
      const end = out.indexOf("\n");
      if (end < 0) return;
      child.stdout.off("data", onData);
      child.off("exit", onExit);
      line = out.slice(0, end);
      out = out.slice(end + 1);
      const m = BANNER.exec(line);
      if (!m) return fail(`printed an unexpected first line: ${line}`);
      clearTimeout(timer);
      resolve({
        child,
        url: m[1],
        apiKey: m[2],
        controlToken: m[3],
        line,
        exited,
        output: () => out,
        errors: () => err,
        stop,
      });
    };
    const onExit = (code) => fail(`exited (${code}) before listening`);
    child.stdout.on("data", onData);
    child.on("exit", onExit);
  });
}
