/**
 * FakeCore: the parts of one fake that know no resource and that the
 * services use (clock, IDs, config, keys, signing, retention) and the
 * sandbox-ended event. Every service takes it; the services themselves are
 * wired in fake/context.ts. What only the HTTP pipeline uses (faults,
 * idempotency, the journal, request IDs) is fake/http/http-core.ts.
 *
 * @module
 */
import type { Auth } from "./auth.ts";
import type { Clock } from "./clock.ts";
import type { Random } from "./random.ts";
import type { ResolvedConfig } from "./resolved-config.ts";
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
  auth: Auth;
  /** The API origin, e.g. "https://api.crownest.test". */
  baseUrl: string;
  /** The storage origin for self-signed transfer URLs, or null (they go on the API origin). */
  storageOrigin: string | null;
  /** Signs transfer URLs (download tokens, upload tokens). */
  signer: Signer;
  /**
   * Told when a sandbox ends (killed, TTL expired, failed), in the order they
   * were added: its previews are revoked, its commands killed, its run fails.
   */
  onSandboxEnded: Set<SandboxEndedListener>;
  /** Exceptions that were not ApiErrors (each answered 500 internal_error): bugs of the fake. */
  unexpectedErrors: unknown[];
  /** Drops ended records after `config.retentionMs` (swept on each request). */
  retention: Retention;
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
