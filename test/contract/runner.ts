/**
 * One model run: open the target, set up the model and the real side, run
 * the commands (fast-check's asyncModelRun), then audit the end state (every
 * resource the model knows exists exactly once, with the predicted state) and
 * clean up what a shared target keeps.
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { Fake } from "../../fake/index.ts";
import { expectCommand, expectSandbox } from "./commands/shared.ts";
import { type ContractCommand, createReal, type Real, type RealOptions } from "./harness.ts";
import {
  commandPrediction,
  initialModel,
  type Model,
  predictListSandboxes,
  sandboxPrediction,
} from "./model.ts";
import { openTarget, type Target, type TargetConfig, targetConfig } from "./target.ts";

let runCounter = 0;

/** A tag that tells this run's resources apart on a shared target. */
function runTag(target: Target): string {
  if (target.mode === "in-process") return "t";
  runCounter++;
  return `ct${Date.now().toString(36)}${runCounter.toString(36)}`;
}

/**
 * The fault rules of a fault run: 5xx, 429 with Retry-After(-Ms), connections
 * dropped before and after the handler, SSE streams cut. Their hits add up
 * to less than the SDK's retry budget in fault mode, so every call succeeds
 * in the end (unless the model says it fails).
 */
export function installFaults(fake: Fake): void {
  const p = 0.06;
  fake.faults.add({
    probability: p,
    times: 3,
    status: 503,
    code: "service_unavailable",
    retryAfterMs: 5,
  });
  fake.faults.add({
    probability: p,
    times: 3,
    status: 429,
    code: "rate_limited",
    retryAfterSec: 1,
  });
  fake.faults.add({ probability: p, times: 2, status: 500 });
  fake.faults.add({ probability: p, times: 2, status: 504, code: "upstream_timeout" });
  fake.faults.add({ probability: p, times: 2, dropConnection: "before" });
  fake.faults.add({ probability: p, times: 3, dropConnection: "after" });
  fake.faults.add({
    operation: "streamCommandLogs",
    probability: 0.5,
    times: 6,
    cutStreamAfterEvents: 1,
  });
  fake.faults.add({
    operation: "streamWorkspaceRunEvents",
    probability: 0.5,
    times: 6,
    cutStreamAfterEvents: 2,
  });
}

export interface ModelRunOptions extends RealOptions {
  config?: TargetConfig;
  /** Commands run first, outside the random sequence (e.g. a sandbox with files). */
  prologue?: readonly ContractCommand[];
}

/** Sets up a model run over a fresh (in-process) or shared (remote) target. */
export async function setupRun(
  seed: number,
  options: ModelRunOptions = {},
): Promise<{ model: Model; real: Real; target: Target }> {
  const target = openTarget(seed, options.config ?? targetConfig());
  const real = createReal(target, { tag: runTag(target), ...options });
  let baselineLive = 0;
  if (target.mode === "remote") {
    baselineLive = (await real.client.sandboxes.list()).length;
  }
  const model = initialModel({
    clockKnown: target.mode === "in-process",
    limits: target.limits,
    baselineLive,
  });
  if (options.faults) {
    if (!target.fake) throw new Error("fault runs need the in-process fake");
    installFaults(target.fake);
  }
  return { model, real, target };
}

/**
 * The end state: the run's sandboxes, their artifacts and previews, its
 * workspace runs and commands are exactly the model's (nothing created
 * twice, nothing lost), with the predicted states.
 */
export async function audit(model: Model, real: Real): Promise<void> {
  for (const rule of real.target.fake?.faults.list() ?? []) {
    const kind =
      rule.cutStreamAfterEvents !== undefined
        ? "stream cut"
        : rule.dropConnection
          ? `dropped ${rule.dropConnection}`
          : String(rule.status);
    real.faultHits[kind] = (real.faultHits[kind] ?? 0) + rule.hits;
  }
  real.target.fake?.faults.clear();
  const { client, tag } = real;
  const exact = real.target.mode === "in-process";
  const sandboxes = await client.sandboxes.list({ includeEnded: true });
  const known = new Set(model.sandboxes.map((s) => s.id));
  const ours = sandboxes.filter((s) => known.has(s.id) || s.metadata.ct === tag);
  expect(
    ours.map((s) => s.id),
    "audit: the sandboxes, each once",
  ).toEqual(predictListSandboxes(model, true));
  if (exact) expect(sandboxes).toHaveLength(ours.length);
  for (const actual of ours) {
    const s = model.sandboxes.find((x) => x.id === actual.id);
    if (s) expectSandbox(actual, sandboxPrediction(model, s), `audit ${s.alias}`);
  }
  for (const s of model.sandboxes) {
    const artifacts = await client.artifacts.list(s.id);
    expect(
      artifacts.map((a) => a.id),
      `audit: artifacts of ${s.alias}`,
    ).toEqual(model.artifacts.filter((a) => a.sandboxId === s.id && !a.deleted).map((a) => a.id));
    const previews = await client.previews.list(s.id);
    expect(
      previews.map((p) => [p.id, p.status]),
      `audit: previews of ${s.alias}`,
    ).toEqual(model.previews.filter((p) => p.sandboxId === s.id).map((p) => [p.id, p.status]));
  }
  const runs = await client.workspaceRuns.list({ metadata: { ct: tag } });
  expect(
    runs.map((r) => [r.id, r.status]),
    "audit: the workspace runs, each once",
  ).toEqual(model.runs.map((r) => [r.id, r.status]));
  for (const c of model.commands) {
    const actual = await client.commands.get(c.id);
    expectCommand(actual, commandPrediction(c), `audit ${c.alias}`, exact);
  }
}

/** Kills what the run left running on a shared target. */
export async function cleanup(model: Model, real: Real): Promise<void> {
  if (real.target.mode !== "remote") return;
  for (const s of model.sandboxes) {
    if (s.status === "running") await real.client.sandboxes.kill(s.id).catch(() => {});
  }
}

/** One whole model run; returns the real side (its trace and observed operations). */
export async function runModel(
  seed: number,
  commands: Iterable<fc.AsyncCommand<Model, Real>>,
  options: ModelRunOptions = {},
): Promise<Real> {
  const { model, real } = await setupRun(seed, options);
  try {
    for (const command of options.prologue ?? []) await command.run(model, real);
    await fc.asyncModelRun(() => ({ model, real }), commands);
    await audit(model, real);
  } finally {
    await cleanup(model, real);
  }
  return real;
}
