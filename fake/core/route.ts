/**
 * defineRoute(): contract-driven routing. Every route is registered by
 * operationId; method, path, scopes, parameters, body schema and whether it
 * takes an Idempotency-Key all come from the contract. In order it applies:
 * request id (app middleware), faults, auth (401) and scopes (403),
 * validation of path/query/header parameters and the body (400
 * invalid_request with details.issues; a malformed ID in the path is 404
 * not_found), idempotency (replay / idempotency_key_reused), then the
 * handler. Handlers throw ApiError for failures.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import { limits, type OperationId, operations } from "../../src/generated/contract.ts";
import type { operations as ContractOperations } from "../../src/generated/openapi.ts";
import type { ApiKeyRecord } from "../config.ts";
import { ApiError, type ErrorCode, errorResponse, notFound } from "./errors.ts";
import type { FakeCore } from "./fake-core.ts";
import { droppedResponse } from "./faults.ts";
import { fingerprint } from "./idempotency.ts";
import { withJsonText } from "./json-text.ts";
import {
  check,
  declaredResponse,
  type Issue,
  isValid,
  type OperationSpec,
  operationSpec,
  schemaType,
} from "./validate.ts";

/** Hono variables the fake sets on every request. */
export type FakeEnv = { Variables: { requestId: string; requestBodyText: string } };
/** The fake's Hono app. */
export type FakeApp = Hono<FakeEnv>;
/** The Hono context a handler gets. */
export type FakeHonoContext = Context<FakeEnv>;

/** A group of an operation's parameters as the contract types it; an empty record when it has none. */
type ParamsIn<K extends OperationId, In extends "path" | "query"> = Or<
  NonNullable<ContractOperations[K]["parameters"][In]>,
  Record<string, never>
>;
type Or<T, Fallback> = [T] extends [never] ? Fallback : T;

/** A request body: the JSON schema's type, bytes for any other media type. */
type BodyContent<B> = B extends { content: { "application/json": infer T } }
  ? T
  : B extends { content: object }
    ? Uint8Array
    : never;

/** An operation's body as a handler sees it: undefined when the body is optional and absent. */
type BodyOf<K extends OperationId> =
  | BodyContent<NonNullable<ContractOperations[K]["requestBody"]>>
  | (undefined extends ContractOperations[K]["requestBody"] ? undefined : never);

/** What a handler of operation K gets, already authenticated and validated against the contract. */
export interface RouteRequest<K extends OperationId> {
  operationId: K;
  /**
   * The caller's key. For an operation whose bearer is optional, called
   * without one, it is ANONYMOUS (no scopes, no projects): check `authenticated`.
   */
  key: ApiKeyRecord;
  authenticated: boolean;
  /** Path parameters. */
  params: ParamsIn<K, "path">;
  /** Query parameters, coerced to their schema types (deepObject ones are objects); absent ones are missing. */
  query: ParamsIn<K, "query">;
  headers: Headers;
  /** Parsed JSON, raw bytes for non-JSON bodies, undefined when there is none. */
  body: BodyOf<K>;
  url: URL;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A route handler of operation K. */
export type RouteHandler<K extends OperationId> = (
  c: FakeHonoContext,
  req: RouteRequest<K>,
) => Promise<Response>;

/** The request as the pipeline builds it, before it is typed by its operation. */
interface UntypedRequest extends Omit<RouteRequest<OperationId>, "params" | "query" | "body"> {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}
type UntypedHandler = (c: FakeHonoContext, req: UntypedRequest) => Promise<Response>;

/** Per-route options. */
export interface RouteOptions {
  /** Largest body accepted (default: 1 MiB for JSON, 8 MiB otherwise). */
  maxBodyBytes?: number;
  /** Code for a body over the limit (default request_too_large). */
  tooLargeCode?: ErrorCode;
}

/** The key of a request without a bearer on an operation that doesn't need one. */
export const ANONYMOUS: ApiKeyRecord = {
  key: "",
  scopes: new Set(),
  projectIds: [],
  role: "member",
};

/** A JSON response. */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body);
  return withJsonText(
    new Response(text, { status, headers: { ...headers, "Content-Type": "application/json" } }),
    text,
  );
}

/** A `{ "data": [...] }` list response: at most `max` items, the last ones (the newest). */
export function list(data: readonly unknown[], max: number = limits.maxListItems): Response {
  return json({ data: data.length > max ? data.slice(-max) : data });
}

/** The contract's `{param}` -> Hono's `:param`. */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ":$1");
}

const JSON_LIMIT = limits.maxJsonBodyBytes;
// Binary bodies are archives: the contract's archive limit.
const BINARY_LIMIT = limits.maxArchiveBytes;

/** The resource a path parameter names, as the services name it: `workspaceRunId` -> "workspace run". */
function resourceName(param: string): string {
  return param.replace(/Id$/, "").replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

/** Registers the handler of an operation; its request is typed from the contract. */
export function defineRoute<K extends OperationId>(
  app: FakeApp,
  ctx: FakeCore,
  operationId: K,
  handler: RouteHandler<K>,
  options: RouteOptions = {},
): void {
  // The one place the request's type is asserted: the pipeline validates
  // parameters and body against operation K's contract before the handler runs.
  const untyped = handler as unknown as UntypedHandler;
  const info = operations[operationId];
  const spec = operationSpec(operationId);
  app.on(info.method, honoPath(info.path), async (c) => {
    const fault = ctx.faults.forRequest(operationId);
    try {
      if (fault?.latencyMs) await ctx.clock.waitFor(ctx.clock.sleep(fault.latencyMs));
      if (fault?.dropConnection === "before") return droppedResponse();
      if (fault?.error) {
        const { code, status, headers } = fault.error;
        throw new ApiError(code, `injected fault (${code})`, { injected: true }, headers, status);
      }
      const res = await pipeline(c, ctx, spec, untyped, options);
      if (fault?.dropConnection === "after") {
        await res.body?.cancel().catch(() => {});
        return droppedResponse();
      }
      return res;
    } catch (error) {
      return toErrorResponse(ctx, error);
    }
  });
}

/** An ApiError as its envelope; anything else is a bug of the fake: 500 internal_error. */
export function toErrorResponse(ctx: FakeCore, error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error);
  ctx.unexpectedErrors.push(error);
  console.error("crownest fake: unexpected error", error);
  return errorResponse(new ApiError("internal_error", "the fake failed unexpectedly"));
}

async function pipeline(
  c: FakeHonoContext,
  ctx: FakeCore,
  spec: OperationSpec,
  handler: UntypedHandler,
  options: RouteOptions,
): Promise<Response> {
  const info = operations[spec.id];
  const raw = c.req.raw;
  // Parsed when something reads it: most GETs need neither the query nor the URL.
  let parsedUrl: URL | undefined;
  const url = (): URL => (parsedUrl ??= new URL(raw.url));
  if (!info.authOptional && ctx.storageOrigin && onOrigin(raw.url, ctx.storageOrigin)) {
    // Only self-signed transfer targets live on the storage origin.
    throw new ApiError("not_found", "no such route on the storage origin");
  }

  const authorization = raw.headers.get("authorization");
  let key = ANONYMOUS;
  let authenticated = false;
  if (!info.authOptional || (authorization !== null && info.scopes.length > 0)) {
    key = ctx.auth.authenticate(authorization);
    authenticated = true;
    ctx.auth.requireScopes(key, info.scopes);
  }

  const params: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const p of spec.params) {
    if (p.in === "path") {
      const value = c.req.param(p.name) ?? "";
      // The contract: a malformed ID is answered like an unknown one, in the same words.
      if (!isValid(p.schema, value)) throw notFound(resourceName(p.name), value);
      params[p.name] = value;
    } else if (p.in === "query") {
      const value = readQuery(url().searchParams, p.name, p.style, p.schema);
      if (value === undefined) {
        if (p.required) issues.push({ path: `/query/${p.name}`, message: "is required" });
        continue;
      }
      issues.push(...check(p.schema, value, `/query/${p.name}`));
      query[p.name] = value;
    } else if (p.in === "header") {
      const text = raw.headers.get(p.name);
      if (text === null) {
        if (p.required) issues.push({ path: `/header/${p.name}`, message: "is required" });
        continue;
      }
      issues.push(...check(p.schema, coerce(text, p.schema), `/header/${p.name}`));
    }
  }
  if (issues.length > 0) throw invalid("invalid parameters", issues);

  let bytes: Uint8Array = new Uint8Array(0);
  let body: unknown;
  if (spec.body) {
    const json = spec.body.contentType === "application/json";
    const limit = options.maxBodyBytes ?? (json ? JSON_LIMIT : BINARY_LIMIT);
    const read = await readBody(raw, limit);
    if (read === "too_large") {
      const code = options.tooLargeCode ?? "request_too_large";
      throw new ApiError(code, `the body is over ${limit} bytes`, { limit });
    }
    bytes = read;
    if (bytes.length === 0) {
      if (spec.body.required) throw invalid("a request body is required", []);
    } else {
      const type = mediaType(raw.headers.get("content-type"));
      if (type !== spec.body.contentType) {
        throw new ApiError(
          "unsupported_media_type",
          `the body must be ${spec.body.contentType}, not ${type || "untyped"}`,
          { expected: spec.body.contentType },
        );
      }
      if (json) {
        try {
          const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
          body = JSON.parse(text);
          c.set("requestBodyText", text);
        } catch {
          throw invalid("the body is not valid JSON", []);
        }
        if (spec.body.schema) {
          const bodyIssues = check(spec.body.schema, body, "/body");
          if (bodyIssues.length > 0) throw invalid("invalid body", bodyIssues);
        }
      } else {
        body = bytes;
      }
    }
  }

  const req: UntypedRequest = {
    operationId: spec.id,
    key,
    authenticated,
    params,
    query,
    headers: raw.headers,
    body,
    get url() {
      return url();
    },
    // A getter: Deno warns when a handler touches request.signal, so only those that need it do.
    get signal() {
      return raw.signal;
    },
  };
  const run = (): Promise<Response> =>
    handler(c, req).catch((error) => toErrorResponse(ctx, error));
  const idempotencyKey = info.idempotencyKey ? raw.headers.get("idempotency-key") : null;
  if (idempotencyKey === null) return run();
  // Every declared header but the key itself changes what the request means, and so does its type.
  const meaning = spec.params
    .filter((p) => p.in === "header" && p.name.toLowerCase() !== "idempotency-key")
    .map((p) => [p.name, raw.headers.get(p.name)] as const);
  if (spec.body) meaning.push(["content-type", mediaType(raw.headers.get("content-type"))]);
  const { pathname, search } = url();
  const fp = fingerprint(info.method, pathname + search, bytes, meaning);
  return ctx.idempotency.run(key.key || "anonymous", idempotencyKey, fp, run);
}

/** Whether a request URL (serialised, as Request.url is) is on `origin` (a serialised origin). */
export function onOrigin(href: string, origin: string): boolean {
  if (href.startsWith(origin)) {
    const next = href.charCodeAt(origin.length);
    // "/", or "?" and "#" after an origin with no path; anything else ("...test.evil/") is another host.
    if (next === 47 || next === 63 || next === 35) return true;
  }
  // Only userinfo ("https://user@host/") puts anything between the scheme and the host.
  return href.includes("@") && new URL(href).origin === origin;
}

function invalid(message: string, issues: Issue[]): ApiError {
  // Size limits are 413 whether the size is sent or only declared.
  const tooLarge = issues.find((i) => i.tooLarge);
  if (tooLarge?.tooLarge) {
    return new ApiError(tooLarge.tooLarge, `${tooLarge.path} ${tooLarge.message}`);
  }
  return new ApiError(
    "invalid_request",
    issues[0] ? `${message}: ${issues[0].path} ${issues[0].message}` : message,
    issues.length > 0 ? { issues: issues.slice(0, 20) } : undefined,
  );
}

/** The media type of a Content-Type value, lowercased, without parameters ("" when absent). */
function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

// biome-ignore lint/suspicious/noExplicitAny: a contract schema
function coerce(text: string, schema: any): unknown {
  const type = schemaType(schema);
  if (type === "integer" || type === "number") {
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

function readQuery(
  search: URLSearchParams,
  name: string,
  style: string | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: a contract schema
  schema: any,
): unknown {
  if (style === "deepObject") {
    const out: Record<string, string> = {};
    let found = false;
    for (const [k, v] of search) {
      const m = /^([^[]+)\[([^\]]*)\]$/.exec(k);
      if (m && m[1] === name) {
        out[m[2] as string] = v;
        found = true;
      }
    }
    return found ? out : undefined;
  }
  const value = search.get(name);
  return value === null ? undefined : coerce(value, schema);
}

/** Reads at most `limit` bytes; "too_large" past that (without reading the rest). */
export async function readBody(req: Request, limit: number): Promise<Uint8Array | "too_large"> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) return "too_large";
  if (declared >= 0) {
    // A declared length within the limit: read it in one go. On Node this is
    // @hono/node-server's fast path, straight from the socket; touching
    // `req.body` instead builds a whole web Request and stream per request,
    // a fifth of a small POST's time in the fake's server (the server benchmark).
    const bytes = new Uint8Array(await req.arrayBuffer());
    return bytes.byteLength > limit ? "too_large" : bytes;
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return "too_large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Whether the contract declares `status` for the operation (used by checks and tests). */
export function declares(operationId: OperationId, status: number): boolean {
  return declaredResponse(operationSpec(operationId), status) !== undefined;
}
