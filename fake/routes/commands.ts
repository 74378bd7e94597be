/**
 * The Commands routes: run (wait for the end), start, get, cancel, logs and
 * the SSE log stream, over the command runtime (fake/process/runtime.ts).
 *
 * @module
 */
import type { ApiKeyRecord } from "../config.ts";
import type { FakeContext } from "../context.ts";
import { ApiError } from "../core/errors.ts";
import { defineRoute, type FakeApp, json } from "../core/route.ts";
import { resumeAfterSeq, sseResponse } from "../core/sse.ts";
import type { CommandState, SpawnInput } from "../process/command-types.ts";

const LOG_PAGE_DEFAULT = 50;

/** Lets every microtask run (a real macrotask turn, not fake time). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function visible(ctx: FakeContext, key: ApiKeyRecord, id: string): CommandState {
  const state = ctx.commands.get(id);
  if (!state || !ctx.auth.canSee(key, state.projectId)) {
    throw new ApiError("not_found", "command not found");
  }
  return state;
}

function spawn(
  ctx: FakeContext,
  key: ApiKeyRecord,
  sandboxId: string,
  body: SpawnInput,
): CommandState {
  // 404 for a sandbox the key can't see, 409 sandbox_destroyed for an ended one.
  ctx.sandboxes.requireRunning(key, sandboxId);
  return ctx.commands.spawn(sandboxId, body);
}

/** Registers the Commands operations. */
export function registerCommandRoutes(app: FakeApp, ctx: FakeContext): void {
  defineRoute(app, ctx, "runCommand", async (_c, req) => {
    const body = req.body;
    if (body.collect !== undefined) ctx.auth.requireScopes(req.key, ["artifact:create"]);
    const state = spawn(ctx, req.key, req.params.sandboxId, body);
    // Only the process's run waits on fake time, and at most the wait budget:
    // past it the answer is 202 with the running record. Collecting artifacts
    // does real async work (hashing), during which an auto clock must not jump.
    let cancelTimer = (): void => {};
    const budget = new Promise<"budget">((resolve) => {
      cancelTimer = ctx.clock.setTimer(ctx.config.runWaitMs, () => resolve("budget"));
    });
    const waited = await ctx.clock.waitFor(Promise.race([state.stopped, budget]));
    cancelTimer();
    if (waited === "budget") return json(state.snapshot(), 202);
    const command = await state.done;
    if (command.status === "timed_out") {
      throw new ApiError(
        "command_timed_out",
        `the command ran past its timeout of ${command.timeoutMs} ms and was killed`,
        { command },
      );
    }
    return json(command);
  });

  defineRoute(app, ctx, "startCommand", async (_c, req) => {
    const state = spawn(ctx, req.key, req.params.sandboxId, req.body);
    return json(state.snapshot(), 202);
  });

  defineRoute(app, ctx, "getCommand", async (_c, req) => {
    return json(visible(ctx, req.key, req.params.commandId).snapshot());
  });

  defineRoute(app, ctx, "cancelCommand", async (_c, req) => {
    const state = visible(ctx, req.key, req.params.commandId);
    const mode = req.body?.mode ?? "graceful";
    ctx.commands.cancel(state.id, mode);
    // A program that dies of the SIGTERM (or cleans up without waiting) has
    // ended once pending microtasks ran: answer with that, not a stale record.
    await Promise.race([state.done, settle()]);
    return json(state.snapshot());
  });

  defineRoute(app, ctx, "listCommandLogs", async (_c, req) => {
    const state = visible(ctx, req.key, req.params.commandId);
    // No afterSeq reads from the start, so trimmed chunks are never skipped silently.
    const afterSeq = req.query.afterSeq ?? 0;
    const limit = req.query.limit ?? LOG_PAGE_DEFAULT;
    const { gap, events } = state.log.since(afterSeq, limit);
    if (gap) {
      const firstAvailableSeq = state.log.firstRetainedSeq;
      throw new ApiError(
        "stream_gap",
        `chunks after seq ${afterSeq} are no longer retained; the oldest is seq ${firstAvailableSeq}`,
        { requestedAfterSeq: afterSeq, firstAvailableSeq },
      );
    }
    const nextAfterSeq = events.at(-1)?.seq ?? afterSeq;
    const hasMore = state.log.lastSeq > nextAfterSeq;
    return json({ data: events, hasMore, nextAfterSeq });
  });

  defineRoute(app, ctx, "streamCommandLogs", async (_c, req) => {
    const state = visible(ctx, req.key, req.params.commandId);
    return sseResponse(ctx, {
      operationId: "streamCommandLogs",
      log: state.log,
      afterSeq: resumeAfterSeq(req.query.afterSeq, req.headers.get("last-event-id")),
      toEvent: (chunk) => ({
        type: "log",
        stream: chunk.stream,
        data: chunk.data,
        seq: chunk.seq,
        createdAt: chunk.createdAt,
      }),
      terminal: () => ({ type: "terminal", command: state.snapshot() }),
    });
  });
}
