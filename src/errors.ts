import { errorCodeByStatus, retryableErrorCodes } from "./generated/contract.ts";
import type { ClientErrorCode, ErrorCode } from "./types.ts";

/** Fields of a {@link CrowNestApiError}. */
export interface CrowNestApiErrorInit {
  /** The HTTP status, or null when no response came (client-side codes). */
  status: number | null;
  /** The error envelope's code, or the SDK's own for a failure without a response. */
  code: ErrorCode | ClientErrorCode;
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
 * Every failed call throws this. `code` is one of the contract's `ErrorCode`s
 * (sent by the service) or `ClientErrorCode`s (no usable response:
 * `connection_error`, `timeout`, `aborted`, `invalid_response`,
 * `missing_api_key`). A non-zero exit code is never an error.
 */
export class CrowNestApiError extends Error {
  /** The HTTP status, or null when the failure happened before or without a response. */
  readonly status: number | null;
  /** The error envelope's code, or the SDK's own for a failure without a response. */
  readonly code: ErrorCode | ClientErrorCode;
  /** The error envelope's details (`command` for `command_timed_out`, ...), when it has some. */
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

/** Whether the SDK retries a failure with this code. */
function isRetryableCode(code: string): boolean {
  return code === "connection_error" || (retryableErrorCodes as readonly string[]).includes(code);
}

/** A client-side error (no HTTP response). */
export function clientError(
  code: ClientErrorCode,
  message: string,
  cause?: unknown,
): CrowNestApiError {
  return new CrowNestApiError({ status: null, code, message, cause });
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
