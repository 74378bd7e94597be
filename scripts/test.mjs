#!/usr/bin/env node
// The one `npm test` entry. Runs every check even after a failure, so one run
// shows everything that is wrong, then ends with a single "N passed, N failed"
// line (the totals CI reads) and a non-zero exit code if anything failed.
// A test runner counts its tests; any other check counts as one.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const totals = { passed: 0, failed: 0 };
const failures = [];

// Streams the command's output as it comes and also keeps it for parsing
// (`quiet` keeps stdout for parsing only: npm pack's JSON is not for people).
function run(cmd, args, { quiet = false, cwd = root } = {}) {
  console.log(`\n$ ${[cmd.replace(`${root}node_modules/.bin/`, ""), ...args].join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      stdout += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", (error) => resolve({ code: 1, output: String(error), stdout }));
    child.on("close", (code) => resolve({ code: code ?? 1, output, stdout }));
  });
}

function record(name, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  if (failed > 0) failures.push(name);
  // Not "N passed, N failed": that shape is kept for the one closing line.
  console.log(`== ${name}: ${failed > 0 ? "FAILED" : "ok"} (${passed} passed / ${failed} failed)`);
}

async function check(name, cmd, args, options) {
  const { code } = await run(cmd, args, options);
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

// A runner that exits non-zero without reporting a failed test (a crash, a
// type error before any test) still counts one failure; one that ran no test
// at all counts as a failure too, so an empty suite cannot pass silently.
async function runner(name, cmd, args, count, options) {
  const { code, output } = await run(cmd, args, options);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colours
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  let { passed, failed } = (await count(plain)) ?? { passed: 0, failed: 0 };
  if (code !== 0 && failed === 0) failed = 1;
  if (passed + failed === 0) failed = 1;
  record(name, passed, failed);
}

// dist/ is what the bins, the bench and the packaging checks run; `npm ci`
// builds nothing (the package has no install scripts), so build it first.
await check("build", "npm", ["run", "build", "--silent"]);
await check("lock file pinned and in step with package.json", process.execPath, [
  "scripts/check-lock.mjs",
]);
await check("lint (biome)", bin("biome"), ["check", "."]);
await check("typecheck (tsc)", bin("tsc"), ["--noEmit"]);
await check("no import cycles, layers kept (dependency-cruiser)", "npm", [
  "run",
  "check:deps",
  "--silent",
]);
// The Python package's venv (pinned, from PyPI; made once, remade when the pins
// change): the generator's datamodel-codegen and every Python check run from it.
const venv = join(root, ".venv");
const py = (name) => join(venv, "bin", name);
await check("python venv (python/requirements-dev.txt)", process.execPath, [
  "scripts/ensure-venv.mjs",
  venv,
  "python/requirements-dev.txt",
  "python",
]);
await check("generated types up to date", process.execPath, ["scripts/generate.mjs", "--check"]);
await check("every public export documented (deno doc --lint)", process.execPath, [
  "scripts/doc-lint.mjs",
]);
await check("contract lint (redocly)", bin("redocly"), ["lint", "openapi.yaml"]);

const vitestJson = join(root, "test-output", "vitest.json");
await rm(vitestJson, { force: true });
await runner(
  "vitest",
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
  async () => {
    const report = JSON.parse(await readFile(vitestJson, "utf8").catch(() => "null"));
    return report && { passed: report.numPassedTests, failed: report.numFailedTests };
  },
);

// The contract suite again, retargeted: over HTTP against crownest-fake started
// as its own process on 127.0.0.1 (scripts/test-contract.mjs starts and stops it).
const contractJson = join(root, "test-output", "contract-http.json");
await rm(contractJson, { force: true });
await runner(
  "contract tests over HTTP (crownest-fake)",
  process.execPath,
  ["scripts/test-contract.mjs", "--serve-fake", "--json", contractJson],
  async () => {
    const report = JSON.parse(await readFile(contractJson, "utf8").catch(() => "null"));
    return report && { passed: report.numPassedTests, failed: report.numFailedTests };
  },
);

// Schemathesis over HTTP against crownest-fake (test/schemathesis/run.mjs makes
// its pinned venv, starts and stops the fake): one count per operation, and one
// for the stateful phase.
await runner(
  "schemathesis (crownest-fake)",
  process.execPath,
  ["test/schemathesis/run.mjs"],
  (out) => {
    const m = out.match(/^schemathesis: (\d+) passed \/ (\d+) failed/m);
    return m && { passed: Number(m[1]), failed: Number(m[2]) };
  },
);

// The permissions live once, in package.json's test:deno script.
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const [, ...denoArgs] = pkg.scripts["test:deno"].split(/\s+/);
await runner("deno test", bin("deno"), denoArgs, (out) => {
  const m = out.match(/^(?:ok|FAILED) \| (\d+) passed.*?\| (\d+) failed/m);
  return m && { passed: Number(m[1]), failed: Number(m[2]) };
});

await runner("bun test", bin("bun"), ["test", "test/bun"], (out) => {
  const passed = out.match(/^\s*(\d+) pass$/m);
  const failed = out.match(/^\s*(\d+) fail$/m);
  return passed && failed && { passed: Number(passed[1]), failed: Number(failed[1]) };
});

// Cloudflare Workers: test/workerd's modules under workerd (`workerd test`).
await runner(
  "workerd test (Cloudflare Workers)",
  process.execPath,
  ["scripts/test-workerd.mjs"],
  (out) => ({
    passed: (out.match(/\[ PASS \]/g) ?? []).length,
    failed: (out.match(/\[ FAIL \]/g) ?? []).length,
  }),
);

// The README's runnable examples of testing with the fake, on each runtime.
const examplesJson = join(root, "test-output", "examples-vitest.json");
await rm(examplesJson, { force: true });
await runner(
  "examples (vitest)",
  bin("vitest"),
  [
    "run",
    "--config",
    "examples/vitest/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${examplesJson}`,
  ],
  async () => {
    const report = JSON.parse(await readFile(examplesJson, "utf8").catch(() => "null"));
    return report && { passed: report.numPassedTests, failed: report.numFailedTests };
  },
);
const [, ...denoExampleArgs] = pkg.scripts["test:examples:deno"].split(/\s+/);
await runner("examples (deno test)", bin("deno"), denoExampleArgs, (out) => {
  const m = out.match(/^(?:ok|FAILED) \| (\d+) passed.*?\| (\d+) failed/m);
  return m && { passed: Number(m[1]), failed: Number(m[2]) };
});
await runner("examples (bun test)", bin("bun"), ["test", "examples/bun"], (out) => {
  const passed = out.match(/^\s*(\d+) pass$/m);
  const failed = out.match(/^\s*(\d+) fail$/m);
  return passed && failed && { passed: Number(passed[1]), failed: Number(failed[1]) };
});

// The Python package (python/): lint, format, strict types, its pytest suite
// against crownest-fake (dist/fake/bin.js), and the wheel installed in a fresh venv.
const pythonDir = join(root, "python");
const inPython = { cwd: pythonDir };
await check("python lint (ruff check)", py("ruff"), ["check"], inPython);
await check("python format (ruff format --check)", py("ruff"), ["format", "--check"], inPython);
// The files (the package, its tests and the consumer file) are pyproject's [tool.mypy].
await check("python types (mypy --strict)", py("mypy"), ["--strict"], inPython);

/** passed/failed of a pytest junit xml (errors count as failures, skips as neither). */
async function junitCounts(file) {
  const xml = await readFile(file, "utf8").catch(() => "");
  const suite = xml.match(/<testsuite\b[^>]*>/)?.[0];
  if (!suite) return null;
  const attr = (name) => Number(suite.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const failed = attr("failures") + attr("errors");
  return { passed: attr("tests") - failed - attr("skipped"), failed };
}

/** A pytest run in python/, counted from its junit xml (test-output/<xml>). */
async function pytest(name, args, xml) {
  const file = join(root, "test-output", xml);
  await rm(file, { force: true });
  await runner(
    name,
    py("python"),
    ["-m", "pytest", ...args, `--junitxml=${file}`],
    () => junitCounts(file),
    inPython,
  );
}
await pytest("python tests (pytest)", ["--ignore=tests/test_packaging.py"], "pytest.xml");
await pytest(
  "python wheel check (build, install in a fresh venv, smoke)",
  ["tests/test_packaging.py"],
  "pytest-wheel.xml",
);

// A consumer's `npm install <tarball>` in a fresh project: no build, no
// install-script warning, and the package imports.
async function checkConsumerInstall(tarball) {
  const name = "consumer install of the tarball (no scripts, no warnings)";
  const dir = await mkdtemp(join(tmpdir(), "crownest-consumer-"));
  try {
    await writeFile(
      join(dir, "package.json"),
      '{"name":"consumer","version":"1.0.0","type":"module"}',
    );
    const install = await run(
      "npm",
      ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline"],
      {
        cwd: dir,
      },
    );
    const noisy = /install-scripts|prepare|npm run build/i.test(install.output);
    const use = await run(
      process.execPath,
      ["-e", 'await import("@crownest/sdk"); await import("@crownest/sdk/fake")'],
      {
        cwd: dir,
      },
    );
    if (noisy) console.log("the consumer's install ran or warned about a script");
    const ok = install.code === 0 && !noisy && use.code === 0;
    record(name, ok ? 1 : 0, ok ? 0 : 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Packaging: check the tarball npm would publish (`npm pack` builds it through `prepack`), not the
// work tree, and the JSR package Deno would publish.
const packDir = await mkdtemp(join(tmpdir(), "crownest-pack-"));
const pack = await run("npm", ["pack", "--json", "--pack-destination", packDir], { quiet: true });
let tarball;
try {
  tarball = pack.code === 0 && join(packDir, JSON.parse(pack.stdout)[0].filename);
} catch {
  tarball = undefined;
}
if (tarball) {
  await checkConsumerInstall(tarball);
  await check("publint", bin("publint"), ["run", "--strict", tarball]);
  await check("attw", bin("attw"), [tarball, "--profile", "esm-only"]);
} else {
  record("publint (npm pack failed)", 0, 1);
  record("attw (npm pack failed)", 0, 1);
}
await rm(packDir, { recursive: true, force: true });
await check("jsr publish dry run", bin("deno"), ["publish", "--dry-run", "--allow-dirty"]);

// The benchmarks, small: every row must still run and print its line (the
// targets are goals, not assertions; `npm run bench` is the real run).
await check("bench --quick", process.execPath, ["scripts/bench/index.mjs", "--quick"]);

if (failures.length > 0) console.log(`\nfailed: ${failures.join(", ")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
