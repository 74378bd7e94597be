/**
 * File routes over the files service (fake/services/files.ts).
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, json, list } from "../http/route.ts";

/** Registers the file operations. */
export function registerFileRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "listFiles", async (_c, req) =>
    list(ctx, ctx.files.list(req.key, req.params.sandboxId, req.query.path)),
  );

  defineRoute(app, ctx, "deleteFile", async (_c, req) => {
    ctx.files.remove(req.key, req.params.sandboxId, req.query.path);
    return new Response(null, { status: 204 });
  });

  defineRoute(app, ctx, "readFile", async (_c, req) =>
    json(ctx.files.read(req.key, req.params.sandboxId, req.query.path, req.query.encoding)),
  );

  defineRoute(app, ctx, "writeFile", async (_c, req) =>
    json(ctx.files.write(req.key, req.params.sandboxId, req.body)),
  );

  defineRoute(app, ctx, "statFile", async (_c, req) =>
    json(ctx.files.stat(req.key, req.params.sandboxId, req.query.path)),
  );

  defineRoute(app, ctx, "makeDirectory", async (_c, req) =>
    json(ctx.files.mkdir(req.key, req.params.sandboxId, req.body)),
  );

  defineRoute(app, ctx, "moveFile", async (_c, req) =>
    json(ctx.files.move(req.key, req.params.sandboxId, req.body)),
  );

  defineRoute(app, ctx, "createFileDownloadUrl", async (_c, req) =>
    json(await ctx.files.createDownloadUrl(req.key, req.params.sandboxId, req.body.path)),
  );
}
