import type { TarEntry } from "modern-tar";
import { describe, expect, it } from "vitest";
import {
  allEvents,
  archiveProgress,
  dataOf,
  setup,
  startedRun,
  type T,
  terminalOf,
} from "./helpers/workspace-runs.ts";

const dir = (name: string): TarEntry => ({ header: { name, type: "directory", size: 0 } });

async function ls(t: T, sandboxId: string | null, path: string): Promise<string[]> {
  const res = await t.call("GET", `/v1/sandboxes/${sandboxId}/files?path=${path}`);
  expect(res.status, res.text).toBe(200);
  return res.json.data.map((e: { name: string; type: string }) => `${e.name}:${e.type}`);
}

async function read(t: T, sandboxId: string | null, path: string): Promise<string> {
  const res = await t.call("GET", `/v1/sandboxes/${sandboxId}/files/content?path=${path}`);
  expect(res.status, res.text).toBe(200);
  return res.json.content;
}

describe("workspace runs: what extraction writes", () => {
  it("writes over the files of a given sandbox, and a later entry over an earlier one", async () => {
    const t = setup();
    const sandboxId = (await t.call("POST", "/v1/sandboxes", { body: {} })).json.id;
    await t.call("PUT", `/v1/sandboxes/${sandboxId}/files/content`, {
      body: { path: "a.txt", content: "old" },
    });
    const run = await startedRun(
      t,
      { "a.txt": "new" },
      { command: "true", sandboxId, keepSandbox: true },
      [
        { header: { name: "b.txt", size: 5 }, body: "first" },
        { header: { name: "b.txt", size: 4 }, body: "last" },
      ],
    );
    const events = dataOf(await allEvents(t, run.id));
    expect(events.at(-1)?.workspaceRun).toMatchObject({ status: "succeeded" });
    expect(await read(t, sandboxId, "a.txt")).toBe("new");
    expect(await read(t, sandboxId, "b.txt")).toBe("last");
  });

  it("creates directory entries, empty ones and ones whose parents have no entry", async () => {
    const t = setup();
    const run = await startedRun(t, {}, { command: "true", keepSandbox: true }, [
      dir("./"),
      dir("./src/"),
      { header: { name: "./src/main.py", size: 2 }, body: "hi" },
      dir("./empty/"),
      dir("./a/b/c/"),
    ]);
    const events = dataOf(await allEvents(t, run.id));
    expect(events.at(-1)?.workspaceRun).toMatchObject({
      status: "succeeded",
      archive: { extractedFiles: 1 },
    });
    // "./" is the root itself: no entry, no progress event of its own.
    expect(
      events.filter((e) => e.type === "archive_progress").map((e) => [e.phase, e.filesExtracted]),
    ).toEqual([
      ["verifying", 0],
      ["extracting", 0],
      ["extracted", 1],
    ]);
    expect(await ls(t, run.sandboxId, "/workspace")).toEqual([
      "a:directory",
      "empty:directory",
      "src:directory",
    ]);
    expect(await ls(t, run.sandboxId, "empty")).toEqual([]);
    expect(await ls(t, run.sandboxId, "a")).toEqual(["b:directory"]);
    expect(await ls(t, run.sandboxId, "a/b")).toEqual(["c:directory"]);
    expect(await ls(t, run.sandboxId, "a/b/c")).toEqual([]);
    expect(await read(t, run.sandboxId, "src/main.py")).toBe("hi");
  });

  it("reports extracting progress once per 100 files, not again for each directory entry", async () => {
    const t = setup();
    const files = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`src/f${i}.txt`, `file ${i}\n`]),
    );
    const run = await startedRun(t, files, { command: "true" }, [
      dir("docs/"),
      dir("docs/a/"),
      dir("docs/b/"),
    ]);
    const progress = await archiveProgress(t, run.id);
    expect(progress.map((e) => [e.phase, e.filesExtracted])).toEqual([
      ["verifying", 0],
      ["extracting", 0],
      ["extracting", 100],
      ["extracted", 100],
    ]);
  });

  it("creates the missing parents of a file that has no directory entries", async () => {
    const t = setup();
    const run = await startedRun(
      t,
      { "src/deep/x.txt": "deep" },
      { command: "true", keepSandbox: true },
    );
    const final = terminalOf(await allEvents(t, run.id));
    expect(final).toMatchObject({ status: "succeeded", error: null });
    expect(await ls(t, run.sandboxId, "src")).toEqual(["deep:directory"]);
    expect(await read(t, run.sandboxId, "src/deep/x.txt")).toBe("deep");
  });

  it("skips links that stay inside and FIFOs, and extracts the rest", async () => {
    const t = setup();
    const run = await startedRun(
      t,
      { "a/real.txt": "real" },
      { command: "true", keepSandbox: true },
      [
        { header: { name: "a/link", type: "symlink", linkname: "real.txt", size: 0 } },
        { header: { name: "pipe", type: "fifo", size: 0 } },
      ],
    );
    const final = terminalOf(await allEvents(t, run.id));
    expect(final).toMatchObject({ status: "succeeded", archive: { extractedFiles: 1 } });
    expect(await ls(t, run.sandboxId, "/workspace")).toEqual(["a:directory"]);
    expect(await ls(t, run.sandboxId, "a")).toEqual(["real.txt:file"]);
  });
});

describe("workspace runs: extraction the sandbox refuses", () => {
  it("fails with file_too_large for an entry over the plan's maxFileBytes, writing nothing", async () => {
    const t = setup({ plan: { maxFileBytes: 1000 } });
    const run = await startedRun(
      t,
      { "ok.txt": "fine", "big.bin": "x".repeat(1001) },
      { command: "true", keepSandbox: true },
    );
    const final = terminalOf(await allEvents(t, run.id));
    expect(final).toMatchObject({
      status: "failed",
      exitCode: null,
      error: { code: "file_too_large" },
      archive: { extractedFiles: null },
    });
    expect(await ls(t, run.sandboxId, "/workspace")).toEqual([]);
  });

  it("fails with invalid_archive naming the entry when a file's path runs through another file", async () => {
    const t = setup();
    const run = await startedRun(
      t,
      { a: "file", "a/b": "under a file" },
      {
        command: "true",
        keepSandbox: true,
      },
    );
    const final = terminalOf(await allEvents(t, run.id));
    expect(final).toMatchObject({ status: "failed", error: { code: "invalid_archive" } });
    expect(final.error?.message).toMatch(/^entry a\/b conflicts: ./);
    expect(await ls(t, run.sandboxId, "/workspace")).toEqual([]);
  });
});
