/**
 * The fake's options and their defaults: org, projects, API keys, plan limits
 * and templates. A default config works with zero setup: one org, one project
 * ("prj_default") and one key with every scope, deterministic from the seed.
 *
 * @module
 */
import { limits } from "../src/generated/contract.ts";
import type { ClockMode } from "./core/clock.ts";
import { createRandom } from "./core/random.ts";
import {
  type ApiKeyConfig,
  keyRecord,
  type PlanLimits,
  type Project,
  type ResolvedConfig,
  type TemplateSlug,
  type TemplateVersion,
} from "./core/resolved-config.ts";
import { unguessableToken } from "./core/tokens.ts";

export {
  ALL_SCOPES,
  type ApiKeyConfig,
  type ApiKeyRecord,
  keyRecord,
  type PlanLimits,
  type Project,
  type ResolvedConfig,
  type Role,
  type TemplateSlug,
  type TemplateVersion,
} from "./core/resolved-config.ts";

/**
 * Options of createFake() other than its starting state (`FakeOptions` in
 * index.ts adds that). Every field is optional.
 */
export interface ConfigOptions {
  /** Seed of every random choice (default 1). */
  seed?: number;
  /**
   * How time moves: "auto" by default in-process (the crownest-fake server
   * defaults to "real"). See docs/testing-with-the-fake.md.
   */
  clock?: ClockMode;
  /**
   * Real milliseconds a request may wait on a clock that stands still with
   * timers pending before it fails with ClockStallError (409 invalid_state,
   * `details.clockStalled`; on a stream, an `error` event the SDK throws as
   * that error); default 2000, 0 turns the check off. The error comes within
   * 1.25 times this: keep it well under the test runner's timeout (5000 ms in
   * vitest and bun test), or the runner's "Test timed out" comes first. Raise
   * it only with the runner's timeout, for code that holds the clock still on
   * purpose.
   */
  clockStallTimeoutMs?: number;
  /** Plan limits; unset fields keep their defaults. */
  plan?: Partial<PlanLimits>;
  /** The organization the fake serves (default id `org_default`). */
  org?: { id?: string; name?: string };
  /** Default: one project, { id: "prj_default", name: "Default project" }. */
  projects?: { id: string; name?: string }[];
  /** Default: one owner key with every scope ("cn_test_" + seeded characters). */
  apiKeys?: ApiKeyConfig[];
  /**
   * Origin of transfer URLs that carry their own signature (artifact
   * downloads, staged archive uploads), e.g. "https://storage.crownest.test".
   * null (default): they are on the API origin.
   */
  storageOrigin?: string | null;
  /** The API origin the fake answers on (default "https://api.crownest.test"). */
  baseUrl?: string;
  /** Requests the request journal (`fake.requests`) keeps, newest last (default 1000; 0: none). */
  journalSize?: number;
  /** Serve the fake's own /_fake/* control routes (the crownest-fake server turns this on). */
  controlRoutes?: boolean;
  /**
   * Secret of signed URLs. Default: 256 bits from crypto.getRandomValues, new
   * for each fake (signed URLs then differ between runs). Give one only where
   * a test needs the same URLs every time: anyone who knows it can sign.
   */
  signingSecret?: string;
  /** Bearer token of the control routes besides an owner API key. Default: random. */
  controlToken?: string;
  /** Host names (with port when not the default) the control routes accept besides the baseUrl's. */
  controlHosts?: string[];
  /** How long ended sandboxes, commands and runs are kept, in fake ms (default 86400000). */
  retentionMs?: number;
  /** How long runCommand waits before answering 202 with the running record (default: the contract's 60000 ms). */
  runWaitMs?: number;
}

/** Default plan limits. */
export const DEFAULT_PLAN: Readonly<PlanLimits> = {
  maxTtlMs: 3_600_000,
  maxLiveSandboxes: 10,
  maxRunningCommandsPerSandbox: 8,
  logWindow: 1000,
  outputCapBytes: limits.commandOutputCapBytes,
  maxFileBytes: limits.maxFileBytes,
  maxWorkspaceBytes: limits.maxWorkspaceBytes,
  maxLogChunkBytes: limits.maxLogChunkBytes,
  runOutputCapBytes: limits.runOutputCapBytes,
  maxTransfersPerRun: limits.maxTransfersPerRun,
  maxListItems: limits.maxListItems,
};

const SLUGS: readonly TemplateSlug[] = ["python", "node", "python-node", "base"];

/**
 * Two versions per template: an older one (for pinning) and the current one.
 * Fixed IDs, so tests can pin them without asking.
 */
export const TEMPLATE_VERSIONS: readonly TemplateVersion[] = SLUGS.flatMap((slug) => {
  const base = `tplv_${slug.replace("-", "")}`;
  return [
    { id: `${base}V1`, template: slug, current: false },
    { id: `${base}V2`, template: slug, current: true },
  ];
});

/** The default API key for a seed: "cn_test_" + 24 seeded characters. */
export function defaultApiKey(seed: number): string {
  return `cn_test_${createRandom(seed).derive("api-key").chars(24)}`;
}

/** Fills in every default. Projects are created at `createdAt`. */
export function resolveConfig(options: ConfigOptions, createdAt: string): ResolvedConfig {
  const seed = options.seed ?? 1;
  const org = { id: options.org?.id ?? "org_default", name: options.org?.name ?? "Default org" };
  const projects = (options.projects ?? [{ id: "prj_default", name: "Default project" }]).map(
    (p): Project => ({
      id: p.id as Project["id"],
      orgId: org.id as Project["orgId"],
      name: p.name ?? p.id,
      createdAt,
    }),
  );
  const projectIds = projects.map((p) => p.id);
  const keys = options.apiKeys ?? [{ key: defaultApiKey(seed) }];
  const baseUrl = new URL(options.baseUrl ?? "https://api.crownest.test").origin;
  return {
    seed,
    clock: options.clock ?? "auto",
    plan: { ...DEFAULT_PLAN, ...options.plan },
    org,
    projects,
    apiKeys: keys.map((k) => keyRecord(k, projectIds)),
    storageOrigin: options.storageOrigin ? new URL(options.storageOrigin).origin : null,
    baseUrl,
    controlRoutes: options.controlRoutes ?? false,
    signingSecret: options.signingSecret ?? null,
    controlToken: options.controlToken ?? `cn_ctl_${unguessableToken()}`,
    controlHosts: [new URL(baseUrl).host, ...(options.controlHosts ?? [])],
    retentionMs: options.retentionMs ?? limits.retentionMs,
    runWaitMs: options.runWaitMs ?? limits.runWaitMs,
    templates: TEMPLATE_VERSIONS,
  };
}
