/**
 * FakeContext: everything a route of one fake instance needs: the core
 * (fake/core/fake-core.ts), the HTTP pipeline's parts
 * (fake/http/http-core.ts) and one service per resource. One context holds
 * all of a fake's state; `reset()` builds a new one.
 *
 * @module
 */
import type { ResolvedConfig } from "./config.ts";
import type { Auth } from "./core/auth.ts";
import type { Clock } from "./core/clock.ts";
import type { FakeCore } from "./core/fake-core.ts";
import type { Random } from "./core/random.ts";
import { Retention } from "./core/retention.ts";
import { DashboardSessions } from "./core/sessions.ts";
import { Signer } from "./core/signed-urls.ts";
import { unguessableToken } from "./core/tokens.ts";
import type { Faults } from "./http/faults.ts";
import type { HttpCore } from "./http/http-core.ts";
import { IdempotencyStore } from "./http/idempotency.ts";
import type { Journal } from "./http/journal.ts";
import { ArtifactService } from "./services/artifacts.ts";
import { CommandService } from "./services/commands.ts";
import { FileService } from "./services/files.ts";
import { PreviewService } from "./services/previews.ts";
import { SandboxService } from "./services/sandboxes.ts";
import { WorkspaceRunService } from "./services/workspace-runs/index.ts";

export type { FakeCore, SandboxEndReason } from "./core/fake-core.ts";
export type { HttpCore } from "./http/http-core.ts";

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

/** Everything a route needs: the core and the services. */
export interface FakeContext extends HttpCore {
  /** Sandboxes: lifecycle, TTL expiry and quotas. */
  sandboxes: SandboxService;
  /** Files of running sandboxes, and their download URLs. */
  files: FileService;
  /** Artifacts: exported files and their bytes. */
  artifacts: ArtifactService;
  /** Previews of sandbox ports. */
  previews: PreviewService;
  /** Commands: simulated processes and their logs. */
  commands: CommandService;
  /** Workspace runs: archives, the run pipeline, events, evidence. */
  runs: WorkspaceRunService;
  /** Signed-in sessions of the dashboard at /workspace-runs (a reset signs everyone out). */
  dashboardSessions: DashboardSessions;
}

/** Builds a fresh context (fresh state) over the shared parts: the core, then each service, then the HTTP pipeline's parts. */
export function createContext(shared: SharedParts): FakeContext {
  const { config, clock, random, faults, auth, journal } = shared;
  const core: FakeCore = {
    clock,
    random,
    config,
    auth,
    baseUrl: config.baseUrl,
    storageOrigin: config.storageOrigin,
    // Never from the seed: anyone who knows it (the default is 1) could sign URLs.
    signer: new Signer(config.signingSecret ?? unguessableToken(), clock),
    retention: new Retention(clock),
    onSandboxEnded: new Set(),
    unexpectedErrors: [],
  };
  // In this order: each service takes those it uses, and hears of a sandbox's end in this order.
  const sandboxes = new SandboxService(core);
  const files = new FileService(core, sandboxes);
  const artifacts = new ArtifactService(core, sandboxes);
  const previews = new PreviewService(core, sandboxes);
  const commands = new CommandService(core, sandboxes, artifacts);
  const runs = new WorkspaceRunService(core, { sandboxes, commands, artifacts });
  return Object.assign(core, {
    faults,
    idempotency: new IdempotencyStore(clock),
    journal,
    requestIds: random.derive("request-ids"),
    sandboxes,
    files,
    artifacts,
    previews,
    commands,
    runs,
    dashboardSessions: new DashboardSessions(clock),
  });
}
