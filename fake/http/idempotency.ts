/**
 * Idempotency-Key handling. Keys are scoped to the API key and live 24 hours
 * on the fake clock (then they are dropped). The same method, path, body and
 * meaning-changing headers replays the first
 * response (same status and body, plus `Idempotent-Replayed: true`); a
 * duplicate that arrives while the first is still running waits for it; any
 * other request with the key is 409 `idempotency_key_reused`. Answers a
 * retry may fix (the statuses of the contract's retryable codes, 408 and
 * 429, and every 5xx) are not stored, so a retry after them runs again.
 *
 * @module
 */
import { errorHttpStatus, limits, retryableErrorCodes } from "../../src/generated/contract.ts";
import type { Clock } from "../core/clock.ts";
import { ApiError } from "../core/errors.ts";

/** The statuses of the codes a client retries with the same key: never stored. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set(
  retryableErrorCodes.map((code) => errorHttpStatus[code]),
);

/** How long a key is remembered. */
const IDEMPOTENCY_WINDOW_MS: number = limits.idempotencyWindowMs;

interface Stored {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

interface Entry {
  fingerprint: string;
  createdAt: number;
  /** Settles with the stored response, or undefined when it was not stored. */
  done: Promise<Stored | undefined>;
  result?: Stored;
}

/** Headers that belong to one response only and are not replayed. */
const NOT_REPLAYED = new Set(["x-request-id", "idempotent-replayed"]);

/** The idempotency records of one fake. */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Runs `handler` once per (apiKey, idempotencyKey). `fingerprint` identifies
   * the request (method, path, body digest).
   */
  async run(
    scope: string,
    idempotencyKey: string,
    fingerprint: string,
    handler: () => Promise<Response>,
  ): Promise<Response> {
    const id = `${scope}\u0000${idempotencyKey}`;
    this.prune();
    for (;;) {
      const existing = this.#entries.get(id);
      if (existing && this.#clock.now() - existing.createdAt >= IDEMPOTENCY_WINDOW_MS) {
        this.#entries.delete(id);
        continue;
      }
      if (!existing) break;
      if (existing.fingerprint !== fingerprint) {
        throw new ApiError(
          "idempotency_key_reused",
          "this Idempotency-Key was used with another request",
        );
      }
      const stored = existing.result ?? (await existing.done);
      if (stored) return replay(stored);
      // The first try was not stored (a retryable status, an exception): this one runs anew.
    }
    let resolve!: (s: Stored | undefined) => void;
    const entry: Entry = {
      fingerprint,
      createdAt: this.#clock.now(),
      done: new Promise((r) => {
        resolve = r;
      }),
    };
    this.#entries.set(id, entry);
    try {
      const res = await handler();
      if (res.status >= 500 || RETRYABLE_STATUSES.has(res.status) || !isStorable(res)) {
        this.#entries.delete(id);
        resolve(undefined);
        return res;
      }
      const stored: Stored = {
        status: res.status,
        headers: [...res.headers].filter(([k]) => !NOT_REPLAYED.has(k.toLowerCase())),
        body: new Uint8Array(await res.arrayBuffer()),
      };
      entry.result = stored;
      resolve(stored);
      return new Response(stored.body.length > 0 ? stored.body.slice() : null, {
        status: stored.status,
        headers: stored.headers,
      });
    } catch (error) {
      this.#entries.delete(id);
      resolve(undefined);
      throw error;
    }
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Drops the keys whose window has passed. The Map is in creation order, so
   * the oldest come first and the walk stops at the first key still in its
   * window: one step while nothing is due.
   */
  prune(): void {
    const cutoff = this.#clock.now() - IDEMPOTENCY_WINDOW_MS;
    for (const [id, entry] of this.#entries) {
      if (entry.createdAt > cutoff) break;
      this.#entries.delete(id);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }
}

/** Streams (SSE) can't be replayed; nothing with an idempotency key streams, but be safe. */
function isStorable(res: Response): boolean {
  return !(res.headers.get("content-type") ?? "").startsWith("text/event-stream");
}

function replay(stored: Stored): Response {
  const headers = new Headers(stored.headers);
  headers.set("Idempotent-Replayed", "true");
  return new Response(stored.body.length > 0 ? stored.body.slice() : null, {
    status: stored.status,
    headers,
  });
}

/**
 * A request's fingerprint: method, path with query, the headers that change
 * its meaning (`headers`: e.g. an archive's declared digest and size), and a
 * digest of its body.
 * Synchronous on purpose: an async digest (crypto.subtle) would leave the
 * request in flight across macrotasks, so a test's `clock.advance()` could
 * run before the handler has even set its timers.
 */
export function fingerprint(
  method: string,
  pathWithQuery: string,
  body: Uint8Array,
  headers: readonly (readonly [string, string | null])[] = [],
): string {
  // Two FNV-1a passes with different offsets: 64 bits, plenty to tell requests apart.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const byte of body) {
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x01000193);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  const meaning = headers.map(([name, value]) => `${name.toLowerCase()}=${JSON.stringify(value)}`);
  return `${method.toUpperCase()} ${pathWithQuery} ${meaning.join(" ")} ${body.length}:${hex(a)}${hex(b)}`;
}
