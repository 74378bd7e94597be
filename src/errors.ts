import { errorCodeByStatus, errorHttpStatus, retryableErrorCodes } from "./generated/contract.ts";
import type { components } from "./generated/openapi.ts";
import type { ClientErrorCode, ErrorCode } from "./types.ts";

/** Every code a {@link CrowNestApiError} can have: the service's and the SDK's own. */
export type CrowNestErrorCode = ErrorCode | ClientErrorCode;

/**
 * The `details` of an error with code `C`, as the contract declares them
 * (`ErrorDetailsByCode` in openapi.yaml): `{ command }` for
 * `command_timed_out`, `{ firstAvailableSeq, requestedAfterSeq }` for
 * `stream_gap`, `{ limit }` for `quota_exceeded`, and so on. Any fields for a
 * code that declares none.
 */
export type ErrorDetails<C extends CrowNestErrorCode> =
  C extends keyof components["schemas"]["ErrorDetailsByCode"]
    ? NonNullable<components["schemas"]["ErrorDetailsByCode"][C]>
    : Record<string, unknown>;

/**
 * A {@link CrowNestApiError} known to have one of the codes `C`, its `details`
 * typed by code: what {@link isCrowNestError} narrows to.
 */
export type CrowNestErrorOf<C extends CrowNestErrorCode> = CrowNestApiError & {
  readonly code: C;
  readonly details: C extends keyof components["schemas"]["ErrorDetailsByCode"]
    ? ErrorDetails<C>
    : Record<string, unknown> | undefined;
};

/** Fields of a {@link CrowNestApiError}. */
export interface CrowNestApiErrorInit {
  /** The HTTP status, or null when no response came (client-side codes). */
  status: number | null;
  /** The error envelope's code, or the SDK's own for a failure without a response. */
  code: CrowNestErrorCode;
  /** What went wrong, in one sentence. */
  message: string;
  /** The error envelope's details, when it has some. */
  details?: Record<string, unknown> | undefined;
  /** The response's `X-Request-Id`. */
  requestId?: string | undefined;
  /** The underlying failure (a network error, a parse error). */
  cause?: unknown;
}

/**
 * Every failed call throws this. A non-zero exit code is never an error.
 *
 * `code` is one of the contract's `ErrorCode`s, sent by the service with an
 * HTTP status, or one of its `ClientErrorCode`s, for a failure with no usable
 * response (`status` null, except for a redirect):
 *
 * - `connection_error`: the request could not be sent or the connection
 *   dropped (the only client code the SDK retries);
 * - `timeout`: the per-request `timeoutMs` fired;
 * - `aborted`: your `signal` fired;
 * - `invalid_response`: the answer could not be read, was not the
 *   operation's shape, or was a redirect (`details.redirectOrigin`);
 * - `missing_api_key`: no API key was configured, so nothing was sent;
 * - `invalid_config`: a client option (the base URL, the key, a header) is
 *   unusable;
 * - `permission_denied`: the runtime refused an environment read or a
 *   connection (Deno without `--allow-env` / `--allow-net`); the message
 *   names the flag.
 *
 * A call whose arguments make no valid request (an Idempotency-Key with a
 * newline, a body JSON can't hold) is the service code `invalid_request`
 * with a null status: nothing was sent. Likewise `archive_too_large`,
 * `invalid_archive` and `file_too_large` with a null status were checked
 * before sending. A stream that the service ends with an `error` event
 * (other than `stream_gap`) throws that code, with its HTTP status.
 *
 * `details` is typed by code once narrowed, as {@link isCrowNestError} does:
 *
 * ```ts
 * try {
 *   await client.commands.run(sandboxId, "pytest -q", { timeoutMs: 60_000 });
 * } catch (e) {
 *   if (isCrowNestError(e, "command_timed_out")) console.log(e.details.command.stdout);
 *   else throw e;
 * }
 * ```
 */
export class CrowNestApiError extends Error {
  /** The HTTP status, or null when the failure happened before or without a response. */
  readonly status: number | null;
  /** The error envelope's code, or the SDK's own for a failure without a response. */
  readonly code: CrowNestErrorCode;
  /** The error envelope's details; typed by code ({@link ErrorDetails}) once {@link isCrowNestError} narrowed it. */
  readonly details: Record<string, unknown> | undefined;
  /** The response's `X-Request-Id`: quote it in support requests. */
  readonly requestId: string | undefined;
  /**
   * True when the SDK itself retries this kind of failure (the contract's
   * retryable codes, and connection errors); by the time you see it, the
   * retries ran out.
   */
  readonly retryable: boolean;

  /** An error from its fields (the SDK builds these; tests of your code may too). */
  constructor(init: CrowNestApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "CrowNestApiError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryable = isRetryableCode(init.code);
  }
}

/**
 * Whether `error` is a {@link CrowNestApiError}, with one of `codes` when any
 * are given: narrows `code` and types `details` by code.
 */
export function isCrowNestError<C extends CrowNestErrorCode = CrowNestErrorCode>(
  error: unknown,
  ...codes: C[]
): error is CrowNestErrorOf<C> {
  return (
    error instanceof CrowNestApiError && (codes.length === 0 || codes.includes(error.code as C))
  );
}

/** Whether the SDK retries a failure with this code. */
function isRetryableCode(code: string): boolean {
  return code === "connection_error" || (retryableErrorCodes as readonly string[]).includes(code);
}

/** The HTTP status of a service code (the contract's table), or null for a code it lacks. */
export const statusOf = (code: string): number | null => errorHttpStatus[code as ErrorCode] ?? null;

/** A client-side error (no HTTP response): a client code, or a service code checked before sending. */
export function clientError(
  code: ErrorCode | ClientErrorCode,
  message: string,
  cause?: unknown,
  details?: Record<string, unknown>,
): CrowNestApiError {
  return new CrowNestApiError({ status: null, code, message, cause, details });
}

/** Builds the error for a non-2xx response from its (already read) body text. */
export function errorFromResponse(response: Response, text: string): CrowNestApiError {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  let envelope: { code?: unknown; message?: unknown; details?: unknown } | undefined;
  try {
    envelope = (JSON.parse(text) as { error?: typeof envelope })?.error;
  } catch {}
  const code =
    typeof envelope?.code === "string"
      ? (envelope.code as ErrorCode)
      : (errorCodeByStatus[response.status] ??
        (response.status >= 500 ? "internal_error" : "invalid_response"));
  const message =
    typeof envelope?.message === "string"
      ? envelope.message
      : `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  const details =
    envelope?.details && typeof envelope.details === "object"
      ? (envelope.details as Record<string, unknown>)
      : undefined;
  return new CrowNestApiError({ status: response.status, code, message, details, requestId });
}
