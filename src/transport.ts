import { CrowNestApiError, clientError, errorFromResponse } from "./errors.ts";
import { causedError, isPermissionDenial, isRedirect, redact, redirectError } from "./failures.ts";
import { retryDelay } from "./retry-timing.ts";

/** Per-request options, accepted as the last argument of every method. */
export interface RequestOptions {
  /** Aborts the call (and closes a stream); the error's code is `aborted`. */
  signal?: AbortSignal | undefined;
  /**
   * Per-attempt time limit in ms (default: the client's `timeoutMs`), body
   * included; for a stream, until its headers. The error's code is `timeout`
   * (client timeouts are not retried: the operation may still be running).
   */
  timeoutMs?: number | undefined;
  /** Overrides the Idempotency-Key the SDK generates for operations that take one. */
  idempotencyKey?: string | undefined;
  /** Retries after the first attempt (default: the client's `maxRetries`); streams reconnect by their own `reconnectTimeoutMs`. */
  maxRetries?: number | undefined;
}

/** A `fetch` the SDK can use: the global one, a wrapper, or the fake's in-process one. */
export type FetchLike = (input: Request) => Promise<Response>;

/** A logger: an object with `debug`, or a function. */
export type Logger =
  | { debug(message: string, data?: Record<string, unknown>): void }
  | ((message: string, data?: Record<string, unknown>) => void);

/** What every resource needs: the resolved client configuration. */
export interface Transport {
  readonly apiKey: string | undefined;
  /** How the caller sets the key, named when it is missing. */
  readonly keyOption: string;
  readonly baseUrl: string;
  /** A configuration problem every call reports (an unreadable env variable, an invalid key). */
  readonly blocked: CrowNestApiError | undefined;
  /** No byte on a stream for this long: the stream is dropped and reopened. */
  readonly streamIdleTimeoutMs: number;
  /** A dropped stream reconnects for this long without progress. */
  readonly streamReconnectTimeoutMs: number;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** The client's extra headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly log: ((message: string, data?: Record<string, unknown>) => void) | undefined;
}

/** A request before it is sent: each attempt builds its Request from it. */
export interface Outgoing {
  method: string;
  url: string;
  headers?: Readonly<Record<string, string>> | undefined;
  /** A ReadableStream can be read once, so its request is never retried. */
  body?: string | ArrayBuffer | ArrayBufferView | Blob | ReadableStream<Uint8Array> | undefined;
}

/** How one request is sent. */
export interface SendOptions extends RequestOptions {
  /** Send the bearer token (and the client's headers): true on the API origin only. */
  auth: boolean;
  /** The body is handed over unread (events, a download stream); the timeout stops at the headers. */
  streamResponse?: boolean | undefined;
}

/** A success response and its body: null when handed over unread. */
export interface Exchange {
  response: Response;
  body: ArrayBuffer | null;
}

/** The answer's headers of an error its call gave up on: a stream that reopens honours their retry hint. */
export const answerHeaders: WeakMap<object, Headers> = new WeakMap();

/** The error of a call (or stream) whose signal aborted it. */
export const abortedError = (signal: AbortSignal): CrowNestApiError =>
  clientError("aborted", "the request was aborted", signal.reason);

/** What stops a call before anything is built: the signal, the configuration, no key. */
export function preflight(t: Transport, o: RequestOptions, auth: boolean): void {
  if (o.signal?.aborted) throw abortedError(o.signal);
  if (t.blocked) throw t.blocked;
  if (auth && !t.apiKey) {
    throw clientError(
      "missing_api_key",
      `no CrowNest API key: pass ${t.keyOption} or set CROWNEST_API_KEY`,
    );
  }
}

// A stub or an in-process fetch may ignore the signal: the SDK doesn't wait
// for it. One promise per call rejects when the call's signal aborts; every
// wait of the call races it (one listener per call, not two per attempt).
// The listener goes when the call ends: the signal may outlive the call (the
// runtime keeps it until its request finalizers run, which a loop of
// in-process calls never lets happen), and the listener reaches the response.
function abortion(signal: AbortSignal): [Promise<never>, () => void] {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => {}); // raced, or never needed
  return [aborted, () => signal.removeEventListener("abort", onAbort)];
}

/** One call in flight: its request, options, controller and abort race. */
interface Call {
  t: Transport;
  out: Outgoing;
  o: SendOptions;
  init: RequestInit;
  /** Aborts only for a timeout or the caller's signal; both end the call, so attempts share it. */
  ctrl: AbortController;
  aborted: Promise<never>;
  timeoutMs: number;
  path: () => string;
}

const decoder = new TextDecoder();

/**
 * Sends one logical request: auth, attempts with a per-attempt timeout, and
 * retries of connection errors and retryable statuses (the contract's
 * retryable codes: 408, 429 rate_limited, 5xx; never quota_exceeded). A POST
 * is retried only when it carries an Idempotency-Key, a stream body never.
 * Redirects are never followed: headers, key and body stay on this origin.
 * Resolves with a success response and its body, whole in memory (or, with
 * `streamResponse`, unread).
 */
export async function send(t: Transport, out: Outgoing, o: SendOptions): Promise<Exchange> {
  preflight(t, o, o.auth);
  const headers: Record<string, string> = {};
  for (const set of [o.auth && t.headers, out.headers]) {
    if (set) for (const name in set) headers[name.toLowerCase()] = set[name] as string;
  }
  if (o.auth) headers.authorization = `Bearer ${t.apiKey}`;
  const streamBody = out.body instanceof ReadableStream;
  const ctrl = new AbortController();
  const init: RequestInit & { duplex?: string } = {
    method: out.method,
    headers,
    body: (out.body ?? null) as BodyInit | null,
    signal: ctrl.signal,
    redirect: "manual",
    ...(streamBody && { duplex: "half" }),
  };
  let pathname: string | undefined;
  const path = (): string => (pathname ??= new URL(out.url).pathname);
  const retriable = !streamBody && (out.method !== "POST" || "idempotency-key" in headers);
  const maxRetries = retriable ? Math.max(0, o.maxRetries ?? t.maxRetries) : 0;
  const { signal } = o;
  const onAbort = () => ctrl.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const [aborted, settled] = abortion(ctrl.signal);
  const call: Call = {
    t,
    out,
    o,
    init,
    ctrl,
    aborted,
    timeoutMs: o.timeoutMs ?? t.timeoutMs,
    path,
  };
  try {
    for (let attempt = 0; ; attempt++) {
      const done = await tryOnce(call, attempt);
      if (!(done instanceof CrowNestApiError)) return done;
      if (attempt >= maxRetries || !done.retryable) throw done;
      const delay = retryDelay(attempt, answerHeaders.get(done));
      log(call, (head) => `retrying ${head} in ${delay}ms (${done.code})`, {
        delayMs: delay,
        attempt: attempt + 1,
        code: done.code,
      });
      try {
        await t.sleep(delay, signal);
      } catch {
        throw abortedError(signal as AbortSignal);
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    settled();
  }
}

/**
 * One attempt: the success exchange, or the error a retry may fix (a
 * connection error, an error status); any other error is thrown.
 */
async function tryOnce(call: Call, attempt: number): Promise<Exchange | CrowNestApiError> {
  const { t, out, o, ctrl, aborted } = call;
  let request: Request;
  try {
    request = new Request(out.url, call.init);
  } catch (cause) {
    throw causedError(
      "invalid_request",
      `could not build ${out.method} ${out.url}`,
      cause,
      t.apiKey,
      {},
    );
  }
  const started = Date.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort(new Error("timeout"));
  }, call.timeoutMs);
  try {
    const response = await Promise.race([t.fetch(request), aborted]);
    log(call, (head) => `${head} ${response.status} ${Date.now() - started}ms`, {
      status: response.status,
      ms: Date.now() - started,
      attempt,
    });
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => {});
      throw redirectError(request, response);
    }
    if (response.ok && o.streamResponse) return { response, body: null };
    // The whole body is read inside the attempt, so the timeout covers it and a
    // connection that drops mid-body is retried like any other.
    const body = await Promise.race([response.arrayBuffer(), aborted]);
    if (response.ok) return { response, body };
    // A server may echo the key: its message and details never carry it.
    const error = errorFromResponse(response, redact(decoder.decode(body), t.apiKey));
    answerHeaders.set(error, response.headers);
    return error;
  } catch (cause) {
    if (cause instanceof CrowNestApiError) throw cause;
    if (timedOut) {
      throw clientError(
        "timeout",
        `${out.method} ${call.path()} timed out after ${call.timeoutMs} ms`,
      );
    }
    if (o.signal?.aborted) throw abortedError(o.signal);
    log(call, (head) => `${head} connection error after ${Date.now() - started}ms`, {
      ms: Date.now() - started,
      attempt,
    });
    return connectionError(call, cause);
  } finally {
    clearTimeout(timer);
  }
}

/** A fetch that failed: `permission_denied` (thrown) when the runtime refused, else `connection_error`. */
function connectionError(call: Call, cause: unknown): CrowNestApiError {
  const host = new URL(call.out.url).host;
  if (isPermissionDenial(cause)) {
    throw clientError(
      "permission_denied",
      `the runtime refused the connection to ${host}: run Deno with --allow-net=${host}`,
      cause,
    );
  }
  const what = `${call.out.method} ${call.path()} to ${host} failed`;
  return causedError("connection_error", what, cause, call.t.apiKey);
}

/** A debug line about the call; `line` gets its "METHOD path". */
function log(call: Call, line: (head: string) => string, data: Record<string, unknown>): void {
  const { t, out } = call;
  if (t.log)
    t.log(line(`${out.method} ${call.path()}`), { method: out.method, path: call.path(), ...data });
}
