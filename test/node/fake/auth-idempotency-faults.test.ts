// The request pipeline every route shares: auth and scopes, validation of bad
// input (never a 500), idempotency keys, and seeded fault rules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdempotencyStore } from "../../../fake/http/idempotency.ts";
import { ALL_SCOPES, createClock, createFake } from "../../../fake/index.ts";
import { type OperationId, operations } from "../../../src/generated/contract.ts";
import { createTestFake } from "../../helpers/test-fake.ts";

/** A concrete path for an operation, with well-formed IDs. */
function samplePath(id: OperationId): string {
  return operations[id].path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === "token" ? "tok" : `${name.replace(/Id$/, "").slice(0, 3)}_x`,
  );
}

describe("auth", () => {
  it("401s a missing, unknown or malformed key on every operation that needs one", async () => {
    const { call } = createTestFake();
    for (const id of Object.keys(operations) as OperationId[]) {
      if (operations[id].authOptional) continue;
      const { method } = operations[id];
      const variants: Record<string, string>[] = [
        {},
        { Authorization: "Bearer cn_test_unknown" },
        { Authorization: "Basic abc" },
      ];
      for (const headers of variants) {
        const res = await call(method, samplePath(id), { apiKey: null, headers });
        expect(res.status, `${id} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.json.error.code).toBe("unauthorized");
      }
    }
  });

  it("403s a key that lacks each scope of each operation", async () => {
    const { fake, call } = createTestFake();
    const checked: string[] = [];
    for (const id of Object.keys(operations) as OperationId[]) {
      for (const scope of operations[id].scopes) {
        const key = fake.createApiKey({ scopes: ALL_SCOPES.filter((s) => s !== scope) });
        const res = await call(operations[id].method, samplePath(id), { apiKey: key });
        expect(res.status, `${id} without ${scope}`).toBe(403);
        expect(res.json.error).toMatchObject({
          code: "forbidden",
          details: { missingScopes: [scope] },
        });
        checked.push(`${id}:${scope}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(40);
  });

  it("lets a key with only the needed scope through", async () => {
    const { fake, call } = createTestFake();
    const key = fake.createApiKey({ scopes: ["sandbox:create"] });
    expect((await call("POST", "/v1/sandboxes", { apiKey: key })).status).toBe(201);
    expect((await call("GET", "/v1/sandboxes", { apiKey: key })).status).toBe(403);
  });

  it("answers 404 (never 403) across projects, for every kind of resource", async () => {
    const { fake, call } = createTestFake({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    const sbx = (await call("POST", "/v1/sandboxes", { body: { projectId: "prj_a" } })).json;
    await call("PUT", `/v1/sandboxes/${sbx.id}/files/content`, {
      body: { path: "f", content: "x" },
    });
    const art = (await call("POST", `/v1/sandboxes/${sbx.id}/artifacts`, { body: { path: "f" } }))
      .json;
    const prv = (await call("POST", `/v1/sandboxes/${sbx.id}/previews`, { body: { port: 80 } }))
      .json;
    const outsider = fake.createApiKey({ projectIds: ["prj_b"] });
    for (const [method, path, body] of [
      ["GET", `/v1/sandboxes/${sbx.id}`],
      ["DELETE", `/v1/sandboxes/${sbx.id}`],
      ["GET", `/v1/sandboxes/${sbx.id}/files?path=f`],
      ["GET", `/v1/sandboxes/${sbx.id}/files/content?path=f`],
      ["PUT", `/v1/sandboxes/${sbx.id}/files/content`, { path: "f", content: "y" }],
      ["POST", `/v1/sandboxes/${sbx.id}/files/download-url`, { path: "f" }],
      ["POST", `/v1/sandboxes/${sbx.id}/artifacts`, { path: "f" }],
      ["GET", `/v1/artifacts/${art.id}`],
      ["GET", `/v1/previews/${prv.id}`],
      ["POST", `/v1/sandboxes/${sbx.id}/previews`, { port: 81 }],
    ] as const) {
      const res = await call(method, path, { apiKey: outsider, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
  });
});

describe("bad input is a 4xx envelope, never a 500", () => {
  it("answers malformed path IDs with 404 not_found", async () => {
    const { call } = createTestFake();
    for (const path of [
      "/v1/sandboxes/abc",
      "/v1/sandboxes/sbx_",
      "/v1/sandboxes/sbx_a-b",
      "/v1/artifacts/sbx_abc",
      "/v1/previews/prv_%20",
      "/v1/commands/cmd_!",
      "/v1/workspace-runs/nope",
    ]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
  });

  it("refuses malformed JSON, wrong types, missing fields with 400 invalid_request", async () => {
    const { call } = createTestFake();
    const sbx = (await call("POST", "/v1/sandboxes")).json;
    const cases: [string, string, { raw?: string; body?: unknown }][] = [
      ["POST", "/v1/sandboxes", { raw: "{not json" }],
      ["POST", "/v1/sandboxes", { raw: "[1,2]" }],
      ["POST", "/v1/sandboxes", { raw: "null" }],
      ["POST", "/v1/sandboxes", { body: { ttlMs: "300000" } }],
      ["POST", "/v1/sandboxes", { body: { metadata: { k: 1 } } }],
      ["PUT", `/v1/sandboxes/${sbx.id}/files/content`, { body: { content: "x" } }],
      ["PUT", `/v1/sandboxes/${sbx.id}/files/content`, { body: { path: "", content: "x" } }],
      ["POST", `/v1/sandboxes/${sbx.id}/files/move`, { body: { fromPath: "a" } }],
      ["POST", `/v1/sandboxes/${sbx.id}/previews`, { body: { port: 1.5 } }],
      ["POST", `/v1/sandboxes/${sbx.id}/artifacts`, {}],
    ];
    for (const [method, path, o] of cases) {
      const res = await call(method, path, { ...o, contentType: "application/json" });
      expect(res.status, `${method} ${path} ${JSON.stringify(o)}`).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
    }
    const typed = await call("POST", "/v1/sandboxes", { body: { ttlMs: "x" } });
    expect(typed.json.error.details.issues).toEqual([
      { path: "/body/ttlMs", message: expect.stringContaining("integer") },
    ]);
  });

  it("refuses a body of the wrong content type: 415 unsupported_media_type", async () => {
    const { call } = createTestFake();
    const res = await call("POST", "/v1/sandboxes", { raw: "{}", contentType: "text/plain" });
    expect(res.status).toBe(415);
    expect(res.json.error).toMatchObject({
      code: "unsupported_media_type",
      details: { expected: "application/json" },
    });
    const noType = await call("POST", "/v1/sandboxes", { raw: "{}" });
    expect(noType.status).toBe(415);
    const archive = await call("PUT", "/v1/workspace-runs/wsr_x/archive", {
      raw: "{}",
      contentType: "application/json",
      headers: { "X-Archive-Sha256": "a".repeat(64), "X-Archive-Size-Bytes": "2" },
    });
    expect(archive.status).toBe(415);
    expect(archive.json.error.code).toBe("unsupported_media_type");
  });

  it("refuses an oversized body: 413 request_too_large", async () => {
    const { call } = createTestFake();
    const sbx = (await call("POST", "/v1/sandboxes")).json;
    const huge = JSON.stringify({ path: "f", content: "x".repeat(1_100_000) });
    const write = await call("PUT", `/v1/sandboxes/${sbx.id}/files/content`, {
      raw: huge,
      contentType: "application/json",
    });
    expect(write.status).toBe(413);
    expect(write.json.error.code).toBe("request_too_large");
    const create = await call("POST", "/v1/sandboxes", {
      raw: JSON.stringify({ metadata: { k: "x".repeat(1_100_000) } }),
      contentType: "application/json",
    });
    expect(create.status).toBe(413);
    expect(create.json.error.code).toBe("request_too_large");
  });

  it("refuses an invalid Idempotency-Key header", async () => {
    const { call } = createTestFake();
    const res = await call("POST", "/v1/sandboxes", { idempotencyKey: "k".repeat(256) });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0].path).toBe("/header/Idempotency-Key");
  });

  it("answers any method on any path with a valid envelope (property)", async () => {
    const { call } = createTestFake();
    const segment = fc.oneof(
      fc.constantFrom(
        "v1",
        "sandboxes",
        "sbx_abc",
        "files",
        "content",
        "artifacts",
        "..",
        "%20",
        "",
      ),
      fc.stringMatching(/^[A-Za-z0-9_.~-]{1,12}$/),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.option(fc.jsonValue(), { nil: undefined }),
        async (method, segments, body) => {
          const res = await call(method, `/${segments.join("/")}`, {
            body: method === "GET" ? undefined : body,
          });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("idempotency", () => {
  it("replays the first response for the same key, method, path and body", async () => {
    const { call } = createTestFake();
    const first = await call("POST", "/v1/sandboxes", {
      body: { template: "node" },
      idempotencyKey: "k1",
    });
    const second = await call("POST", "/v1/sandboxes", {
      body: { template: "node" },
      idempotencyKey: "k1",
    });
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect((await call("GET", "/v1/sandboxes")).json.data).toHaveLength(1);
  });

  it("answers 409 idempotency_key_reused for another body or path", async () => {
    const { call } = createTestFake();
    const first = await call("POST", "/v1/sandboxes", {
      body: { template: "node" },
      idempotencyKey: "k",
    });
    const otherBody = await call("POST", "/v1/sandboxes", {
      body: { template: "python" },
      idempotencyKey: "k",
    });
    expect(otherBody.status).toBe(409);
    expect(otherBody.json.error.code).toBe("idempotency_key_reused");
    const otherPath = await call("POST", `/v1/sandboxes/${first.json.id}/previews`, {
      body: { port: 1 },
      idempotencyKey: "k",
    });
    expect(otherPath.json.error.code).toBe("idempotency_key_reused");
  });

  it("scopes keys to the API key", async () => {
    const { fake, call } = createTestFake();
    const other = fake.createApiKey();
    const a = await call("POST", "/v1/sandboxes", { body: {}, idempotencyKey: "same" });
    const b = await call("POST", "/v1/sandboxes", {
      body: {},
      idempotencyKey: "same",
      apiKey: other,
    });
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect(b.json.id).not.toBe(a.json.id);
  });

  it("forgets a key after 24 hours of fake time", async () => {
    const { fake, call } = createTestFake({ plan: { maxTtlMs: 200_000_000 } });
    const body = { ttlMs: 100_000_000 };
    const a = await call("POST", "/v1/sandboxes", { body, idempotencyKey: "day" });
    await fake.clock.advance(24 * 3600 * 1000 - 1);
    expect((await call("POST", "/v1/sandboxes", { body, idempotencyKey: "day" })).json.id).toBe(
      a.json.id,
    );
    await fake.clock.advance(1);
    const later = await call("POST", "/v1/sandboxes", { body, idempotencyKey: "day" });
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(later.json.id).not.toBe(a.json.id);
  });

  it("stores 4xx answers but not 429 (a retry runs again)", async () => {
    const { call } = createTestFake({ plan: { maxLiveSandboxes: 1 } });
    const over = await call("POST", "/v1/sandboxes", {
      body: { ttlMs: 9e9 },
      idempotencyKey: "bad",
    });
    const overAgain = await call("POST", "/v1/sandboxes", {
      body: { ttlMs: 9e9 },
      idempotencyKey: "bad",
    });
    expect(overAgain.status).toBe(400);
    expect(overAgain.headers.get("idempotent-replayed")).toBe("true");
    expect(overAgain.json).toEqual(over.json);
    const only = await call("POST", "/v1/sandboxes", { body: {} });
    const quota = await call("POST", "/v1/sandboxes", { body: {}, idempotencyKey: "q" });
    expect(quota.status).toBe(429);
    await call("DELETE", `/v1/sandboxes/${only.json.id}`);
    const retry = await call("POST", "/v1/sandboxes", { body: {}, idempotencyKey: "q" });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("makes a concurrent duplicate wait for the first and share its response", async () => {
    const clock = createClock("manual");
    const store = new IdempotencyStore(clock);
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handler = async () => {
      runs++;
      await gate;
      return new Response(JSON.stringify({ n: runs }), { status: 201 });
    };
    const first = store.run("key", "k", "fp", handler);
    const second = store.run("key", "k", "fp", handler);
    const other = store.run("key", "k", "other-fp", handler).catch((e) => e.code);
    expect(await other).toBe("idempotency_key_reused");
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(runs).toBe(1);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await b.json()).toEqual(await a.json());
    expect(b.headers.get("idempotent-replayed")).toBe("true");
  });

  it("makes a concurrent duplicate request wait over HTTP (a run that sleeps on the clock)", async () => {
    const { fake, call } = createTestFake();
    fake.programs.define("slow", async (proc) => {
      await proc.sleep(1000);
      proc.stdout.write("done\n");
    });
    const sbx = (await call("POST", "/v1/sandboxes")).json;
    const run = () =>
      call("POST", `/v1/sandboxes/${sbx.id}/commands/run`, {
        body: { command: "slow" },
        idempotencyKey: "run-1",
      });
    const first = run();
    const second = run();
    await fake.clock.advance(1000);
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(200);
    expect(b.json).toEqual(a.json);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(a.json.stdout).toBe("done\n");
  });
});

describe("faults", () => {
  it("answers an error with retry hints, `times` times, then lets requests through", async () => {
    const { fake, call } = createTestFake();
    fake.faults.add({
      operation: "listProjects",
      status: 503,
      retryAfterSec: 2,
      retryAfterMs: 1500,
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const res = await call("GET", "/v1/projects");
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe("service_unavailable");
      expect(res.headers.get("retry-after")).toBe("2");
      expect(res.headers.get("retry-after-ms")).toBe("1500");
    }
    expect((await call("GET", "/v1/projects")).status).toBe(200);
    expect((await call("GET", "/v1/sandboxes")).status).toBe(200);
  });

  it("derives the status from a code and the code from a status", async () => {
    const { fake, call } = createTestFake();
    fake.faults.add({ operation: "listProjects", code: "rate_limited", times: 1 });
    fake.faults.add({ operation: "listSandboxes", status: 500, times: 1 });
    expect((await call("GET", "/v1/projects")).status).toBe(429);
    expect((await call("GET", "/v1/sandboxes")).json.error.code).toBe("internal_error");
  });

  it("hits every operation with '*', before auth; remove() and clear() retire rules", async () => {
    const { fake, call } = createTestFake();
    const id = fake.faults.add({ status: 503 });
    expect((await call("GET", "/v1/projects", { apiKey: null })).status).toBe(503);
    expect((await call("POST", "/v1/sandboxes")).status).toBe(503);
    expect(fake.faults.remove(id)).toBe(true);
    expect(fake.faults.remove(id)).toBe(false);
    fake.faults.add({ status: 503 });
    fake.faults.clear();
    expect((await call("GET", "/v1/projects")).status).toBe(200);
  });

  it("draws probabilities from the seed: the same seed hits the same requests", async () => {
    const pattern = async (seed: number) => {
      const { fake, call } = createTestFake({ seed });
      fake.faults.add({ operation: "listProjects", status: 503, probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await call("GET", "/v1/projects")).status);
      return out;
    };
    const a = await pattern(5);
    expect(await pattern(5)).toEqual(a);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(5);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(await pattern(6)).not.toEqual(a);
    const fake = createFake();
    expect(() => fake.faults.add({ probability: 2 })).toThrow(/probability/);
  });

  it("delays on the fake clock (latencyMs), then answers normally", async () => {
    const { fake, call } = createTestFake();
    fake.faults.add({ operation: "listProjects", latencyMs: 5000, times: 1 });
    let done = false;
    const pending = call("GET", "/v1/projects").then((r) => {
      done = true;
      return r;
    });
    await fake.clock.advance(4999);
    expect(done).toBe(false);
    await fake.clock.advance(1);
    expect((await pending).status).toBe(200);
  });

  it("with the auto clock, latency passes by itself", async () => {
    const { fake, call } = createTestFake({ clock: "auto" });
    fake.faults.add({ operation: "listProjects", latencyMs: 60_000, status: 503, times: 1 });
    expect((await call("GET", "/v1/projects")).status).toBe(503);
    expect(fake.clock.iso()).toBe("2026-01-01T00:01:00.000Z");
  });

  it("drops the connection before the handler: fetch rejects with a TypeError, nothing happened", async () => {
    const { fake, call } = createTestFake();
    fake.faults.add({ operation: "createSandbox", dropConnection: "before", times: 1 });
    await expect(call("POST", "/v1/sandboxes")).rejects.toThrow(TypeError);
    expect((await call("GET", "/v1/sandboxes")).json.data).toEqual([]);
  });

  it("drops after the handler: effects stay, and an idempotent retry gets the replay", async () => {
    const { fake, call } = createTestFake();
    fake.faults.add({ operation: "createSandbox", dropConnection: "after", times: 1 });
    await expect(
      call("POST", "/v1/sandboxes", { body: {}, idempotencyKey: "retry-me" }),
    ).rejects.toThrow(TypeError);
    const listed = (await call("GET", "/v1/sandboxes")).json.data;
    expect(listed).toHaveLength(1);
    const retry = await call("POST", "/v1/sandboxes", { body: {}, idempotencyKey: "retry-me" });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.json.id).toBe(listed[0].id);
  });

  it("hands stream cuts to the SSE layer only, once per hit", () => {
    const fake = createFake();
    fake.faults.add({ operation: "streamCommandLogs", cutStreamAfterEvents: 3, times: 1 });
    expect(fake.faults.forRequest("streamCommandLogs")).toBeUndefined();
    expect(fake.faults.streamCut("getCommand")).toBeUndefined();
    expect(fake.faults.streamCut("streamCommandLogs")).toBe(3);
    expect(fake.faults.streamCut("streamCommandLogs")).toBeUndefined();
    expect(fake.faults.list()[0]).toMatchObject({ hits: 1 });
  });
});
