// What Schemathesis (test/schemathesis) found in crownest-fake, each case as a
// regression test over real HTTP against the built bin.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValid, resolveRef } from "../../../fake/http/validate.ts";
import { FAKE_BIN, type RunningFake, startFake } from "../../../scripts/start-fake.mjs";
import { openapiDocument } from "../../../src/generated/document.ts";
import { ensureBuilt } from "../../helpers/build.ts";

const children: ChildProcess[] = [];

async function start(): Promise<RunningFake> {
  const server = await startFake({ args: ["--port", "0", "--clock", "auto"] });
  children.push(server.child);
  return server;
}

let server: RunningFake;
beforeAll(async () => {
  await ensureBuilt(FAKE_BIN);
  server = await start();
}, 180_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${server.apiKey}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

describe("long request lines (Schemathesis: 431 with an empty body)", () => {
  // A character of four UTF-8 bytes is twelve once percent-encoded: the longest
  // WorkspacePath (4096 characters) makes a 49 KiB URL, over Node's default
  // 16 KiB of request line and headers.
  const longest = "😀".repeat(4096);

  it("answers a query at the contract's longest path from the app, not 431", async () => {
    const created = await api("/v1/sandboxes", { method: "POST" });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const stat = await api(`/v1/sandboxes/${id}/files/stat?path=${encodeURIComponent(longest)}`);
    expect(stat.status).toBe(404);
    expect((await stat.json()).error.code).toBe("not_found");
    expect(stat.headers.get("x-request-id")).toMatch(/^req_/);

    const over = await api(
      `/v1/sandboxes/${id}/files/stat?path=${encodeURIComponent(`${longest}😀`)}`,
    );
    expect(over.status).toBe(400);
    expect((await over.json()).error.code).toBe("invalid_request");
  });

  it("answers the largest metadata filter the contract admits", async () => {
    const pairs = Array.from(
      { length: 16 },
      (_, i) =>
        `metadata[${encodeURIComponent(`${i}`.padEnd(2, "_") + "😀".repeat(62))}]=${encodeURIComponent("😀".repeat(512))}`,
    );
    const list = await api(`/v1/workspace-runs?${pairs.join("&")}`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ data: [] });
  });
});

describe("an empty archive body (Schemathesis: a schema-valid body answered 400)", () => {
  const uploads = [
    ["/v1/workspace-runs/{workspaceRunId}/archive", "put"],
    ["/v1/archive-uploads/{uploadId}", "put"],
  ] as const;

  it("is outside the contract's schema of every archive upload", () => {
    for (const [path, method] of uploads) {
      const media = openapiDocument.paths[path][method].requestBody.content["application/gzip"];
      const schema = media.schema.$ref ? resolveRef(media.schema.$ref) : media.schema;
      expect(isValid(schema, ""), `${method} ${path}`).toBe(false);
      expect(isValid(schema, "\x1f\x8b"), `${method} ${path}`).toBe(true);
    }
  });

  it("is 400 invalid_request from the fake, as a missing body", async () => {
    const created = await api("/v1/workspace-runs", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ command: "true" }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const upload = await api(`/v1/workspace-runs/${id}/archive`, {
      method: "PUT",
      headers: {
        "Content-Type": "application/gzip",
        "X-Archive-Sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "X-Archive-Size-Bytes": "1",
      },
      body: new Uint8Array(0),
    });
    expect(upload.status).toBe(400);
    expect((await upload.json()).error.code).toBe("invalid_request");
  });
});

describe("writeFile's base64 content (Schemathesis: a schema-valid body answered 400)", () => {
  const write = (content: string) => ({ path: "a.bin", content, encoding: "base64" });
  // What the fake decodes, padded or not, and what it refuses.
  const decodable = ["", "AA", "AAA", "AAAA", "AA==", "AAA=", "aGVsbG8=", "aGVsbG8", "+/+/"];
  const refused = ["\u00af\u0010", "A", "AAAAA", "A===", "AA=", "AA= ", "AA\nAA", "-_-_"];

  it("is in the contract's schema exactly when the fake decodes it", () => {
    const schema = resolveRef("#/components/schemas/WriteFileRequest");
    for (const content of decodable) expect(isValid(schema, write(content)), content).toBe(true);
    for (const content of refused) expect(isValid(schema, write(content)), content).toBe(false);
    // utf8 content is any string.
    expect(isValid(schema, { path: "a.txt", content: "\u00af\u0010" })).toBe(true);
  });

  it("that isn't base64 is 400 invalid_request from the fake, one that is is written", async () => {
    const created = await api("/v1/sandboxes", { method: "POST" });
    const { id } = await created.json();
    const put = (body: object) =>
      api(`/v1/sandboxes/${id}/files/content`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const content of refused) {
      const res = await put(write(content));
      expect(res.status, JSON.stringify(content)).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_request");
    }
    for (const content of decodable) {
      const res = await put(write(content));
      expect(res.status, JSON.stringify(content)).toBe(200);
    }
  });
});
