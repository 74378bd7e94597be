// The SDK's transport against hand-made fetch stubs: auth, retries, backoff
// hints, idempotency keys, timeouts vs aborts, error mapping, env, logging.
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorCodeByStatus, errorHttpStatus } from "../../../src/generated/contract.ts";
import { createCrowNestClient } from "../../../src/index.ts";
import {
  apiError,
  BASE,
  json,
  KEY,
  rejection,
  SANDBOX,
  stubClient,
  stubFetch,
} from "./helpers/fetch-stubs.ts";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("requests", () => {
  it("sends the bearer token and JSON body to the base URL, and returns the data", async () => {
    const stub = stubFetch(() => json(SANDBOX, 201));
    const { client } = stubClient(stub.fetch, { headers: { "X-Trace": "t1" } });
    const sandbox = await client.sandboxes.create({ template: "python", ttlMs: 60_000 });
    expect(sandbox.id).toBe("sbx_abc");
    const [request] = stub.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`${BASE}/v1/sandboxes`);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(request?.headers.get("x-trace")).toBe("t1");
    expect(request?.headers.get("idempotency-key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(stub.bodies[0] ?? "")).toEqual({ template: "python", ttlMs: 60_000 });
  });

  it("lets a call's own headers win over the client's whatever their case, each sent once", async () => {
    const stub = stubFetch(() => json(SANDBOX, 201));
    const headers = {
      "CONTENT-TYPE": "text/plain",
      "Idempotency-KEY": "client-wide",
      "X-Trace": "t1",
    };
    const { client } = stubClient(stub.fetch, { headers });
    await client.sandboxes.create({ template: "python" }, { idempotencyKey: "call-1" });
    const [request] = stub.requests;
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("idempotency-key")).toBe("call-1");
    expect(request?.headers.get("x-trace")).toBe("t1");
  });

  it("unwraps lists and serialises queries (metadata[key]=value)", async () => {
    const stub = stubFetch(() => json({ data: [] }));
    const { client } = stubClient(stub.fetch);
    expect(
      await client.workspaceRuns.list({ metadata: { repo: "a b", sha: "1" }, status: "running" }),
    ).toEqual([]);
    const url = new URL(stub.requests[0]?.url ?? "");
    expect(url.pathname).toBe("/v1/workspace-runs");
    expect(url.searchParams.get("metadata[repo]")).toBe("a b");
    expect(url.searchParams.get("metadata[sha]")).toBe("1");
    expect(url.searchParams.get("status")).toBe("running");
  });

  it("takes the idempotency key from the input or the request options, never into the body", async () => {
    const stub = stubFetch(() => json(SANDBOX, 201));
    const { client } = stubClient(stub.fetch);
    await client.sandboxes.create({ idempotencyKey: "from-input" });
    await client.sandboxes.create({}, { idempotencyKey: "from-options" });
    expect(stub.requests.map((r) => r.headers.get("idempotency-key"))).toEqual([
      "from-input",
      "from-options",
    ]);
    expect(JSON.parse(stub.bodies[0] ?? "")).toEqual({});
  });

  it("sends no Idempotency-Key on reads", async () => {
    const stub = stubFetch(() => json(SANDBOX));
    const { client } = stubClient(stub.fetch);
    await client.sandboxes.get("sbx_abc");
    expect(stub.requests[0]?.headers.has("idempotency-key")).toBe(false);
  });
});

describe("retries", () => {
  it("retries 5xx with the same Idempotency-Key, then succeeds", async () => {
    const stub = stubFetch((_, i) =>
      i < 2 ? apiError(503, "service_unavailable") : json(SANDBOX, 201),
    );
    const { client, delays } = stubClient(stub.fetch);
    await client.sandboxes.create();
    expect(stub.requests).toHaveLength(3);
    const keys = new Set(stub.requests.map((r) => r.headers.get("idempotency-key")));
    expect(keys.size).toBe(1);
    expect(delays).toHaveLength(2);
    // Full jitter: at most base * 2^attempt.
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(delays[1]).toBeLessThanOrEqual(1000);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    const stub = stubFetch(() => apiError(500, "internal_error"));
    const { client } = stubClient(stub.fetch, { maxRetries: 3 });
    const error = await rejection(client.sandboxes.get("sbx_abc"));
    expect(stub.requests).toHaveLength(4);
    expect(error).toMatchObject({ status: 500, code: "internal_error", retryable: true });
  });

  it("per-request maxRetries overrides the client's", async () => {
    const stub = stubFetch(() => apiError(502, "upstream_timeout"));
    const { client } = stubClient(stub.fetch);
    await rejection(client.sandboxes.get("sbx_abc", { maxRetries: 0 }));
    expect(stub.requests).toHaveLength(1);
  });

  it("honours Retry-After-Ms over Retry-After, and Retry-After in seconds", async () => {
    const stub = stubFetch((_, i) =>
      i === 0
        ? apiError(429, "rate_limited", { "retry-after-ms": "1234", "retry-after": "9" })
        : i === 1
          ? apiError(503, "service_unavailable", { "retry-after": "2" })
          : json(SANDBOX),
    );
    const { client, delays } = stubClient(stub.fetch);
    await client.sandboxes.get("sbx_abc");
    expect(delays).toEqual([1234, 2000]);
  });

  it("ignores an absurd Retry-After (over 60 s) and backs off instead", async () => {
    const stub = stubFetch((_, i) =>
      i === 0 ? apiError(503, "service_unavailable", { "retry-after": "3600" }) : json(SANDBOX),
    );
    const { client, delays } = stubClient(stub.fetch);
    await client.sandboxes.get("sbx_abc");
    expect(delays[0]).toBeLessThanOrEqual(500);
  });

  it("retries 408 and a 5xx without an envelope", async () => {
    const stub = stubFetch((_, i) =>
      i === 0
        ? new Response("timeout", { status: 408 })
        : i === 1
          ? new Response("<html>bad gateway</html>", { status: 502 })
          : json(SANDBOX),
    );
    const { client } = stubClient(stub.fetch);
    await client.sandboxes.get("sbx_abc");
    expect(stub.requests).toHaveLength(3);
  });

  it("never retries quota_exceeded (a 429 without a retry)", async () => {
    const stub = stubFetch(() => apiError(429, "quota_exceeded", {}, { limit: 2 }));
    const { client } = stubClient(stub.fetch);
    const error = await rejection(client.sandboxes.create());
    expect(stub.requests).toHaveLength(1);
    expect(error).toMatchObject({
      status: 429,
      code: "quota_exceeded",
      retryable: false,
      details: { limit: 2 },
    });
  });

  it("never retries 4xx errors", async () => {
    const stub = stubFetch(() => apiError(409, "invalid_state"));
    const { client } = stubClient(stub.fetch);
    await rejection(client.workspaceRuns.start("wsr_1"));
    expect(stub.requests).toHaveLength(1);
  });

  it("retries connection errors, and reports connection_error when they persist", async () => {
    const stub = stubFetch(() => {
      throw new TypeError("fetch failed");
    });
    const { client } = stubClient(stub.fetch);
    const error = await rejection(client.commands.get("cmd_1"));
    expect(stub.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: null, code: "connection_error", retryable: true });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it("retries a connection that drops while the body is read", async () => {
    const stub = stubFetch((_, i) => {
      if (i > 0) return json(SANDBOX);
      let sent = false;
      const body = new ReadableStream({
        pull(controller) {
          if (sent) return controller.error(new TypeError("socket closed"));
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"id":'));
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    });
    const { client } = stubClient(stub.fetch);
    expect((await client.sandboxes.get("sbx_abc")).id).toBe("sbx_abc");
    expect(stub.requests).toHaveLength(2);
  });

  it("never retries a streamed request body", async () => {
    const stub = stubFetch(() => apiError(503, "service_unavailable"));
    const { client } = stubClient(stub.fetch);
    const transfer = {
      id: "upl_1",
      workspaceRunId: "wsr_1",
      uploadUrl: `${BASE}/v1/archive-uploads/upl_1?token=t`,
      method: "PUT",
      headers: { "content-type": "application/gzip" },
      expiresAt: "2026-01-01T00:15:00.000Z",
      maxSizeBytes: 8388608,
      sha256: "0".repeat(64),
      sizeBytes: 3,
    } as const;
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array([1, 2, 3]));
        c.close();
      },
    });
    await rejection(client.workspaceRuns.uploadArchiveToTransfer(transfer, { body }));
    expect(stub.requests).toHaveLength(1);
    // The same upload from bytes is retried (PUT replaces the bytes).
    await rejection(
      client.workspaceRuns.uploadArchiveToTransfer(transfer, { body: new Uint8Array([1, 2, 3]) }),
    );
    expect(stub.requests).toHaveLength(4);
    expect(stub.bodies[3]).toBe("\u0001\u0002\u0003");
  });

  it("sends the bearer token to a transfer URL only on the API's origin", async () => {
    const stub = stubFetch(() => json({ uploadId: "upl_1", sizeBytes: 1, sha256: "0".repeat(64) }));
    const { client } = stubClient(stub.fetch, { headers: { "X-Trace": "t" } });
    const transfer = (uploadUrl: string) =>
      ({
        id: "upl_1",
        workspaceRunId: "wsr_1",
        uploadUrl,
        method: "PUT",
        headers: { "Content-Type": "application/gzip" },
        expiresAt: "2026-01-01T00:15:00.000Z",
        maxSizeBytes: 8388608,
        sha256: "0".repeat(64),
        sizeBytes: 1,
      }) as const;
    const body = new Uint8Array([31]);
    await client.workspaceRuns.uploadArchiveToTransfer(
      transfer(`${BASE}/v1/archive-uploads/upl_1?token=a`),
      { body },
    );
    await client.workspaceRuns.uploadArchiveToTransfer(
      transfer("https://storage.crownest.test/v1/archive-uploads/upl_1?token=b"),
      { body },
    );
    // Same host, other port or scheme: another origin.
    await client.workspaceRuns.uploadArchiveToTransfer(
      transfer("https://api.crownest.test:8443/v1/archive-uploads/upl_1?token=c"),
      { body },
    );
    const [own, storage, port] = stub.requests;
    expect(own?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(own?.headers.get("x-trace")).toBe("t");
    expect(storage?.headers.has("authorization")).toBe(false);
    expect(storage?.headers.has("x-trace")).toBe(false);
    expect(storage?.headers.get("content-type")).toBe("application/gzip");
    expect(storage?.method).toBe("PUT");
    expect(port?.headers.has("authorization")).toBe(false);
  });
});

describe("timeouts and aborts", () => {
  const never = () => new Promise<Response>(() => {});

  it("times out an attempt that never answers: code timeout, not retried", async () => {
    let calls = 0;
    const { client } = stubClient(
      () => {
        calls++;
        return never();
      },
      { timeoutMs: 20 },
    );
    const error = await rejection(client.sandboxes.get("sbx_abc"));
    expect(error).toMatchObject({ code: "timeout", status: null });
    expect(calls).toBe(1);
  });

  it("per-request timeoutMs overrides the client's", async () => {
    const { client } = stubClient(never, { timeoutMs: 600_000 });
    const error = await rejection(client.sandboxes.get("sbx_abc", { timeoutMs: 10 }));
    expect(error.code).toBe("timeout");
  });

  it("tells a caller's abort apart from a timeout: code aborted", async () => {
    const { client } = stubClient(never, { timeoutMs: 600_000 });
    const controller = new AbortController();
    const pending = client.commands.run("sbx_abc", "sleep 100", {}, { signal: controller.signal });
    controller.abort(new Error("user gave up"));
    const error = await rejection(pending);
    expect(error).toMatchObject({ code: "aborted", status: null });
    expect(error.cause).toEqual(new Error("user gave up"));
  });

  it("an already aborted signal sends nothing", async () => {
    const stub = stubFetch(() => json(SANDBOX));
    const { client } = stubClient(stub.fetch);
    const error = await rejection(client.sandboxes.get("sbx_abc", { signal: AbortSignal.abort() }));
    expect(error.code).toBe("aborted");
    expect(stub.requests).toHaveLength(0);
  });

  it("an abort during the backoff stops the retries", async () => {
    const controller = new AbortController();
    const stub = stubFetch(() => apiError(503, "service_unavailable"));
    const { client } = stubClient(stub.fetch, {
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
          controller.abort();
        }),
    });
    const error = await rejection(client.sandboxes.get("sbx_abc", { signal: controller.signal }));
    expect(error.code).toBe("aborted");
    expect(stub.requests).toHaveLength(1);
  });
});

describe("errors", () => {
  it("maps the envelope: status, code, message, details, requestId", async () => {
    const stub = stubFetch(() =>
      apiError(404, "not_found", { "x-request-id": "req_42" }, { id: "sbx_x" }),
    );
    const { client } = stubClient(stub.fetch);
    const error = await rejection(client.sandboxes.get("sbx_x"));
    expect(error).toMatchObject({
      name: "CrowNestApiError",
      status: 404,
      code: "not_found",
      message: "not_found happened",
      details: { id: "sbx_x" },
      requestId: "req_42",
      retryable: false,
    });
  });

  it("an error without an envelope gets the contract's code for its status", async () => {
    const stub = stubFetch(() => new Response("nope", { status: 403 }));
    const { client } = stubClient(stub.fetch);
    const error = await rejection(client.sandboxes.get("sbx_abc"));
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
    expect(error.message).toContain("nope");
  });

  it("every status of the contract has the first code listed with it", async () => {
    const first = new Map<number, string>();
    for (const [code, status] of Object.entries(errorHttpStatus)) {
      if (!first.has(status)) first.set(status, code);
    }
    expect(Object.keys(errorCodeByStatus).map(Number).sort()).toEqual([...first.keys()].sort());
    for (const [status, code] of first) {
      const stub = stubFetch(() => new Response("<html>proxy</html>", { status }));
      const error = await rejection(
        stubClient(stub.fetch, { maxRetries: 0 }).client.sandboxes.get("sbx_abc"),
      );
      expect(error).toMatchObject({ status, code });
    }
  });

  it("an unparsable success body is invalid_response", async () => {
    const stub = stubFetch(
      () => new Response("{not json", { headers: { "content-type": "application/json" } }),
    );
    const { client } = stubClient(stub.fetch);
    const error = await rejection(client.sandboxes.get("sbx_abc"));
    expect(error).toMatchObject({ code: "invalid_response", status: null });
  });

  it("a non-zero exit code resolves; command_timed_out throws with details.command", async () => {
    const record = { id: "cmd_1", status: "exited", exitCode: 3 };
    const timedOut = { id: "cmd_2", status: "timed_out", exitCode: null };
    const stub = stubFetch((_, i) =>
      i === 0 ? json(record) : apiError(422, "command_timed_out", {}, { command: timedOut }),
    );
    const { client } = stubClient(stub.fetch);
    expect(await client.commands.run("sbx_abc", "exit 3")).toMatchObject({ exitCode: 3 });
    const error = await rejection(client.commands.run("sbx_abc", "sleep 999", { timeoutMs: 5 }));
    expect(error).toMatchObject({ status: 422, code: "command_timed_out" });
    expect(error.details?.command).toEqual(timedOut);
    expect(stub.requests).toHaveLength(2);
  });
});

describe("configuration", () => {
  it("reads CROWNEST_API_KEY and CROWNEST_BASE_URL from the environment", async () => {
    vi.stubEnv("CROWNEST_API_KEY", "cn_env_key");
    vi.stubEnv("CROWNEST_BASE_URL", "https://env.crownest.test/");
    const stub = stubFetch(() => json({ data: [] }));
    const client = createCrowNestClient({ fetch: stub.fetch });
    await client.projects.list();
    expect(stub.requests[0]?.url).toBe("https://env.crownest.test/v1/projects");
    expect(stub.requests[0]?.headers.get("authorization")).toBe("Bearer cn_env_key");
  });

  it("options win over the environment; the default base URL is the production API", async () => {
    vi.stubEnv("CROWNEST_API_KEY", "cn_env_key");
    vi.stubEnv("CROWNEST_BASE_URL", "");
    const stub = stubFetch(() => json({ data: [] }));
    await createCrowNestClient({ fetch: stub.fetch, apiKey: "cn_opt" }).projects.list();
    expect(stub.requests[0]?.url).toBe("https://api.crownest.dev/v1/projects");
    expect(stub.requests[0]?.headers.get("authorization")).toBe("Bearer cn_opt");
  });

  it("without a key, creation works and a call throws missing_api_key before sending", async () => {
    vi.stubEnv("CROWNEST_API_KEY", "");
    const stub = stubFetch(() => json({ data: [] }));
    const client = createCrowNestClient({ fetch: stub.fetch });
    const error = await rejection(client.projects.list());
    expect(error).toMatchObject({ code: "missing_api_key", status: null, retryable: false });
    expect(stub.requests).toHaveLength(0);
  });

  it("reads the given env instead of the process's, and names the caller's options", async () => {
    vi.stubEnv("CROWNEST_API_KEY", "cn_process_key");
    const stub = stubFetch(() => json({ data: [] }));
    const env = { CROWNEST_API_KEY: "cn_given", CROWNEST_BASE_URL: "https://given.crownest.test" };
    await createCrowNestClient({ fetch: stub.fetch, env }).projects.list();
    expect(stub.requests[0]?.url).toBe("https://given.crownest.test/v1/projects");
    expect(stub.requests[0]?.headers.get("authorization")).toBe("Bearer cn_given");

    const names = { apiKey: "--api-key", baseUrl: "--base-url" };
    const missing = await rejection(
      createCrowNestClient({ fetch: stub.fetch, env: {}, optionNames: names }).projects.list(),
    );
    expect(missing).toMatchObject({
      code: "missing_api_key",
      message: "no CrowNest API key: pass --api-key or set CROWNEST_API_KEY",
    });
    // Deno's `process.env` throws NotCapable for a variable not granted by --allow-env.
    const gated = new Proxy(
      {},
      {
        get(_, name) {
          throw Object.assign(new Error(`Requires env access to "${String(name)}"`), {
            name: "NotCapable",
          });
        },
      },
    );
    const denied = await rejection(
      createCrowNestClient({ fetch: stub.fetch, env: gated, optionNames: names }).projects.list(),
    );
    expect(denied).toMatchObject({
      code: "permission_denied",
      message:
        "the runtime refused to read CROWNEST_API_KEY: run Deno with --allow-env=CROWNEST_API_KEY (or pass --api-key)",
    });
    expect(stub.requests).toHaveLength(1);
  });
});

describe("logging", () => {
  it("logs requests, retries with their delay, and never the API key", async () => {
    const lines: string[] = [];
    const stub = stubFetch((_, i) => {
      if (i === 0) throw new TypeError(`connect failed for Bearer ${KEY}`);
      if (i === 1) return apiError(503, "service_unavailable", { "retry-after-ms": "7" });
      return json(SANDBOX);
    });
    const { client } = stubClient(stub.fetch, {
      logger: (message, data) => lines.push(message, JSON.stringify(data)),
    });
    await client.sandboxes.get("sbx_abc");
    const text = lines.join("\n");
    expect(text).toContain("GET /v1/sandboxes/sbx_abc 503");
    expect(text).toContain("GET /v1/sandboxes/sbx_abc 200");
    expect(text).toContain("retrying GET /v1/sandboxes/sbx_abc in 7ms");
    expect(text).toContain("connection error");
    expect(text).not.toContain(KEY);
  });

  it("accepts an object logger, and CROWNEST_LOG=debug logs to console.debug", async () => {
    const debug = vi.fn();
    const stub = stubFetch(() => json(SANDBOX));
    await stubClient(stub.fetch, { logger: { debug } }).client.sandboxes.get("sbx_abc");
    expect(debug).toHaveBeenCalledWith(
      expect.stringContaining("GET /v1/sandboxes/sbx_abc 200"),
      expect.objectContaining({ status: 200, method: "GET" }),
    );
    vi.stubEnv("CROWNEST_LOG", "debug");
    const consoleDebug = vi.spyOn(console, "debug").mockImplementation(() => {});
    await stubClient(stub.fetch).client.sandboxes.get("sbx_abc");
    expect(consoleDebug).toHaveBeenCalled();
    for (const call of consoleDebug.mock.calls) expect(JSON.stringify(call)).not.toContain(KEY);
  });

  it("logs nothing by default", async () => {
    vi.stubEnv("CROWNEST_LOG", "");
    const consoleDebug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const stub = stubFetch(() => json(SANDBOX));
    await stubClient(stub.fetch).client.sandboxes.get("sbx_abc");
    expect(consoleDebug).not.toHaveBeenCalled();
  });
});

describe("portability", () => {
  it("src/ imports nothing Node-only and never the contract document", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const root = new URL("../../../src/", import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => f.endsWith(".ts") && !f.startsWith("generated"),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(new URL(file, root), "utf8");
      expect(text, file).not.toMatch(/from "node:|require\(|\bBuffer\b|document\.ts/);
    }
  });
});
