/**
 * Project routes: the projects the key can see.
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, list } from "../http/route.ts";

/** Registers listProjects. */
export function registerProjectRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "listProjects", async (_c, req) =>
    list(ctx, ctx.auth.visibleProjects(req.key)),
  );
}
