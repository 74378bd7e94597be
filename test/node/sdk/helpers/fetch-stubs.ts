// Shared by the test/node/sdk tests: hand-made fetch stubs and a sleep that
// records the SDK's delays instead of waiting.
import { expect } from "vitest";
import {
  type ClientOptions,
  CrowNestApiError,
  createCrowNestClient,
} from "../../../../src/index.ts";

export const KEY = "cn_test_secret_key_0123456789";
export const BASE = "https://api.crownest.test";

export type Handler = (request: Request, index: number) => Response | Promise<Response>;

/** A fetch that answers with `handler` and records every request (body read as text). */
export function stubFetch(handler: Handler) {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    bodies.push(request.body ? await request.clone().text() : "");
    return handler(request, requests.length - 1);
  };
  return { fetch, requests, bodies };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": "req_1", ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  headers: Record<string, string> = {},
  details?: Record<string, unknown>,
): Response {
  return json({ error: { code, message: `${code} happened`, details } }, status, headers);
}

/** A client over `fetch` whose retry waits are recorded in `delays` and skipped. */
export function stubClient(fetch: (r: Request) => Promise<Response>, options: ClientOptions = {}) {
  const delays: number[] = [];
  const client = createCrowNestClient({
    apiKey: KEY,
    baseUrl: BASE,
    fetch,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
  });
  return { client, delays };
}

export const SANDBOX = {
  id: "sbx_abc",
  orgId: "org_1",
  projectId: "prj_1",
  template: "python",
  templateVersionId: "tplv_1",
  status: "running",
  metadata: {},
  ttlMs: 300000,
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: "2026-01-01T00:05:00.000Z",
  endedAt: null,
  endedReason: null,
};

/** An SSE body from [event, data, id?] triples. */
export function sse(events: [string, unknown, number?][]): string {
  return events
    .map(
      ([event, data, id]) =>
        `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
    )
    .join("");
}

/** A .tar.gz of the given files, built in memory (modern-tar + CompressionStream). */
export { tarGz } from "../../../shared/sdk-smoke.ts";

/** Deterministic incompressible bytes (xorshift), for archives over a size threshold. */
export function noise(size: number, seed = 42): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Awaits a promise that must reject with a CrowNestApiError, and returns it. */
export async function rejection(promise: Promise<unknown>): Promise<CrowNestApiError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrowNestApiError);
  return error as CrowNestApiError;
}
