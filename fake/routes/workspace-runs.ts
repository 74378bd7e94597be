/**
 * Workspace run routes: create, list, get, direct upload, staged transfers
 * and finalize, start, the event stream, cancel, evidence. The logic is in
 * fake/services/workspace-runs/.
 *
 * @module
 */

import { limits } from "../../src/generated/contract.ts";
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, json, list } from "../http/route.ts";
import { resumeAfterSeq, sseResponse } from "../http/sse.ts";
import { registerArchiveUploadRoutes } from "./archive-uploads.ts";

/** Registers the workspace run operations and the transfer upload target. */
export function registerWorkspaceRunRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "createWorkspaceRun", async (_c, req) =>
    json(ctx.runs.create(req.key, req.body), 201),
  );

  defineRoute(app, ctx, "listWorkspaceRuns", async (_c, req) =>
    list(
      ctx,
      ctx.runs.list(req.key, {
        projectId: req.query.projectId,
        status: req.query.status,
        metadata: req.query.metadata,
      }),
    ),
  );

  defineRoute(app, ctx, "getWorkspaceRun", async (_c, req) =>
    json(ctx.runs.get(req.key, req.params.workspaceRunId)),
  );

  defineRoute(
    app,
    ctx,
    "uploadWorkspaceRunArchive",
    async (_c, req) =>
      json(
        await ctx.runs.uploadDirect(req.key, req.params.workspaceRunId, req.body, {
          sha256: req.headers.get("x-archive-sha256") ?? "",
          sizeBytes: Number(req.headers.get("x-archive-size-bytes")),
        }),
      ),
    { maxBodyBytes: limits.maxArchiveBytes, tooLargeCode: "archive_too_large" },
  );

  defineRoute(app, ctx, "createArchiveTransfer", async (_c, req) =>
    json(await ctx.runs.createTransfer(req.key, req.params.workspaceRunId, req.body), 201),
  );

  defineRoute(app, ctx, "finalizeArchive", async (_c, req) =>
    json(await ctx.runs.finalize(req.key, req.params.workspaceRunId, req.body)),
  );

  defineRoute(app, ctx, "startWorkspaceRun", async (_c, req) =>
    json(ctx.runs.start(req.key, req.params.workspaceRunId), 202),
  );

  defineRoute(app, ctx, "streamWorkspaceRunEvents", async (_c, req) => {
    const { log, snapshot } = ctx.runs.events(req.key, req.params.workspaceRunId);
    return sseResponse(ctx, {
      operationId: "streamWorkspaceRunEvents",
      log,
      afterSeq: resumeAfterSeq(req.query.afterSeq, req.headers.get("last-event-id")),
      terminal: () => ({ type: "terminal", workspaceRun: snapshot() }),
    });
  });

  defineRoute(app, ctx, "cancelWorkspaceRun", async (_c, req) =>
    json(await ctx.runs.cancel(req.key, req.params.workspaceRunId)),
  );

  defineRoute(app, ctx, "getWorkspaceRunEvidence", async (_c, req) =>
    json(ctx.runs.evidence(req.key, req.params.workspaceRunId)),
  );

  registerArchiveUploadRoutes(app, ctx);
}
