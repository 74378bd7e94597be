/**
 * What the contract tests run against: the in-process fake (every control
 * available), or the service at a base URL given by the environment:
 *
 *     CROWNEST_CONTRACT_BASE_URL=http://127.0.0.1:8787 \
 *     CROWNEST_CONTRACT_API_KEY=cn_test_... npm run test:contract
 *
 * A remote target has none of the fake's controls (clock, fault rules,
 * programs, extra API keys): the commands that need them are skipped, and
 * the suite says which. `CROWNEST_CONTRACT_PLAN` (JSON, e.g.
 * `{"maxLiveSandboxes": 10}`) tells the model a remote plan's limits when
 * they differ from the fake's defaults.
 *
 * @module
 */
import { createFake, DEFAULT_PLAN, type Fake } from "../../fake/index.ts";
import type { Limits } from "./model.ts";

/** A control of the fake that a remote service doesn't offer. */
export type Control = "clock" | "faults" | "programs" | "keys";

export const ALL_CONTROLS: readonly Control[] = ["clock", "faults", "programs", "keys"];

/** The in-process fake's plan: small, so quotas are reached in short runs. */
export const IN_PROCESS_LIMITS: Limits = {
  maxLiveSandboxes: 3,
  maxRunningCommandsPerSandbox: 3,
  maxTtlMs: DEFAULT_PLAN.maxTtlMs,
};

/** Where the in-process fake serves signed transfer targets (tokens only, no bearer). */
export const STORAGE_ORIGIN = "https://storage.crownest.test";

/** The target the environment selects. */
export type TargetConfig =
  | { mode: "in-process" }
  | { mode: "remote"; baseUrl: string; apiKey: string; limits: Limits };

export function targetConfig(env: Record<string, string | undefined> = process.env): TargetConfig {
  const baseUrl = env.CROWNEST_CONTRACT_BASE_URL;
  if (!baseUrl) return { mode: "in-process" };
  const apiKey = env.CROWNEST_CONTRACT_API_KEY;
  if (!apiKey) {
    throw new Error("CROWNEST_CONTRACT_BASE_URL is set but CROWNEST_CONTRACT_API_KEY is not");
  }
  const plan = env.CROWNEST_CONTRACT_PLAN ? JSON.parse(env.CROWNEST_CONTRACT_PLAN) : {};
  return {
    mode: "remote",
    baseUrl: baseUrl.replace(/\/+$/, ""),
    apiKey,
    limits: {
      maxLiveSandboxes: plan.maxLiveSandboxes ?? DEFAULT_PLAN.maxLiveSandboxes,
      maxRunningCommandsPerSandbox:
        plan.maxRunningCommandsPerSandbox ?? DEFAULT_PLAN.maxRunningCommandsPerSandbox,
      maxTtlMs: plan.maxTtlMs ?? DEFAULT_PLAN.maxTtlMs,
    },
  };
}

/** The controls a target of this configuration has. */
export function controlsOf(config: TargetConfig): ReadonlySet<Control> {
  return new Set(config.mode === "in-process" ? ALL_CONTROLS : []);
}

/** The plan limits the model assumes for a target of this configuration. */
export function limitsOf(config: TargetConfig): Limits {
  return config.mode === "remote" ? config.limits : IN_PROCESS_LIMITS;
}

/** A short description for messages. */
export function describeTarget(config: TargetConfig): string {
  return config.mode === "in-process" ? "the in-process fake" : config.baseUrl;
}

/** One opened target. */
export interface Target {
  readonly config: TargetConfig;
  readonly mode: TargetConfig["mode"];
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly controls: ReadonlySet<Control>;
  readonly limits: Limits;
  /** The in-process fake (undefined for a remote target). */
  readonly fake: Fake | undefined;
  /** Plain HTTP to the target (the fake's in-process fetch, or the global one). */
  fetch(request: Request): Promise<Response>;
}

/** How long the `trap-term` and `stubborn` programs sleep: longer than any test moves the clock. */
const FOREVER_MS = 1_000_000_000;

/** Defines the programs the model knows (programs outlive a fake's reset). */
function definePrograms(fake: Fake): void {
  // Cleans up on SIGTERM: prints, then exits with a code of its own.
  fake.programs.define("trap-term", async (proc) => {
    proc.stdout.write("armed\n");
    try {
      await proc.sleep(FOREVER_MS);
    } catch {
      proc.stdout.write("cleanup\n");
      return 3;
    }
    return 0;
  });
  // Ignores SIGTERM: only SIGKILL (after the grace period, or a force cancel) ends it.
  fake.programs.define("stubborn", async (proc) => {
    proc.stdout.write("stubborn\n");
    for (;;) {
      try {
        await proc.sleep(FOREVER_MS);
        return 0;
      } catch {
        // SIGTERM: carry on.
      }
    }
  });
}

/** Opens the configured target; an in-process fake is new and seeded with `seed`. */
export function openTarget(seed: number, config: TargetConfig = targetConfig()): Target {
  if (config.mode === "remote") {
    return {
      config,
      mode: "remote",
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      controls: controlsOf(config),
      limits: config.limits,
      fake: undefined,
      fetch: (request) => globalThis.fetch(request),
    };
  }
  const fake = createFake({
    seed,
    clock: "manual",
    plan: {
      maxLiveSandboxes: IN_PROCESS_LIMITS.maxLiveSandboxes,
      maxRunningCommandsPerSandbox: IN_PROCESS_LIMITS.maxRunningCommandsPerSandbox,
      maxTtlMs: IN_PROCESS_LIMITS.maxTtlMs,
    },
    storageOrigin: STORAGE_ORIGIN,
  });
  definePrograms(fake);
  return {
    config,
    mode: "in-process",
    baseUrl: fake.baseUrl,
    apiKey: fake.apiKey,
    controls: controlsOf(config),
    limits: IN_PROCESS_LIMITS,
    fake,
    fetch: (request) => fake.fetch(request),
  };
}
