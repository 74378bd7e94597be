import { CrowNestApiError, clientError, errorFromResponse } from "./errors.ts";
import { causedError, isPermissionDenial, isRedirect, redact, redirectError } from "./failures.ts";
import {
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_RETRY_MAX_HINT_MS,
  type OperationId,
  operationRoutes,
} from "./generated/contract.ts";
import type { operations as Ops } from "./generated/openapi.ts";

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

// openapi-fetch's typed client only sees literal paths; the SDK calls it by
// operationId (method and path from the contract), so it uses this loose view.
interface LooseClient {
  request(
    method: string,
    path: string,
    init: Record<string, unknown>,
  ): Promise<{ data?: unknown; response: Response }>;
}

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
  readonly headers: Readonly<Record<string, string>>;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly log: ((message: string, data?: Record<string, unknown>) => void) | undefined;
  readonly client: LooseClient;
}

/** How one HTTP exchange is sent. */
export interface SendOptions extends RequestOptions {
  /** Send the bearer token (and the client's headers): true on the API origin only. */
  auth: boolean;
  /** The body is a ReadableStream: it can be read once, so never retried. */
  streamBody?: boolean;
  /** The body is handed over unread (events, a download stream); the timeout stops at the headers. */
  streamResponse?: boolean;
  /**
   * The controller whose signal `request` already carries (request() builds
   * the Request with it), so no attempt needs a copy of the request just to
   * attach a signal. Without it, send() makes one and copies the request.
   */
  controller?: AbortController;
  /** The client's headers and the bearer token are already on `request` (request() builds it with them). */
  headersSet?: boolean;
}

/** Exponential backoff with full jitter, or the server's Retry-After(-Ms) hint when it is sane. */
export function retryDelay(attempt: number, headers?: Headers): number {
  const ms = headers?.get("retry-after-ms");
  const sec = headers?.get("retry-after");
  let hint = ms != null && ms !== "" ? Number(ms) : undefined;
  if (hint === undefined && sec != null && sec !== "") {
    hint = /^\d+$/.test(sec.trim()) ? Number(sec) * 1000 : Date.parse(sec) - Date.now();
  }
  if (
    hint !== undefined &&
    Number.isFinite(hint) &&
    hint >= 0 &&
    hint <= DEFAULT_RETRY_MAX_HINT_MS
  ) {
    return Math.ceil(hint);
  }
  return Math.round(
    Math.random() *
      Math.min(DEFAULT_RETRY_MAX_DELAY_MS, DEFAULT_RETRY_BASE_DELAY_MS * 2 ** attempt),
  );
}

/** The answer's headers of an error its call gave up on: a stream that reopens honours their retry hint. */
export const answerHeaders: WeakMap<object, Headers> = new WeakMap();

/** The default wait between retries: a timer that the signal cuts short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
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

const decoder = new TextDecoder();

/** The error of a call (or stream) whose signal aborted it. */
export const abortedError = (signal: AbortSignal): CrowNestApiError =>
  clientError("aborted", "the request was aborted", signal.reason);

/**
 * Sends one logical request: auth, attempts with a per-attempt timeout, and
 * retries of connection errors and retryable statuses (the contract's
 * retryable codes: 408, 429 rate_limited, 5xx; never quota_exceeded). A POST
 * is retried only when it carries an Idempotency-Key, a stream body never.
 * Resolves with a success response whose body is whole in memory (or, for
 * server-sent events, unread).
 */
export async function send(t: Transport, request: Request, o: SendOptions): Promise<Response> {
  const { response, body } = await exchange(t, request, o);
  if (body === null) return response;
  const empty = isEmptyStatus(response.status);
  return new Response(empty ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** A success response and its body: null for server-sent events (handed over unread). */
interface Exchange {
  response: Response;
  body: ArrayBuffer | null;
}

/** What stops a call before anything is built: the signal, the configuration, no key. */
function preflight(t: Transport, o: RequestOptions, auth: boolean): void {
  if (o.signal?.aborted) throw abortedError(o.signal);
  if (t.blocked) throw t.blocked;
  if (auth && !t.apiKey) {
    throw clientError(
      "missing_api_key",
      `no CrowNest API key: pass ${t.keyOption} or set CROWNEST_API_KEY`,
    );
  }
}

/** {@link send}, giving back the success response (its body consumed) and the body read. */
async function exchange(t: Transport, request: Request, o: SendOptions): Promise<Exchange> {
  const { signal } = o;
  preflight(t, o, o.auth);
  if (o.auth) {
    if (!o.headersSet) {
      for (const [name, value] of Object.entries(t.headers)) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      request.headers.set("authorization", `Bearer ${t.apiKey}`);
    }
  }
  let pathname: string | undefined;
  const path = (): string => (pathname ??= new URL(request.url).pathname);
  const retriable =
    !o.streamBody && (request.method !== "POST" || request.headers.has("idempotency-key"));
  const maxRetries = retriable ? Math.max(0, o.maxRetries ?? t.maxRetries) : 0;
  const timeoutMs = o.timeoutMs ?? t.timeoutMs;
  // One controller for the whole call: it aborts only for a timeout or the
  // caller's signal, and both end the call, so retries can share it.
  const ctrl = o.controller ?? new AbortController();
  const onAbort = () => ctrl.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const [aborted, settled] = abortion(ctrl.signal);
  try {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      const started = Date.now();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort(new Error("timeout"));
      }, timeoutMs);
      let error: CrowNestApiError;
      let response: Response | undefined;
      try {
        // A body can be read once: every attempt but the last sends a clone.
        const sent = last || request.body === null ? request : request.clone();
        // Redirects are never followed: headers, key and body stay on this origin.
        const attemptRequest = o.controller
          ? sent
          : new Request(sent, { signal: ctrl.signal, redirect: "manual" });
        response = await Promise.race([t.fetch(attemptRequest), aborted]);
        t.log?.(`${request.method} ${path()} ${response.status} ${Date.now() - started}ms`, {
          method: request.method,
          path: path(),
          status: response.status,
          ms: Date.now() - started,
          attempt,
        });
        if (isRedirect(response)) {
          await response.body?.cancel().catch(() => {});
          throw redirectError(request, response);
        }
        if (response.ok && o.streamResponse) return { response, body: null };
        // Read the whole body inside the attempt, so the timeout covers it and a
        // connection that drops mid-body is retried like any other.
        const body = await Promise.race([response.arrayBuffer(), aborted]);
        if (response.ok) return { response, body };
        // A server may echo the key: its message and details never carry it.
        error = errorFromResponse(response, redact(decoder.decode(body), t.apiKey));
      } catch (cause) {
        if (cause instanceof CrowNestApiError) throw cause;
        if (timedOut) {
          throw clientError(
            "timeout",
            `${request.method} ${path()} timed out after ${timeoutMs} ms`,
          );
        }
        if (signal?.aborted) throw abortedError(signal);
        const host = new URL(request.url).host;
        if (isPermissionDenial(cause)) {
          throw clientError(
            "permission_denied",
            `the runtime refused the connection to ${host}: run Deno with --allow-net=${host}`,
            cause,
          );
        }
        error = causedError(
          "connection_error",
          `${request.method} ${path()} to ${host} failed`,
          cause,
          t.apiKey,
        );
        t.log?.(`${request.method} ${path()} connection error after ${Date.now() - started}ms`, {
          method: request.method,
          path: path(),
          ms: Date.now() - started,
          attempt,
        });
      } finally {
        clearTimeout(timer);
      }
      if (last || !error.retryable) {
        if (response) answerHeaders.set(error, response.headers);
        throw error;
      }
      const delay = retryDelay(attempt, response?.headers);
      t.log?.(`retrying ${request.method} ${path()} in ${delay}ms (${error.code})`, {
        method: request.method,
        path: path(),
        delayMs: delay,
        attempt: attempt + 1,
        code: error.code,
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

type Json<R> = R extends { content: { "application/json": infer T } } ? T : undefined;
type Responses<K extends OperationId> = Ops[K]["responses"];
/** The JSON body of an operation's success response. */
export type Success<K extends OperationId> = Json<
  Responses<K>[Extract<keyof Responses<K>, 200 | 201 | 202 | 204>]
>;
/** An operation's JSON request body. */
export type Body<K extends OperationId> = Ops[K] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** What a call passes to openapi-fetch besides method and path. */
export interface CallInit {
  params?: { path?: object; query?: object; header?: object };
  body?: unknown;
  headers?: Record<string, string>;
  parseAs?: "json" | "arrayBuffer" | "stream";
  /** The body is sent as is (bytes or a stream), not as JSON. */
  raw?: boolean;
  sse?: boolean;
}

/**
 * Calls an operation by its operationId through openapi-fetch (path, query
 * and body serialisation), with {@link send}'s exchange as its fetch. Operations that
 * take an Idempotency-Key get one per call, reused by every retry.
 */
export async function request(
  t: Transport,
  op: OperationId,
  init: CallInit,
  o: RequestOptions = {},
): Promise<{ data?: unknown; response: Response }> {
  // Nothing is built with a key that can't be sent: the Request would quote it.
  preflight(t, o, true);
  const [method, path, ...flags] = operationRoutes[op].split(" ") as [string, string, ...string[]];
  // The Request is built with every header it sends: the client's (which the
  // call's own override), then the bearer token; no header is set after.
  const headers: Record<string, string> = t.apiKey
    ? { ...t.headers, ...init.headers, authorization: `Bearer ${t.apiKey}` }
    : { ...t.headers, ...init.headers };
  if (flags.includes("key")) headers["Idempotency-Key"] = o.idempotencyKey ?? crypto.randomUUID();
  const streamBody = init.body instanceof ReadableStream;
  // openapi-fetch builds the Request with this signal already on it: send()
  // then sends it as is (a copy per attempt costs a Request and a signal).
  const controller = new AbortController();
  // openapi-fetch only builds the request: the body read by exchange() is
  // parsed here, so no success response is copied just to be read again.
  let body: ArrayBuffer | null = null;
  let built = false;
  try {
    const { response } = await t.client.request(method, path, {
      params: init.params,
      body: init.body,
      headers,
      signal: controller.signal,
      parseAs: "stream",
      redirect: "manual",
      ...(init.raw && { bodySerializer: (b: unknown) => b }),
      ...(streamBody && { duplex: "half" }),
      fetch: async (req: Request) => {
        built = true;
        const done = await exchange(t, req, {
          ...o,
          auth: true,
          streamBody,
          streamResponse: init.sse,
          controller,
          headersSet: true,
        });
        body = done.body;
        return done.response;
      },
    });
    if (body === null) return { data: response.body, response };
    const parseAs = init.parseAs ?? "json";
    const empty = isEmptyStatus(response.status);
    if (parseAs === "arrayBuffer") return { data: empty ? undefined : body, response };
    const text = empty ? "" : decoder.decode(body);
    if (empty || flags.includes("raw")) {
      return { data: text ? JSON.parse(text) : undefined, response };
    }
    return { data: parseJsonObject(op, response.status, text), response };
  } catch (cause) {
    if (cause instanceof CrowNestApiError) throw cause;
    // Nothing was sent when the Request could not be built from the arguments.
    throw causedError(
      built ? "invalid_response" : "invalid_request",
      `could not ${built ? "read the response" : "build the request"} of ${op}`,
      cause,
      t.apiKey,
      {}, // details are typed as an object for these codes
    );
  }
}

const isEmptyStatus = (status: number): boolean =>
  status === 204 || status === 205 || status === 304;

/** A success body that must be a JSON object: anything else is `invalid_response`. */
function parseJsonObject(op: OperationId, status: number, text: string): object {
  const fail = (what: string) =>
    clientError("invalid_response", `${op} answered HTTP ${status} with ${what}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    if (text.trim() === "") throw fail("an empty body");
    throw fail(`a body that is not JSON (${text.length} characters)`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw fail("JSON that is not an object");
  }
  // Every list operation answers {"data": [...]}: callers read `.data` unchecked.
  if (op.startsWith("list") && !Array.isArray((data as { data?: unknown }).data)) {
    throw fail('an object without its "data" list');
  }
  return data;
}

/** {@link request}, returning the parsed success body. */
export async function call<K extends OperationId>(
  t: Transport,
  op: K,
  init: CallInit = {},
  o?: RequestOptions,
): Promise<Success<K>> {
  return (await request(t, op, init, o)).data as Success<K>;
}

/** Splits `idempotencyKey` (a request option accepted in inputs too) from the JSON body. */
export function splitKey<T extends { idempotencyKey?: string | undefined }>(
  input: T | undefined,
  o: RequestOptions | undefined,
): [Omit<T, "idempotencyKey">, RequestOptions] {
  const { idempotencyKey, ...rest } = input ?? ({} as T);
  return [rest, { ...o, idempotencyKey: idempotencyKey ?? o?.idempotencyKey }];
}
