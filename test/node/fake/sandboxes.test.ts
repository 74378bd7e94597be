// Sandboxes over HTTP: templates and versions, TTL and plan limits, metadata,
// project visibility, list filters, kill, TTL expiry on the fake clock.
import { describe, expect, it } from "vitest";
import { TEMPLATE_VERSIONS } from "../../../fake/index.ts";
import { createTestFake } from "../../helpers/test-fake.ts";

const create = (body: unknown = {}) => ["POST", "/v1/sandboxes", { body }] as const;

describe("createSandbox", () => {
  it("creates a running sandbox with the defaults", async () => {
    const { call } = createTestFake();
    const res = await call(...create());
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^sbx_[A-Za-z0-9]+$/),
      orgId: "org_default",
      projectId: "prj_default",
      template: "base",
      templateVersionId: "tplv_baseV2",
      status: "running",
      metadata: {},
      ttlMs: 300_000,
      createdAt: "2026-01-01T00:00:00.000Z",
      expiresAt: "2026-01-01T00:05:00.000Z",
      endedAt: null,
      endedReason: null,
    });
  });

  it("accepts no body at all", async () => {
    const { call } = createTestFake();
    expect((await call("POST", "/v1/sandboxes")).status).toBe(201);
  });

  it.each(["python", "node", "python-node", "base"])(
    "picks the current version of %s",
    async (template) => {
      const { call } = createTestFake();
      const res = await call(...create({ template }));
      const current = TEMPLATE_VERSIONS.find((v) => v.template === template && v.current);
      expect(res.json.template).toBe(template);
      expect(res.json.templateVersionId).toBe(current?.id);
    },
  );

  it("pins an older version; the version alone selects its template", async () => {
    const { call } = createTestFake();
    const older = TEMPLATE_VERSIONS.find((v) => v.template === "node" && !v.current);
    const pinned = await call(...create({ templateVersionId: older?.id }));
    expect(pinned.json).toMatchObject({ template: "node", templateVersionId: older?.id });
    const both = await call(...create({ template: "node", templateVersionId: older?.id }));
    expect(both.status).toBe(201);
  });

  it("refuses a version of another template (invalid_request) and an unknown one (not_found)", async () => {
    const { call } = createTestFake();
    const mismatch = await call(
      ...create({ template: "python", templateVersionId: "tplv_nodeV1" }),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error.code).toBe("invalid_request");
    const unknown = await call(...create({ templateVersionId: "tplv_nope" }));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({
      code: "not_found",
      message: "template version tplv_nope not found",
    });
  });

  it("resolves ttlMs within the plan and refuses more (sandbox_ttl_exceeded)", async () => {
    const { call } = createTestFake({ plan: { maxTtlMs: 600_000 } });
    expect((await call(...create({ ttlMs: 600_000 }))).json.ttlMs).toBe(600_000);
    const over = await call(...create({ ttlMs: 600_001 }));
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({
      code: "sandbox_ttl_exceeded",
      details: { limit: 600_000 },
    });
    const low = await call(...create({ ttlMs: 999 }));
    expect(low.json.error.code).toBe("invalid_request");
  });

  it("defaults the TTL to the plan's maximum when that is below 300000", async () => {
    const { call } = createTestFake({ plan: { maxTtlMs: 120_000 } });
    const res = await call(...create());
    expect(res.json.ttlMs).toBe(120_000);
    expect(res.json.expiresAt).toBe("2026-01-01T00:02:00.000Z");
  });

  it("stops at the plan's live-sandbox limit with 429 quota_exceeded and no retry hint", async () => {
    const { call } = createTestFake({ plan: { maxLiveSandboxes: 2 } });
    const a = await call(...create());
    await call(...create());
    const third = await call(...create());
    expect(third.status).toBe(429);
    expect(third.json.error).toMatchObject({ code: "quota_exceeded", details: { limit: 2 } });
    expect(third.headers.get("retry-after")).toBeNull();
    expect(third.headers.get("retry-after-ms")).toBeNull();
    await call("DELETE", `/v1/sandboxes/${a.json.id}`);
    expect((await call(...create())).status).toBe(201);
  });

  it("keeps 16 metadata keys and refuses 17 or an over-long value", async () => {
    const { call } = createTestFake();
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, `v${i}`]));
    expect((await call(...create({ metadata: sixteen }))).json.metadata).toEqual(sixteen);
    const seventeen = { ...sixteen, k16: "v" };
    expect((await call(...create({ metadata: seventeen }))).json.error.code).toBe(
      "invalid_request",
    );
    const long = await call(...create({ metadata: { k: "x".repeat(513) } }));
    expect(long.json.error.code).toBe("invalid_request");
    expect(long.json.error.details.issues[0].path).toBe("/body/metadata/k");
  });

  it("refuses unknown fields and wrong types with details.issues", async () => {
    const { call } = createTestFake();
    const res = await call(...create({ template: "cobol", extra: true }));
    expect(res.status).toBe(400);
    const paths = res.json.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("/body/template");
    expect(paths).toContain("/body/extra");
  });

  it("creates in a given visible project, and 404s one the key can't see", async () => {
    const { fake, call } = createTestFake({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    expect((await call(...create({ projectId: "prj_b" }))).json.projectId).toBe("prj_b");
    const onlyA = fake.createApiKey({ projectIds: ["prj_a"] });
    const hidden = await call("POST", "/v1/sandboxes", {
      body: { projectId: "prj_b" },
      apiKey: onlyA,
    });
    expect(hidden.status).toBe(404);
    const unknown = await call(...create({ projectId: "prj_zzz" }));
    expect(unknown.status).toBe(404);
    expect((await call("POST", "/v1/sandboxes", { body: {}, apiKey: onlyA })).json.projectId).toBe(
      "prj_a",
    );
  });
});

describe("getSandbox / listSandboxes", () => {
  it("gets a sandbox; a malformed or unknown ID is 404", async () => {
    const { call } = createTestFake();
    const { json } = await call(...create());
    expect((await call("GET", `/v1/sandboxes/${json.id}`)).json).toEqual(json);
    expect((await call("GET", "/v1/sandboxes/not-an-id")).status).toBe(404);
    expect((await call("GET", "/v1/sandboxes/sbx_missing")).status).toBe(404);
  });

  it("hides other projects' sandboxes (404, never 403)", async () => {
    const { fake, call } = createTestFake({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    const inB = await call(...create({ projectId: "prj_b" }));
    const onlyA = fake.createApiKey({ projectIds: ["prj_a"] });
    for (const [method, path] of [
      ["GET", `/v1/sandboxes/${inB.json.id}`],
      ["DELETE", `/v1/sandboxes/${inB.json.id}`],
    ] as const) {
      const res = await call(method, path, { apiKey: onlyA });
      expect(res.status).toBe(404);
    }
    expect((await call("GET", "/v1/sandboxes", { apiKey: onlyA })).json.data).toEqual([]);
  });

  it("lists live sandboxes oldest first; includeEnded adds ended ones; projectId filters", async () => {
    const { call } = createTestFake({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    const a = (await call(...create({ projectId: "prj_a" }))).json;
    const b = (await call(...create({ projectId: "prj_b" }))).json;
    const c = (await call(...create({ projectId: "prj_a" }))).json;
    await call("DELETE", `/v1/sandboxes/${a.id}`);
    const ids = async (query: string) =>
      (await call("GET", `/v1/sandboxes${query}`)).json.data.map((s: { id: string }) => s.id);
    expect(await ids("")).toEqual([b.id, c.id]);
    expect(await ids("?includeEnded=true")).toEqual([a.id, b.id, c.id]);
    expect(await ids("?includeEnded=false&projectId=prj_a")).toEqual([c.id]);
    expect(await ids("?includeEnded=true&projectId=prj_a")).toEqual([a.id, c.id]);
    expect((await call("GET", "/v1/sandboxes?includeEnded=yes")).status).toBe(400);
    expect((await call("GET", "/v1/sandboxes?projectId=nope")).status).toBe(400);
  });
});

describe("killSandbox and TTL expiry", () => {
  it("kills: destroyed with endedReason killed; again returns it unchanged", async () => {
    const { fake, call } = createTestFake();
    const { json } = await call(...create());
    await fake.clock.advance(1500);
    const killed = await call("DELETE", `/v1/sandboxes/${json.id}`);
    expect(killed.json).toMatchObject({
      status: "destroyed",
      endedReason: "killed",
      endedAt: "2026-01-01T00:00:01.500Z",
    });
    await fake.clock.advance(1000);
    expect((await call("DELETE", `/v1/sandboxes/${json.id}`)).json).toEqual(killed.json);
    // The TTL timer died with it.
    await fake.clock.advance(600_000);
    expect((await call("GET", `/v1/sandboxes/${json.id}`)).json).toEqual(killed.json);
  });

  it("expires at its TTL on the fake clock, and only then", async () => {
    const { fake, call } = createTestFake();
    const { json } = await call(...create({ ttlMs: 10_000 }));
    await fake.clock.advance(9_999);
    expect((await call("GET", `/v1/sandboxes/${json.id}`)).json.status).toBe("running");
    await fake.clock.advance(1);
    expect((await call("GET", `/v1/sandboxes/${json.id}`)).json).toMatchObject({
      status: "destroyed",
      endedReason: "ttl_expired",
      endedAt: "2026-01-01T00:00:10.000Z",
    });
  });

  it("with the auto clock, time stands still between calls: the TTL never expires on its own", async () => {
    const { call } = createTestFake({ clock: "auto" });
    const { json } = await call(...create({ ttlMs: 1000 }));
    await new Promise((r) => setTimeout(r, 10));
    expect((await call("GET", `/v1/sandboxes/${json.id}`)).json.status).toBe("running");
  });

  it("tells onSandboxEnded listeners why it ended", async () => {
    const { fake, call } = createTestFake();
    const seen: string[] = [];
    fake.context.onSandboxEnded.add((id, reason) => seen.push(`${id}:${reason}`));
    const a = (await call(...create({ ttlMs: 5000 }))).json;
    const b = (await call(...create())).json;
    await call("DELETE", `/v1/sandboxes/${b.id}`);
    await fake.clock.advance(5000);
    expect(seen).toEqual([`${b.id}:killed`, `${a.id}:ttl_expired`]);
  });

  it("revokes its previews and makes its files unreachable (sandbox_destroyed)", async () => {
    const { call } = createTestFake();
    const { json } = await call(...create());
    const preview = await call("POST", `/v1/sandboxes/${json.id}/previews`, {
      body: { port: 3000 },
    });
    await call("DELETE", `/v1/sandboxes/${json.id}`);
    const after = await call("GET", `/v1/previews/${preview.json.id}`);
    expect(after.json).toMatchObject({ status: "revoked", revokedAt: "2026-01-01T00:00:00.000Z" });
    const read = await call("GET", `/v1/sandboxes/${json.id}/files?path=/workspace`);
    expect(read.status).toBe(409);
    expect(read.json.error.code).toBe("sandbox_destroyed");
  });

  it("ends failed through the service with status failed", async () => {
    const { fake, call } = createTestFake();
    const { json } = await call(...create());
    fake.context.sandboxes.end(json.id, "failed");
    expect((await call("GET", `/v1/sandboxes/${json.id}`)).json).toMatchObject({
      status: "failed",
      endedReason: "failed",
    });
    expect((await call("DELETE", `/v1/sandboxes/${json.id}`)).json.status).toBe("failed");
  });
});
