/**
 * Artifact routes: create from a workspace file, list, get, delete, download,
 * and signed download URLs (authMode none; on the storage origin when the fake
 * has one).
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { defineRoute, type FakeApp, json, list } from "../core/route.ts";

/** How long an artifact download URL lives. */
const ARTIFACT_URL_TTL_MS: number = 15 * 60 * 1000;

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
  defineRoute(app, ctx, "createArtifact", async (_c, req) => {
    const sandboxId = req.params.sandboxId;
    ctx.sandboxes.requireRunning(req.key, sandboxId);
    const artifact = await ctx.artifacts.createFromFile({
      sandboxId,
      path: req.body.path,
      name: req.body.name,
    });
    return json(artifact, 201);
  });

  defineRoute(app, ctx, "listArtifacts", async (_c, req) =>
    list(ctx.artifacts.list(req.key, req.params.sandboxId)),
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

  defineRoute(app, ctx, "createArtifactDownloadUrl", async (_c, req) => {
    const artifact = ctx.artifacts.get(req.key, req.params.artifactId);
    if (artifact.deletedAt !== null) {
      throw new ApiError("invalid_state", `artifact ${artifact.id} was deleted`);
    }
    const { token, expiresAt } = await ctx.signer.sign(
      "artifact",
      artifact.id,
      ARTIFACT_URL_TTL_MS,
    );
    return json({
      url: `${ctx.storageOrigin ?? ctx.baseUrl}/v1/artifact-downloads/${token}`,
      method: "GET",
      headers: {},
      authMode: "none",
      expiresAt: ctx.clock.iso(expiresAt),
    });
  });
}
