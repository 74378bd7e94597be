#!/usr/bin/env node
// Schemathesis against crownest-fake: every phase (examples, coverage, fuzzing,
// stateful) and every check schemathesis.toml enables, with a fixed seed.
//
//   node test/schemathesis/run.mjs            the default profile (part of `npm test`)
//   node test/schemathesis/run.mjs --long     ten times the examples (`npm run test:schemathesis`)
//   node test/schemathesis/run.mjs --seed N   another seed; other arguments go to `st run`
//   CROWNEST_SCHEMATHESIS_BASE_URL=... CROWNEST_SCHEMATHESIS_API_KEY=... node test/schemathesis/run.mjs
//                                             against that service instead (no fake started)
//
// Makes the pinned venv (.venv-fuzz, from requirements.txt) once, starts
// `node dist/fake/bin.js` on a free 127.0.0.1 port, runs `st`, stops the fake,
// and ends with one line the test runner reads:
//   schemathesis: N passed / N failed (of the operations and the stateful phase)
// An operation (or the stateful phase) fails when any check failed or errored on it.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../../scripts/ensure-built.mjs";
import { FAKE_BIN, startFake } from "../../scripts/start-fake.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "../..");
const PROFILES = {
  default: { examples: 60, budgetMs: 170_000 },
  long: { examples: 600, budgetMs: 3_600_000 },
};

const args = process.argv.slice(2);
const profile = args.includes("--long") ? PROFILES.long : PROFILES.default;
let seed = "1";
const extra = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--long") continue;
  if (args[i] === "--seed") seed = args[++i] ?? seed;
  else extra.push(args[i]);
}
const log = (line) => console.log(`schemathesis: ${line}`);

function fail(message) {
  console.error(`schemathesis: ${message}`);
  process.exit(1);
}

const venv = spawnSync(
  process.execPath,
  [join(root, "scripts/ensure-venv.mjs"), join(root, ".venv-fuzz"), join(here, "requirements.txt")],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (venv.status !== 0) fail("could not make the venv .venv-fuzz");
const python = venv.stdout.trim().split("\n").at(-1);
const st = join(dirname(python), "st");

const target = process.env.CROWNEST_SCHEMATHESIS_BASE_URL;
if (target && !process.env.CROWNEST_SCHEMATHESIS_API_KEY) {
  fail("CROWNEST_SCHEMATHESIS_BASE_URL needs CROWNEST_SCHEMATHESIS_API_KEY");
}
if (!target) await ensureBuilt(FAKE_BIN, { log });

/** Operations and failed operations from the JUnit report (one testcase per operation). */
function count(xml) {
  const cases = xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
  const failed = cases.filter((c) => /<(failure|error)\b/.test(c));
  return { passed: cases.length - failed.length, failed: failed.length };
}

const fake = target
  ? { url: target, apiKey: process.env.CROWNEST_SCHEMATHESIS_API_KEY, child: null }
  : await startFake({
      args: ["--port", "0", "--clock", "auto", "--seed", seed],
      stderr: "inherit",
    }).catch((error) => fail(error.message));
if (fake.child) log(`crownest-fake listening on ${fake.url} (pid ${fake.child.pid})`);
const reports = await mkdtemp(join(tmpdir(), "crownest-schemathesis-"));
const junit = join(reports, "junit.xml");
let code;
try {
  const child = spawn(
    st,
    [
      "--config-file",
      join(here, "schemathesis.toml"),
      "run",
      join(root, "openapi.yaml"),
      "--url",
      fake.url,
      "--phases",
      "examples,coverage,fuzzing,stateful",
      "--seed",
      seed,
      "--max-examples",
      String(profile.examples),
      "--report",
      "junit",
      "--report-junit-path",
      junit,
      "--no-color",
      ...extra,
    ],
    {
      cwd: here,
      env: {
        ...process.env,
        CROWNEST_API_KEY: fake.apiKey,
        SCHEMATHESIS_HOOKS: "hooks",
        PYTHONPATH: here,
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const budget = setTimeout(() => {
    console.error(`schemathesis: over its budget of ${profile.budgetMs / 1000} s, stopped`);
    child.kill("SIGKILL");
  }, profile.budgetMs);
  code = await new Promise((resolve) => {
    child.on("error", () => resolve(1));
    child.on("close", (c) => resolve(c ?? 1));
  });
  clearTimeout(budget);
} finally {
  if (fake.child) await fake.stop();
}
const xml = await readFile(junit, "utf8").catch(() => "");
await rm(reports, { recursive: true, force: true });
const { passed, failed } = count(xml);
console.log(
  `schemathesis: ${passed} passed / ${failed} failed (of the operations and the stateful phase; st exit ${code})`,
);
process.exitCode = code === 0 && failed === 0 && passed > 0 ? 0 : 1;
