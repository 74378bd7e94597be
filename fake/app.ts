/**
 * The fake's Hono app: the API's routes (registered by operationId through
 * defineRoute), the /_fake control app, and the dashboard, an app of its own
 * mounted on its paths. Its own routes kept apart, the API's fill this app's
 * router alone, which Hono's RegExpRouter can then hold. Every request goes
 * through the request scope first (request id, journal, due drops); unknown
 * routes get the 404/405 envelopes and unexpected exceptions a 500.
 *
 * @module
 */
import { Hono } from "hono";
import { mount } from "hono/mount";
import type { FakeContext } from "./context.ts";
import { createDashboardApp, DASHBOARD_PATHS } from "./dashboard/app.ts";
import { createControlApp } from "./http/control-routes.ts";
import { notFound } from "./http/not-found.ts";
import { requestScope } from "./http/request-scope.ts";
import { type FakeApp, type FakeEnv, toErrorResponse } from "./http/route.ts";
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
  app.use(requestScope(ctx));

  // The request as it came: the dashboard's routes are the same paths.
  const dashboard = mount(createDashboardApp(ctx).fetch, { replaceRequest: false });
  for (const path of DASHBOARD_PATHS) app.all(path, dashboard);

  registerSandboxRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerArtifactRoutes(app, ctx);
  registerDownloadRoutes(app, ctx);
  registerPreviewRoutes(app, ctx);
  registerCommandRoutes(app, ctx);
  registerWorkspaceRunRoutes(app, ctx);
  if (ctx.config.controlRoutes) app.route("/_fake", createControlApp(ctx));

  app.notFound(notFound);
  app.onError((error) => toErrorResponse(ctx, error));
  return app;
}
