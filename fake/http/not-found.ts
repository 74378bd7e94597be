/**
 * The envelope of a request no route answers: 405 method_not_allowed (with
 * Allow) when the contract has the path under other methods, else 404
 * not_found. The API app and the dashboard's app both answer with it.
 *
 * @module
 */
import type { NotFoundHandler } from "hono";
import { ApiError, errorResponse } from "../core/errors.ts";
import type { FakeEnv } from "./route.ts";
import { matchOperation } from "./validate.ts";

/** Hono's notFound handler of the fake's apps. */
export const notFound: NotFoundHandler<FakeEnv> = (c) => {
  const { allowed } = matchOperation(c.req.method, new URL(c.req.url).pathname);
  if (allowed.length > 0) {
    const res = errorResponse(
      new ApiError("method_not_allowed", `${c.req.method} is not allowed here`, { allowed }),
    );
    res.headers.set("Allow", allowed.join(", "));
    return res;
  }
  return errorResponse(new ApiError("not_found", "no such route"));
};
