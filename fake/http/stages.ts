/**
 * The stages of defineRoute's pipeline, in the order it runs them, each a
 * function of its own (testable alone, as Hono's middleware are): the fault
 * rules, the storage-origin guard, authentication and scopes, parameters,
 * the body (limit, media type, JSON, schema) and idempotency. A stage that
 * refuses the request throws the contract's ApiError.
 *
 * @module
 */
import { limits, operations } from "../../src/generated/contract.ts";
import { ApiError, type ErrorCode, notFound } from "../core/errors.ts";
import type { FakeCore } from "../core/fake-core.ts";
import type { ApiKeyRecord } from "../core/resolved-config.ts";
import { droppedResponse, type RequestFault } from "./faults.ts";
import type { HttpCore } from "./http-core.ts";
import { fingerprint } from "./idempotency.ts";
import { check, type Issue, isValid, type OperationSpec, schemaType } from "./validate.ts";

/** The key of a request without a bearer on an operation that doesn't need one. */
export const ANONYMOUS: ApiKeyRecord = {
  key: "",
  scopes: new Set(),
  projectIds: [],
  role: "member",
};

/** The largest body a route takes and the code of one over it. */
export interface BodyLimit {
  /** Largest body accepted (default: 1 MiB for JSON, 8 MiB otherwise). */
  maxBodyBytes?: number;
  /** Code for a body over the limit (default request_too_large). */
  tooLargeCode?: ErrorCode;
}

const JSON_LIMIT = limits.maxJsonBodyBytes;
// Binary bodies are archives: the contract's archive limit.
const BINARY_LIMIT = limits.maxArchiveBytes;
const NO_BYTES = new Uint8Array(0);

/**
 * Faults: the first rule matching the operation delays it, drops the
 * connection before or after `next`, or answers its error instead.
 */
export function applyFault(
  ctx: Pick<HttpCore, "faults" | "clock">,
  operationId: OperationSpec["id"],
  next: () => Promise<Response>,
): Promise<Response> {
  const fault = ctx.faults.forRequest(operationId);
  // No rule: no async step of its own.
  return fault ? faulted(ctx, fault, next) : next();
}

async function faulted(
  ctx: Pick<HttpCore, "clock">,
  fault: RequestFault,
  next: () => Promise<Response>,
): Promise<Response> {
  if (fault.latencyMs) await ctx.clock.waitFor(ctx.clock.sleep(fault.latencyMs));
  if (fault.dropConnection === "before") return droppedResponse();
  if (fault.error) {
    const { code, status, headers } = fault.error;
    throw new ApiError(code, `injected fault (${code})`, { injected: true }, headers, status);
  }
  const res = await next();
  if (fault.dropConnection === "after") {
    await res.body?.cancel().catch(() => {});
    return droppedResponse();
  }
  return res;
}

/** The storage origin serves only the self-signed transfer targets (the operations without a required bearer). */
export function guardStorageOrigin(
  ctx: Pick<FakeCore, "storageOrigin">,
  spec: OperationSpec,
  href: string,
): void {
  if (!operations[spec.id].authOptional && ctx.storageOrigin && onOrigin(href, ctx.storageOrigin)) {
    throw new ApiError("not_found", "no such route on the storage origin");
  }
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

/**
 * Authentication (401) and scopes (403). An operation whose bearer is
 * optional, called without one, gets ANONYMOUS.
 */
export function authenticate(
  ctx: Pick<FakeCore, "auth">,
  spec: OperationSpec,
  headers: Headers,
): { key: ApiKeyRecord; authenticated: boolean } {
  const info = operations[spec.id];
  const authorization = headers.get("authorization");
  if (info.authOptional && (authorization === null || info.scopes.length === 0)) {
    return { key: ANONYMOUS, authenticated: false };
  }
  const key = ctx.auth.authenticate(authorization);
  ctx.auth.requireScopes(key, info.scopes);
  return { key, authenticated: true };
}

/**
 * Path, query and header parameters against the contract: a malformed ID in
 * the path is 404 not_found (like an unknown one), any other issue 400.
 */
export function readParams(
  spec: OperationSpec,
  pathParam: (name: string) => string | undefined,
  url: () => URL,
  headers: Headers,
): { params: Record<string, string>; query: Record<string, unknown> } {
  const params: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const p of spec.params) {
    if (p.in === "path") {
      const value = pathParam(p.name) ?? "";
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
      const text = headers.get(p.name);
      if (text === null) {
        if (p.required) issues.push({ path: `/header/${p.name}`, message: "is required" });
        continue;
      }
      issues.push(...check(p.schema, coerce(text, p.schema), `/header/${p.name}`));
    }
  }
  if (issues.length > 0) throw invalid("invalid parameters", issues);
  return { params, query };
}

/**
 * The body: read within its limit, required when the contract says so, of
 * the declared media type, then (JSON) parsed and checked against its
 * schema. `bytes` are what idempotency fingerprints; `onJsonText` hears the
 * JSON text once parsed (the journal keeps it, even when the schema refuses it).
 */
export async function readRequestBody(
  spec: OperationSpec,
  request: Request,
  limit: BodyLimit = {},
  onJsonText?: (text: string) => void,
): Promise<{ bytes: Uint8Array; body: unknown }> {
  if (!spec.body) return { bytes: NO_BYTES, body: undefined };
  const bytes = await limitBody(spec, request, limit);
  if (bytes.length === 0) {
    if (spec.body.required) throw invalid("a request body is required", []);
    return { bytes, body: undefined };
  }
  checkMediaType(spec, request.headers);
  if (spec.body.contentType !== "application/json") return { bytes, body: bytes };
  const { body, text } = parseJson(bytes);
  onJsonText?.(text);
  checkBodySchema(spec, body);
  return { bytes, body };
}

/** The body-limit stage: the bytes of a body within the route's limit, 413 (or its code) past it. */
export async function limitBody(
  spec: OperationSpec,
  request: Request,
  { maxBodyBytes, tooLargeCode = "request_too_large" }: BodyLimit,
): Promise<Uint8Array> {
  const json = spec.body?.contentType === "application/json";
  const limit = maxBodyBytes ?? (json ? JSON_LIMIT : BINARY_LIMIT);
  const read = await readBody(request, limit);
  if (read === "too_large") {
    throw new ApiError(tooLargeCode, `the body is over ${limit} bytes`, { limit });
  }
  return read;
}

/** The media-type stage: a body's Content-Type must be the one the contract declares (415). */
export function checkMediaType(spec: OperationSpec, headers: Headers): void {
  const expected = spec.body?.contentType;
  if (expected === undefined) return;
  const type = mediaType(headers.get("content-type"));
  if (type !== expected) {
    throw new ApiError(
      "unsupported_media_type",
      `the body must be ${expected}, not ${type || "untyped"}`,
      {
        expected,
      },
    );
  }
}

/** The JSON stage: UTF-8 JSON text, parsed (400 when it isn't). */
export function parseJson(bytes: Uint8Array): { body: unknown; text: string } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { body: JSON.parse(text), text };
  } catch {
    throw invalid("the body is not valid JSON", []);
  }
}

/** The schema stage: a JSON body against the operation's schema (400 with details.issues, 413 for sizes). */
export function checkBodySchema(spec: OperationSpec, body: unknown): void {
  const schema = spec.body?.schema;
  if (!schema) return;
  const issues = check(schema, body, "/body");
  if (issues.length > 0) throw invalid("invalid body", issues);
}

/**
 * Idempotency: with an Idempotency-Key on an operation that takes one,
 * `run` once per key and request; a retry gets the recorded answer, the key
 * reused for another request 409 idempotency_key_reused.
 */
export function withIdempotency(
  ctx: Pick<HttpCore, "idempotency">,
  spec: OperationSpec,
  request: Request,
  url: () => URL,
  key: ApiKeyRecord,
  bytes: Uint8Array,
  run: () => Promise<Response>,
): Promise<Response> {
  const info = operations[spec.id];
  const idempotencyKey = info.idempotencyKey ? request.headers.get("idempotency-key") : null;
  if (idempotencyKey === null) return run();
  // Every declared header but the key itself changes what the request means, and so does its type.
  const meaning = spec.params
    .filter((p) => p.in === "header" && p.name.toLowerCase() !== "idempotency-key")
    .map((p) => [p.name, request.headers.get(p.name)] as const);
  if (spec.body) meaning.push(["content-type", mediaType(request.headers.get("content-type"))]);
  const { pathname, search } = url();
  const fp = fingerprint(info.method, pathname + search, bytes, meaning);
  return ctx.idempotency.run(key.key || "anonymous", idempotencyKey, fp, run);
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

/** The resource a path parameter names, as the services name it: `workspaceRunId` -> "workspace run". */
function resourceName(param: string): string {
  return param.replace(/Id$/, "").replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
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
export function mediaType(contentType: string | null | undefined): string {
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
