/**
 * The fake app's first middleware, around every request (the dashboard's and
 * unknown routes' too): a seeded X-Request-Id on the response, the request
 * journal's entry, and the lazy drops of ended records and idempotency keys
 * that are due before anyone can read them.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { jsonTextOf } from "../core/json-text.ts";
import { isDropped } from "./faults.ts";
import type { HttpCore } from "./http-core.ts";
import type { FakeEnv } from "./route.ts";

type JournalFields = [status: number | null, json: string | undefined];

/** The middleware over one fake's parts. */
export function requestScope(ctx: HttpCore): MiddlewareHandler<FakeEnv> {
  return async (c, next) => {
    const requestId = `req_${ctx.requestIds.chars(20)}`;
    c.set("requestId", requestId);
    const journaled = ctx.journal?.begin(c.req.method, c.req.url, c.req.path);
    // Ended records past their retention go before anyone can read them.
    ctx.retention.sweep();
    ctx.idempotency.prune();
    await next();
    if (journaled) {
      const [status, text] = journalFields(c.res, c.req.method) ?? (await readFields(c.res));
      journaled(status, text, c.get("requestBodyText"), requestId);
    }
    try {
      c.res.headers.set("X-Request-Id", requestId);
    } catch {
      // Immutable headers (a response from elsewhere): copy it.
      const res = new Response(c.res.body, c.res);
      res.headers.set("X-Request-Id", requestId);
      c.res = res;
    }
  };
}

/**
 * The status and JSON text of a response, for the request journal; undefined
 * when the text must be read from the body (JSON not made by json() or
 * errorResponse(): a replay).
 */
function journalFields(res: Response, method: string): JournalFields | undefined {
  if (isDropped(res)) return [null, undefined];
  if (method === "HEAD") return [res.status, undefined];
  // Made by json() or errorResponse() (always JSON): known.
  const known = jsonTextOf(res);
  if (known !== undefined) return [res.status, known];
  const type = res.headers.get("content-type") ?? "";
  return type.startsWith("application/json") ? undefined : [res.status, undefined];
}

/** A JSON response's status and text, read from a copy of its body. */
async function readFields(res: Response): Promise<JournalFields> {
  return [
    res.status,
    await res
      .clone()
      .text()
      .catch(() => undefined),
  ];
}
