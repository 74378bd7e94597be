/**
 * Preview routes: create (201 new, 200 the existing active one), list, get, revoke.
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, json, list } from "../http/route.ts";

/** Registers the preview operations. */
export function registerPreviewRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "createPreview", async (_c, req) => {
    const { preview, created } = ctx.previews.create(req.key, req.params.sandboxId, req.body.port);
    return json(preview, created ? 201 : 200);
  });
  defineRoute(app, ctx, "listPreviews", async (_c, req) =>
    list(ctx, ctx.previews.list(req.key, req.params.sandboxId)),
  );
  defineRoute(app, ctx, "getPreview", async (_c, req) =>
    json(ctx.previews.get(req.key, req.params.previewId)),
  );
  defineRoute(app, ctx, "revokePreview", async (_c, req) =>
    json(ctx.previews.revoke(req.key, req.params.previewId)),
  );
}
