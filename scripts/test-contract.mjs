#!/usr/bin/env node
// `npm run test:contract`: the property-based contract tests (test/contract)
// with more runs, a replay, or against a base URL.
//
//   npm run test:contract                         the in-process fake, default runs
//   npm run test:contract -- --runs 500           500 runs per property
//   npm run test:contract -- --seed S --path P [--replay-path R] --test "NAME"
//                                                 replay a failure (the failure prints this line)
//   CROWNEST_CONTRACT_BASE_URL=... CROWNEST_CONTRACT_API_KEY=... npm run test:contract
//                                                 against that service instead of the fake
//   npm run test:contract -- --serve-fake         against crownest-fake started here as
//                                                 its own process, over HTTP on 127.0.0.1
//   --json FILE                                   also write vitest's JSON report
//   --no-shrink                                   report a failure unshrunk (sweeps of many seeds)
//   --slow                                        also the slow real-time tests (TTLs, timeouts,
//                                                 sleeps waited for); they need a base URL or --serve-fake
//
// Other arguments go to vitest. The options reach the properties through
// CROWNEST_CONTRACT_RUNS, _SEED, _PATH, _REPLAY_PATH, _NO_SHRINK and _SLOW.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./ensure-built.mjs";
import { FAKE_BIN, startFake as startCrownestFake } from "./start-fake.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = { ...process.env };
const vitestArgs = [];
let serveFake = false;

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined) {
      console.error(`test-contract: ${arg} needs a value`);
      process.exit(2);
    }
    return v;
  };
  if (arg === "--runs") env.CROWNEST_CONTRACT_RUNS = value();
  else if (arg === "--seed") env.CROWNEST_CONTRACT_SEED = value();
  else if (arg === "--path") env.CROWNEST_CONTRACT_PATH = value();
  else if (arg === "--replay-path") env.CROWNEST_CONTRACT_REPLAY_PATH = value();
  else if (arg === "--test") vitestArgs.push("-t", value());
  else if (arg === "--json") {
    vitestArgs.push("--reporter=default", "--reporter=json", `--outputFile.json=${value()}`);
  } else if (arg === "--serve-fake") serveFake = true;
  else if (arg === "--no-shrink") env.CROWNEST_CONTRACT_NO_SHRINK = "1";
  else if (arg === "--slow") env.CROWNEST_CONTRACT_SLOW = "1";
  else vitestArgs.push(arg);
}
if (env.CROWNEST_CONTRACT_RUNS && !/^[1-9]\d*$/.test(env.CROWNEST_CONTRACT_RUNS)) {
  console.error(
    `test-contract: --runs must be a positive integer, not ${env.CROWNEST_CONTRACT_RUNS}`,
  );
  process.exit(2);
}

/** Starts crownest-fake on a free port; resolves with its URL, key and process. */
async function startFake() {
  await ensureBuilt(FAKE_BIN, { log: (line) => console.log(`test-contract: ${line}`) });
  const apiKey = `cn_test_${randomUUID().replaceAll("-", "")}`;
  const fake = await startCrownestFake({
    args: ["--port", "0", "--api-key", apiKey],
    stderr: "inherit",
  });
  console.log(`test-contract: crownest-fake listening on ${fake.url} (pid ${fake.child.pid})`);
  return fake;
}

let fake;
if (serveFake) {
  try {
    fake = await startFake();
  } catch (error) {
    console.error(`test-contract: ${error.message}`);
    process.exit(1);
  }
  env.CROWNEST_CONTRACT_BASE_URL = fake.url;
  env.CROWNEST_CONTRACT_API_KEY = fake.apiKey;
}
// A remote target is shared: its quotas are the org's, so the files run one at a time.
if (env.CROWNEST_CONTRACT_BASE_URL) vitestArgs.unshift("--no-file-parallelism");

const vitest = join(root, "node_modules", ".bin", "vitest");
const child = spawn(vitest, ["run", "test/contract", ...vitestArgs], {
  cwd: root,
  env,
  stdio: "inherit",
});
const code = await new Promise((resolve) => {
  child.on("error", () => resolve(1));
  child.on("close", (c) => resolve(c ?? 1));
});
if (fake) await fake.stop();
process.exitCode = code;
