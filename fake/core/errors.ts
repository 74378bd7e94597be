/**
 * Failures as the contract spells them: every non-2xx body is the `Error`
 * envelope, and each code has one HTTP status (ErrorCode `x-http-status`).
 *
 * @module
 */
import { type ErrorCode, errorHttpStatus } from "../../src/generated/contract.ts";
import { withJsonText } from "./json-text.ts";

export type { ErrorCode };

/** A failure a route or service throws; defineRoute turns it into the envelope. */
export class ApiError extends Error {
  /** The contract's error code, sent in the envelope. */
  readonly code: ErrorCode;
  /** errorHttpStatus[code], unless overridden (fault rules may pick any status). */
  readonly status: number;
  /** The envelope's details, if any. */
  readonly details: Record<string, unknown> | undefined;
  /** Extra response headers (such as `Retry-After`). */
  readonly headers: Record<string, string>;

  /** An error with its code, message and optional details and headers. */
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    headers?: Record<string, string>,
    status?: number,
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status ?? errorHttpStatus[code];
    this.details = details;
    this.headers = headers ?? {};
  }
}

/** The `Error` envelope of a failure. */
function errorBody(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
  return { error: details ? { code, message, details } : { code, message } };
}

/** The response for an ApiError (X-Request-Id is added by the app's middleware). */
export function errorResponse(error: ApiError): Response {
  const headers = new Headers(error.headers);
  headers.set("Content-Type", "application/json");
  const text = JSON.stringify(errorBody(error.code, error.message, error.details));
  return withJsonText(new Response(text, { status: error.status, headers }), text);
}

/**
 * The most common failure, naming what was looked for: "sandbox sbx_… not
 * found". An ID too long to be one is shortened.
 */
export function notFound(what: string, id: string): ApiError {
  const shown = id.length > 100 ? `${id.slice(0, 100)}…` : id;
  return new ApiError("not_found", `${what} ${shown} not found`);
}
