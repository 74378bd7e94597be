// How the transport tells apart and describes failures with no usable answer.
import { CrowNestApiError, clientError } from "./errors.ts";
import type { ClientErrorCode } from "./generated/contract.ts";

/** A 3xx answer (or a fetch that followed one anyway). */
export function isRedirect(response: Response): boolean {
  return (
    response.type === "opaqueredirect" ||
    response.redirected ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

/** The error for a redirect, naming the target origin only (a URL may carry a token). */
export function redirectError(request: Request, response: Response): CrowNestApiError {
  const from = new URL(request.url);
  let target = "an undisclosed location";
  const location = response.headers.get("location");
  if (location) {
    try {
      target = new URL(location, from).origin;
    } catch {}
  } else if (response.redirected && response.url) target = new URL(response.url).origin;
  const where = target === from.origin ? `elsewhere on ${target}` : `to ${target}`;
  return new CrowNestApiError({
    status: response.status || null,
    code: "invalid_response",
    message: `${request.method} ${from.pathname} was redirected ${where}; the SDK follows no redirects, so nothing was sent there`,
    details: { redirectOrigin: target },
    requestId: response.headers.get("x-request-id") ?? undefined,
  });
}

/** Deno's refusal of a connection (NotCapable in Deno 2, PermissionDenied before). */
export function isPermissionDenial(cause: unknown): boolean {
  for (let e = cause, depth = 0; e && depth < 5; e = (e as Error).cause, depth++) {
    if (/^(NotCapable|PermissionDenied)$/.test((e as Error).name ?? "")) return true;
  }
  return false;
}

/** `text` with the key replaced, as is and as JSON escapes it. */
export function redact(text: string, apiKey: string | undefined): string {
  return apiKey
    ? text
        .replaceAll(apiKey, "[redacted]")
        .replaceAll(JSON.stringify(apiKey).slice(1, -1), "[redacted]")
    : text;
}

/** A failure's causes, outermost first, with their codes. */
function chain(cause: unknown): string {
  const parts: string[] = [];
  for (let e = cause, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const err = e as { message?: unknown; code?: unknown; cause?: unknown };
    const message = typeof err.message === "string" ? err.message : String(e);
    const code =
      typeof err.code === "string" && !message.includes(err.code) ? ` (${err.code})` : "";
    if (message || code) parts.push(`${message}${code}`);
    e = err.cause;
  }
  return parts.join(": ");
}

/**
 * A failure's causes: Node's "fetch failed" says nothing until its cause
 * (`connect ECONNREFUSED ...`). Short, and never quoting the key.
 */
function describeCause(cause: unknown, apiKey: string | undefined): string {
  return redact(chain(cause), apiKey).slice(0, 300) || "unknown error";
}

/** The cause to keep on an error (a repr shows it): its redacted text when any of it holds the key. */
function safeCause(cause: unknown, apiKey: string | undefined): unknown {
  const text = chain(cause);
  return redact(text, apiKey) === text ? cause : new Error(redact(text, apiKey));
}

/** A client error whose message ends with its cause, described, and whose cause is kept: neither holds the key. */
export function causedError(
  code: ClientErrorCode | "invalid_request",
  message: string,
  cause: unknown,
  apiKey: string | undefined,
  details?: Record<string, unknown>,
): CrowNestApiError {
  const why = describeCause(cause, apiKey);
  return clientError(code, `${message}: ${why}`, safeCause(cause, apiKey), details);
}
