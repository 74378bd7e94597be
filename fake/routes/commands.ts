/**
 * The Commands routes: run (wait for the end), start, get, cancel, logs and
 * the SSE log stream, over the commands service (fake/services/commands.ts).
 *
 * @module
 */
import type { FakeContext } from "../context.ts";
import { defineRoute, type FakeApp, json } from "../http/route.ts";
import { resumeAfterSeq, sseResponse } from "../http/sse.ts";

/** Registers the Commands operations. */
export function registerCommandRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "runCommand", async (_c, req) => {
    const run = await ctx.commands.run(req.key, req.params.sandboxId, req.body);
    return json(run.command, run.ended ? 200 : 202);
  });

  defineRoute(app, ctx, "startCommand", async (_c, req) =>
    json(ctx.commands.start(req.key, req.params.sandboxId, req.body), 202),
  );

  defineRoute(app, ctx, "getCommand", async (_c, req) =>
    json(ctx.commands.get(req.key, req.params.commandId)),
  );

  defineRoute(app, ctx, "cancelCommand", async (_c, req) => {
    return json(await ctx.commands.cancel(req.key, req.params.commandId, req.body?.mode));
  });

  defineRoute(app, ctx, "listCommandLogs", async (_c, req) =>
    json(
      ctx.commands.logs(req.key, req.params.commandId, {
        afterSeq: req.query.afterSeq,
        limit: req.query.limit,
      }),
    ),
  );

  defineRoute(app, ctx, "streamCommandLogs", async (_c, req) => {
    const { log, snapshot } = ctx.commands.events(req.key, req.params.commandId);
    return sseResponse(ctx, {
      operationId: "streamCommandLogs",
      log,
      afterSeq: resumeAfterSeq(req.query.afterSeq, req.headers.get("last-event-id")),
      toEvent: (chunk) => ({
        type: "log",
        stream: chunk.stream,
        data: chunk.data,
        seq: chunk.seq,
        createdAt: chunk.createdAt,
      }),
      terminal: () => ({ type: "terminal", command: snapshot() }),
    });
  });
}
