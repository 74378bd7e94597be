// The fake as a long-lived shared server, part 1: unforgeable signatures and
// bounded stores (files, the workspace, log chunks, run output, transfers,
// lists, download snapshots). Sizes are small plan limits, so nothing here
// allocates more than a few MiB.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../fake/core/random.ts";
import { createFake } from "../../../fake/index.ts";
import { DOWNLOAD_URL_TTL_MS } from "../../../fake/services/sandboxes.ts";
import { createTestFake } from "../../helpers/test-fake.ts";
import { setup } from "./helpers/process.ts";
import { createRun, sha256 } from "./helpers/workspace-runs.ts";

const b64url = (b: Buffer | string): string => Buffer.from(b).toString("base64url");

describe("signed URLs", () => {
  it("are not signed with a secret derived from the seed: a token forged that way is refused", async () => {
    const f = await setup();
    await f.writeFile("secret.txt", "project data");
    const art = await f.call("POST", `/v1/sandboxes/${f.sandboxId}/artifacts`, {
      body: { path: "secret.txt" },
    });
    expect(art.status, art.text).toBe(201);
    // What anyone could compute for seed 1 before: the seeded secret.
    const secret = `crownest-fake-1-${createRandom(1).derive("signer").chars(32)}`;
    const payload = { kind: "artifact", ref: art.json.id, exp: f.fake.clock.now() + 60_000 };
    const body = b64url(JSON.stringify(payload));
    const sig = b64url(createHmac("sha256", secret).update(body).digest());
    const res = await f.call("GET", `/v1/artifact-downloads/${body}.${sig}`, { apiKey: null });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("invalid_signature");
  });

  it("differ between two fakes of the same seed, and agree given the same signingSecret", async () => {
    const urlOf = async (options: Parameters<typeof setup>[0]) => {
      const f = await setup(options);
      await f.writeFile("a.txt", "a");
      const res = await f.call("POST", `/v1/sandboxes/${f.sandboxId}/files/download-url`, {
        body: { path: "a.txt" },
      });
      expect(res.status, res.text).toBe(200);
      return res.json.url as string;
    };
    expect(await urlOf({ seed: 1 })).not.toBe(await urlOf({ seed: 1 }));
    const pinned = { seed: 1, signingSecret: "test-only-secret" };
    expect(await urlOf(pinned)).toBe(await urlOf(pinned));
  });
});

describe("files and the workspace are bounded like a disk", () => {
  it("a command doubling a file stops at the workspace limit with 'No space left on device'", async () => {
    const limit = 1024 * 1024;
    const f = await setup({ plan: { maxWorkspaceBytes: limit } });
    await f.writeFile("b", "x".repeat(65_536));
    // Unbounded, this ends with c at 4 MiB (and doubling on would go on forever).
    const res = await f.run("cat b b b b > c; cat c c c c > b; cat b b b b > c; echo done");
    expect(res.status, res.text).toBe(200);
    expect(res.json.stderr).toContain("No space left on device");
    expect(res.json.stdout).toBe("done\n");
    const vfs = f.fake.context.sandboxes.vfs(f.sandboxId);
    expect(vfs.usedBytes).toBeLessThanOrEqual(limit);
  });

  it("cat stops at the first failed write, like cat(1)", async () => {
    const f = await setup({ plan: { maxWorkspaceBytes: 1024 * 1024 } });
    await f.writeFile("b", "x".repeat(200_000));
    const failed = await f.run("cat b b b b b b b b b b b b > c");
    expect(failed.json.exitCode).toBe(1);
    expect(failed.json.stderr).toBe("cat: write error: No space left on device\n");
    expect(
      (await f.call("GET", `/v1/sandboxes/${f.sandboxId}/files/stat?path=c`)).json,
    ).toMatchObject({
      sizeBytes: 800_000,
    });
  });

  it("a file over maxFileBytes is 'File too large'; writeFile past the workspace is 413", async () => {
    const f = await setup({ plan: { maxFileBytes: 10_000, maxWorkspaceBytes: 40_000 } });
    await f.writeFile("a", "y".repeat(8000));
    const big = await f.run("cat a a > b");
    expect(big.json.exitCode).toBe(1);
    expect(big.json.stderr).toContain("File too large");
    await f.writeFile("c", "z".repeat(9000));
    await f.writeFile("d", "z".repeat(9000));
    const full = await f.call("PUT", `/v1/sandboxes/${f.sandboxId}/files/content`, {
      body: { path: "e", content: "z".repeat(9000) },
    });
    expect(full.status).toBe(413);
    expect(full.json.error).toMatchObject({
      code: "file_too_large",
      details: { reason: "workspace", limit: 40_000 },
    });
    // Freeing space makes room again, as on a disk.
    expect((await f.call("DELETE", `/v1/sandboxes/${f.sandboxId}/files?path=c`)).status).toBe(204);
    await f.writeFile("e", "z".repeat(9000));
  });
});

describe("log chunks, stored output and lists are bounded", () => {
  it("splits a write larger than maxLogChunkBytes into chunks, never inside a character", async () => {
    const f = await setup();
    const text = `${"é".repeat(20_000)}${"a".repeat(30_001)}`;
    f.fake.programs.define("big-write", (proc) => {
      proc.stdout.write(text);
    });
    const res = await f.run("big-write");
    expect(res.json.stdout).toBe(text);
    const logs = await f.logs(res.json.id, "?limit=100");
    const chunks = logs.json.data as { data: string }[];
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) {
      expect(new TextEncoder().encode(c.data).length).toBeLessThanOrEqual(16_384);
    }
    expect(chunks.map((c) => c.data).join("")).toBe(text);
  });

  it("a run keeps at most runOutputCapBytes of output for its evidence", async () => {
    const t = createTestFake({ plan: { runOutputCapBytes: 1000 } });
    t.fake.programs.define("noisy", (proc) => {
      for (let i = 0; i < 10; i++) proc.stdout.write("x".repeat(1000));
    });
    const { startedRun } = await import("./helpers/workspace-runs.ts");
    const run = await startedRun(t, { "a.txt": "a" }, { command: "noisy" });
    await t.fake.clock.advance(1000);
    const done = await t.call("GET", `/v1/workspace-runs/${run.id}`);
    expect(done.json).toMatchObject({ status: "succeeded", stdoutBytes: 10_000 });
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json.outputs.stdout).toEqual({
      sizeBytes: 1000,
      sha256: sha256("x".repeat(1000)),
    });
  });

  it("a run takes at most maxTransfersPerRun staged transfers, and drops staged bytes when it ends", async () => {
    const t = createTestFake({ plan: { maxTransfersPerRun: 3 } });
    const run = await createRun(t, { command: "true" });
    const bytes = new Uint8Array([0x1f, 0x8b, 1, 2, 3]);
    const body = { sha256: sha256(bytes), sizeBytes: bytes.length };
    for (let i = 0; i < 3; i++) {
      const tr = await t.call("POST", `/v1/workspace-runs/${run.id}/archive-transfers`, { body });
      expect(tr.status, tr.text).toBe(201);
      const put = await t.call("PUT", tr.json.uploadUrl, {
        raw: bytes,
        contentType: "application/gzip",
      });
      expect(put.status, put.text).toBe(200);
    }
    const over = await t.call("POST", `/v1/workspace-runs/${run.id}/archive-transfers`, { body });
    expect(over.status).toBe(429);
    expect(over.json.error).toMatchObject({ code: "quota_exceeded", details: { limit: 3 } });
    expect(t.fake.context.runs.holdings.stagedBytes).toBe(3 * bytes.length);
    expect((await t.call("POST", `/v1/workspace-runs/${run.id}/cancel`)).status).toBe(200);
    expect(t.fake.context.runs.holdings.stagedBytes).toBe(0);
  });

  it("a list answers at most maxListItems items, the newest", async () => {
    const t = createTestFake({ plan: { maxListItems: 3 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await t.call("POST", "/v1/sandboxes", { body: {} });
      ids.push(s.json.id);
      await t.call("DELETE", `/v1/sandboxes/${s.json.id}`);
    }
    const listed = await t.call("GET", "/v1/sandboxes?includeEnded=true");
    expect(listed.json.data.map((s: { id: string }) => s.id)).toEqual(ids.slice(2));
  });

  it("every list answers at most the plan's maxListItems, the newest", async () => {
    const t = createTestFake({
      plan: { maxListItems: 2 },
      projects: [{ id: "prj_a" }, { id: "prj_b" }, { id: "prj_c" }],
    });
    const ids = (res: { json: { data: { id: string }[] } }) => res.json.data.map((x) => x.id);
    expect(ids(await t.call("GET", "/v1/projects"))).toEqual(["prj_b", "prj_c"]);
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) runs.push((await createRun(t, { command: "true" })).id);
    expect(ids(await t.call("GET", "/v1/workspace-runs"))).toEqual(runs.slice(1));
    const sandbox = (await t.call("POST", "/v1/sandboxes", { body: {} })).json;
    const previews: string[] = [];
    for (const port of [3000, 3001, 3002]) {
      const res = await t.call("POST", `/v1/sandboxes/${sandbox.id}/previews`, { body: { port } });
      previews.push(res.json.id);
    }
    expect(ids(await t.call("GET", `/v1/sandboxes/${sandbox.id}/previews`))).toEqual(
      previews.slice(1),
    );
  });
});

describe("download URLs", () => {
  it("share the file's bytes (no copy per URL) and keep what the file was", async () => {
    const f = await setup();
    f.fake.programs.define("make", (proc) => proc.fs.write("big.bin", new Uint8Array(200_000)));
    await f.run("make");
    const urls: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await f.call("POST", `/v1/sandboxes/${f.sandboxId}/files/download-url`, {
        body: { path: "big.bin" },
      });
      urls.push(res.json.url);
    }
    expect(f.fake.context.sandboxes.snapshotBytes(f.sandboxId)).toBe(200_000);
    await f.writeFile("big.bin", "new");
    const old = await f.call("GET", urls[0] as string);
    expect(old.bytes.length).toBe(200_000);
  });

  it("hold at most maxWorkspaceBytes per sandbox: past it the oldest URL is 404", async () => {
    const f = await setup({ plan: { maxWorkspaceBytes: 100_000 } });
    const url = async (): Promise<string> =>
      (
        await f.call("POST", `/v1/sandboxes/${f.sandboxId}/files/download-url`, {
          body: { path: "f" },
        })
      ).json.url;
    await f.writeFile("f", "1".repeat(60_000));
    const first = await url();
    await f.writeFile("f", "2".repeat(60_000));
    const second = await url();
    expect(f.fake.context.sandboxes.snapshotBytes(f.sandboxId)).toBeLessThanOrEqual(100_000);
    expect((await f.call("GET", first)).status).toBe(404);
    expect((await f.call("GET", second)).text).toBe("2".repeat(60_000));
  });

  it("keep snapshots up to exactly maxWorkspaceBytes, then drop only the oldest", async () => {
    const f = await setup({ plan: { maxWorkspaceBytes: 100_000 } });
    const urlOf = async (digit: string): Promise<string> => {
      await f.writeFile("f", digit.repeat(50_000));
      const res = await f.call("POST", `/v1/sandboxes/${f.sandboxId}/files/download-url`, {
        body: { path: "f" },
      });
      return res.json.url;
    };
    const urls = [await urlOf("1"), await urlOf("2")];
    expect(f.fake.context.sandboxes.snapshotBytes(f.sandboxId)).toBe(100_000);
    expect((await f.call("GET", urls[0] as string)).text).toBe("1".repeat(50_000));
    urls.push(await urlOf("3"), await urlOf("4"));
    const statuses = await Promise.all(urls.map(async (u) => (await f.call("GET", u)).status));
    expect(statuses).toEqual([404, 404, 200, 200]);
    expect((await f.call("GET", urls[3] as string)).text).toBe("4".repeat(50_000));
    expect(f.fake.context.sandboxes.snapshotHoldings).toEqual({ snapshots: 2, sandboxes: 1 });
  });

  it("let their bytes go when the URL expires, and when the sandbox is forgotten", async () => {
    const retentionMs = 60_000;
    const t = createTestFake({ retentionMs });
    const { sandboxes } = t.fake.context;
    // Outlives three URL lifetimes.
    const sandboxId = (await t.call("POST", "/v1/sandboxes", { body: { ttlMs: 3_600_000 } })).json
      .id;
    await t.call("PUT", `/v1/sandboxes/${sandboxId}/files/content`, {
      body: { path: "f", content: "x".repeat(1000) },
    });
    const url = async (): Promise<string> => {
      const res = await t.call("POST", `/v1/sandboxes/${sandboxId}/files/download-url`, {
        body: { path: "f" },
      });
      expect(res.status, res.text).toBe(200);
      return res.json.url;
    };
    await url();
    await t.fake.clock.advance(DOWNLOAD_URL_TTL_MS - 1);
    await url();
    expect(sandboxes.snapshotHoldings).toEqual({ snapshots: 2, sandboxes: 1 });
    await t.fake.clock.advance(1);
    await t.call("GET", `/v1/sandboxes/${sandboxId}`);
    expect(sandboxes.snapshotHoldings).toEqual({ snapshots: 1, sandboxes: 1 });
    await t.fake.clock.advance(DOWNLOAD_URL_TTL_MS);
    await t.call("GET", `/v1/sandboxes/${sandboxId}`);
    expect(sandboxes.snapshotHoldings).toEqual({ snapshots: 0, sandboxes: 0 });

    const last = await url();
    await t.call("DELETE", `/v1/sandboxes/${sandboxId}`);
    expect((await t.call("GET", last)).status).toBe(200);
    await t.fake.clock.advance(retentionMs);
    expect((await t.call("GET", last)).status).toBe(404);
    expect(sandboxes.snapshotHoldings).toEqual({ snapshots: 0, sandboxes: 0 });
    expect(sandboxes.size).toBe(0);
  });
});

describe("the in-process default key", () => {
  it("stays seeded, so in-process tests replay", () => {
    expect(createFake().apiKey).toBe(createFake().apiKey);
  });
});
