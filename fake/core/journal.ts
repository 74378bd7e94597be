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
import type { Clock } from "./clock.ts";
import { matchOperation, pathMatcher } from "./validate.ts";

/** One journaled request. */
export interface JournalEntry {
  /** 1, 2, ... in the order requests arrived (kept across the ring buffer's wrap). */
  seq: number;
  /** The contract's operation, or null for a route outside it (the dashboard, a 404). */
  operationId: OperationId | null;
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
  requestId: string | null;
}

/** Which entries `list()` returns; every given field must match. */
export interface JournalFilter {
  operationId?: OperationId | readonly OperationId[];
  method?: string;
  /** A path prefix, or a RegExp tested on the path. */
  path?: string | RegExp;
  status?: number;
  /** Entries whose path parameters include these. */
  params?: Record<string, string>;
  /** Entries after this seq. */
  since?: number;
}

/** Default ring buffer size. */
export const DEFAULT_JOURNAL_SIZE = 1000;
/** Largest ring buffer size. */
export const MAX_JOURNAL_SIZE = 100_000;
/** Largest JSON body text (request or response) an entry keeps. */
export const BODY_CAP: number = 64 * 1024;
/** Most JSON body text the whole journal keeps: the oldest entries go first. */
export const BODIES_CAP: number = 16 * 1024 * 1024;

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

/** A private copy of a JSON body and its size, or null over BODY_CAP. */
function capped(value: unknown): { value: unknown; chars: number } {
  if (value === undefined) return { value: null, chars: 0 };
  const text = JSON.stringify(value);
  if (text === undefined || text.length > BODY_CAP) return { value: null, chars: 0 };
  return { value: JSON.parse(text), chars: text.length };
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
  /** Kept entries, oldest first, with their body sizes (at most `size`: shift() stays cheap). */
  #entries: { entry: JournalEntry; chars: number }[] = [];
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

  /** Starts an entry for a request; `finish` completes it with the response. */
  begin(method: string, url: URL): (Pick<JournalEntry, "at"> & { finish: Finisher }) | undefined {
    if (this.size === 0 || url.pathname.startsWith("/_fake/")) return undefined;
    const at = this.#clock.iso();
    const { id } = matchOperation(method, url.pathname);
    return {
      at,
      finish: (status, response, requestBody, requestId) => {
        const body = capped(redact(requestBody));
        const res = capped(response);
        const entry: JournalEntry = {
          seq: ++this.#seq,
          operationId: id ?? null,
          method: method.toUpperCase(),
          path: url.pathname,
          params: id ? paramsOf(id, url.pathname) : {},
          query: Object.fromEntries(url.searchParams),
          body: body.value,
          status,
          response: res.value,
          at,
          requestId,
        };
        this.#push(entry, body.chars + res.chars);
      },
    };
  }

  #push(entry: JournalEntry, chars: number): void {
    this.#entries.push({ entry, chars });
    this.#chars += chars;
    while (
      this.#entries.length > this.size ||
      (this.#chars > BODIES_CAP && this.#entries.length > 1)
    ) {
      this.#chars -= this.#entries.shift()?.chars ?? 0;
    }
  }

  list(filter?: JournalFilter | ((entry: JournalEntry) => boolean)): JournalEntry[] {
    const all = this.#entries.map((e) => e.entry);
    const keep = typeof filter === "function" ? filter : matcher(filter ?? {});
    return all.filter(keep).map((e) => structuredClone(e));
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
  response: unknown,
  requestBody: unknown,
  requestId: string | null,
) => void;

function matcher(f: JournalFilter): (e: JournalEntry) => boolean {
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
