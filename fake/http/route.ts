/**
 * defineRoute(): contract-driven routing. Every route is registered by
 * operationId; method, path, scopes, parameters, body schema and whether it
 * takes an Idempotency-Key all come from the contract. In order it applies
 * the request id (app middleware), then the stages of fake/http/stages.ts:
 * faults, the storage-origin guard, auth (401) and scopes (403),
 * validation of path/query/header parameters and the body (400
 * invalid_request with details.issues; a malformed ID in the path is 404
 * not_found), idempotency (replay / idempotency_key_reused), then the
 * handler. Handlers throw ApiError for failures.
 *
 * @module
 */
import type { Context, Hono } from "hono";
import { type OperationId, operations } from "../../src/generated/contract.ts";
import type { operations as ContractOperations } from "../../src/generated/openapi.ts";
import { ApiError, errorResponse } from "../core/errors.ts";
import type { FakeCore } from "../core/fake-core.ts";
import { withJsonText } from "../core/json-text.ts";
import type { ApiKeyRecord } from "../core/resolved-config.ts";
import type { HttpCore } from "./http-core.ts";
import {
  applyFault,
  authenticate,
  type BodyLimit,
  guardStorageOrigin,
  readParams,
  readRequestBody,
  withIdempotency,
} from "./stages.ts";
import { type OperationSpec, operationSpec } from "./validate.ts";

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

/** What an operation without a body reads. */
const NO_BODY = { bytes: new Uint8Array(0), body: undefined };

/** Per-route options: the body's limit. */
export type RouteOptions = BodyLimit;

/** The headers of json()'s responses (Response copies them). */
const JSON_TYPE: Readonly<Record<string, string>> = { "Content-Type": "application/json" };

/** A JSON response. */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body);
  const all = headers ? { ...headers, ...JSON_TYPE } : JSON_TYPE;
  return withJsonText(new Response(text, { status, headers: all }), text);
}

/** A `{ "data": [...] }` list response: at most the plan's maxListItems, the last ones (the newest). */
export function list(ctx: Pick<FakeCore, "config">, data: readonly unknown[]): Response {
  const max = ctx.config.plan.maxListItems;
  return json({ data: data.length > max ? data.slice(-max) : data });
}

/** The contract's `{param}` -> Hono's `:param`. */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ":$1");
}

/** Registers the handler of an operation; its request is typed from the contract. */
export function defineRoute<K extends OperationId>(
  app: FakeApp,
  ctx: HttpCore,
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
    try {
      return await applyFault(ctx, operationId, () => pipeline(c, ctx, spec, untyped, options));
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

/**
 * The request a handler gets. A class, not an object literal with getters:
 * V8 gives each such literal a hidden class of its own, an old-generation
 * object that would keep every request's objects alive through the
 * young-generation collections (a fifth of a GET's time went to copying them).
 */
class PipelineRequest implements UntypedRequest {
  readonly headers: Headers;
  readonly #raw: Request;
  readonly #url: () => URL;

  constructor(
    readonly operationId: OperationId,
    readonly key: ApiKeyRecord,
    readonly authenticated: boolean,
    readonly params: Record<string, string>,
    readonly query: Record<string, unknown>,
    readonly body: unknown,
    raw: Request,
    url: () => URL,
  ) {
    this.headers = raw.headers;
    this.#raw = raw;
    this.#url = url;
  }

  /** Parsed when something reads it: most GETs need neither the query nor the URL. */
  get url(): URL {
    return this.#url();
  }

  /** A getter: Deno warns when a handler touches request.signal, so only those that need it do. */
  get signal(): AbortSignal {
    return this.#raw.signal;
  }
}

/** The stages (fake/http/stages.ts) in order, then the handler. */
async function pipeline(
  c: FakeHonoContext,
  ctx: HttpCore,
  spec: OperationSpec,
  handler: UntypedHandler,
  options: RouteOptions,
): Promise<Response> {
  const raw = c.req.raw;
  // Parsed when something reads it: most GETs need neither the query nor the URL.
  let parsedUrl: URL | undefined;
  const url = (): URL => (parsedUrl ??= new URL(raw.url));
  guardStorageOrigin(ctx, spec, raw.url);
  const { key, authenticated } = authenticate(ctx, spec, raw.headers);
  const { params, query } = readParams(spec, (name) => c.req.param(name), url, raw.headers);
  // Most operations take no body: no await for them.
  const { bytes, body } = spec.body
    ? await readRequestBody(spec, raw, options, (text) => c.set("requestBodyText", text))
    : NO_BODY;
  const req = new PipelineRequest(spec.id, key, authenticated, params, query, body, raw, url);
  const run = (): Promise<Response> =>
    handler(c, req).catch((error) => toErrorResponse(ctx, error));
  return withIdempotency(ctx, spec, raw, url, key, bytes, run);
}
