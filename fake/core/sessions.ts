/**
 * Sessions of the signed-in dashboard: a session is an API key signed in
 * through the sign-in form, named by an unguessable ID carried in the
 * `crownest_session` cookie, with a per-session CSRF token for the forms that
 * change something. Sessions expire on the fake's clock and live in the fake's
 * context (a reset signs everyone out).
 *
 * @module
 */

import type { Clock } from "./clock.ts";
import type { ApiKeyRecord } from "./resolved-config.ts";
import { unguessableToken } from "./tokens.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "crownest_session";
/** How long a session lasts after sign-in, on the fake's clock (8 hours). */
export const SESSION_TTL_MS: number = 8 * 60 * 60 * 1000;

/** One signed-in session. */
export interface DashboardSession {
  /** The cookie value: 256 random bits, base64url. */
  readonly id: string;
  /** Checked on every form POST that changes something (cancel, sign-out). */
  readonly csrfToken: string;
  readonly key: ApiKeyRecord;
  /** Epoch ms on the fake's clock. */
  readonly expiresAt: number;
}

/** The dashboard sessions of one fake. */
export class DashboardSessions {
  readonly #clock: Clock;
  readonly #sessions = new Map<string, DashboardSession>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Signs `key` in: a new session, expiring SESSION_TTL_MS from now. */
  create(key: ApiKeyRecord): DashboardSession {
    this.#prune();
    const session: DashboardSession = {
      id: unguessableToken(),
      csrfToken: unguessableToken(),
      key,
      expiresAt: this.#clock.now() + SESSION_TTL_MS,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session of a cookie value; undefined when unknown or expired (then forgotten). */
  get(id: string | undefined): DashboardSession | undefined {
    if (!id) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (this.#clock.now() >= session.expiresAt) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** Signs a session out. */
  delete(id: string): void {
    this.#sessions.delete(id);
  }

  /** How many sessions are held (expired ones included until pruned). */
  get size(): number {
    return this.#sessions.size;
  }

  #prune(): void {
    const now = this.#clock.now();
    for (const [id, s] of this.#sessions) if (now >= s.expiresAt) this.#sessions.delete(id);
  }
}
