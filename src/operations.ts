import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
} from "openapi-fetch";
import { CrowNestApiError, clientError } from "./errors.ts";
import { causedError } from "./failures.ts";
import { type OperationId, operationRoutes } from "./generated/contract.ts";
import type { operations as Ops } from "./generated/openapi.ts";
import {
  type Outgoing,
  preflight,
  type RequestOptions,
  send,
  type Transport,
} from "./transport.ts";

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

/** An operation's arguments besides method and path. */
export interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
  /** The success body as bytes, not JSON. */
  parseAs?: "json" | "arrayBuffer";
  /** The body is sent as is (bytes or a stream), not as JSON. */
  raw?: boolean;
  /** The success body is server-sent events, handed over unread. */
  sse?: boolean;
}

// The contract's query style (form, exploded; objects as deepObject `a[b]=c`).
const querySerializer = createQuerySerializer();

/**
 * Builds an operation's request from its operationId (method and path from
 * the contract; path, query and JSON body serialised by openapi-fetch) and
 * sends it. Operations that take an Idempotency-Key get one per call, reused
 * by every retry.
 */
export async function request(
  t: Transport,
  op: OperationId,
  init: CallInit,
  o: RequestOptions = {},
): Promise<{ data?: unknown; response: Response }> {
  // Nothing is built with a key that can't be sent: the request would quote it.
  preflight(t, o, true);
  const [method, path, ...flags] = operationRoutes[op].split(" ") as [string, string, ...string[]];
  let out: Outgoing;
  try {
    const json = init.body !== undefined && !init.raw;
    const headers: Record<string, string> = json
      ? { "content-type": "application/json", ...init.headers }
      : { ...init.headers };
    if (flags.includes("key")) headers["idempotency-key"] = o.idempotencyKey ?? crypto.randomUUID();
    out = {
      method,
      url: createFinalURL(path, {
        baseUrl: t.baseUrl,
        params: init.params ?? {},
        querySerializer,
        pathSerializer: defaultPathSerializer,
      }),
      headers,
      body: json ? defaultBodySerializer(init.body) : (init.body as Outgoing["body"]),
    };
  } catch (cause) {
    throw causedError(
      "invalid_request",
      `could not build the request of ${op}`,
      cause,
      t.apiKey,
      {},
    );
  }
  const { response, body } = await send(t, out, { ...o, auth: true, streamResponse: init.sse });
  if (body === null) return { data: response.body, response };
  try {
    return { data: parse(op, flags, init.parseAs, response.status, body), response };
  } catch (cause) {
    if (cause instanceof CrowNestApiError) throw cause;
    throw causedError(
      "invalid_response",
      `could not read the response of ${op}`,
      cause,
      t.apiKey,
      {},
    );
  }
}

/** A success body, parsed as the operation answers it. */
function parse(
  op: OperationId,
  flags: string[],
  parseAs: CallInit["parseAs"],
  status: number,
  body: ArrayBuffer,
): unknown {
  const empty = status === 204 || status === 205 || status === 304;
  if (parseAs === "arrayBuffer") return empty ? undefined : body;
  const text = empty ? "" : decoder.decode(body);
  if (empty || flags.includes("raw")) return text ? JSON.parse(text) : undefined;
  return parseJsonObject(op, status, text);
}

const decoder = new TextDecoder();

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
