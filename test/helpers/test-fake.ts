/**
 * createTestFake(): a fake whose EVERY response is checked against the
 * contract (openapi.yaml, through src/generated/document.ts). A response that
 * breaks it throws ContractViolation with a precise message, so the test fails.
 *
 * Checked on every response:
 * - `X-Request-Id` is present;
 * - the status is declared for the matched operation (unknown routes must
 *   answer 4xx with the Error envelope);
 * - a JSON body is valid per the declared schema (the Error envelope for
 *   errors, whose code must map to the status, unless injected by a fault);
 * - an SSE body: every event's `data:` is valid per the event schema, its
 *   `event:` equals its `type`, and `id:` is present exactly when it has a `seq`;
 * - octet-stream bodies match `Content-Length`; a 204 has no body;
 * - `Idempotent-Replayed`, `Retry-After`, `Retry-After-Ms` are well-formed;
 * - the fake threw no unexpected exception (500 internal_error).
 *
 * Usage:
 * ```ts
 * const { fake, call, stream } = createTestFake({ seed: 7 });
 * const created = await call("POST", "/v1/sandboxes", { body: { template: "python" } });
 * expect(created.status).toBe(201);
 * const id = created.json.id;
 * await call("GET", `/v1/sandboxes/${id}/files?path=a.txt`, { apiKey: null });  // no bearer -> 401
 * await call("GET", downloadUrl);               // absolute URLs work (storage origin too)
 * await call("PUT", path, { raw: bytes, contentType: "application/gzip" });
 * const s = await stream("GET", `/v1/commands/${cmd}/logs/stream`);  // SSE, event by event
 * for await (const event of s.events) { ... }   // each event is checked as it arrives
 * ```
 * `call()` options: `body` (sent as JSON), `raw` (string | Uint8Array sent as is),
 * `contentType`, `headers`, `apiKey` (default fake.apiKey; null sends no
 * Authorization), `idempotencyKey`, `signal`, `check: false` to skip the checks.
 * It returns `{ status, headers, json, text, bytes, events, operationId }`
 * (`json` is the parsed body when it is JSON; `events` the parsed SSE events).
 * `call()` reads the whole body, so an SSE stream must end (auto clock, or a
 * terminal event); use `stream()` to read one while moving the clock.
 */

import {
  check,
  declaredResponse,
  type Issue,
  matchOperation,
  operationSpec,
  type ResponseSpec,
  schema,
} from "../../fake/http/validate.ts";
import { createFake, type Fake, type FakeOptions } from "../../fake/index.ts";
import {
  type ErrorCode,
  errorHttpStatus,
  type OperationId,
  operations,
} from "../../src/generated/contract.ts";

/** A response broke the contract. */
export class ContractViolation extends Error {
  override name = "ContractViolation";
}

/** Options of call() and stream(). */
export interface CallOptions {
  body?: unknown;
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** Default: the fake's all-scope key. null: no Authorization header. */
  apiKey?: string | null;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** false: skip the contract checks (for deliberately odd responses). */
  check?: boolean;
}

/** One parsed server-sent event. */
export interface SseEvent {
  event: string | undefined;
  id: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: checked against the contract
  data: any;
}

/** What call() returns. */
export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: checked against the contract
  json: any;
  text: string;
  bytes: Uint8Array;
  /** Parsed SSE events (text/event-stream responses). */
  events: SseEvent[];
  operationId: OperationId | undefined;
}

/** What stream() returns. */
export interface StreamResult {
  status: number;
  headers: Headers;
  /** Each event is checked as it is parsed. */
  events: AsyncGenerator<SseEvent>;
  /** Cancels the body (the client goes away). */
  close(): Promise<void>;
}

/** A fake plus contract-checked requests. */
export interface TestFake {
  fake: Fake;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  stream(method: string, path: string, options?: CallOptions): Promise<StreamResult>;
}

function buildRequest(fake: Fake, method: string, path: string, o: CallOptions): Request {
  const url = /^https?:\/\//.test(path) ? path : `${fake.baseUrl}${path}`;
  const headers = new Headers(o.headers);
  const apiKey = o.apiKey === undefined ? fake.apiKey : o.apiKey;
  if (apiKey !== null && !headers.has("authorization")) {
    headers.set("Authorization", `Bearer ${apiKey}`);
  }
  if (o.idempotencyKey !== undefined) headers.set("Idempotency-Key", o.idempotencyKey);
  let body: BodyInit | undefined;
  if (o.raw !== undefined) {
    body = typeof o.raw === "string" ? o.raw : (o.raw.slice() as Uint8Array<ArrayBuffer>);
    if (o.contentType) headers.set("Content-Type", o.contentType);
  } else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers.set("Content-Type", o.contentType ?? "application/json");
  }
  return new Request(url, { method, headers, body, signal: o.signal });
}

function fail(req: Request, status: number, problems: string[], body?: string): never {
  const where = `${req.method} ${new URL(req.url).pathname}${new URL(req.url).search} -> ${status}`;
  const excerpt = body === undefined ? "" : `\nbody: ${body.slice(0, 800)}`;
  throw new ContractViolation(`contract violation: ${where}\n- ${problems.join("\n- ")}${excerpt}`);
}

function formatIssues(prefix: string, issues: Issue[]): string[] {
  return issues.slice(0, 8).map((i) => `${prefix}${i.path || "/"}: ${i.message}`);
}

/** Checks status, headers and (for non-streams) the body; returns problems. */
function checkHead(
  operationId: OperationId | undefined,
  res: Response,
): { problems: string[]; declared: ResponseSpec | undefined } {
  const problems: string[] = [];
  if (!res.headers.get("x-request-id")) problems.push("missing X-Request-Id");
  const replayed = res.headers.get("idempotent-replayed");
  if (replayed !== null && replayed !== "true") {
    problems.push(`Idempotent-Replayed is ${JSON.stringify(replayed)}, not "true"`);
  }
  for (const name of ["retry-after", "retry-after-ms"]) {
    const v = res.headers.get(name);
    if (v !== null && !/^\d+$/.test(v))
      problems.push(`${name} is not a non-negative integer: ${v}`);
  }
  if (!operationId) {
    if (res.status < 400) problems.push("a route outside the contract answered with success");
    return { problems, declared: undefined };
  }
  const declared = declaredResponse(operationSpec(operationId), res.status);
  if (!declared) problems.push(`status ${res.status} is not declared for ${operationId}`);
  return { problems, declared };
}

function checkErrorBody(
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON
  json: any,
  status: number,
): string[] {
  const problems = formatIssues("Error", check(schema("Error"), json));
  const code = json?.error?.code as ErrorCode | undefined;
  const injected = json?.error?.details?.injected === true;
  if (code && !injected) {
    if (errorHttpStatus[code] !== undefined && errorHttpStatus[code] !== status) {
      problems.push(`error code ${code} is sent with ${errorHttpStatus[code]}, not ${status}`);
    }
    if (code === "internal_error") problems.push("the fake failed unexpectedly (internal_error)");
  }
  return problems;
}

/** Parses complete SSE blocks out of `buffer`; returns the events and the rest. */
function parseSse(buffer: string): { events: SseEvent[]; rest: string; problems: string[] } {
  const events: SseEvent[] = [];
  const problems: string[] = [];
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event: string | undefined;
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
      else if (field !== "retry") problems.push(`unknown SSE field ${field}`);
    }
    if (data.length === 0 && event === undefined && id === undefined) continue;
    if (data.length !== 1) problems.push(`an SSE event has ${data.length} data lines, not 1`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.join("\n"));
    } catch {
      problems.push(`SSE data is not JSON: ${data.join("\n").slice(0, 200)}`);
    }
    events.push({ event, id, data: parsed });
  }
  return { events, rest, problems };
}

function checkEvent(eventSchema: unknown, e: SseEvent): string[] {
  const problems = formatIssues(
    `event ${e.event}`,
    // biome-ignore lint/suspicious/noExplicitAny: a contract schema
    check(eventSchema as any, e.data),
  );
  if (e.data && e.event !== e.data.type) {
    problems.push(`event: ${e.event} but data.type is ${e.data.type}`);
  }
  const seq = e.data?.seq;
  if (typeof seq === "number") {
    if (e.id !== String(seq)) problems.push(`event with seq ${seq} has id ${e.id}`);
  } else if (e.id !== undefined) {
    problems.push(`${e.data?.type} event carries id ${e.id} but has no seq`);
  }
  return problems;
}

/**
 * The operation a request is for. The storage origin serves only the
 * transfer targets (operations whose bearer is optional); anything else
 * there is not an operation of the contract.
 */
function operationOf(fake: Fake, req: Request): OperationId | undefined {
  const url = new URL(req.url);
  const { id } = matchOperation(req.method, url.pathname);
  if (id && url.origin === fake.storageOrigin && !operations[id].authOptional) return undefined;
  return id;
}

/** A fake whose every response is checked against the contract. */
export function createTestFake(options: FakeOptions = {}): TestFake {
  // Manual unless asked: these tests move time themselves.
  const fake = createFake({ clock: "manual", ...options });

  const unexpected = (): string[] =>
    fake.context.unexpectedErrors.length > 0
      ? [`the fake threw: ${String(fake.context.unexpectedErrors[0])}`]
      : [];

  async function call(method: string, path: string, o: CallOptions = {}): Promise<CallResult> {
    const req = buildRequest(fake, method, path, o);
    const operationId = operationOf(fake, req);
    const res = await fake.fetch(req);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    let json: unknown;
    let events: SseEvent[] = [];
    const problems: string[] = [];
    if (contentType === "application/json" && req.method !== "HEAD") {
      try {
        json = JSON.parse(text);
      } catch {
        problems.push("the body is not JSON although Content-Type says so");
      }
    }
    if (o.check !== false) {
      const head = checkHead(operationId, res);
      problems.push(...head.problems, ...unexpected());
      if (req.method === "HEAD") {
        // A HEAD response has no body to check.
      } else if (res.status >= 400) {
        if (contentType !== "application/json")
          problems.push(`error with Content-Type ${contentType}`);
        else problems.push(...checkErrorBody(json, res.status));
      } else if (head.declared) {
        problems.push(...checkBody(head.declared, contentType, res, bytes, json));
        if (contentType === "text/event-stream") {
          const parsed = parseSse(`${text}\n\n`);
          events = parsed.events;
          problems.push(...parsed.problems);
          const eventSchema = head.declared.content["text/event-stream"];
          for (const e of events) problems.push(...checkEvent(eventSchema, e));
        }
      }
      if (problems.length > 0) fail(req, res.status, problems, text);
    } else if (contentType === "text/event-stream") {
      events = parseSse(`${text}\n\n`).events;
    }
    return { status: res.status, headers: res.headers, json, text, bytes, events, operationId };
  }

  async function stream(method: string, path: string, o: CallOptions = {}): Promise<StreamResult> {
    const req = buildRequest(fake, method, path, o);
    const operationId = operationOf(fake, req);
    const res = await fake.fetch(req);
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    const head = checkHead(operationId, res);
    if (o.check !== false && head.problems.length > 0) fail(req, res.status, head.problems);
    if (contentType !== "text/event-stream") {
      const text = await res.text();
      if (o.check !== false && res.status >= 400) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {}
        const problems = checkErrorBody(json, res.status);
        if (problems.length > 0) fail(req, res.status, problems, text);
      }
      async function* none(): AsyncGenerator<SseEvent> {}
      return { status: res.status, headers: res.headers, events: none(), close: async () => {} };
    }
    const eventSchema = head.declared?.content["text/event-stream"];
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    async function* events(): AsyncGenerator<SseEvent> {
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        buffer += done ? "\n\n" : decoder.decode(value, { stream: true });
        const parsed = parseSse(buffer);
        buffer = parsed.rest;
        for (const e of parsed.events) {
          const problems = [...parsed.problems, ...(eventSchema ? checkEvent(eventSchema, e) : [])];
          if (o.check !== false && problems.length > 0) fail(req, res.status, problems);
          yield e;
        }
        if (done) return;
      }
    }
    return {
      status: res.status,
      headers: res.headers,
      events: events(),
      close: async () => {
        await reader.cancel().catch(() => {});
      },
    };
  }

  return { fake, call, stream };
}

function checkBody(
  declared: ResponseSpec,
  contentType: string,
  res: Response,
  bytes: Uint8Array,
  json: unknown,
): string[] {
  const types = Object.keys(declared.content);
  if (types.length === 0) {
    return bytes.length > 0
      ? [`status ${res.status} declares no body but got ${bytes.length} bytes`]
      : [];
  }
  if (!types.includes(contentType)) {
    return [`Content-Type ${contentType || "(none)"} is not one of ${types.join(", ")}`];
  }
  if (contentType === "application/json") {
    const target = declared.content[contentType];
    return target ? formatIssues("body", check(target, json)) : [];
  }
  if (contentType === "text/event-stream") return [];
  const length = res.headers.get("content-length");
  if ("Content-Length" in declared.headers && length === null) return ["missing Content-Length"];
  if (length !== null && Number(length) !== bytes.length) {
    return [`Content-Length ${length} but the body has ${bytes.length} bytes`];
  }
  return [];
}
