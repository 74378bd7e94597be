// Row 12: the Python package (python/, run with the project's venv, .venv).
// Per-call overhead of `sandboxes.get` against raw httpx (a keep-alive
// httpx.Client / AsyncClient, get + .json()) on the same URL of crownest-fake
// over loopback, sync and async, in alternating rounds; and `import crownest`
// against `import httpx`, each in fresh interpreters, alternating.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { childArgs, childResult, fmt, median, root, row, startFakeServer } from "./lib.mjs";

const python = join(root, ".venv", "bin", "python");
const script = join(root, "scripts", "bench", "python_overhead.py");

function py(args) {
  const r = spawnSync(python, [script, ...args], { cwd: root, encoding: "utf8", timeout: 600_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`python ${args[0]} failed (${r.error ?? r.status}): ${r.stderr.slice(-2000)}`);
  }
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

export async function run({ quick }) {
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: make the venv first (npm run python:venv)`);
  }
  const server = await startFakeServer();
  let calls;
  try {
    calls = py(["calls", server.url, server.apiKey, quick ? "25" : "250", quick ? "4" : "40"]);
  } finally {
    await server.stop();
  }
  const processes = quick ? 2 : 21;
  const sdk = [];
  const base = [];
  for (let i = 0; i < processes; i++) {
    for (const name of i % 2 ? ["httpx", "crownest"] : ["crownest", "httpx"]) {
      (name === "crownest" ? sdk : base).push(py(["import", name]).importMs);
    }
  }
  const imports = { crownestMs: median(sdk), httpxMs: median(base) };
  imports.ratio = imports.crownestMs / imports.httpxMs;
  const callRow = (label, r) =>
    row({
      name: `12${label === "sync" ? "a" : "b"}. Python SDK call overhead, loopback (${label} sandboxes.get)`,
      figure: `${fmt.us(r.sdkUs)}/call`,
      baseline: `raw httpx get + json() ${fmt.us(r.rawUs)}/call`,
      ratio: r.ratio,
      target: "≤ 1.30x",
      met: r.ratio <= 1.3,
    });
  return {
    rows: [
      callRow("sync", calls.sync),
      callRow("async", calls.async),
      row({
        name: "12c. Python cold start: import crownest (fresh interpreter)",
        figure: `import ${fmt.ms(imports.crownestMs)}`,
        baseline: `import httpx ${fmt.ms(imports.httpxMs)}`,
        ratio: imports.ratio,
        target: "≤ 1.50x",
        met: imports.ratio <= 1.5,
      }),
    ],
    details: { httpx: calls.httpx, sync: calls.sync, async: calls.async, processes, imports },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) childResult(await run(childArgs()));
