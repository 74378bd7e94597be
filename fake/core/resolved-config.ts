/**
 * The fake's options once resolved: what the core's parts read (keys,
 * projects, plan limits, templates). fake/config.ts fills them in from the
 * options given to createFake() or the crownest-fake server.
 *
 * @module
 */
import { operations } from "../../src/generated/contract.ts";
import type { components } from "../../src/generated/openapi.ts";
import type { ClockMode } from "./clock-types.ts";

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

/** Makes a key record; unknown scopes are kept (they grant nothing). */
export function keyRecord(config: ApiKeyConfig, allProjectIds: readonly string[]): ApiKeyRecord {
  return {
    key: config.key,
    scopes: new Set(config.scopes ?? ALL_SCOPES),
    projectIds: [...(config.projectIds ?? allProjectIds)],
    role: config.role ?? "owner",
  };
}
