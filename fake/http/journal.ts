/**
 * The request journal: every request the code under test made, for asserting
 * on calls without a spy. A ring buffer of the last `size` requests (the
 * fake's own /_fake/* routes are left out), holding at most BODIES_CAP
 * characters of bodies in all. Request bodies are the parsed JSON (command
 * `env` values redacted); response bodies are kept for JSON responses only,
 * each up to BODY_CAP characters of JSON text.
 *
 * @module
 */
import { type OperationId, operations } from "../../src/generated/contract.ts";
import type { Clock } from "../core/clock.ts";
import { matchOperation, pathMatcher } from "./validate.ts";

/** One journaled request. */
export interface JournalEntry {
  /** 1, 2, ... in the order requests arrived (kept across the ring buffer's wrap). */
  seq: number;
  /** The contract's operation, or null for a route outside it (the dashboard, a 404). */
  operationId: OperationId | null;
  /** The HTTP method. */
  method: string;
  /** The URL's path, e.g. "/v1/sandboxes/sbx_123/commands/run". */
  path: string;
  /** Path parameters by name (`{ sandboxId: "sbx_123" }`). */
  params: Record<string, string>;
  /** Query parameters (the last value of each name). */
  query: Record<string, string>;
  /** The parsed JSON body (command env values as "[redacted]"), or null. */
  body: unknown;
  /** The HTTP status; null when a fault rule dropped the connection. */
  status: number | null;
  /** The parsed JSON response body, or null (streams, files, bodies over the cap). */
  response: unknown;
  /** Fake time when the request arrived (RFC 3339). */
  at: string;
  /** The `X-Request-Id` the fake answered with, or null. */
  requestId: string | null;
}

/** Which entries `list()` returns; every given field must match. */
export interface JournalFilter {
  /** One operationId, or any of several. */
  operationId?: OperationId | readonly OperationId[];
  /** The HTTP method. */
  method?: string;
  /** A path prefix, or a RegExp tested on the path. */
  path?: string | RegExp;
  /** The HTTP status. */
  status?: number;
  /** Entries whose path parameters include these. */
  params?: Record<string, string>;
  /** Entries after this seq. */
  since?: number;
}

/** Default ring buffer size. */
const DEFAULT_JOURNAL_SIZE = 1000;
/** Largest ring buffer size. */
export const MAX_JOURNAL_SIZE = 100_000;
/** Largest JSON body text (request or response) an entry keeps. */
const BODY_CAP: number = 64 * 1024;
/** Most JSON body text the whole journal keeps: the oldest entries go first. */
const BODIES_CAP: number = 16 * 1024 * 1024;

const paramNames = new Map<OperationId, { regex: RegExp; names: string[] }>();
function paramsOf(id: OperationId, path: string): Record<string, string> {
  let m = paramNames.get(id);
  if (!m) {
    const template = operations[id].path;
    m = {
      regex: pathMatcher(template),
      names: [...template.matchAll(/\{([^}]+)\}/g)].map((x) => x[1] as string),
    };
    paramNames.set(id, m);
  }
  const values = m.regex.exec(path)?.slice(1) ?? [];
  return Object.fromEntries(m.names.map((n, i) => [n, decodeURIComponent(values[i] ?? "")]));
}

function redact(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const env = (body as { env?: unknown }).env;
  if (!env || typeof env !== "object") return body;
  return { ...body, env: Object.fromEntries(Object.keys(env).map((k) => [k, "[redacted]"])) };
}

/** A JSON text as kept: null when absent or over BODY_CAP. */
function capped(text: string | undefined): string | null {
  return text === undefined || text.length > BODY_CAP ? null : text;
}

/** Parses a kept JSON text (lazily: only entries that are listed pay for it). */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * An entry as kept: what a request costs to record is a few fields; the
 * operation, parameters and bodies are worked out when it is listed.
 */
interface Kept {
  seq: number;
  method: string;
  url: string;
  atMs: number;
  status: number | null;
  requestId: string | null;
  body: string | null;
  response: string | null;
  /** Filled in once, the first time the entry is looked at. */
  head?: Omit<JournalEntry, "body" | "response">;
}

function headOf(k: Kept, iso: (ms: number) => string): Omit<JournalEntry, "body" | "response"> {
  if (!k.head) {
    const url = new URL(k.url);
    const { id } = matchOperation(k.method, url.pathname);
    k.head = {
      seq: k.seq,
      operationId: id ?? null,
      method: k.method,
      path: url.pathname,
      params: id ? paramsOf(id, url.pathname) : {},
      query: Object.fromEntries(url.searchParams),
      status: k.status,
      at: iso(k.atMs),
      requestId: k.requestId,
    };
  }
  return k.head;
}

/** What `fake.requests` offers. */
export interface RequestJournal {
  /** The ring buffer's size (0: nothing is recorded). */
  readonly size: number;
  /** The kept entries, oldest first, that match `filter` (an object or a predicate). */
  list(filter?: JournalFilter | ((entry: JournalEntry) => boolean)): JournalEntry[];
  /** The most recent matching entry, if any. */
  last(filter?: JournalFilter | ((entry: JournalEntry) => boolean)): JournalEntry | undefined;
  /** Forgets every entry (seq keeps counting). */
  clear(): void;
}

/** The journal of one fake. */
export class Journal implements RequestJournal {
  readonly size: number;
  readonly #clock: Clock;
  /** Kept entries, oldest first (at most `size`: shift() stays cheap). */
  #entries: Kept[] = [];
  #chars = 0;
  #seq = 0;

  constructor(clock: Clock, size: number = DEFAULT_JOURNAL_SIZE) {
    if (!(Number.isInteger(size) && size >= 0 && size <= MAX_JOURNAL_SIZE)) {
      throw new RangeError(
        `journalSize must be an integer from 0 to ${MAX_JOURNAL_SIZE}, not ${size}`,
      );
    }
    this.#clock = clock;
    this.size = size;
  }

  /** Starts an entry for a request (`path`: its URL's path); `finish` completes it. */
  begin(method: string, url: string, path: string): Finisher | undefined {
    if (this.size === 0 || path.startsWith("/_fake/")) return undefined;
    const atMs = this.#clock.now();
    return (status, response, requestBody, requestId) => {
      this.#push({
        seq: ++this.#seq,
        method: method.toUpperCase(),
        url,
        atMs,
        status,
        requestId,
        body: capped(requestBody),
        response: capped(response),
      });
    };
  }

  #materialise(k: Kept): JournalEntry {
    const head = headOf(k, (ms) => this.#clock.iso(ms));
    return {
      ...head,
      params: { ...head.params },
      query: { ...head.query },
      body: redact(parsed(k.body)),
      response: parsed(k.response),
    };
  }

  #push(kept: Kept): void {
    const size = (k: Kept): number => (k.body?.length ?? 0) + (k.response?.length ?? 0);
    this.#entries.push(kept);
    this.#chars += size(kept);
    while (
      this.#entries.length > this.size ||
      (this.#chars > BODIES_CAP && this.#entries.length > 1)
    ) {
      const dropped = this.#entries.shift();
      if (dropped) this.#chars -= size(dropped);
    }
  }

  list(filter?: JournalFilter | ((entry: JournalEntry) => boolean)): JournalEntry[] {
    const all = this.#entries;
    if (typeof filter === "function") return all.map((k) => this.#materialise(k)).filter(filter);
    const keep = matcher(filter ?? {});
    const iso = (ms: number): string => this.#clock.iso(ms);
    return all.filter((k) => keep(headOf(k, iso))).map((k) => this.#materialise(k));
  }

  last(filter?: JournalFilter | ((entry: JournalEntry) => boolean)): JournalEntry | undefined {
    return this.list(filter).at(-1);
  }

  clear(): void {
    this.#entries = [];
    this.#chars = 0;
  }
}

type Finisher = (
  status: number | null,
  response: string | undefined,
  requestBody: string | undefined,
  requestId: string | null,
) => void;

function matcher(f: JournalFilter): (e: Omit<JournalEntry, "body" | "response">) => boolean {
  const ops = f.operationId === undefined ? undefined : [f.operationId].flat();
  return (e) =>
    (ops === undefined || (e.operationId !== null && ops.includes(e.operationId))) &&
    (f.method === undefined || e.method === f.method.toUpperCase()) &&
    (f.path === undefined ||
      (typeof f.path === "string" ? e.path.startsWith(f.path) : f.path.test(e.path))) &&
    (f.status === undefined || e.status === f.status) &&
    (f.since === undefined || e.seq > f.since) &&
    (f.params === undefined || Object.entries(f.params).every(([k, v]) => e.params[k] === v));
}

/** A filter from `GET /_fake/requests` query parameters. */
export function filterFromQuery(q: URLSearchParams): JournalFilter {
  const f: JournalFilter = {};
  const ops = q.getAll("operationId");
  if (ops.length > 0) f.operationId = ops as OperationId[];
  const method = q.get("method");
  if (method) f.method = method;
  const path = q.get("path");
  if (path) f.path = path;
  const status = q.get("status");
  if (status !== null) f.status = Number(status);
  const since = q.get("since");
  if (since !== null) f.since = Number(since);
  const params: Record<string, string> = {};
  for (const [k, v] of q) {
    const m = /^params\[([^\]]+)\]$/.exec(k);
    if (m) params[m[1] as string] = v;
  }
  if (Object.keys(params).length > 0) f.params = params;
  return f;
}
