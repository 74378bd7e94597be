import {
  type ClientErrorCode,
  type ErrorCode,
  errorCodeByStatus,
  retryableErrorCodes,
} from "./generated/contract.ts";

/** Fields of a {@link CrowNestApiError}. */
export interface CrowNestApiErrorInit {
  /** The HTTP status, or null when no response came (client-side codes). */
  status: number | null;
  code: ErrorCode | ClientErrorCode;
  message: string;
  details?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

/**
 * Every failed call throws this. `code` is one of the contract's `ErrorCode`s
 * (sent by the service) or `ClientErrorCode`s (no usable response:
 * `connection_error`, `timeout`, `aborted`, `invalid_response`,
 * `missing_api_key`). A call whose arguments make no valid request (an
 * Idempotency-Key with a newline, a body JSON can't hold) is `invalid_request`
 * with a null status: nothing was sent. A non-zero exit code is never an error.
 */
export class CrowNestApiError extends Error {
  /** The HTTP status, or null when the failure happened before or without a response. */
  readonly status: number | null;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** The response's `X-Request-Id`: quote it in support requests. */
  readonly requestId: string | undefined;
  /**
   * True when the SDK itself retries this kind of failure (the contract's
   * retryable codes, and connection errors); by the time you see it, the
   * retries ran out.
   */
  readonly retryable: boolean;

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

/** The HTTP status of a service code (the first code of its status), or null. */
export const statusOf = (code: string): number | null =>
  Number(Object.keys(errorCodeByStatus).find((s) => errorCodeByStatus[+s] === code)) || null;

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
