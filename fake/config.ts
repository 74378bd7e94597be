/**
 * The fake's options and their defaults: org, projects, API keys, plan limits
 * and templates. A default config works with zero setup: one org, one project
 * ("prj_default") and one key with every scope, deterministic from the seed.
 *
 * @module
 */
import { limits, operations } from "../src/generated/contract.ts";
import type { components } from "../src/generated/openapi.ts";
import type { ClockMode } from "./core/clock.ts";
import { createRandom } from "./core/random.ts";
import { unguessableToken } from "./core/tokens.ts";

type Schemas = components["schemas"];
/** A project as the API returns it. */
export type Project = Schemas["Project"];
/** A template slug. */
export type TemplateSlug = Schemas["Template"];
/** A key's role in the org (the dashboard lets owners and admins cancel runs). */
export type Role = "owner" | "admin" | "member";

/** Every scope the contract's operations use, sorted. */
export const ALL_SCOPES: readonly string[] = [
  ...new Set(Object.values(operations).flatMap((op) => op.scopes)),
].sort();

/** Plan limits. */
export interface PlanLimits {
  /** Largest `ttlMs` a sandbox may ask for (default 3600000). */
  maxTtlMs: number;
  /** Running sandboxes at once in the org (default 10). */
  maxLiveSandboxes: number;
  /** Unfinished commands at once per sandbox (default 8). */
  maxRunningCommandsPerSandbox: number;
  /** Log chunks/events kept per command or run (default 1000). */
  logWindow: number;
  /** Cap of a command's `stdout` and `stderr` on its record (default 1048576). */
  outputCapBytes: number;
  /** Largest file in a sandbox (default 104857600): a bigger write is "File too large". */
  maxFileBytes: number;
  /** Bytes of all files of a sandbox (default 268435456): past it, "No space left on device". */
  maxWorkspaceBytes: number;
  /** Largest log chunk in UTF-8 bytes (default 16384): larger writes are split. */
  maxLogChunkBytes: number;
  /** Output of each stream a workspace run keeps for its evidence (default 16777216). */
  runOutputCapBytes: number;
  /** Staged archive transfers per workspace run (default 8). */
  maxTransfersPerRun: number;
  /** Items in one list answer, the newest kept (default 1000). */
  maxListItems: number;
}

/** An API key of the fake. */
export interface ApiKeyConfig {
  /** The key, as sent in `Authorization: Bearer`. */
  key: string;
  /** Default: every scope. */
  scopes?: readonly string[];
  /** Projects the key can see. Default: every project. */
  projectIds?: readonly string[];
  /** Default: "owner". */
  role?: Role;
}

/** A key as the fake holds it. */
export interface ApiKeyRecord {
  /** The key, as sent in `Authorization: Bearer`. */
  readonly key: string;
  /** The scopes it holds. */
  readonly scopes: ReadonlySet<string>;
  /** The projects it sees. */
  readonly projectIds: readonly string[];
  /** Its role: `owner`, `admin` or `member`. */
  readonly role: Role;
}

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

/** A curated template's immutable version. */
export interface TemplateVersion {
  /** The version's id. */
  readonly id: string;
  /** The template it is a version of. */
  readonly template: TemplateSlug;
  /** Whether new sandboxes of the template get this version. */
  readonly current: boolean;
}

/** Options with every default filled in. */
export interface ResolvedConfig {
  /** Seed of every random choice. */
  readonly seed: number;
  /** How time moves. */
  readonly clock: ClockMode;
  /** The plan's limits. */
  readonly plan: Readonly<PlanLimits>;
  /** The organization the fake serves. */
  readonly org: { readonly id: string; readonly name: string };
  /** Its projects. */
  readonly projects: readonly Project[];
  /** Its API keys. */
  readonly apiKeys: readonly ApiKeyRecord[];
  /** Origin of self-signed transfer URLs, or null for the API origin. */
  readonly storageOrigin: string | null;
  /** The API origin the fake answers on. */
  readonly baseUrl: string;
  /** Whether the /_fake/* control routes are served. */
  readonly controlRoutes: boolean;
  /** The signing secret given in the options; null: a random one per fake. */
  readonly signingSecret: string | null;
  /** Bearer token of the control routes besides an owner API key. */
  readonly controlToken: string;
  /** Hosts the control routes answer (the baseUrl's first). */
  readonly controlHosts: readonly string[];
  /** How long ended records are kept, in fake ms. */
  readonly retentionMs: number;
  /** How long runCommand waits before answering 202, in fake ms. */
  readonly runWaitMs: number;
  /** The curated templates' versions. */
  readonly templates: readonly TemplateVersion[];
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

/** Makes a key record; unknown scopes are kept (they grant nothing). */
export function keyRecord(config: ApiKeyConfig, allProjectIds: readonly string[]): ApiKeyRecord {
  return {
    key: config.key,
    scopes: new Set(config.scopes ?? ALL_SCOPES),
    projectIds: [...(config.projectIds ?? allProjectIds)],
    role: config.role ?? "owner",
  };
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
