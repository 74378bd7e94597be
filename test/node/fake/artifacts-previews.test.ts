// Artifacts (copy, sha256, content type, signed downloads, delete, outliving
// the sandbox) and previews (one active per port, revoke) over HTTP.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { limits } from "../../../src/generated/contract.ts";
import { createTestFake } from "../../helpers/test-fake.ts";

async function setup(options = {}) {
  const t = createTestFake(options);
  const sandbox = (await t.call("POST", "/v1/sandboxes", { body: {} })).json;
  const base = `/v1/sandboxes/${sandbox.id}`;
  const write = (path: string, content: string) =>
    t.call("PUT", `${base}/files/content`, { body: { path, content, createParents: true } });
  return { ...t, sandbox, base, write };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("artifacts", () => {
  it("refuses a file over the contract's maxFileBytes (413 file_too_large), even where the plan allows it", async () => {
    const max = limits.maxFileBytes;
    const { fake, call, base } = await setup({
      plan: { maxFileBytes: max + 1, maxWorkspaceBytes: max + 1 },
    });
    // A zero-filled buffer: the pages are never touched, so it costs address space, not memory.
    fake.programs.define("huge", (proc) => proc.fs.write("huge.bin", new Uint8Array(max + 1)));
    expect((await call("POST", `${base}/commands/run`, { body: { command: "huge" } })).status).toBe(
      200,
    );
    const res = await call("POST", `${base}/artifacts`, { body: { path: "huge.bin" } });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({
      code: "file_too_large",
      message: `/workspace/huge.bin is over ${max} bytes`,
      details: { limit: max },
    });
    expect((await call("GET", `${base}/artifacts`)).json.data).toEqual([]);
  });

  it("copies a file: sha256, size, base name, content type from the extension", async () => {
    const { call, base, write, sandbox } = await setup();
    await write("out/report.json", '{"ok":true}');
    const res = await call("POST", `${base}/artifacts`, { body: { path: "out/report.json" } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^art_/),
      sandboxId: sandbox.id,
      projectId: "prj_default",
      path: "/workspace/out/report.json",
      name: "report.json",
      sizeBytes: 11,
      sha256: sha256('{"ok":true}'),
      contentType: "application/json",
      createdAt: "2026-01-01T00:00:00.000Z",
      deletedAt: null,
      commandId: null,
      workspaceRunId: null,
    });
  });

  it("takes a display name; unknown extensions are application/octet-stream", async () => {
    const { call, base, write } = await setup();
    await write("blob.weird", "x");
    await write("noext", "y");
    const named = await call("POST", `${base}/artifacts`, {
      body: { path: "blob.weird", name: "my-blob" },
    });
    expect(named.json).toMatchObject({ name: "my-blob", contentType: "application/octet-stream" });
    const plain = await call("POST", `${base}/artifacts`, { body: { path: "noext" } });
    expect(plain.json.contentType).toBe("application/octet-stream");
  });

  it("guesses the content type of every known extension, in any case", async () => {
    const { call, base, write } = await setup();
    const expected: Record<string, string> = {
      "a.txt": "text/plain",
      "a.log": "text/plain",
      "a.md": "text/markdown",
      "a.csv": "text/csv",
      "a.html": "text/html",
      "a.htm": "text/html",
      "a.css": "text/css",
      "a.js": "text/javascript",
      "a.mjs": "text/javascript",
      "a.ts": "text/plain",
      "a.py": "text/x-python",
      "a.json": "application/json",
      "a.xml": "application/xml",
      "a.yaml": "application/yaml",
      "a.yml": "application/yaml",
      "a.pdf": "application/pdf",
      "a.zip": "application/zip",
      "a.gz": "application/gzip",
      "a.tgz": "application/gzip",
      "a.tar": "application/x-tar",
      "a.png": "image/png",
      "a.jpg": "image/jpeg",
      "a.jpeg": "image/jpeg",
      "a.gif": "image/gif",
      "a.svg": "image/svg+xml",
      "a.webp": "image/webp",
      "REPORT.JSON": "application/json",
      "archive.tar.gz": "application/gzip",
      // A dot file has no extension.
      ".txt": "application/octet-stream",
      "a.": "application/octet-stream",
    };
    await write("f", "x");
    for (const [name, contentType] of Object.entries(expected)) {
      const res = await call("POST", `${base}/artifacts`, { body: { path: "f", name } });
      expect([name, res.json.contentType]).toEqual([name, contentType]);
    }
  });

  it("keeps the bytes of the time of creation", async () => {
    const { call, base, write } = await setup();
    await write("v.txt", "one");
    const art = (await call("POST", `${base}/artifacts`, { body: { path: "v.txt" } })).json;
    await write("v.txt", "two");
    const content = await call("GET", `/v1/artifacts/${art.id}/content`);
    expect(content.text).toBe("one");
    expect(content.headers.get("content-type")).toBe("application/octet-stream");
    expect(content.headers.get("content-length")).toBe("3");
  });

  it("refuses a missing file, a directory, an escape, a destroyed sandbox", async () => {
    const { call, base, write, sandbox } = await setup();
    const make = (path: string) => call("POST", `${base}/artifacts`, { body: { path } });
    expect((await make("nope")).status).toBe(404);
    await write("d/f", "x");
    expect((await make("d")).json.error.code).toBe("is_a_directory");
    expect((await make("../etc/passwd")).json.error.code).toBe("path_outside_workspace");
    await call("DELETE", `/v1/sandboxes/${sandbox.id}`);
    expect((await make("d/f")).json.error.code).toBe("sandbox_destroyed");
  });

  it("lists a sandbox's live artifacts oldest first, also after the sandbox is gone", async () => {
    const { fake, call, base, write, sandbox } = await setup();
    await write("a", "1");
    await write("b", "2");
    const a = (await call("POST", `${base}/artifacts`, { body: { path: "a" } })).json;
    await fake.clock.advance(10);
    const b = (await call("POST", `${base}/artifacts`, { body: { path: "b" } })).json;
    await call("DELETE", `/v1/sandboxes/${sandbox.id}`);
    const listed = await call("GET", `${base}/artifacts`);
    expect(listed.json.data.map((x: { id: string }) => x.id)).toEqual([a.id, b.id]);
    expect((await call("GET", `/v1/artifacts/${a.id}`)).json).toEqual(a);
    expect((await call("GET", `/v1/artifacts/${a.id}/content`)).text).toBe("1");
    await call("DELETE", `/v1/artifacts/${a.id}`);
    const after = await call("GET", `${base}/artifacts`);
    expect(after.json.data.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const unknown = await call("GET", "/v1/sandboxes/sbx_none/artifacts");
    expect([unknown.status, unknown.json.error.message]).toEqual([
      404,
      "sandbox sbx_none not found",
    ]);
  });

  it("deletes idempotently: deletedAt stays; content then 409 invalid_state", async () => {
    const { fake, call, base, write } = await setup();
    await write("a", "1");
    const art = (await call("POST", `${base}/artifacts`, { body: { path: "a" } })).json;
    await fake.clock.advance(1000);
    const deleted = await call("DELETE", `/v1/artifacts/${art.id}`);
    expect(deleted.json.deletedAt).toBe("2026-01-01T00:00:01.000Z");
    await fake.clock.advance(1000);
    expect((await call("DELETE", `/v1/artifacts/${art.id}`)).json).toEqual(deleted.json);
    expect((await call("GET", `/v1/artifacts/${art.id}`)).json).toEqual(deleted.json);
    const content = await call("GET", `/v1/artifacts/${art.id}/content`);
    expect(content.status).toBe(409);
    expect(content.json.error).toMatchObject({
      code: "invalid_state",
      message: `artifact ${art.id} was deleted`,
      details: { deletedAt: deleted.json.deletedAt },
    });
    const url = await call("POST", `/v1/artifacts/${art.id}/download-url`);
    expect(url.json.error.code).toBe("invalid_state");
  });

  it("hides other projects' artifacts (404)", async () => {
    const { fake, call, base, write } = await setup({
      projects: [{ id: "prj_a" }, { id: "prj_b" }],
    });
    await write("a", "1");
    const art = (await call("POST", `${base}/artifacts`, { body: { path: "a" } })).json;
    const onlyB = fake.createApiKey({ projectIds: ["prj_b"] });
    for (const [method, path] of [
      ["GET", `/v1/artifacts/${art.id}`],
      ["GET", `/v1/artifacts/${art.id}/content`],
      ["DELETE", `/v1/artifacts/${art.id}`],
      ["POST", `/v1/artifacts/${art.id}/download-url`],
      ["GET", `${base}/artifacts`],
    ] as const) {
      const res = await call(method, path, { apiKey: onlyB });
      expect([res.status, res.json.error.message]).toEqual([
        404,
        path === `${base}/artifacts`
          ? `sandbox ${base.slice("/v1/sandboxes/".length)} not found`
          : `artifact ${art.id} not found`,
      ]);
    }
  });
});

describe("signed artifact downloads", () => {
  async function withUrl(options = {}) {
    const s = await setup(options);
    await s.write("a.txt", "payload");
    const art = (await s.call("POST", `${s.base}/artifacts`, { body: { path: "a.txt" } })).json;
    const url = await s.call("POST", `/v1/artifacts/${art.id}/download-url`);
    return { ...s, art, url: url.json };
  }

  it("issues a 15-minute URL with authMode none that works without a key", async () => {
    const { fake, call, url } = await withUrl();
    expect(url).toMatchObject({
      method: "GET",
      headers: {},
      authMode: "none",
      expiresAt: "2026-01-01T00:15:00.000Z",
    });
    expect(url.url.startsWith(`${fake.baseUrl}/v1/artifact-downloads/`)).toBe(true);
    const got = await call("GET", url.url, { apiKey: null });
    expect(got.text).toBe("payload");
    expect(got.headers.get("content-length")).toBe("7");
  });

  it("refuses a request that carries an Authorization header (400 invalid_request)", async () => {
    const { call, url } = await withUrl();
    const res = await call("GET", url.url);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
  });

  it("expires (403 url_expired) and refuses tampering (403 invalid_signature)", async () => {
    const { fake, call, url } = await withUrl();
    const token = url.url.slice(url.url.lastIndexOf("/") + 1);
    const [payload, sig] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1e9 })).toString(
      "base64url",
    );
    const tampered = await call("GET", url.url.replace(token, `${longer}.${sig}`), {
      apiKey: null,
    });
    expect(tampered.status).toBe(403);
    expect(tampered.json.error.code).toBe("invalid_signature");
    const garbage = await call("GET", url.url.replace(token, "garbage"), { apiKey: null });
    expect(garbage.json.error.code).toBe("invalid_signature");
    await fake.clock.advance(15 * 60 * 1000 - 1);
    expect((await call("GET", url.url, { apiKey: null })).status).toBe(200);
    await fake.clock.advance(1);
    const expired = await call("GET", url.url, { apiKey: null });
    expect(expired.status).toBe(403);
    expect(expired.json.error.code).toBe("url_expired");
  });

  it("lives on the storage origin when the fake has one, which serves nothing else", async () => {
    const { fake, call, url } = await withUrl({ storageOrigin: "https://storage.crownest.test" });
    expect(url.url.startsWith("https://storage.crownest.test/v1/artifact-downloads/")).toBe(true);
    expect((await call("GET", url.url, { apiKey: null })).text).toBe("payload");
    const api = await call("GET", "https://storage.crownest.test/v1/projects");
    expect(api.status).toBe(404);
    expect(fake.storageOrigin).toBe("https://storage.crownest.test");
  });

  it("answers 409 invalid_state once the artifact is deleted", async () => {
    const { call, url, art } = await withUrl();
    await call("DELETE", `/v1/artifacts/${art.id}`);
    const res = await call("GET", url.url, { apiKey: null });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("invalid_state");
  });
});

describe("previews", () => {
  it("creates one active preview per port (201, then 200 with the same one)", async () => {
    const { call, base, sandbox } = await setup();
    const first = await call("POST", `${base}/previews`, { body: { port: 8080 } });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      id: expect.stringMatching(/^prv_/),
      sandboxId: sandbox.id,
      port: 8080,
      authMode: "authenticated",
      url: expect.stringMatching(/^https:\/\/p-[0-9a-f]{6}\.preview\.crownest\.dev$/),
      status: "active",
      createdAt: "2026-01-01T00:00:00.000Z",
      revokedAt: null,
    });
    const again = await call("POST", `${base}/previews`, {
      body: { port: 8080, authMode: "authenticated" },
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const other = await call("POST", `${base}/previews`, { body: { port: 3000 } });
    expect(other.status).toBe(201);
    expect(other.json.url).not.toBe(first.json.url);
  });

  it("one active preview per sandbox and port: another sandbox's same port gets its own", async () => {
    const { call, base } = await setup();
    const other = (await call("POST", "/v1/sandboxes", { body: {} })).json;
    const mine = await call("POST", `${base}/previews`, { body: { port: 8080 } });
    const theirs = await call("POST", `/v1/sandboxes/${other.id}/previews`, {
      body: { port: 8080 },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.json.sandboxId).toBe(other.id);
    expect(theirs.json.id).not.toBe(mine.json.id);
    const listed = await call("GET", `/v1/sandboxes/${other.id}/previews`);
    expect(listed.json.data.map((p: { id: string }) => p.id)).toEqual([theirs.json.id]);
    // Ending one sandbox revokes its previews only.
    await call("DELETE", base);
    expect((await call("GET", `/v1/previews/${mine.json.id}`)).json.status).toBe("revoked");
    expect((await call("GET", `/v1/previews/${theirs.json.id}`)).json.status).toBe("active");
  });

  it("is deterministic from the seed", async () => {
    const a = await setup({ seed: 9 });
    const b = await setup({ seed: 9 });
    const pa = await a.call("POST", `${a.base}/previews`, { body: { port: 1 } });
    const pb = await b.call("POST", `${b.base}/previews`, { body: { port: 1 } });
    expect(pa.json).toEqual(pb.json);
  });

  it("validates the port and authMode", async () => {
    const { call, base } = await setup();
    for (const body of [
      { port: 0 },
      { port: 65536 },
      { port: "80" },
      { port: 80, authMode: "public" },
      {},
    ]) {
      const res = await call("POST", `${base}/previews`, { body });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
    }
    expect((await call("POST", `${base}/previews`, { body: { port: 65535 } })).status).toBe(201);
  });

  it("lists all (active and revoked) oldest first, gets, revokes idempotently; a new one after revoke", async () => {
    const { fake, call, base } = await setup();
    const a = (await call("POST", `${base}/previews`, { body: { port: 80 } })).json;
    const b = (await call("POST", `${base}/previews`, { body: { port: 81 } })).json;
    await fake.clock.advance(500);
    const revoked = await call("POST", `/v1/previews/${a.id}/revoke`);
    expect(revoked.json).toMatchObject({
      status: "revoked",
      revokedAt: "2026-01-01T00:00:00.500Z",
    });
    await fake.clock.advance(500);
    expect((await call("POST", `/v1/previews/${a.id}/revoke`)).json).toEqual(revoked.json);
    expect((await call("GET", `/v1/previews/${a.id}`)).json).toEqual(revoked.json);
    const fresh = await call("POST", `${base}/previews`, { body: { port: 80 } });
    expect(fresh.status).toBe(201);
    expect(fresh.json.id).not.toBe(a.id);
    const listed = await call("GET", `${base}/previews`);
    expect(listed.json.data.map((p: { id: string }) => p.id)).toEqual([a.id, b.id, fresh.json.id]);
    const unknown = await call("GET", "/v1/previews/prv_nope");
    expect([unknown.status, unknown.json.error.message]).toEqual([
      404,
      "preview prv_nope not found",
    ]);
  });

  it("refuses a destroyed sandbox (409 sandbox_destroyed) and hides other projects (404)", async () => {
    const { fake, call, base, sandbox } = await setup({
      projects: [{ id: "prj_a" }, { id: "prj_b" }],
    });
    const p = (await call("POST", `${base}/previews`, { body: { port: 80 } })).json;
    const onlyB = fake.createApiKey({ projectIds: ["prj_b"] });
    expect((await call("GET", `/v1/previews/${p.id}`, { apiKey: onlyB })).status).toBe(404);
    expect((await call("POST", `/v1/previews/${p.id}/revoke`, { apiKey: onlyB })).status).toBe(404);
    expect((await call("GET", `${base}/previews`, { apiKey: onlyB })).status).toBe(404);
    await call("DELETE", `/v1/sandboxes/${sandbox.id}`);
    const res = await call("POST", `${base}/previews`, { body: { port: 81 } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("sandbox_destroyed");
    expect((await call("GET", `${base}/previews`)).json.data[0].status).toBe("revoked");
  });
});
