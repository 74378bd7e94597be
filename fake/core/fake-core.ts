/**
 * FakeCore: the parts of one fake that know no resource (clock, IDs, config,
 * faults, keys, idempotency, signing, retention) and the sandbox-ended
 * event. Every service takes it; the services themselves are wired in
 * fake/context.ts.
 *
 * @module
 */
import type { ResolvedConfig } from "../config.ts";
import type { Auth } from "./auth.ts";
import type { Clock } from "./clock.ts";
import type { Faults } from "./faults.ts";
import type { IdempotencyStore } from "./idempotency.ts";
import type { Journal } from "./journal.ts";
import type { Random } from "./random.ts";
import type { Retention } from "./retention.ts";
import type { Signer } from "./signed-urls.ts";

/** Why a sandbox ended. */
export type SandboxEndReason = "killed" | "ttl_expired" | "failed";

/** Hears of a sandbox's end. */
export type SandboxEndedListener = (sandboxId: string, reason: SandboxEndReason) => void;

/** What every service of one fake shares. */
export interface FakeCore {
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
  /**
   * Told when a sandbox ends (killed, TTL expired, failed), in the order they
   * were added: its previews are revoked, its commands killed, its run fails.
   */
  onSandboxEnded: Set<SandboxEndedListener>;
  /** Exceptions that were not ApiErrors (each answered 500 internal_error): bugs of the fake. */
  unexpectedErrors: unknown[];
  /** Drops ended records after `config.retentionMs` (swept on each request). */
  retention: Retention;
  /** Resets the whole fake (set by createFake; the /_fake/reset control route calls it). */
  resetFake?: () => void;
}

/** Tells every onSandboxEnded listener; one that throws is a bug of the fake, kept, not fatal. */
export function announceSandboxEnded(
  core: FakeCore,
  sandboxId: string,
  reason: SandboxEndReason,
): void {
  for (const listener of core.onSandboxEnded) {
    try {
      listener(sandboxId, reason);
    } catch (error) {
      core.unexpectedErrors.push(error);
    }
  }
}
