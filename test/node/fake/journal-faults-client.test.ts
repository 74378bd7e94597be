// The fake for people who test with it: the request journal, fault rules
// checked against their schema, and fake.client().
import { describe, expect, it } from "vitest";
import { createFake, type FaultRule, FaultRuleError } from "../../../fake/index.ts";
import { CrowNestApiError } from "../../../src/index.ts";

describe("the request journal", () => {
  it("asserts 'exactly one sandbox was created, with metadata X' without a spy", async () => {
    const fake = createFake();
    const client = fake.client();
    const sandbox = await client.sandboxes.create({ template: "python", metadata: { team: "x" } });
    await client.commands.run(sandbox.id, "echo hi", { env: { TOKEN: "s3cret" } });
    await client.sandboxes.get(sandbox.id);

    const created = fake.requests.list({ operationId: "createSandbox" });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      method: "POST",
      path: "/v1/sandboxes",
      body: { template: "python", metadata: { team: "x" } },
      status: 201,
      response: { id: sandbox.id, metadata: { team: "x" } },
      at: "2026-01-01T00:00:00.000Z",
    });
    const run = fake.requests.last({ operationId: "runCommand" });
    expect(run?.params).toEqual({ sandboxId: sandbox.id });
    // Secrets sent as env stay out of the journal.
    expect(run?.body).toMatchObject({ command: "echo hi", env: { TOKEN: "[redacted]" } });
    expect(JSON.stringify(fake.requests.list())).not.toContain("s3cret");
    expect(
      fake.requests.list({ params: { sandboxId: sandbox.id } }).map((e) => e.operationId),
    ).toEqual(["runCommand", "getSandbox"]);
    expect(fake.requests.list((e) => e.status === 404)).toEqual([]);
  });

  it("records failures too, and is a bounded ring buffer", async () => {
    const fake = createFake({ journalSize: 3 });
    const client = fake.client({ maxRetries: 0 });
    for (let i = 0; i < 5; i++) {
      await client.sandboxes.get(`sbx_missing${i}` as never).catch(() => {});
    }
    const kept = fake.requests.list();
    expect(kept.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(kept.every((e) => e.status === 404 && e.operationId === "getSandbox")).toBe(true);
    expect(kept[0]?.response).toMatchObject({ error: { code: "not_found" } });
    expect(fake.requests.list({ since: 4 }).map((e) => e.seq)).toEqual([5]);
    fake.requests.clear();
    expect(fake.requests.list()).toEqual([]);
  });

  it("keeps no body over 64 KiB, and refuses an unbounded size", async () => {
    const fake = createFake();
    const client = fake.client();
    const sandbox = await client.sandboxes.create();
    await client.files.write(sandbox.id, "big.txt", "x".repeat(100_000));
    const write = fake.requests.last({ operationId: "writeFile" });
    expect(write?.status).toBe(200);
    expect(write?.body).toBeNull();
    expect(write?.response).toMatchObject({ path: "/workspace/big.txt" });
    expect(() => createFake({ journalSize: 10_000_000 })).toThrow(RangeError);
    expect(() => createFake({ journalSize: -1 })).toThrow(RangeError);
  });

  it("is served as GET /_fake/requests with filters", async () => {
    const fake = createFake({ controlRoutes: true });
    const client = fake.client();
    const a = await client.sandboxes.create();
    await client.sandboxes.create();
    await client.sandboxes.get(a.id);
    const auth = { headers: { Authorization: `Bearer ${fake.apiKey}` } };
    const res = await fake.fetch(
      `${fake.baseUrl}/_fake/requests?operationId=createSandbox&status=201`,
      auth,
    );
    const body = (await res.json()) as { data: { operationId: string }[]; size: number };
    expect(res.status).toBe(200);
    expect(body.size).toBe(1000);
    expect(body.data.map((e) => e.operationId)).toEqual(["createSandbox", "createSandbox"]);
    const byParam = await fake.fetch(
      `${fake.baseUrl}/_fake/requests?${new URLSearchParams({ "params[sandboxId]": a.id })}`,
      auth,
    );
    expect(((await byParam.json()) as { data: unknown[] }).data).toHaveLength(1);
    // The control routes themselves are not journaled.
    expect(fake.requests.list({ path: "/_fake" })).toEqual([]);
  });
});

describe("fault rules are checked against their schema", () => {
  const bad: [string, unknown, RegExp][] = [
    ["a typo", { operaton: "createSandbox", status: 503 }, /\/operaton is not allowed/],
    ["an unknown operation", { operation: "createSandboxes" }, /\/operation/],
    ["a wrong type", { status: "abc" }, /\/status/],
    ["an out-of-range probability", { probability: 5 }, /\/probability/],
    ["an out-of-range status", { status: 200 }, /\/status/],
    ["a negative latency", { latencyMs: -1 }, /\/latencyMs/],
    ["an unknown code", { code: "teapot" }, /\/code/],
  ];

  it.each(bad)("faults.add throws a clear error for %s", (_, rule, message) => {
    const fake = createFake();
    expect(() => fake.faults.add(rule as FaultRule)).toThrow(FaultRuleError);
    expect(() => fake.faults.add(rule as FaultRule)).toThrow(message);
    expect(fake.faults.list()).toEqual([]);
  });

  it.each(bad)("POST /_fake/faults answers 400 with the envelope for %s", async (_, rule) => {
    const fake = createFake({ controlRoutes: true });
    const res = await fake.fetch(`${fake.baseUrl}/_fake/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${fake.apiKey}` },
      body: JSON.stringify(rule),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as { error: { code: string; details: { issues: unknown[] } } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.issues.length).toBeGreaterThan(0);
    expect(fake.faults.list()).toEqual([]);
    // The next call is not hit by a half-accepted rule.
    expect((await fake.client().projects.list()).length).toBe(1);
    expect(fake.context.unexpectedErrors).toEqual([]);
  });

  it("a valid rule still works, Infinity times included", async () => {
    const fake = createFake();
    fake.faults.add({ operation: "listProjects", status: 503, times: Number.POSITIVE_INFINITY });
    const error = await fake
      .client({ maxRetries: 0 })
      .projects.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrowNestApiError);
    expect((error as CrowNestApiError).status).toBe(503);
  });
});

describe("fake.client()", () => {
  it("is the SDK configured for this fake; retries wait on fake time", async () => {
    const fake = createFake();
    fake.faults.add({ operation: "listProjects", status: 503, retryAfterMs: 5000, times: 1 });
    const projects = await fake.client().projects.list();
    expect(projects.map((p) => p.id)).toEqual(["prj_default"]);
    expect(fake.requests.list({ operationId: "listProjects" }).map((e) => e.status)).toEqual([
      503, 200,
    ]);
    expect(fake.clock.now() - Date.parse("2026-01-01T00:00:00.000Z")).toBeGreaterThanOrEqual(5000);
  });

  it("takes options that override the defaults", async () => {
    const fake = createFake();
    const key = fake.createApiKey({ scopes: [] });
    const error = await fake
      .client({ apiKey: key })
      .projects.list()
      .catch((e: unknown) => e);
    expect((error as CrowNestApiError).code).toBe("forbidden");
  });
});
