// Hostile-server cases of the SDK, runtime-neutral: each runtime's test file
// runs them against stub servers on 127.0.0.1 it starts its own way (node:http
// on Node, Deno.serve, Bun.serve). Bounded in time and size.
import { CrowNestApiError, createCrowNestClient } from "../../src/index.ts";
import { check } from "./check.ts";

/** A stub's request handler (Web Request in, Web Response out). */
export type StubHandler = (request: Request) => Response | Promise<Response>;
/** A listening stub server. */
export interface Stub {
  /** "http://127.0.0.1:PORT" */
  url: string;
  /** How many requests it received. */
  readonly count: number;
  close(): Promise<void>;
}
/** Starts a stub server on 127.0.0.1. */
export type StartStub = (handler: StubHandler) => Promise<Stub>;

const KEY = "cn_test_hostile_key_0123456789";
const CMD = "cmd_hostile";

async function failure(p: Promise<unknown>): Promise<CrowNestApiError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  check(error instanceof CrowNestApiError, `expected a CrowNestApiError, got ${error}`);
  return error;
}

const sse = (text: string) => new TextEncoder().encode(text);
const HEARTBEAT = 'event: heartbeat\ndata: {"type":"heartbeat"}\n\n';
const sseHeaders = { "content-type": "text/event-stream", "x-request-id": "req_stub" };

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events) {
  }
}

/** Counts what a stub received, answering with `handler`. */
export function counting(handler: StubHandler): { handler: StubHandler; count: () => number } {
  let n = 0;
  return {
    handler: (request) => {
      n++;
      return handler(request);
    },
    count: () => n,
  };
}

/** A 307 to another origin: refused, nothing (headers, key, body) reaches it. */
export async function redirectToAnotherOrigin(start: StartStub): Promise<void> {
  const seen: Request[] = [];
  const other = await start((request) => {
    seen.push(request);
    return new Response("{}", { headers: { "content-type": "application/json" } });
  });
  const api = await start(
    () => new Response(null, { status: 307, headers: { location: `${other.url}/v1/steal` } }),
  );
  try {
    const client = createCrowNestClient({
      apiKey: KEY,
      baseUrl: api.url,
      headers: { "x-team": "team-secret" },
      maxRetries: 0,
    });
    const error = await failure(client.files.write("sbx_1", "a.txt", "private content"));
    check(error.code === "invalid_response", `code ${error.code}`);
    check(error.message.includes(other.url), `message names the target: ${error.message}`);
    check(error.details?.redirectOrigin === other.url, "details.redirectOrigin");
    check(!error.message.includes(KEY), "the key is not in the message");
    check(api.count === 1, `the API got ${api.count} requests`);
    check(seen.length === 0, `the other origin got ${seen.length} requests`);
  } finally {
    await api.close();
    await other.close();
  }
}

/** Same-origin redirects are not followed either: one request, a typed error. */
export async function redirectOnTheSameOrigin(start: StartStub): Promise<void> {
  const api = await start(
    () => new Response(null, { status: 308, headers: { location: "/v1/elsewhere" } }),
  );
  try {
    const client = createCrowNestClient({ apiKey: KEY, baseUrl: api.url, maxRetries: 2 });
    const error = await failure(client.projects.list());
    check(
      error.code === "invalid_response" && error.status === 308,
      `${error.code} ${error.status}`,
    );
    check(error.message.includes("redirected"), error.message);
    check(api.count === 1, `the API got ${api.count} requests`);
  } finally {
    await api.close();
  }
}

/** Headers and one heartbeat, then silence: the watchdog reconnects, then the time budget runs out. */
export async function silentStream(start: StartStub): Promise<void> {
  const api = await start(
    () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(sse(HEARTBEAT));
          },
        }),
        { headers: sseHeaders },
      ),
  );
  try {
    const client = createCrowNestClient({
      apiKey: KEY,
      baseUrl: api.url,
      streamIdleTimeoutMs: 200,
      streamReconnectTimeoutMs: 500,
      sleep: async () => {},
    });
    const started = Date.now();
    const error = await failure(drain(client.commands.streamLogs(CMD)));
    check(error.code === "connection_error", `code ${error.code}`);
    check(error.message.includes("no data for 200 ms"), error.message);
    check(error.message.includes("within 500 ms"), error.message);
    check(api.count >= 2, `${api.count} connections (expected reconnects)`);
    check(Date.now() - started < 5_000, "bounded in time");
  } finally {
    await api.close();
  }
}

/** A heartbeat and a close, over and over: no progress, so the time budget runs out, with backoff. */
export async function heartbeatAndClose(start: StartStub): Promise<void> {
  let n = 0;
  const api = await start(() => {
    // Bounds a client that would reconnect forever, so the test ends either way.
    if (++n > 200) return new Response(null, { status: 404 });
    return new Response(sse(HEARTBEAT), { headers: sseHeaders });
  });
  try {
    const client = createCrowNestClient({
      apiKey: KEY,
      baseUrl: api.url,
      streamReconnectTimeoutMs: 1000,
    });
    const started = Date.now();
    const error = await failure(drain(client.commands.streamLogs(CMD)));
    const took = Date.now() - started;
    check(error.code === "connection_error", `code ${error.code}: ${error.message}`);
    check(error.message.includes("within 1000 ms"), error.message);
    check(n >= 2 && n < 50, `${n} connections (reconnects with backoff)`);
    check(took >= 900 && took < 4_000, `ended after ${took} ms`);
  } finally {
    await api.close();
  }
}

/** A 4xx when a stream opens is thrown at once, never retried. */
export async function streamOpenRefused(start: StartStub): Promise<void> {
  const api = await start(
    () =>
      new Response(JSON.stringify({ error: { code: "forbidden", message: "no scope" } }), {
        status: 403,
        headers: { "content-type": "application/json" },
      }),
  );
  try {
    const client = createCrowNestClient({ apiKey: KEY, baseUrl: api.url, sleep: async () => {} });
    const error = await failure(drain(client.commands.streamLogs(CMD)));
    check(error.code === "forbidden" && error.status === 403, `${error.code} ${error.status}`);
    check(api.count === 1, `${api.count} requests`);
  } finally {
    await api.close();
  }
}

/** One endless `data:` line: refused once over the contract's event size, with a short message. */
export async function endlessLine(start: StartStub, capBytes = 64 * 1024 * 1024): Promise<void> {
  const piece = new Uint8Array(1024 * 1024).fill(0x78);
  let sent = 0;
  const api = await start(
    () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(sse("event: log\ndata: "));
          },
          pull(controller) {
            if (sent >= capBytes) return controller.close();
            sent += piece.byteLength;
            controller.enqueue(piece);
          },
        }),
        { headers: sseHeaders },
      ),
  );
  try {
    const client = createCrowNestClient({ apiKey: KEY, baseUrl: api.url, sleep: async () => {} });
    const error = await failure(drain(client.commands.streamLogs(CMD)));
    check(error.code === "invalid_response", `code ${error.code}: ${error.message}`);
    check(error.message.length < 200, `a short message (${error.message.length} characters)`);
    // The server fills socket buffers past the point the client stopped at.
    check(sent < capBytes, `the client stopped reading (${sent} bytes sent)`);
    check(api.count === 1, `${api.count} connections`);
  } finally {
    await api.close();
  }
}

/** An event whose data is not JSON: the error says so without quoting it. */
export async function unparsableEvent(start: StartStub): Promise<void> {
  const payload = `{"type":"log","secret":"${"s".repeat(5000)}`;
  const api = await start(
    () => new Response(sse(`event: log\ndata: ${payload}\n\n`), { headers: sseHeaders }),
  );
  try {
    const client = createCrowNestClient({ apiKey: KEY, baseUrl: api.url, sleep: async () => {} });
    const error = await failure(drain(client.commands.streamLogs(CMD)));
    check(error.code === "invalid_response", `code ${error.code}`);
    check(!error.message.includes("secret") && error.message.length < 200, error.message);
  } finally {
    await api.close();
  }
}

/** Every case, by name. */
export const hostileCases: Record<string, (start: StartStub) => Promise<void>> = {
  "a cross-origin redirect is refused; the other origin gets nothing": redirectToAnotherOrigin,
  "a same-origin redirect is not followed either": redirectOnTheSameOrigin,
  "a silent stream trips the idle watchdog, then the reconnect time budget": silentStream,
  "heartbeat-and-close ends when the reconnect time budget runs out": heartbeatAndClose,
  "a 4xx on opening a stream is not retried": streamOpenRefused,
  "one endless SSE line is cut at the contract's event size": endlessLine,
  "an unparsable event is a short typed error": unparsableEvent,
};

/** Configuration the client can't use is refused when it is built, or at the first call for the key. */
export async function invalidConfig(): Promise<void> {
  const built = (options: Parameters<typeof createCrowNestClient>[0]) => {
    try {
      createCrowNestClient({ apiKey: KEY, ...options });
    } catch (error) {
      check(error instanceof CrowNestApiError, `expected a CrowNestApiError, got ${error}`);
      return error;
    }
    throw new Error(`built a client with ${JSON.stringify(options)}`);
  };
  const noScheme = built({ baseUrl: "api.crownest.dev" });
  check(noScheme.code === "invalid_config", noScheme.code);
  check(noScheme.message.includes("https://"), noScheme.message);
  const v1 = built({ baseUrl: "https://api.crownest.dev/v1/" });
  check(v1.code === "invalid_config" && v1.message.includes("/v1"), v1.message);
  const header = built({ headers: { "x-team": "a\nb" } });
  check(header.code === "invalid_config" && header.message.includes("x-team"), header.message);
  // A key read with its newline: typed, and never echoed.
  const key = `${KEY}\n`;
  let sent = 0;
  const client = createCrowNestClient({
    apiKey: key,
    baseUrl: "https://api.crownest.test",
    fetch: async () => {
      sent++;
      return new Response("{}");
    },
  });
  const error = await failure(client.projects.list());
  check(error.code === "invalid_config", `code ${error.code}`);
  check(!error.message.includes(KEY), "the key is not echoed");
  check(sent === 0, "nothing was sent");
}

/** Whether the key, or its part after an unusable character, shows in an error's text, details or causes. */
function holdsKey(error: CrowNestApiError, ...secrets: string[]): boolean {
  const texts = [error.message, String(error.stack), JSON.stringify(error.details ?? {})];
  for (let e = error.cause, depth = 0; e !== undefined && depth < 8; depth++) {
    texts.push(String(e), String((e as Error).stack), String((e as Error).message));
    e = (e as Error).cause;
  }
  return texts.some((text) => secrets.some((secret) => text.includes(secret)));
}

/**
 * A key with a newline, NUL or U+2028 inside it (not only at its end, which
 * Headers trims) is `invalid_config` before any request is built or sent,
 * on every path (JSON call, upload, stream), and no error holds the key.
 */
export async function keyWithABadCharacterInside(): Promise<void> {
  const tail = "TAILSECRET9876";
  for (const bad of ["\n", "\0", "\u2028", "\r\n"]) {
    const key = `${KEY}${bad}${tail}`;
    let sent = 0;
    const client = createCrowNestClient({
      apiKey: key,
      baseUrl: "https://api.crownest.test",
      fetch: async () => {
        sent++;
        return new Response("{}");
      },
    });
    const calls: [string, () => Promise<unknown>][] = [
      ["projects.list", () => client.projects.list()],
      ["files.write", () => client.files.write("sbx_1", "a.txt", "content")],
      ["commands.streamLogs", () => drain(client.commands.streamLogs(CMD))],
      ["commands.run", () => client.commands.run("sbx_1", "echo hi")],
    ];
    for (const [name, run] of calls) {
      const error = await failure(run());
      const label = `${name} with ${JSON.stringify(bad)} in the key`;
      check(error.code === "invalid_config", `${label}: ${error.code}: ${error.message}`);
      check(!holdsKey(error, KEY, tail), `${label}: the key is in the error`);
    }
    check(sent === 0, `${sent} requests were sent with ${JSON.stringify(bad)} in the key`);
  }
}

/** A cause, a server message or details that quote the key (or its header) are redacted. */
export async function causesQuotingTheKey(start: StartStub): Promise<void> {
  const quoting = createCrowNestClient({
    apiKey: KEY,
    baseUrl: "https://api.crownest.test",
    maxRetries: 0,
    fetch: async (request) => {
      const header = request.headers.get("authorization");
      throw new TypeError(`Headers.set: "${header}" is an invalid header value`, {
        cause: new Error(`sent ${header}`),
      });
    },
  });
  const thrown = await failure(quoting.projects.list());
  check(thrown.code === "connection_error", `${thrown.code}: ${thrown.message}`);
  check(
    thrown.message.includes("invalid header value"),
    `the cause is described: ${thrown.message}`,
  );
  check(!holdsKey(thrown, KEY), "the key is in the error of a fetch that quotes its header");
  const echo = await start(
    (request) =>
      new Response(
        JSON.stringify({
          error: {
            code: "unauthorized",
            message: `the key ${request.headers.get("authorization")} is unknown`,
            details: { header: request.headers.get("authorization") },
          },
        }),
        { status: 401, headers: { "content-type": "application/json" } },
      ),
  );
  try {
    const client = createCrowNestClient({ apiKey: KEY, baseUrl: echo.url, maxRetries: 0 });
    const error = await failure(client.projects.list());
    check(error.code === "unauthorized" && error.status === 401, `${error.code} ${error.status}`);
    check(error.message.includes("is unknown"), error.message);
    check(!holdsKey(error, KEY), "the key is in the error of a server that echoes it");
    const streamError = await failure(drain(client.commands.streamLogs(CMD)));
    check(!holdsKey(streamError, KEY), "the key is in the error of a stream's server");
  } finally {
    await echo.close();
  }
}

/** A request that can't be built from the call's arguments was not sent: `invalid_request`, not `invalid_response`. */
export async function requestThatCannotBeBuilt(): Promise<void> {
  let sent = 0;
  const client = createCrowNestClient({
    apiKey: KEY,
    baseUrl: "https://api.crownest.test",
    fetch: async () => {
      sent++;
      return new Response("{}");
    },
  });
  const badKey = await failure(
    client.sandboxes.create({ template: "python" }, { idempotencyKey: "idem\nkey" }),
  );
  check(
    badKey.code === "invalid_request" && badKey.status === null,
    `${badKey.code}: ${badKey.message}`,
  );
  check(!holdsKey(badKey, KEY), "the key is in the error");
  check(badKey.details !== undefined, "details is an object, as ErrorDetails types it");
  const body = await failure(
    client.sandboxes.create({ template: "python", metadata: { n: 1n } } as never),
  );
  check(body.code === "invalid_request", `${body.code}: ${body.message}`);
  check(sent === 0, `${sent} requests were sent`);
}

/** Empty and garbage success bodies are `invalid_response`, not a TypeError. */
export async function emptyAndGarbageBodies(start: StartStub): Promise<void> {
  const bodies = ["", "<html>gateway</html>", "null", '{"items":[]}'];
  let i = 0;
  const api = await start(
    () =>
      new Response(bodies[i++ % bodies.length], {
        headers: { "content-type": "application/json", "x-request-id": "req_stub" },
      }),
  );
  try {
    const client = createCrowNestClient({ apiKey: KEY, baseUrl: api.url, maxRetries: 0 });
    for (const body of bodies) {
      const error = await failure(client.sandboxes.list());
      check(error.code === "invalid_response", `${JSON.stringify(body)}: ${error.code}`);
      check(error.message.includes("listSandboxes"), error.message);
    }
  } finally {
    await api.close();
  }
}

/** A refused connection names the host and the cause. */
export async function connectionRefused(start: StartStub): Promise<void> {
  const gone = await start(() => new Response(null));
  await gone.close();
  const host = new URL(gone.url).host;
  const client = createCrowNestClient({
    apiKey: KEY,
    baseUrl: gone.url,
    maxRetries: 1,
    sleep: async () => {},
  });
  const error = await failure(client.projects.list());
  check(error.code === "connection_error" && error.retryable, `code ${error.code}`);
  check(error.message.includes(host), `names the host: ${error.message}`);
  check(/refused/i.test(error.message), `names the cause: ${error.message}`);
}

/** The cases that need no special permission, by name. */
export const failureCases: Record<string, (start: StartStub) => Promise<void>> = {
  "an invalid baseUrl, header or key is a typed invalid_config": invalidConfig,
  "a newline, NUL or U+2028 inside the key is invalid_config before sending, never quoted":
    keyWithABadCharacterInside,
  "a cause, message or details quoting the key are redacted": causesQuotingTheKey,
  "a request that can't be built is invalid_request, nothing sent": requestThatCannotBeBuilt,
  "empty and garbage bodies are invalid_response": emptyAndGarbageBodies,
  "a refused connection names the host and the cause": connectionRefused,
};

/** A stub server on this runtime's own server (Deno.serve, Bun.serve, node:http through Hono's adapter). */
export async function startWebStub(handler: StubHandler): Promise<Stub> {
  const { serve } = await import("../../fake/server/serve.ts");
  let count = 0;
  const server = await serve({
    port: 0,
    hostname: "127.0.0.1",
    isDropped: () => false,
    fetch: async (request) => {
      count++;
      return handler(request);
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    get count() {
      return count;
    },
    close: () => server.close(),
  };
}

/** Reads of CROWNEST_BASE_URL where env is open (Node, Bun): a bad value is named when the client is built. */
export function envBaseUrlChecked(env: Record<string, string | undefined>): void {
  const before = env.CROWNEST_BASE_URL;
  env.CROWNEST_BASE_URL = "api.crownest.dev/v1";
  try {
    let error: unknown;
    try {
      createCrowNestClient({ apiKey: KEY });
    } catch (e) {
      error = e;
    }
    check(error instanceof CrowNestApiError, `expected a CrowNestApiError, got ${error}`);
    check(error.code === "invalid_config", error.code);
    check(error.message.includes("CROWNEST_BASE_URL"), error.message);
  } finally {
    if (before === undefined) delete env.CROWNEST_BASE_URL;
    else env.CROWNEST_BASE_URL = before;
  }
}

/**
 * commands.run past the service's wait budget (lowered to 300 ms on a fake
 * served on 127.0.0.1 with a real clock): one call, the final record, and a
 * timeout still `command_timed_out`.
 */
export async function runPastWaitBudget(): Promise<void> {
  const { serveFake } = await import("../../fake/server/serve.ts");
  const server = await serveFake({ port: 0, runWaitMs: 300 });
  try {
    const client = createCrowNestClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
    const sandbox = await client.sandboxes.create({ template: "python" });
    const result = await sandbox.commands.run("sleep 1; echo done");
    check(result.status === "exited" && result.stdout === "done\n", JSON.stringify(result));
    const error = await failure(sandbox.commands.run("sleep 5", { timeoutMs: 800 }));
    check(error.code === "command_timed_out" && error.status === 422, error.code);
    await sandbox.kill();
  } finally {
    await server.close();
  }
}
