/**
 * FakeContext: everything a route or service of one fake instance needs.
 * One context holds all of a fake's state; `reset()` builds a new one.
 *
 * @module
 */
import type { ResolvedConfig } from "./config.ts";
import type { Auth } from "./core/auth.ts";
import type { Clock } from "./core/clock.ts";
import type { Faults } from "./core/faults.ts";
import { IdempotencyStore } from "./core/idempotency.ts";
import type { Journal } from "./core/journal.ts";
import type { Random } from "./core/random.ts";
import { Retention } from "./core/retention.ts";
import { Signer } from "./core/signed-urls.ts";
import { DashboardSessions, unguessableToken } from "./dashboard/session.ts";
import { CommandRuntime } from "./process/runtime.ts";
import { WorkspaceRunService } from "./runs/service.ts";
import { ArtifactService } from "./services/artifacts.ts";
import { PreviewService } from "./services/previews.ts";
import { SandboxService } from "./services/sandboxes.ts";

/** Why a sandbox ended. */
export type SandboxEndReason = "killed" | "ttl_expired" | "failed";

/** The parts that outlive reset(): configuration and user registrations. */
export interface SharedParts {
  config: ResolvedConfig;
  clock: Clock;
  /** Seeded stream of resource IDs (re-seeded on reset). */
  random: Random;
  faults: Faults;
  auth: Auth;
  /** The request journal (`fake.requests`); reset() clears it. */
  journal?: Journal;
}

/** Everything a route or service needs. */
export interface FakeContext {
  clock: Clock;
  /** Seeded stream of resource IDs. Use `random.derive(label)` for other choices. */
  random: Random;
  config: ResolvedConfig;
  faults: Faults;
  auth: Auth;
  /** The request journal, when the fake keeps one. */
  journal?: Journal | undefined;
  /** The API origin, e.g. "https://api.crownest.test". */
  baseUrl: string;
  /** The storage origin for self-signed transfer URLs, or null (they go on the API origin). */
  storageOrigin: string | null;
  idempotency: IdempotencyStore;
  /** Signs transfer URLs (download tokens, upload tokens). */
  signer: Signer;
  /** Seeded stream of request IDs (kept apart so requests never shift resource IDs). */
  requestIds: Random;
  sandboxes: SandboxService;
  artifacts: ArtifactService;
  previews: PreviewService;
  /** Called when a sandbox ends (killed, TTL expired, failed): its commands are killed, its run fails. */
  onSandboxEnded: Set<(sandboxId: string, reason: SandboxEndReason) => void>;
  /** Exceptions that were not ApiErrors (each answered 500 internal_error): bugs of the fake. */
  unexpectedErrors: unknown[];
  /** Resets the whole fake (set by createFake; the /_fake/reset control route calls it). */
  resetFake?: () => void;
  /** Commands: simulated processes and their logs. */
  commands: CommandRuntime;
  /** Workspace runs: archives, the run pipeline, events, evidence. */
  runs: WorkspaceRunService;
  /** Signed-in sessions of the dashboard at /workspace-runs (a reset signs everyone out). */
  dashboardSessions: DashboardSessions;
  /** Drops ended records after `config.retentionMs` (swept on each request). */
  retention: Retention;
}

/** Builds a fresh context (fresh state) over the shared parts. */
export function createContext(shared: SharedParts): FakeContext {
  const { config, clock, random, faults, auth, journal } = shared;
  const ctx = {
    clock,
    random,
    config,
    faults,
    auth,
    journal,
    baseUrl: config.baseUrl,
    storageOrigin: config.storageOrigin,
    idempotency: new IdempotencyStore(clock),
    // Never from the seed: anyone who knows it (the default is 1) could sign URLs.
    signer: new Signer(config.signingSecret ?? unguessableToken(), clock),
    retention: new Retention(clock),
    requestIds: random.derive("request-ids"),
    onSandboxEnded: new Set(),
    unexpectedErrors: [],
    // The services are added right below: each takes the context itself.
  } as unknown as FakeContext;
  ctx.sandboxes = new SandboxService(ctx);
  ctx.artifacts = new ArtifactService(ctx);
  ctx.previews = new PreviewService(ctx);
  ctx.commands = new CommandRuntime(ctx);
  ctx.runs = new WorkspaceRunService(ctx);
  ctx.dashboardSessions = new DashboardSessions(clock);
  return ctx;
}
