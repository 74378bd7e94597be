import { call, splitKey } from "../operations.ts";
import type { RequestOptions, Transport } from "../transport.ts";
import type { Preview, WithIdempotencyKey } from "../types.ts";

/** client.previews: authenticated URLs for services listening in a sandbox. */
export interface Previews {
  /** One active preview per sandbox and port: creating it again returns the existing one. */
  create(
    sandboxId: string,
    port: number,
    input?: { authMode?: "authenticated" } & WithIdempotencyKey,
    options?: RequestOptions,
  ): Promise<Preview>;
  /** A preview's record. */
  get(previewId: string, options?: RequestOptions): Promise<Preview>;
  /** A sandbox's previews. */
  list(sandboxId: string, options?: RequestOptions): Promise<Preview[]>;
  /** Idempotent; returns the preview with `revokedAt` set. */
  revoke(previewId: string, options?: RequestOptions): Promise<Preview>;
}

export function previews(t: Transport): Previews {
  const prv = (previewId: string) => ({ path: { previewId } });
  return {
    create(sandboxId, port, input, options) {
      const [rest, o] = splitKey(input, options);
      return call(
        t,
        "createPreview",
        { params: { path: { sandboxId } }, body: { port, ...rest } },
        o,
      );
    },
    get: (previewId, options) => call(t, "getPreview", { params: prv(previewId) }, options),
    async list(sandboxId, options) {
      return (await call(t, "listPreviews", { params: { path: { sandboxId } } }, options)).data;
    },
    revoke: (previewId, options) => call(t, "revokePreview", { params: prv(previewId) }, options),
  };
}
