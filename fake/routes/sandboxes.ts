/**
 * Sandbox routes: create, list, get, kill.
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, json, list } from "../http/route.ts";

/** Registers the sandbox operations. */
export function registerSandboxRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "createSandbox", async (_c, req) =>
    json(ctx.sandboxes.create(req.key, req.body ?? {}), 201),
  );
  defineRoute(app, ctx, "listSandboxes", async (_c, req) =>
    list(
      ctx,
      ctx.sandboxes.list(req.key, {
        includeEnded: req.query.includeEnded === true,
        projectId: req.query.projectId,
      }),
    ),
  );
  defineRoute(app, ctx, "getSandbox", async (_c, req) =>
    json(ctx.sandboxes.get(req.key, req.params.sandboxId)),
  );
  defineRoute(app, ctx, "killSandbox", async (_c, req) =>
    json(ctx.sandboxes.kill(req.key, req.params.sandboxId)),
  );
}
