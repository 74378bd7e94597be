/**
 * The guard of the fake's own /_fake/* control routes: they reset the state,
 * inject faults and move the clock, so only the fake's user may call them.
 * In order: the Host must be one the fake answers as (its baseUrl's, or a
 * configured name: no DNS rebinding), an Origin or Sec-Fetch-Site header must
 * not name another site, the bearer must be the control token or an owner
 * API key, and a request that changes something must be `application/json`
 * (which no cross-site form can send without a CORS preflight).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { ResolvedConfig } from "../config.ts";
import { Auth } from "../core/auth.ts";
import { ApiError, errorResponse } from "../core/errors.ts";
import { sameToken } from "../core/tokens.ts";
import type { FakeEnv } from "./route.ts";
import { mediaType } from "./stages.ts";

/** What the guard reads of the fake's context. */
interface GuardedFake {
  readonly config: Pick<ResolvedConfig, "controlHosts" | "controlToken">;
  readonly auth: Pick<Auth, "authenticate">;
}

/** Why a control request is refused, or null when it may go on. */
function controlRefusal(ctx: GuardedFake, request: Request): ApiError | null {
  const url = new URL(request.url);
  const host = (request.headers.get("host") ?? url.host).toLowerCase();
  const hosts = ctx.config.controlHosts.map((h) => h.toLowerCase());
  if (!hosts.includes(host)) {
    return new ApiError("forbidden", `the control routes answer only as ${hosts.join(", ")}`);
  }
  const origin = request.headers.get("origin");
  if (
    origin !== null &&
    !hosts.some((h) => origin === `http://${h}` || origin === `https://${h}`)
  ) {
    return new ApiError("forbidden", "the control routes refuse cross-site requests");
  }
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return new ApiError("forbidden", "the control routes refuse cross-site requests");
  }
  const token = Auth.bearer(request.headers.get("authorization"));
  if (!token) {
    return new ApiError(
      "unauthorized",
      "the control routes need the fake's API key or its control token",
    );
  }
  if (!sameToken(token, ctx.config.controlToken)) {
    let role: string;
    try {
      role = ctx.auth.authenticate(`Bearer ${token}`).role;
    } catch (error) {
      return error as ApiError;
    }
    if (role !== "owner") {
      return new ApiError("forbidden", "the control routes need an owner's API key");
    }
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    const type = mediaType(request.headers.get("content-type"));
    if (type !== "application/json") {
      return new ApiError(
        "unsupported_media_type",
        `the control routes take application/json, not ${type || "untyped"}`,
        { expected: "application/json" },
      );
    }
  }
  return null;
}

/** The middleware applying {@link controlRefusal}. */
export function controlGuard(ctx: GuardedFake): MiddlewareHandler<FakeEnv> {
  return async (c, next) => {
    const refusal = controlRefusal(ctx, c.req.raw);
    if (refusal) return errorResponse(refusal);
    await next();
  };
}
