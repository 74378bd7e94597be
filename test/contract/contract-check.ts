/**
 * Checks a response the SDK receives against the contract: the status is one
 * the operation declares, `X-Request-Id` is there, and a JSON body (success or
 * the Error envelope) is valid per the declared schema. The schemas come from
 * the contract itself through fake/http/validate.ts, the validator
 * test/helpers/test-fake.ts uses too; the same checks run against the
 * in-process fake and a remote base URL.
 *
 * @module
 */
import {
  check,
  declaredResponse,
  matchOperation,
  operationSpec,
  schema,
} from "../../fake/http/validate.ts";
import { type ErrorCode, errorHttpStatus, type OperationId } from "../../src/generated/contract.ts";

/** The operation a request is for (by method and path, whatever the origin). */
export function operationOf(method: string, url: string, basePath = ""): OperationId | undefined {
  let pathname = new URL(url).pathname;
  if (basePath && pathname.startsWith(basePath)) pathname = pathname.slice(basePath.length);
  return matchOperation(method, pathname).id;
}

function issues(prefix: string, list: { path: string; message: string }[]): string[] {
  return list.slice(0, 6).map((i) => `${prefix}${i.path || "/"}: ${i.message}`);
}

/** An Error envelope's problems (valid per the contract, code sent with its status). */
export function errorEnvelopeProblems(json: unknown, status: number): string[] {
  const problems = issues("Error", check(schema("Error"), json));
  const error = (json as { error?: { code?: ErrorCode; details?: { injected?: unknown } } })?.error;
  const code = error?.code;
  if (code && error?.details?.injected !== true) {
    if (errorHttpStatus[code] !== undefined && errorHttpStatus[code] !== status) {
      problems.push(`error code ${code} is sent with ${errorHttpStatus[code]}, not ${status}`);
    }
  }
  if (code === "internal_error" && error?.details?.injected !== true) {
    problems.push("internal_error: the service failed unexpectedly");
  }
  return problems;
}

/**
 * The problems of one response (empty when it keeps the contract). Reads a
 * clone of the body for JSON and binary responses; a stream is left alone
 * (its events are checked as the SDK yields them).
 */
export async function responseProblems(
  operationId: OperationId | undefined,
  res: Response,
): Promise<string[]> {
  const problems: string[] = [];
  if (!res.headers.get("x-request-id")) problems.push("missing X-Request-Id");
  const contentType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!operationId) {
    if (res.status < 400) problems.push("a route outside the contract answered with success");
    return problems;
  }
  const declared = declaredResponse(operationSpec(operationId), res.status);
  if (!declared) {
    problems.push(`status ${res.status} is not declared for ${operationId}`);
    return problems;
  }
  if (contentType === "text/event-stream") return problems;
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  if (res.status >= 400) {
    if (contentType !== "application/json") {
      problems.push(`an error with Content-Type ${contentType || "(none)"}`);
      return problems;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return [...problems, "the error body is not JSON"];
    }
    return [...problems, ...errorEnvelopeProblems(json, res.status)];
  }
  const types = Object.keys(declared.content);
  if (types.length === 0) {
    if (bytes.length > 0) problems.push(`status ${res.status} declares no body`);
    return problems;
  }
  if (!types.includes(contentType)) {
    problems.push(`Content-Type ${contentType || "(none)"} is not one of ${types.join(", ")}`);
    return problems;
  }
  if (contentType === "application/json") {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return [...problems, "the body is not JSON"];
    }
    const target = declared.content[contentType];
    if (target) problems.push(...issues("body", check(target, json)));
    return problems;
  }
  const length = res.headers.get("content-length");
  if (length !== null && Number(length) !== bytes.length) {
    problems.push(`Content-Length ${length} but the body has ${bytes.length} bytes`);
  }
  return problems;
}

/** The problems of one SSE event (its `data:` JSON) against the operation's event schema. */
export function eventProblems(operationId: OperationId, event: unknown): string[] {
  const declared = declaredResponse(operationSpec(operationId), 200);
  const eventSchema = declared?.content["text/event-stream"];
  if (!eventSchema) return [`${operationId} declares no event stream`];
  return issues(`event ${(event as { type?: string })?.type}`, check(eventSchema, event));
}
