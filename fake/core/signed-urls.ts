/**
 * HMAC-signed tokens for transfer URLs (file and artifact downloads, staged
 * archive uploads). Expiry reads the fake clock. A token is
 * `base64url(payload JSON).base64url(HMAC-SHA256)`; a forged or altered one
 * is 403 `invalid_signature`, an expired one 403 `url_expired`.
 *
 * @module
 */
import { fromBase64, toBase64 } from "../../src/bytes.ts";
import type { Clock } from "./clock.ts";
import { ApiError } from "./errors.ts";

/** The payload a token carries: its kind, a resource reference, and expiry. */
export interface SignedPayload {
  /** What the token is for, e.g. "file", "artifact", "upload". */
  kind: string;
  /** The resource it grants access to. */
  ref: string;
  /** Expiry, epoch ms on the fake clock. */
  exp: number;
}

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return fromBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return undefined;
  }
}

/** Signs and verifies tokens with one secret. */
export class Signer {
  readonly #clock: Clock;
  readonly #key: Promise<CryptoKey>;

  /** `secret`: any string; the fake derives it from its seed. */
  constructor(secret: string, clock: Clock) {
    this.#clock = clock;
    this.#key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
  }

  /** A token for `kind`/`ref`, valid for `ttlMs` of clock time. */
  sign(kind: string, ref: string, ttlMs: number): Promise<{ token: string; expiresAt: number }> {
    // crypto.subtle settles on later macrotasks: keep the clock from moving meanwhile.
    return this.#clock.busy(this.#sign(kind, ref, ttlMs));
  }

  async #sign(
    kind: string,
    ref: string,
    ttlMs: number,
  ): Promise<{ token: string; expiresAt: number }> {
    const payload: SignedPayload = { kind, ref, exp: this.#clock.now() + ttlMs };
    const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
    const sig = await crypto.subtle.sign("HMAC", await this.#key, encoder.encode(body));
    return { token: `${body}.${toBase64Url(new Uint8Array(sig))}`, expiresAt: payload.exp };
  }

  /** The payload of a valid, unexpired token of `kind`; 403 otherwise. */
  verify(kind: string, token: string): Promise<SignedPayload> {
    return this.#clock.busy(this.#verify(kind, token));
  }

  async #verify(kind: string, token: string): Promise<SignedPayload> {
    const [body, sig, extra] = token.split(".");
    const sigBytes = sig === undefined ? undefined : fromBase64Url(sig);
    const invalid = new ApiError("invalid_signature", "the URL's signature is invalid");
    if (!body || !sigBytes || extra !== undefined) throw invalid;
    const ok = await crypto.subtle.verify(
      "HMAC",
      await this.#key,
      sigBytes as BufferSource,
      encoder.encode(body),
    );
    if (!ok) throw invalid;
    let payload: SignedPayload;
    try {
      payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body)));
    } catch {
      throw invalid;
    }
    if (payload.kind !== kind) throw invalid;
    if (this.#clock.now() >= payload.exp) {
      throw new ApiError("url_expired", "the URL has expired", {
        expiredAt: this.#clock.iso(payload.exp),
      });
    }
    return payload;
  }
}
