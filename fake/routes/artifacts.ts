/**
 * Artifact routes: create from a workspace file, list, get, delete, download,
 * and signed download URLs (authMode none; on the storage origin when the fake
 * has one).
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, json, list } from "../http/route.ts";

/** An octet-stream response with Content-Length. */
export function bytesResponse(bytes: Uint8Array): Response {
  return new Response(bytes.slice(), {
    status: 200,
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(bytes.byteLength),
    },
  });
}

/** Registers the artifact operations. */
export function registerArtifactRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "createArtifact", async (_c, req) =>
    json(await ctx.artifacts.create(req.key, req.params.sandboxId, req.body), 201),
  );

  defineRoute(app, ctx, "listArtifacts", async (_c, req) =>
    list(ctx, ctx.artifacts.list(req.key, req.params.sandboxId)),
  );

  defineRoute(app, ctx, "getArtifact", async (_c, req) =>
    json(ctx.artifacts.get(req.key, req.params.artifactId)),
  );

  defineRoute(app, ctx, "deleteArtifact", async (_c, req) =>
    json(ctx.artifacts.delete(req.key, req.params.artifactId)),
  );

  defineRoute(app, ctx, "downloadArtifact", async (_c, req) =>
    bytesResponse(ctx.artifacts.bytes(req.key, req.params.artifactId)),
  );

  defineRoute(app, ctx, "createArtifactDownloadUrl", async (_c, req) =>
    json(await ctx.artifacts.createDownloadUrl(req.key, req.params.artifactId)),
  );
}
