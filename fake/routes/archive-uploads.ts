/**
 * The target of a transfer's `uploadUrl` (uploadArchiveTransfer). On the API
 * origin the API key is required as well as the token. On the storage origin
 * the token alone authorises and any Authorization header is 400
 * invalid_request, as object stores refuse two auth mechanisms: that refusal
 * runs before the bearer is even looked at, so an SDK that leaks its token to
 * the storage origin is caught whatever the token is.
 *
 * @module
 */

import { limits } from "../../src/generated/contract.ts";
import type { FakeContext } from "../context.ts";
import { ApiError, errorResponse } from "../core/errors.ts";
import { defineRoute, type FakeApp, honoPath, json } from "../http/route.ts";

/** Registers uploadArchiveTransfer (called by registerWorkspaceRunRoutes). */
export function registerArchiveUploadRoutes(app: FakeApp, ctx: FakeContext): void {
  const onStorage = (url: string): boolean =>
    ctx.storageOrigin !== null && new URL(url).origin === ctx.storageOrigin;

  app.use(honoPath("/v1/archive-uploads/{uploadId}"), async (c, next) => {
    if (onStorage(c.req.url) && c.req.header("authorization") !== undefined) {
      return errorResponse(
        new ApiError(
          "invalid_request",
          "the storage origin authorises by the URL's signature: send no Authorization header",
        ),
      );
    }
    await next();
  });

  defineRoute(
    app,
    ctx,
    "uploadArchiveTransfer",
    async (_c, req) => {
      const storage = onStorage(req.url.href);
      if (!storage && !req.authenticated) {
        throw new ApiError("unauthorized", "an upload URL on the API origin needs the API key too");
      }
      const receipt = await ctx.runs.receiveTransfer(
        req.params.uploadId,
        req.query.token,
        storage ? null : req.key,
        req.body,
      );
      return json(receipt);
    },
    { maxBodyBytes: limits.maxArchiveBytes, tooLargeCode: "archive_too_large" },
  );
}
