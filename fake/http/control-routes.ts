/**
 * The fake's own routes at /_fake, not in the contract (the crownest-fake
 * server enables them), as a Hono sub-app: move a manual clock, add or clear
 * fault rules, read or clear the request journal, reset the state. Every one
 * goes through the guard of fake/http/control-guard.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { ApiError } from "../core/errors.ts";
import { controlGuard } from "./control-guard.ts";
import type { FaultRule } from "./faults.ts";
import type { HttpCore } from "./http-core.ts";
import { filterFromQuery } from "./journal.ts";
import { type FakeApp, type FakeEnv, json } from "./route.ts";

/** The /_fake sub-app over one fake's parts; mount it with `app.route("/_fake", …)`. */
export function createControlApp(ctx: HttpCore): FakeApp {
  const control = new Hono<FakeEnv>();
  control.use("*", controlGuard(ctx));
  control.post("/clock/advance", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { ms?: unknown };
    if (typeof body.ms !== "number" || !(body.ms >= 0)) {
      throw new ApiError("invalid_request", 'the body must be {"ms": <non-negative number>}');
    }
    if (ctx.clock.mode === "real") {
      throw new ApiError("invalid_state", "the clock is real; start with --clock manual");
    }
    await ctx.clock.advance(body.ms);
    ctx.retention.sweep();
    ctx.idempotency.prune();
    return json({ now: ctx.clock.iso() });
  });
  control.get("/clock", () =>
    json({ now: ctx.clock.iso(), mode: ctx.clock.mode, pending: ctx.clock.pending() }),
  );
  control.post("/faults", async (c) => {
    const rule = (await c.req.json().catch(() => undefined)) as FaultRule | undefined;
    if (!rule || typeof rule !== "object" || Array.isArray(rule)) {
      throw new ApiError("invalid_request", "the body must be a fault rule (JSON object)");
    }
    // faults.add validates the rule against its schema (400 with details.issues).
    return json({ id: ctx.faults.add(rule) }, 201);
  });
  control.get("/requests", (c) => {
    const journal = ctx.journal;
    const data = journal ? journal.list(filterFromQuery(new URL(c.req.url).searchParams)) : [];
    return json({ data, size: journal?.size ?? 0 });
  });
  control.delete("/requests", () => {
    ctx.journal?.clear();
    return new Response(null, { status: 204 });
  });
  control.delete("/faults", () => {
    ctx.faults.clear();
    return new Response(null, { status: 204 });
  });
  control.post("/reset", () => {
    ctx.resetFake?.();
    return json({ reset: true });
  });
  return control;
}
