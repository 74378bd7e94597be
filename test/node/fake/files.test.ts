// Files over HTTP: the in-memory tree under /workspace, the 256 KiB direct
// cap, encodings, every error code, download URLs, and a property: no path
// ever escapes /workspace.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Vfs } from "../../../fake/core/vfs.ts";
import { createClock } from "../../../fake/index.ts";
import { createTestFake } from "../../helpers/test-fake.ts";

async function setup(options = {}) {
  const t = createTestFake(options);
  const sandbox = (await t.call("POST", "/v1/sandboxes", { body: {} })).json;
  const base = `/v1/sandboxes/${sandbox.id}`;
  const q = (path: string) => encodeURIComponent(path);
  const write = (path: string, content: string, extra: Record<string, unknown> = {}) =>
    t.call("PUT", `${base}/files/content`, { body: { path, content, ...extra } });
  const read = (path: string, encoding?: string) =>
    t.call(
      "GET",
      `${base}/files/content?path=${q(path)}${encoding ? `&encoding=${encoding}` : ""}`,
    );
  return { ...t, sandbox, base, q, write, read };
}

describe("write and read", () => {
  it("round-trips UTF-8 and returns the stat record", async () => {
    const { write, read } = await setup();
    const written = await write("notes/ü.txt", "héllo ✓", { createParents: true });
    expect(written.status).toBe(200);
    expect(written.json).toEqual({
      path: "/workspace/notes/ü.txt",
      name: "ü.txt",
      type: "file",
      sizeBytes: new TextEncoder().encode("héllo ✓").length,
      modifiedAt: "2026-01-01T00:00:00.000Z",
    });
    const got = await read("/workspace/notes/ü.txt");
    expect(got.json).toEqual({
      path: "/workspace/notes/ü.txt",
      content: "héllo ✓",
      encoding: "utf8",
      sizeBytes: written.json.sizeBytes,
    });
  });

  it("round-trips binary through base64; invalid UTF-8 read as utf8 is invalid_request", async () => {
    const { write, read } = await setup();
    const bytes = Uint8Array.from([0, 255, 254, 10, 128]);
    const b64 = Buffer.from(bytes).toString("base64");
    expect((await write("bin.dat", b64, { encoding: "base64" })).json.sizeBytes).toBe(5);
    expect((await read("bin.dat", "base64")).json.content).toBe(b64);
    const asText = await read("bin.dat");
    expect(asText.status).toBe(400);
    expect(asText.json.error.code).toBe("invalid_request");
    const bad = await write("x", "not base64!", { encoding: "base64" });
    expect(bad.json.error.code).toBe("invalid_request");
  });

  it("takes base64 with or without padding, and nothing else: whitespace, a lone char, extra '='", async () => {
    const { write, read } = await setup();
    for (const ok of ["QQ==", "QQ"]) {
      const res = await write("a", ok, { encoding: "base64" });
      expect(res.status, ok).toBe(200);
      expect((await read("a")).json.content).toBe("A");
    }
    for (const bad of ["QQ==\n", "Q Q==", "A", "QQ==="]) {
      const res = await write("b", bad, { encoding: "base64" });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.error).toMatchObject({
        code: "invalid_request",
        message: expect.any(String),
      });
    }
    expect((await read("b")).json.error.code).toBe("not_found");
  });

  it("keeps a UTF-8 byte order mark: it is content, read back as utf8 and as base64", async () => {
    const { write, read } = await setup();
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]);
    await write("bom.txt", Buffer.from(bytes).toString("base64"), { encoding: "base64" });
    expect((await read("bom.txt")).json).toMatchObject({ content: "\uFEFFhi", sizeBytes: 5 });
    expect((await write("bom2.txt", "\uFEFFhi")).json.sizeBytes).toBe(5);
    expect((await read("bom2.txt", "base64")).json.content).toBe(
      Buffer.from(bytes).toString("base64"),
    );
  });

  it("caps direct content at 262144 decoded bytes (413 file_too_large)", async () => {
    const { write, read } = await setup();
    expect((await write("max.txt", "x".repeat(262_144))).status).toBe(200);
    expect((await read("max.txt")).json.sizeBytes).toBe(262_144);
    const over = await write("over.txt", "x".repeat(262_145));
    expect(over.status).toBe(413);
    expect(over.json.error).toMatchObject({ code: "file_too_large", details: { limit: 262_144 } });
    const b64 = Buffer.alloc(262_145, 1).toString("base64");
    expect((await write("over.bin", b64, { encoding: "base64" })).status).toBe(413);
    const multibyte = await write("wide.txt", "é".repeat(131_073));
    expect(multibyte.status).toBe(413);
  });

  it("refuses to read a bigger file directly, but its download URL serves it", async () => {
    const { fake, call, base, sandbox, read } = await setup();
    const big = new Uint8Array(300_000).fill(65);
    fake.context.sandboxes.vfs(sandbox.id).writeFile("/workspace/big.txt", big);
    const direct = await read("big.txt");
    expect(direct.status).toBe(413);
    const url = await call("POST", `${base}/files/download-url`, { body: { path: "big.txt" } });
    const got = await call("GET", url.json.url);
    expect(got.bytes.length).toBe(300_000);
  });

  it("needs parents unless createParents; overwrite: false refuses an existing file", async () => {
    const { write } = await setup();
    const missing = await write("a/b/c.txt", "x");
    expect(missing.status).toBe(404);
    expect((await write("a/b/c.txt", "1", { createParents: true })).status).toBe(200);
    expect((await write("a/b/c.txt", "2")).status).toBe(200);
    const keep = await write("a/b/c.txt", "3", { overwrite: false });
    expect(keep.status).toBe(409);
    expect(keep.json.error.code).toBe("already_exists");
    const underFile = await write("a/b/c.txt/d", "x", { createParents: true });
    expect(underFile.json.error.code).toBe("not_a_directory");
    expect((await write("a", "x")).json.error.code).toBe("is_a_directory");
    expect((await write("/workspace", "x")).json.error.code).toBe("is_a_directory");
  });

  it("reads errors: missing file 404, directory is_a_directory", async () => {
    const { read, write } = await setup();
    expect((await read("nope.txt")).status).toBe(404);
    await write("d/f", "x", { createParents: true });
    const dir = await read("d");
    expect(dir.status).toBe(400);
    expect(dir.json.error.code).toBe("is_a_directory");
  });

  it("validates the body and query (missing path, bad encoding)", async () => {
    const { call, base } = await setup();
    expect((await call("GET", `${base}/files/content`)).json.error.code).toBe("invalid_request");
    expect((await call("GET", `${base}/files/content?path=a&encoding=utf16`)).status).toBe(400);
    const noContent = await call("PUT", `${base}/files/content`, { body: { path: "a" } });
    expect(noContent.json.error.details.issues[0].path).toBe("/body");
  });
});

describe("list, stat, mkdir, move, delete", () => {
  it("lists a directory sorted by name; a file is not_a_directory", async () => {
    const { call, base, write, q } = await setup();
    for (const name of ["b.txt", "a.txt", "C.txt", "dir/x"]) {
      await write(name, name, { createParents: true });
    }
    const root = await call("GET", `${base}/files`);
    expect(root.json.data.map((s: { name: string }) => s.name)).toEqual([
      "C.txt",
      "a.txt",
      "b.txt",
      "dir",
    ]);
    expect(root.json.data[3]).toMatchObject({
      path: "/workspace/dir",
      type: "directory",
      sizeBytes: 0,
    });
    const sub = await call("GET", `${base}/files?path=${q("dir")}`);
    expect(sub.json.data.map((s: { path: string }) => s.path)).toEqual(["/workspace/dir/x"]);
    const file = await call("GET", `${base}/files?path=a.txt`);
    expect(file.status).toBe(400);
    expect(file.json.error.code).toBe("not_a_directory");
    expect((await call("GET", `${base}/files?path=none`)).status).toBe(404);
  });

  it("stats files and directories, 404 for nothing", async () => {
    const { call, base, write, fake } = await setup();
    await fake.clock.advance(2000);
    await write("s.txt", "abc");
    const stat = await call("GET", `${base}/files/stat?path=s.txt`);
    expect(stat.json).toEqual({
      path: "/workspace/s.txt",
      name: "s.txt",
      type: "file",
      sizeBytes: 3,
      modifiedAt: "2026-01-01T00:00:02.000Z",
    });
    const root = await call("GET", `${base}/files/stat?path=/workspace`);
    expect(root.json).toMatchObject({ path: "/workspace", name: "workspace", type: "directory" });
    expect((await call("GET", `${base}/files/stat?path=x`)).status).toBe(404);
  });

  it("makes directories like mkdir and mkdir -p", async () => {
    const { call, base, write } = await setup();
    const mk = (path: string, parents?: boolean) =>
      call("POST", `${base}/files/mkdir`, { body: { path, parents } });
    expect((await mk("a/b")).status).toBe(404);
    expect((await mk("a/b", true)).json).toMatchObject({
      path: "/workspace/a/b",
      type: "directory",
    });
    expect((await mk("a/b", true)).status).toBe(200);
    expect((await mk("a/b")).json.error.code).toBe("already_exists");
    await write("f", "x");
    expect((await mk("f", true)).json.error.code).toBe("already_exists");
    expect((await mk("f/g", true)).json.error.code).toBe("not_a_directory");
  });

  it("moves and renames; never over a directory; overwrite only when asked", async () => {
    const { call, base, write, read } = await setup();
    const mv = (fromPath: string, toPath: string, overwrite?: boolean) =>
      call("POST", `${base}/files/move`, { body: { fromPath, toPath, overwrite } });
    await write("a.txt", "A");
    await write("b.txt", "B");
    await write("d/inner.txt", "I", { createParents: true });
    const renamed = await mv("a.txt", "d/a2.txt");
    expect(renamed.json).toMatchObject({
      path: "/workspace/d/a2.txt",
      name: "a2.txt",
      sizeBytes: 1,
    });
    expect((await read("a.txt")).status).toBe(404);
    expect((await mv("b.txt", "d/a2.txt")).json.error.code).toBe("already_exists");
    expect((await mv("b.txt", "d/a2.txt", true)).status).toBe(200);
    expect((await read("d/a2.txt")).json.content).toBe("B");
    await write("c.txt", "C");
    const overDir = await mv("c.txt", "d", true);
    expect(overDir.json.error.code).toBe("already_exists");
    const intoItself = await mv("d", "d/sub/d");
    expect(intoItself.status).toBe(400);
    expect(intoItself.json.error.code).toBe("invalid_request");
    expect((await mv("d", "e")).json).toMatchObject({ path: "/workspace/e", type: "directory" });
    expect((await read("e/inner.txt")).json.content).toBe("I");
    expect((await mv("nope", "x")).status).toBe(404);
    expect((await mv("c.txt", "missing/c.txt")).status).toBe(404);
    expect((await mv("/workspace", "x")).json.error.code).toBe("invalid_request");
  });

  it("deletes files and empty directories only", async () => {
    const { call, base, write, q } = await setup();
    const del = (path: string) => call("DELETE", `${base}/files?path=${q(path)}`);
    await write("d/f.txt", "x", { createParents: true });
    const notEmpty = await del("d");
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.json.error.code).toBe("directory_not_empty");
    const gone = await del("d/f.txt");
    expect(gone.status).toBe(204);
    expect(gone.text).toBe("");
    expect((await del("d")).status).toBe(204);
    expect((await del("d")).status).toBe(404);
    const root = await del("/workspace");
    expect(root.status).toBe(400);
    expect(root.json.error.code).toBe("invalid_request");
    expect((await call("DELETE", `${base}/files`)).json.error.code).toBe("invalid_request");
  });

  it("refuses everything on a destroyed sandbox with sandbox_destroyed (its disk is gone)", async () => {
    const { call, base, sandbox, write, read } = await setup();
    await write("f", "x");
    await call("DELETE", `/v1/sandboxes/${sandbox.id}`);
    for (const res of [
      await read("f"),
      await write("f", "y"),
      await call("GET", `${base}/files`),
      await call("GET", `${base}/files/stat?path=f`),
      await call("POST", `${base}/files/mkdir`, { body: { path: "m" } }),
      await call("POST", `${base}/files/download-url`, { body: { path: "f" } }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("sandbox_destroyed");
    }
  });
});

describe("file download URLs", () => {
  it("serves the bytes as they were when the URL was made, with the API key, for 15 minutes", async () => {
    const { fake, call, base, write } = await setup();
    await write("r.txt", "first");
    const url = await call("POST", `${base}/files/download-url`, { body: { path: "r.txt" } });
    expect(url.json).toMatchObject({
      method: "GET",
      headers: {},
      authMode: "api_key",
      expiresAt: "2026-01-01T00:15:00.000Z",
    });
    expect(url.json.url.startsWith(`${fake.baseUrl}/v1/file-downloads/`)).toBe(true);
    await write("r.txt", "second");
    const got = await call("GET", url.json.url);
    expect(got.text).toBe("first");
    expect(got.headers.get("content-type")).toBe("application/octet-stream");
    expect(got.headers.get("content-length")).toBe("5");
    expect((await call("GET", url.json.url, { apiKey: null })).status).toBe(401);
    await fake.clock.advance(15 * 60 * 1000);
    const expired = await call("GET", url.json.url);
    expect(expired.status).toBe(403);
    expect(expired.json.error.code).toBe("url_expired");
  });

  it("refuses a tampered token (invalid_signature), another project's key (404), a directory", async () => {
    const { fake, call, base, write } = await setup({
      projects: [{ id: "prj_a" }, { id: "prj_b" }],
    });
    await write("r.txt", "data");
    const url = (await call("POST", `${base}/files/download-url`, { body: { path: "r.txt" } })).json
      .url;
    const token = url.slice(url.lastIndexOf("/") + 1);
    const [body, sig] = token.split(".");
    const flipped = `${body}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
    const tampered = await call("GET", url.replace(token, flipped));
    expect(tampered.status).toBe(403);
    expect(tampered.json.error.code).toBe("invalid_signature");
    const forged = await call(
      "GET",
      url.replace(token, `${btoa('{"kind":"file","ref":"x","exp":9e15}')}.${sig}`),
    );
    expect(forged.json.error.code).toBe("invalid_signature");
    const otherKey = fake.createApiKey({ projectIds: ["prj_b"] });
    expect((await call("GET", url, { apiKey: otherKey })).status).toBe(404);
    await call("POST", `${base}/files/mkdir`, { body: { path: "dir" } });
    const dir = await call("POST", `${base}/files/download-url`, { body: { path: "dir" } });
    expect(dir.json.error.code).toBe("is_a_directory");
  });
});

// ---- paths never escape /workspace --------------------------------------------------

const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/).filter((s) => s !== "." && s !== "..");

/** Paths that leave /workspace, in every form the contract names. */
const escapes: fc.Arbitrary<string> = fc.oneof(
  // `..` chains that climb above the root
  fc
    .tuple(fc.array(segment, { maxLength: 3 }), fc.integer({ min: 1, max: 4 }), segment)
    .map(([down, extra, tail]) =>
      [...down, ...Array(down.length + extra).fill(".."), tail].join("/"),
    ),
  fc
    .tuple(fc.array(segment, { maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
    .map(
      ([down, extra]) =>
        `/workspace/${[...down, ...Array(down.length + extra).fill("..")].join("/")}`,
    ),
  // absolute paths elsewhere
  fc.array(segment, { maxLength: 3 }).map((segs) => `/${["etc", ...segs].join("/")}`),
  fc.constantFrom("/", "/tmp", "/root/.ssh/id_rsa", "//etc/passwd", "/workspace/../x"),
  // siblings with the root as a prefix
  fc
    .tuple(fc.constantFrom("2", "s", "-old", ".bak", "_x"), fc.array(segment, { maxLength: 2 }))
    .map(([suffix, segs]) => [`/workspace${suffix}`, ...segs].join("/")),
  // percent-encoded dots, slashes, backslashes, NUL
  fc
    .tuple(
      fc.constantFrom("%2e%2e", "%2E%2E", "..%2f..", "%2e%2e%2fetc", "a%5c..%5c..", "a%00b"),
      segment,
    )
    .map(([enc, tail]) => `${enc}/${tail}`),
  // backslash forms
  fc
    .tuple(fc.constantFrom("..\\", "\\workspace\\..\\", "a\\..\\..\\", "\\"), segment)
    .map(([prefix, tail]) => `${prefix}${tail}`),
  // NUL anywhere
  fc.tuple(segment, segment).map(([a, b]) => `${a}\u0000${b}`),
);

describe("path_outside_workspace", () => {
  it("Vfs.resolve refuses every escape (property)", () => {
    const vfs = new Vfs(createClock("manual"));
    fc.assert(
      fc.property(escapes, (path) => {
        expect(() => vfs.resolve(path)).toThrow(
          expect.objectContaining({ code: "path_outside_workspace", status: 400 }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("Vfs.resolve keeps every path that stays inside under /workspace (property)", () => {
    const vfs = new Vfs(createClock("manual"));
    const step = fc.oneof(segment, fc.constant("."), fc.constant(".."), fc.constant(""));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.boolean(), (steps, absolute) => {
        let depth = 0;
        let ok = true;
        for (const s of steps) {
          if (s === "..") depth--;
          else if (s !== "." && s !== "") depth++;
          if (depth < 0) ok = false;
        }
        fc.pre(ok);
        // A relative path must not start with "/" (that would be absolute, elsewhere).
        const path = absolute
          ? `/workspace/${steps.join("/")}`
          : steps.join("/").replace(/^\/+/, "");
        const resolved = vfs.resolve(path || ".");
        expect(resolved === "/workspace" || resolved.startsWith("/workspace/")).toBe(true);
        expect(resolved).not.toMatch(/\/\.{1,2}(\/|$)|\/\/|\/$/);
      }),
      { numRuns: 500 },
    );
  });

  it("every file operation answers 400 path_outside_workspace for escapes (property, over HTTP)", async () => {
    const { call, base, q } = await setup();
    await fc.assert(
      fc.asyncProperty(escapes, async (path) => {
        const responses = [
          await call("GET", `${base}/files/stat?path=${q(path)}`),
          await call("GET", `${base}/files/content?path=${q(path)}`),
          await call("PUT", `${base}/files/content`, { body: { path, content: "x" } }),
          await call("POST", `${base}/files/move`, { body: { fromPath: "a", toPath: path } }),
        ];
        for (const res of responses) {
          expect(res.status).toBe(400);
          expect(res.json.error.code).toBe("path_outside_workspace");
        }
      }),
      { numRuns: 60 },
    );
  });
});
