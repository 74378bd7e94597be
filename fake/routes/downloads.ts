/**
 * Targets of signed download URLs. File downloads need the API key as well as
 * the token; artifact downloads are authorised by the token alone and refuse
 * an Authorization header, as object stores refuse two auth mechanisms.
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { defineRoute, type FakeApp } from "../http/route.ts";
import { bytesResponse } from "./artifacts.ts";

/** Registers downloadFile and downloadSignedArtifact. */
export function registerDownloadRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "downloadFile", async (_c, req) =>
    bytesResponse(await ctx.files.download(req.key, req.params.token)),
  );

  defineRoute(app, ctx, "downloadSignedArtifact", async (_c, req) => {
    if (req.headers.has("authorization")) {
      throw new ApiError(
        "invalid_request",
        "a signed URL authorises by itself: send no Authorization header",
      );
    }
    return bytesResponse(await ctx.artifacts.signedBytes(req.params.token));
  });
}
