/**
 * Targets of signed download URLs. File downloads need the API key as well as
 * the token; artifact downloads are authorised by the token alone and refuse
 * an Authorization header, as object stores refuse two auth mechanisms.
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { defineRoute, type FakeApp } from "../core/route.ts";
import { bytesResponse } from "./artifacts.ts";

/** Registers downloadFile and downloadSignedArtifact. */
export function registerDownloadRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "downloadFile", async (_c, req) => {
    const payload = await ctx.signer.verify("file", req.params.token);
    const snapshot = ctx.sandboxes.snapshot(payload.ref);
    const sandbox = snapshot && ctx.sandboxes.internalGet(snapshot.sandboxId);
    if (!snapshot || !sandbox || !req.key.projectIds.includes(sandbox.record.projectId)) {
      throw new ApiError("not_found", "file not found");
    }
    return bytesResponse(snapshot.bytes);
  });

  defineRoute(app, ctx, "downloadSignedArtifact", async (_c, req) => {
    if (req.headers.has("authorization")) {
      throw new ApiError(
        "invalid_request",
        "a signed URL authorises by itself: send no Authorization header",
      );
    }
    const payload = await ctx.signer.verify("artifact", req.params.token);
    return bytesResponse(ctx.artifacts.internalBytes(payload.ref));
  });
}
