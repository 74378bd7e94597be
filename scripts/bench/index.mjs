#!/usr/bin/env node
// `npm run bench`: measures the SDK and the fake against their baselines in
// one run and prints a table whose figures are ratios against a baseline
// measured in the same run (these machines are noisy). The full run writes
// BENCHMARKS.md (machine, versions, date, command, the table, then
// scripts/bench/notes.md); `--quick` runs a small version of every row in
// seconds, writes nothing, and is part of `npm test` so the bench cannot rot.
// Targets are goals for the code, never assertions: the exit code is non-zero
// only when a row failed to run.
//
//     npm run bench [-- --quick] [-- --only 3,7]
//
// Every row runs in its own process (scripts/bench/<row>.mjs) and imports the
// BUILT package (dist/, made by `npm run build`, which `npm test` runs first).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fmt, now, root, runChild } from "./lib.mjs";

const OPTIONS_MODULE = "dist/cmdline/options.js";

const ROWS = [
  ["1", "sdk-overhead.mjs"],
  ["2", "log-streaming.mjs"],
  ["3", "server-throughput.mjs"],
  ["4", "fake-memory.mjs"],
  ["5", "workspace-run.mjs"],
  ["6", "contract-suite.mjs"],
  ["7", "size.mjs"],
  ["8", "cold-start.mjs"],
  // The soak's 100,000 requests take minutes on a busy machine.
  ["9", "soak.mjs", 1_800_000],
  ["10", "in-process.mjs"],
  ["11", "state-save.mjs"],
  ["12", "python-overhead.mjs"],
];

const BUILT = ["dist/src/index.js", "dist/fake/index.js", "dist/fake/bin.js", OPTIONS_MODULE];
for (const built of BUILT) {
  if (!existsSync(join(root, built))) {
    console.error(`bench: ${built} is missing; build the package first (npm run build)`);
    process.exit(2);
  }
}
// The bins' option parser, as built.
const { parseCommandLine } = await import(pathToFileURL(join(root, OPTIONS_MODULE)).href);
const { values } = parseCommandLine(
  {
    name: "node scripts/bench/index.mjs",
    summary: "Measures the SDK and the fake against baselines measured in the same run.",
    options: {
      quick: { type: "boolean", help: "a small version of every row; writes nothing" },
      only: {
        type: "string",
        value: "ROWS",
        parse: (text, flag) => {
          const ids = text.split(",");
          const unknown = ids.find((id) => !ROWS.some(([row]) => row === id));
          if (unknown === undefined) return new Set(ids);
          throw new Error(`${flag}: no row '${unknown}' (rows: ${ROWS.map(([row]) => row)})`);
        },
        help: "run only these rows, e.g. 3,7 (writes nothing)",
      },
    },
  },
  process.argv.slice(2),
);
const quick = values.quick === true;
const only = values.only ?? null;

const started = new Date();
const load0 = loadavg()[0];
const t0 = now();
const rows = [];
const details = {};
const failures = [];
for (const [id, file, timeoutMs] of ROWS) {
  if (only && !only.has(id)) continue;
  const t = now();
  process.stdout.write(`row ${id} (${file}) ... `);
  try {
    const result = await runChild(
      join(root, "scripts", "bench", file),
      { quick },
      timeoutMs ? { timeoutMs } : {},
    );
    rows.push(...result.rows);
    details[id] = result.details;
    console.log(`${((now() - t) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.log("FAILED");
    console.error(String(error?.message ?? error));
    failures.push(id);
    rows.push({
      name: `${id}. ${file}: did not run`,
      figure: "error",
      baseline: "—",
      ratio: Number.NaN,
      target: "—",
      met: false,
    });
  }
}
const seconds = (now() - t0) / 1000;

const verdict = (r) => (r.met === null ? "info" : r.met ? "met" : "missed");
const ratioText = (r) => (Number.isFinite(r.ratio) ? fmt.x(r.ratio) : "—");
const header = ["row", "figure", "baseline", "ratio", "target", ""];
const table = rows.map((r) => [r.name, r.figure, r.baseline, ratioText(r), r.target, verdict(r)]);

// ---- the terminal table --------------------------------------------------------
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => c.padEnd(widths[i]))
    .join("  ")
    .trimEnd();
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
for (const t of table) console.log(line(t));
console.log(
  `\n${rows.length} rows in ${seconds.toFixed(1)} s${quick ? " (--quick: small sizes, nothing written)" : ""}; ` +
    `${rows.filter((r) => r.met === true).length} targets met, ${rows.filter((r) => r.met === false).length} missed`,
);

// ---- BENCHMARKS.md (full runs only) --------------------------------------------
if (!quick && !only) {
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { cwd: root, encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      return "not available";
    }
  };
  const pkgVersion = (name) => {
    try {
      return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8"))
        .version;
    } catch {
      return "?";
    }
  };
  const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const bin = (name) => join(root, "node_modules", ".bin", name);
  const cpuModel = cpus()[0]?.model ?? "unknown CPU";
  const packages = [
    "openapi-fetch",
    "eventsource-parser",
    "hono",
    "@hono/node-server",
    "modern-tar",
    "autocannon",
    "@stoplight/prism-cli",
    "esbuild",
    "vitest",
    "fast-check",
  ]
    .map((p) => `${p} ${pkgVersion(p)}`)
    .join(", ");
  const md = (s) => s.replaceAll("|", "\\|");
  const notes = readFileSync(join(root, "scripts", "bench", "notes.md"), "utf8");
  const out = `# Benchmarks

Written by \`npm run bench\` (scripts/bench/); do not edit by hand: the notes
below the table come from scripts/bench/notes.md. Every figure is compared
with a baseline measured in the same run, and the ratio is what to read
(these machines are noisy). Targets are goals for the code, not test
assertions. \`npm run bench -- --quick\` runs a small version of every row
(part of \`npm test\`) and writes nothing.

- Date: ${started.toISOString()}
- Command: \`npm run bench\` (node scripts/bench/index.mjs), ${seconds.toFixed(0)} s
- Machine: ${cpus().length} × ${cpuModel}, ${(totalmem() / 1073741824).toFixed(1)} GiB RAM, ${process.platform} ${version("uname", ["-r"])}; load average ${load0.toFixed(2)} at the start
- Runtimes: Node ${process.version}; ${version(bin("deno"), ["--version"])}; Bun ${version(bin("bun"), ["--version"])}; ${version("tar", ["--version"])}
- Packages: ${own.name} ${own.version}; ${packages}

| row | figure | baseline | ratio | target | |
| --- | --- | --- | --- | --- | --- |
${table.map((t) => `| ${t.map(md).join(" | ")} |`).join("\n")}

${notes.trim()}

<details><summary>Raw results of this run (JSON)</summary>

\`\`\`json
${JSON.stringify(details, null, 1)}
\`\`\`

</details>
`;
  writeFileSync(join(root, "BENCHMARKS.md"), out);
  console.log("wrote BENCHMARKS.md");
}
if (failures.length > 0) {
  console.error(`bench: rows ${failures.join(", ")} did not run`);
  process.exitCode = 1;
}
