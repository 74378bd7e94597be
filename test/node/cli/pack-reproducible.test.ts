// Reproducible archives: one tree packs to the same bytes on Node, Deno and
// Bun (the built CLI's `run --dry-run`), whatever the files' mtimes, owners and
// permission bits other than the owner's executable bit.
import { spawn } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTarDecoder } from "modern-tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARCHIVE_MTIME, packDirectory } from "../../../cli/pack.ts";
import { bin, ensureBuilt, noise, root, SUBPROCESS_TIMEOUT_MS } from "./helpers/harness.ts";

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "crownest-repro-"));
  await ensureBuilt();
}, 120_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A tree with nested dirs, an executable, a symlink and a file bigger than deflate's pieces. */
async function sampleTree(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(join(dir, "src/lib"), { recursive: true });
  await mkdir(join(dir, "empty"));
  await writeFile(join(dir, "README.md"), "# sample\n");
  await writeFile(join(dir, "src/main.py"), "print('hi')\n".repeat(500));
  await writeFile(join(dir, "src/lib/blob.bin"), noise(200_000, 7));
  await writeFile(join(dir, "run.sh"), "#!/bin/sh\necho ok\n");
  await chmod(join(dir, "run.sh"), 0o755);
  await symlink("src/main.py", join(dir, "main-link"));
  return dir;
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCollect(command: string, args: string[]): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    for (const k of Object.keys(env)) if (k.startsWith("CROWNEST_")) delete env[k];
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (d) => {
      out.stdout += d;
    });
    child.stderr.on("data", (d) => {
      out.stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), SUBPROCESS_TIMEOUT_MS - 5_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, ...out });
    });
  });
}

const runtimes: Record<string, (dir: string) => [string, string[]]> = {
  node: (dir) => [process.execPath, [bin, "run", dir, "--dry-run", "--json"]],
  deno: (dir) => [
    join(root, "node_modules/.bin/deno"),
    ["run", "--no-prompt", "--allow-read", "--allow-env", bin, "run", dir, "--dry-run", "--json"],
  ],
  bun: (dir) => [join(root, "node_modules/.bin/bun"), [bin, "run", dir, "--dry-run", "--json"]],
};

async function digestOn(runtime: string, dir: string): Promise<string> {
  const [command, args] = (runtimes[runtime] as (d: string) => [string, string[]])(dir);
  const r = await spawnCollect(command, args);
  expect(r.code, `${runtime}: ${r.stderr}`).toBe(0);
  const doc = JSON.parse(r.stdout) as { sha256: string; fileCount: number };
  expect(doc.fileCount).toBe(4);
  return doc.sha256;
}

describe("reproducible archives", () => {
  it(
    "packs one tree to the same sha256 on Node, Deno and Bun",
    async () => {
      const dir = await sampleTree("runtimes");
      const digests: Record<string, string> = {};
      for (const runtime of Object.keys(runtimes)) digests[runtime] = await digestOn(runtime, dir);
      expect(digests.node).toMatch(/^[0-9a-f]{64}$/);
      expect(digests).toEqual({ node: digests.node, deno: digests.node, bun: digests.node });
    },
    SUBPROCESS_TIMEOUT_MS * 3,
  );

  it(
    "keeps the digest when a file is touched, and --dry-run prints it",
    async () => {
      const dir = await sampleTree("touched");
      const before = await spawnCollect(process.execPath, [bin, "run", dir, "--dry-run"]);
      expect(before.code).toBe(0);
      const digest = /sha256 ([0-9a-f]{64})/.exec(before.stderr)?.[1];
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      const past = new Date("2001-02-03T04:05:06Z");
      await utimes(join(dir, "README.md"), past, past);
      await utimes(join(dir, "src"), past, past);
      const after = await spawnCollect(process.execPath, [bin, "run", dir, "--dry-run"]);
      expect(after.stderr).toContain(`sha256 ${digest}`);
    },
    SUBPROCESS_TIMEOUT_MS,
  );

  it("depends on the executable bit, not on other permission bits or times", async () => {
    const a = await sampleTree("clone-a");
    const b = join(work, "clone-b");
    await cp(a, b, { recursive: true, verbatimSymlinks: true });
    // Another clone: another umask, other times.
    await chmod(join(b, "README.md"), 0o664);
    await chmod(join(b, "src/main.py"), 0o600);
    await chmod(join(b, "run.sh"), 0o700);
    await chmod(join(b, "src"), 0o775);
    const later = new Date("2030-01-01T00:00:00Z");
    await utimes(join(b, "src/lib/blob.bin"), later, later);
    const packedA = await packDirectory(a);
    expect((await packDirectory(b)).sha256).toBe(packedA.sha256);
    await chmod(join(b, "README.md"), 0o744);
    expect((await packDirectory(b)).sha256).not.toBe(packedA.sha256);
  });

  it("writes fixed headers: mtime, owners, normalised modes; no gzip time or OS", async () => {
    const dir = await sampleTree("headers");
    await chmod(join(dir, "src/main.py"), 0o640);
    const packed = await packDirectory(dir);
    const bytes = packed.bytes as Uint8Array<ArrayBuffer>;
    expect([...bytes.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect([...bytes.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(bytes[9]).toBe(255);
    const headers: Record<string, unknown>[] = [];
    const reader = new Blob([bytes])
      .stream()
      .pipeThrough(new DecompressionStream("gzip"))
      .pipeThrough(createTarDecoder())
      .getReader();
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      const h = next.value.header;
      headers.push({
        name: h.name,
        mode: h.mode?.toString(8),
        mtime: h.mtime?.getTime(),
        uid: h.uid,
        gid: h.gid,
        uname: h.uname ?? "",
        gname: h.gname ?? "",
      });
      await next.value.body.cancel();
    }
    const fixed = { mtime: ARCHIVE_MTIME.getTime(), uid: 0, gid: 0, uname: "", gname: "" };
    expect(headers).toEqual([
      { name: "README.md", mode: "644", ...fixed },
      { name: "empty/", mode: "755", ...fixed },
      { name: "main-link", mode: "777", ...fixed },
      { name: "run.sh", mode: "755", ...fixed },
      { name: "src/", mode: "755", ...fixed },
      { name: "src/lib/", mode: "755", ...fixed },
      { name: "src/lib/blob.bin", mode: "644", ...fixed },
      { name: "src/main.py", mode: "644", ...fixed },
    ]);
  });
});
