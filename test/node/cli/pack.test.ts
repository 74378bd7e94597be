// cli/pack.ts in-process: what a directory packs to (read back with the
// fake's own extractor), .gitignore semantics, and the size limit.
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTarDecoder } from "modern-tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largestEntries, packDirectory } from "../../../cli/pack.ts";
import { extractTarGz } from "../../../fake/services/workspace-runs/tar.ts";
import { noise } from "./helpers/harness.ts";

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "crownest-pack-"));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function tree(files: Record<string, string | Uint8Array>, base?: string): Promise<string> {
  const dir = base ?? (await mkdtemp(join(work, "t-")));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const files = (r: { entries: { path: string; type: string }[] }) =>
  r.entries.filter((e) => e.type === "file").map((e) => e.path);

describe("packDirectory", () => {
  it("makes a .tar.gz the fake extracts to the same files, modes and links", async () => {
    const dir = await tree({ "bin/run.sh": "#!/bin/sh\necho hi\n", "data/a.txt": "a" });
    await mkdir(join(dir, "empty"));
    await chmod(join(dir, "bin/run.sh"), 0o755);
    await symlink("../data/a.txt", join(dir, "bin/a-link"));
    const packed = await packDirectory(dir);
    expect(packed.bytes).not.toBeNull();
    expect(packed.sizeBytes).toBe(packed.bytes?.byteLength);
    const extracted = await extractTarGz(packed.bytes as Uint8Array);
    expect(extracted.entries.map((e) => `${e.type} ${e.path}`)).toEqual([
      "directory bin",
      "file bin/run.sh",
      "directory data",
      "file data/a.txt",
      "directory empty",
    ]);
    expect(extracted.skipped).toEqual([{ path: "bin/a-link", type: "symlink" }]);
    const modes = new Map<string, number | undefined>();
    const gunzipped = new Blob([packed.bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream("gzip"))
      .pipeThrough(createTarDecoder());
    const reader = gunzipped.getReader();
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      modes.set(next.value.header.name, next.value.header.mode);
      await next.value.body.cancel();
    }
    expect(modes.get("bin/run.sh")).toBe(0o755);
    expect(packed.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("honours nested .gitignore files: deeper rules win, ! re-includes, ignored dirs are not entered", async () => {
    const dir = await tree({
      ".gitignore": "*.log\ncache/\n/top-only.txt\n",
      "a.log": "",
      "top-only.txt": "",
      "sub/top-only.txt": "",
      "sub/.gitignore": "!important.log\nnotes.txt\n",
      "sub/important.log": "",
      "sub/other.log": "",
      "sub/notes.txt": "",
      "sub/cache/x": "",
      "cache/y": "",
      "keep.md": "",
    });
    const packed = await packDirectory(dir);
    expect(files(packed)).toEqual([
      ".gitignore",
      "keep.md",
      "sub/.gitignore",
      "sub/important.log",
      "sub/top-only.txt",
    ]);
    const all = await packDirectory(dir, { gitignore: false });
    expect(files(all)).toHaveLength(11);
  });

  it("uses the work tree's rules above DIR, unless they ignore DIR itself", async () => {
    const repo = await tree({
      ".git/info/exclude": "*.secret\n",
      ".gitignore": "dist/\n*.tmp\n",
      "pkg/.gitignore": "!keep.tmp\n",
      "pkg/app/a.js": "",
      "pkg/app/b.tmp": "",
      "pkg/app/keep.tmp": "",
      "pkg/app/c.secret": "",
      "dist/bundle.js": "",
      "dist/map.tmp": "",
    });
    expect(files(await packDirectory(join(repo, "pkg/app")))).toEqual(["a.js", "keep.tmp"]);
    // `dist` is ignored by the root .gitignore, but you named it: packed without the parents' rules.
    expect(files(await packDirectory(join(repo, "dist")))).toEqual(["bundle.js", "map.tmp"]);
  });

  it("keeps the archive under maxBytes, and measures past it up to the measuring limit", async () => {
    const dir = await tree({
      "a.bin": noise(40_000, 1),
      "b/c.bin": noise(30_000, 2),
      "d.txt": "d",
    });
    const over = await packDirectory(dir, { maxBytes: 50_000 });
    expect(over.bytes).toBeNull();
    expect(over.sha256).toBeNull();
    expect(over.complete).toBe(true);
    expect(over.sizeBytes).toBeGreaterThan(70_000);
    expect(largestEntries(over)).toEqual([
      { path: "a.bin", size: 40_000 },
      { path: "b/", size: 30_000 },
      { path: "d.txt", size: 1 },
    ]);
    const cut = await packDirectory(dir, { maxBytes: 10_000, measureLimitBytes: 20_000 });
    expect(cut.complete).toBe(false);
    expect(cut.bytes).toBeNull();
    expect(cut.sizeBytes).toBeGreaterThan(20_000);
    const fits = await packDirectory(dir, { maxBytes: 80_000 });
    expect(fits.bytes?.byteLength).toBe(fits.sizeBytes);
  });

  it("reports progress up to every file and byte", async () => {
    const dir = await tree({ "a.bin": noise(600_000, 4), "b.txt": "bb" });
    const seen: { files: number; bytesRead: number }[] = [];
    const packed = await packDirectory(dir, { onProgress: (p) => seen.push(p) });
    expect(seen[0]).toMatchObject({ files: 0, totalFiles: 2, bytesRead: 0, totalBytes: 600_002 });
    expect(seen.at(-1)).toMatchObject({
      files: 2,
      bytesRead: 600_002,
      compressedBytes: packed.sizeBytes,
    });
    expect(seen.length).toBeGreaterThan(3);
  });

  it("refuses a file or a missing directory, saying which", async () => {
    const dir = await tree({ "f.txt": "x" });
    await expect(packDirectory(join(dir, "f.txt"))).rejects.toMatchObject({
      code: "not_a_directory",
      message: `${join(dir, "f.txt")} is a file, not a directory`,
    });
    await expect(packDirectory(join(dir, "nope"))).rejects.toMatchObject({
      code: "directory_not_found",
      message: `the directory ${join(dir, "nope")} does not exist`,
    });
  });
});
