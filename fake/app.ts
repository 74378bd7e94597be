/**
 * The fake's Hono app: the request-id middleware, every route (registered by
 * operationId through defineRoute), and the envelopes for unknown routes (404),
 * wrong methods (405) and unexpected exceptions (500).
 *
 * @module
 */
import { Hono } from "hono";
import type { FakeContext } from "./context.ts";
import { ApiError, errorResponse } from "./core/errors.ts";
import { jsonTextOf } from "./core/json-text.ts";
import { registerDashboardRoutes } from "./dashboard/routes.ts";
import { createControlApp } from "./http/control-routes.ts";
import { isDropped } from "./http/faults.ts";
import { type FakeApp, type FakeEnv, toErrorResponse } from "./http/route.ts";
import { matchOperation } from "./http/validate.ts";
import { registerArtifactRoutes } from "./routes/artifacts.ts";
import { registerCommandRoutes } from "./routes/commands.ts";
import { registerDownloadRoutes } from "./routes/downloads.ts";
import { registerFileRoutes } from "./routes/files.ts";
import { registerPreviewRoutes } from "./routes/previews.ts";
import { registerProjectRoutes } from "./routes/projects.ts";
import { registerSandboxRoutes } from "./routes/sandboxes.ts";
import { registerWorkspaceRunRoutes } from "./routes/workspace-runs.ts";

/** Builds the app over a context. */
export function createApp(ctx: FakeContext): FakeApp {
  const app = new Hono<FakeEnv>();

  // Every response, errors and 404s included, carries X-Request-Id.
  app.use("*", async (c, next) => {
    const requestId = `req_${ctx.requestIds.chars(20)}`;
    c.set("requestId", requestId);
    const journaled = ctx.journal?.begin(c.req.method, c.req.url, c.req.path);
    // Ended records past their retention go before anyone can read them.
    ctx.retention.sweep();
    ctx.idempotency.prune();
    await next();
    if (journaled)
      journaled(...(await journalFields(c.res, c.req.method)), c.get("requestBodyText"), requestId);
    try {
      c.res.headers.set("X-Request-Id", requestId);
    } catch {
      // Immutable headers (a response from elsewhere): copy it.
      const res = new Response(c.res.body, c.res);
      res.headers.set("X-Request-Id", requestId);
      c.res = res;
    }
  });

  registerSandboxRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerArtifactRoutes(app, ctx);
  registerDownloadRoutes(app, ctx);
  registerPreviewRoutes(app, ctx);
  registerCommandRoutes(app, ctx);
  registerWorkspaceRunRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  if (ctx.config.controlRoutes) app.route("/_fake", createControlApp(ctx));

  app.notFound((c) => {
    const { allowed } = matchOperation(c.req.method, new URL(c.req.url).pathname);
    if (allowed.length > 0) {
      const res = errorResponse(
        new ApiError("method_not_allowed", `${c.req.method} is not allowed here`, { allowed }),
      );
      res.headers.set("Allow", allowed.join(", "));
      return res;
    }
    return errorResponse(new ApiError("not_found", "no such route"));
  });
  app.onError((error) => toErrorResponse(ctx, error));
  return app;
}

/** The status and JSON text of a response, for the request journal. */
async function journalFields(
  res: Response,
  method: string,
): Promise<[number | null, string | undefined]> {
  if (isDropped(res)) return [null, undefined];
  const type = res.headers.get("content-type") ?? "";
  if (method === "HEAD" || !type.startsWith("application/json")) return [res.status, undefined];
  // Made by json() or errorResponse(): known; anything else (a replay) is read once more.
  return [
    res.status,
    jsonTextOf(res) ??
      (await res
        .clone()
        .text()
        .catch(() => undefined)),
  ];
}
