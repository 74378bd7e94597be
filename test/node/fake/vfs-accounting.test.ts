// The sandbox file tree's byte accounting and refusals, as a program and the
// API see them: a move onto a file frees the replaced bytes, a restored
// snapshot counts its files, the two "disk full" messages, and the refusals
// of the workspace root itself. Small plan limits, so nothing allocates much.
import { describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { setup } from "./helpers/process.ts";

const LIMIT = 40_000;

describe("the workspace's byte accounting", () => {
  it("a move onto an existing file frees the replaced file's bytes", async () => {
    const f = await setup({ plan: { maxWorkspaceBytes: LIMIT } });
    await f.writeFile("big", "a".repeat(24_000));
    await f.writeFile("small", "b".repeat(6_000));
    const moved = await f.call("POST", `/v1/sandboxes/${f.sandboxId}/files/move`, {
      body: { fromPath: "small", toPath: "big", overwrite: true },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(f.fake.context.sandboxes.vfs(f.sandboxId).usedBytes).toBe(6_000);
    // 6,000 + 30,000 fits; had the replaced 24,000 bytes stayed counted, it wouldn't.
    await f.writeFile("more", "c".repeat(30_000));
  });

  it("a fake restored from a snapshot counts the files it restored", async () => {
    const f = await setup({ plan: { maxWorkspaceBytes: LIMIT } });
    await f.writeFile("kept", "k".repeat(30_000));
    const restored = createFake({
      state: f.fake.snapshot(),
      plan: { maxWorkspaceBytes: LIMIT },
    });
    expect(restored.context.sandboxes.vfs(f.sandboxId).usedBytes).toBe(30_000);
    const res = await restored.fetch(
      new Request(`${restored.baseUrl}/v1/sandboxes/${f.sandboxId}/files/content`, {
        method: "PUT",
        headers: { authorization: `Bearer ${restored.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ path: "more", content: "m".repeat(20_000) }),
      }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({
      code: "file_too_large",
      message: "No space left on device",
      details: { reason: "workspace", limit: LIMIT },
    });
  });
});

describe("writes past a limit", () => {
  it("past maxFileBytes: 'File too large'; past the workspace: 'No space left on device'", async () => {
    const f = await setup({ plan: { maxFileBytes: 10_000 } });
    await f.writeFile("a", "y".repeat(8_000));
    const file = await f.run("cat a a > b");
    expect(file.json.stderr).toBe("cat: write error: File too large\n");
    const put = await f.call("PUT", `/v1/sandboxes/${f.sandboxId}/files/content`, {
      body: { path: "big", content: "y".repeat(12_000) },
    });
    expect(put.json.error).toMatchObject({
      code: "file_too_large",
      message: "File too large",
      details: { reason: "file", limit: 10_000 },
    });
    const g = await setup({ plan: { maxFileBytes: 10_000, maxWorkspaceBytes: 20_000 } });
    await g.writeFile("a", "y".repeat(8_000));
    const disk = await g.run("cat a > d; cat a > e");
    expect(disk.json.stderr).toBe("cat: write error: No space left on device\n");
  });
});

describe("the workspace root itself", () => {
  it("can't be moved, written or have a file written over it", async () => {
    const f = await setup();
    const base = `/v1/sandboxes/${f.sandboxId}/files`;
    const move = await f.call("POST", `${base}/move`, {
      body: { fromPath: "/workspace", toPath: "elsewhere" },
    });
    expect(move.status).toBe(400);
    expect(move.json.error.code).toBe("invalid_request");
    expect(move.json.error.message).toBe("/workspace itself can't be moved");

    const root = await f.call("PUT", `${base}/content`, {
      body: { path: "/workspace", content: "x" },
    });
    expect(root.json.error).toMatchObject({
      code: "is_a_directory",
      message: "/workspace is a directory",
    });
    expect((await f.call("POST", `${base}/mkdir`, { body: { path: "dir" } })).status).toBe(200);
    const dir = await f.call("PUT", `${base}/content`, { body: { path: "dir", content: "x" } });
    expect(dir.json.error).toMatchObject({
      code: "is_a_directory",
      message: "/workspace/dir is a directory",
    });
  });
});
