// Row 6: the contract suite. (1) Model-based runs per second with the auto
// clock: the model property of test/contract/model.test.ts (random command
// sequences through the SDK against the in-process fake, each step checked
// against the model), its duration as vitest reports it. (2) The proof that
// no test sleeps in real time, two ways: a scan of test/ for real-time waits
// (listed, with their total), and the suite run in one vitest worker with
// its wall time compared to the CPU time (user + sys) of the whole process
// tree: a suite that waited on real timers would leave the CPU idle.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createClock } from "@crownest/sdk/fake";
import { childArgs, childResult, now, root, row } from "./lib.mjs";

const TICK_MS = 10; // /proc clock ticks: USER_HZ is 100 on Linux

/** CPU ms used by this process's waited-for children (and theirs), from /proc. */
function childrenCpuMs() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 (1-based) are cutime and cstime; fields[0] is field 3.
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

async function vitest(args, env = {}) {
  const out = join(tmpdir(), `crownest-bench-vitest-${process.pid}-${Date.now()}.json`);
  const cpu0 = childrenCpuMs();
  const t0 = now();
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules", "vitest", "vitest.mjs"),
      "run",
      ...args,
      "--reporter=json",
      `--outputFile.json=${out}`,
    ],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const [code] = await once(child, "close");
  const wallMs = now() - t0;
  const cpuMs = childrenCpuMs() - cpu0;
  const report = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : null;
  rmSync(out, { force: true });
  if (!report) throw new Error(`vitest ${args.join(" ")} exited ${code}: ${stderr.slice(-1500)}`);
  const tests = report.testResults.flatMap((f) => f.assertionResults);
  return {
    code,
    wallMs,
    cpuMs,
    tests,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
  };
}

/**
 * Real-time waits in the tests: a promise resolved by setTimeout after a delay
 * (a number, or a name or expression: its ms unknown), setInterval, timer
 * promises, Atomics.wait, Bun.sleep, Deno.sleep.
 */
function scanForSleeps() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|js|mjs)$/.test(name)) {
        readFileSync(path, "utf8")
          .split("\n")
          .forEach((line, i) => {
            // setTimeout(resolve, delay): a wait (a guard's callback is a function, not a name).
            const delay = /(?<![.\w])setTimeout\(\s*[A-Za-z_$][\w$]*\s*,\s*([^)]+?)\s*\)/.exec(
              line,
            )?.[1];
            const ms = delay && /^[\d_]+$/.test(delay) ? Number(delay.replaceAll("_", "")) : null;
            if (
              (delay && ms !== 0) ||
              /setInterval\(|timers\/promises|Atomics\.wait|Bun\.sleep|Deno\.sleep/.test(line)
            ) {
              found.push({
                where: `${relative(root, path)}:${i + 1}`,
                ms,
                // A wait that is the case itself (a real server's outage) says so on its line.
                deliberate: /\/\/ real-time: /.test(line),
              });
            }
          });
      }
    }
  };
  walk(join(root, "test"));
  return found;
}

/**
 * Real time per step of the auto clock: a request waiting on fake time makes
 * the clock jump once the fake is idle, which it learns from one real
 * macrotask turn. Wall time far above CPU time here would be a real sleep.
 */
async function autoClockSteps(steps) {
  const clock = createClock("auto");
  await clock.waitFor(clock.sleep(1000));
  const cpu0 = process.cpuUsage();
  const t0 = now();
  for (let i = 0; i < steps; i++) await clock.waitFor(clock.sleep(1000));
  const cpu = process.cpuUsage(cpu0);
  return { steps, wallMs: now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function run({ quick }) {
  const runs = quick ? 2 : 40;
  const model = await vitest(
    ["test/contract/model.test.ts", "-t", "model run", "--no-file-parallelism"],
    { CROWNEST_CONTRACT_RUNS: String(runs) },
  );
  const modelTest = model.tests.find((t) => t.title.startsWith("model run"));
  if (modelTest?.status !== "passed") {
    throw new Error(
      `the model property did not pass: ${modelTest?.failureMessages?.[0]?.slice(0, 500)}`,
    );
  }
  const runsPerSec = runs / (modelTest.duration / 1000);

  // The whole contract suite (quick: the model property alone) in one worker.
  const suiteArgs = quick
    ? ["test/contract/model.test.ts", "-t", "model run", "--no-file-parallelism"]
    : ["test/contract", "--no-file-parallelism"];
  // Quick mode measures both on one vitest launch.
  const suite = quick ? model : await vitest(suiteArgs);
  const busy = suite.cpuMs / suite.wallMs;
  const found = scanForSleeps();
  const sleeps = found.filter((s) => !s.deliberate);
  const deliberate = found.filter((s) => s.deliberate);
  const sleptMs = sleeps.reduce((sum, s) => sum + (s.ms ?? 0), 0);
  const deliberateMs = deliberate.reduce((sum, s) => sum + (s.ms ?? 0), 0);
  const testTimeMs = suite.tests.reduce((sum, t) => sum + (t.duration ?? 0), 0);
  const auto = await autoClockSteps(quick ? 200 : 2000);
  const usPerStep = (auto.wallMs / auto.steps) * 1000;
  // CPU/wall of the suite is reported but not judged: on a shared machine,
  // waiting for a core looks the same as sleeping.
  const met = sleeps.every((s) => s.ms !== null) && sleptMs < 100 && usPerStep < 200;
  return {
    rows: [
      row({
        name: `6. Contract suite: model runs (≤50 commands each), auto clock`,
        figure: `${runsPerSec.toFixed(1)} runs/s`,
        baseline: `auto clock ${usPerStep.toFixed(0)} µs/step; tests: ${sleeps.length} real waits, ${sleptMs} ms (and ${deliberate.length} marked as the case: ${deliberateMs} ms, and ${deliberate.filter((s) => s.ms === null).length} of a computed delay); suite CPU/wall ${busy.toFixed(2)}`,
        ratio: busy,
        target: "no real sleeps",
        met,
      }),
    ],
    details: {
      modelRuns: runs,
      modelMs: modelTest.duration,
      suite: {
        args: suiteArgs,
        wallMs: suite.wallMs,
        cpuMs: suite.cpuMs,
        tests: suite.tests.length,
        passed: suite.passed,
        failed: suite.failed,
        testTimeMs,
      },
      realWaits: sleeps,
      deliberateWaits: deliberate,
      autoClock: auto,
      loadAverage: (await import("node:os")).loadavg(),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) childResult(await run(childArgs()));
