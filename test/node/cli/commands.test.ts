// The crownest CLI's resource commands as a subprocess against a fake served
// over HTTP: sandboxes, files, artifacts, previews, projects, runs; text and
// --json output; configuration by flags and environment; errors and exit codes.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packTar } from "modern-tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxId } from "../../../src/index.ts";
import {
  cli,
  ensureBuilt,
  killAll,
  noise,
  type ServedFake,
  SUBPROCESS_TIMEOUT_MS,
  serveRecordingFake,
} from "./helpers/harness.ts";

let served: ServedFake;
let work: string;
let sandbox: SandboxId;

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "crownest-cli-"));
  served = await serveRecordingFake({ clock: "auto" });
  sandbox = (await served.client.sandboxes.create({ ttlMs: 3_600_000 })).id;
  served.fake.programs.define("make-big", (proc) => {
    proc.fs.write("big.bin", noise(300_000, 11));
  });
}, 180_000);

afterAll(async () => {
  killAll();
  await served?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("crownest sandboxes", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("create, get, list, kill, in text and JSON", async () => {
    const created = await cli(["sandboxes", "create", "--template", "python", "--ttl", "10m"], {
      fake: served,
    });
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("");
    const id = created.stdout.trim();
    expect(id).toMatch(/^sbx_\w+$/);

    const got = await cli(["sandboxes", "get", id, "--json"], { fake: served });
    expect(JSON.parse(got.stdout)).toMatchObject({
      id,
      status: "running",
      template: "python",
      ttlMs: 600_000,
    });
    const text = await cli(["sandboxes", "get", id], { fake: served });
    expect(text.stdout).toMatch(new RegExp(`^id +${id}\n`));
    expect(text.stdout).toMatch(/\nstatus +running\n/);
    expect(text.stdout).toMatch(/\nendedAt +-\n/);

    const list = await cli(["sandboxes", "list"], { fake: served });
    const [header, ...rows] = list.stdout.trim().split("\n");
    expect(header).toMatch(/^ID +STATUS +TEMPLATE +PROJECT +CREATED +EXPIRES$/);
    expect(rows.some((r) => r.startsWith(`${id}  running  python`))).toBe(true);

    const killed = await cli(["sandboxes", "kill", id], { fake: served });
    expect(killed).toEqual({ code: 0, stdout: `${id} destroyed\n`, stderr: "" });
    const live = JSON.parse((await cli(["sandboxes", "list", "--json"], { fake: served })).stdout);
    expect(live.map((s: { id: string }) => s.id)).not.toContain(id);
    const all = JSON.parse(
      (await cli(["sandboxes", "list", "--all", "--json"], { fake: served })).stdout,
    );
    expect(all.find((s: { id: string }) => s.id === id)).toMatchObject({
      status: "destroyed",
      endedReason: "killed",
    });
  });

  it("create --json prints the record; a plan limit is an API error (exit 1)", async () => {
    const r = await cli(["sandboxes", "create", "--json", "--metadata", "team=ci"], {
      fake: served,
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "running", metadata: { team: "ci" } });
    const tooLong = await cli(["sandboxes", "create", "--ttl", "1000h"], { fake: served });
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toMatch(/^error: sandbox_ttl_exceeded: /);
  });

  it("list --metadata keeps the sandboxes with every given label", async () => {
    const a = await served.client.sandboxes.create({ metadata: { suite: "labels", shard: "1" } });
    const b = await served.client.sandboxes.create({ metadata: { suite: "labels", shard: "2" } });
    const both = await cli(["sandboxes", "list", "--metadata", "suite=labels", "--json"], {
      fake: served,
    });
    expect(both.code).toBe(0);
    expect((JSON.parse(both.stdout) as { id: string }[]).map((s) => s.id)).toEqual([a.id, b.id]);
    const one = await cli(
      ["sandboxes", "list", "--metadata", "suite=labels", "--metadata", "shard=2"],
      { fake: served },
    );
    expect(one.stdout.trim().split("\n").slice(1)).toEqual([expect.stringMatching(`^${b.id} `)]);
    const none = await cli(["sandboxes", "list", "--metadata", "suite=other"], { fake: served });
    expect(none).toEqual({ code: 0, stdout: "", stderr: "no sandboxes\n" });
  });
});

describe("crownest files", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("put, ls, cat, get, rm", async () => {
    const local = join(work, "notes.txt");
    await writeFile(local, "hello from the CLI\n");
    const put = await cli(["files", "put", sandbox, local, "docs/notes.txt", "--parents"], {
      fake: served,
    });
    expect(put).toEqual({ code: 0, stdout: "/workspace/docs/notes.txt (19 B)\n", stderr: "" });

    const ls = await cli(["files", "ls", sandbox, "docs"], { fake: served });
    expect(ls.stdout).toMatch(/^TYPE +SIZE +MODIFIED +NAME\nfile +19 +\S+ +notes\.txt\n$/);
    const root = JSON.parse(
      (await cli(["files", "ls", sandbox, "--json"], { fake: served })).stdout,
    );
    expect(root).toContainEqual(expect.objectContaining({ name: "docs", type: "directory" }));

    const cat = await cli(["files", "cat", sandbox, "docs/notes.txt"], { fake: served });
    expect(cat).toEqual({ code: 0, stdout: "hello from the CLI\n", stderr: "" });
    const catJson = await cli(["files", "cat", sandbox, "docs/notes.txt", "--json"], {
      fake: served,
    });
    expect(JSON.parse(catJson.stdout)).toEqual({
      path: "docs/notes.txt",
      encoding: "utf8",
      sizeBytes: 19,
      content: "hello from the CLI\n",
    });

    const got = await cli(["files", "get", sandbox, "docs/notes.txt"], {
      fake: served,
      cwd: work,
    });
    expect(got.stdout).toBe("notes.txt (19 B)\n");
    expect(await readFile(join(work, "notes.txt"), "utf8")).toBe("hello from the CLI\n");

    const removed = await cli(["files", "rm", sandbox, "docs/notes.txt", "--json"], {
      fake: served,
    });
    expect(JSON.parse(removed.stdout)).toEqual({ path: "docs/notes.txt", deleted: true });
    const gone = await cli(["files", "cat", sandbox, "docs/notes.txt"], { fake: served });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^error: not_found: /);
  });

  it("puts from stdin and keeps binary bytes intact both ways", async () => {
    const bytes = noise(4096, 2);
    const put = await cli(["files", "put", sandbox, "-", "bin/data.bin", "-p", "--json"], {
      fake: served,
      input: bytes,
    });
    expect(JSON.parse(put.stdout)).toMatchObject({
      path: "/workspace/bin/data.bin",
      sizeBytes: 4096,
    });
    const out = join(work, "copy.bin");
    const got = await cli(["files", "get", sandbox, "bin/data.bin", out, "--json"], {
      fake: served,
    });
    expect(JSON.parse(got.stdout)).toEqual({ path: "bin/data.bin", savedTo: out, sizeBytes: 4096 });
    expect(new Uint8Array(await readFile(out))).toEqual(bytes);
    const noOverwrite = await cli(
      ["files", "put", sandbox, "-", "bin/data.bin", "--no-overwrite"],
      { fake: served, input: "x" },
    );
    expect(noOverwrite.code).toBe(1);
    expect(noOverwrite.stderr).toMatch(/^error: \w+: /);
  });

  it("reads a file over 256 KiB through its download URL; refuses to put one", async () => {
    const made = await cli(["exec", sandbox, "--", "make-big"], { fake: served });
    expect(made.code).toBe(0);
    const out = join(work, "big.bin");
    const got = await cli(["files", "get", sandbox, "big.bin", out], { fake: served });
    expect(got.code).toBe(0);
    expect(new Uint8Array(await readFile(out))).toEqual(noise(300_000, 11));
    expect(served.requests.some((r) => r.startsWith("GET /v1/file-downloads/"))).toBe(true);

    const before = served.requests.length;
    const put = await cli(["files", "put", sandbox, out, "again.bin"], { fake: served });
    expect(put.code).toBe(1);
    expect(put.stderr).toMatch(/^error: file_too_large: .+300000 bytes/);
    expect(served.requests.length).toBe(before);
  });

  it("a path outside /workspace is the API's error", async () => {
    const r = await cli(["files", "cat", sandbox, "../etc/passwd", "--json"], { fake: served });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error).toMatchObject({
      code: "path_outside_workspace",
      status: 400,
    });
  });
});

describe("crownest artifacts", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("list and download", async () => {
    await served.client.files.write(sandbox, "out/report.txt", "all green\n", {
      createParents: true,
    });
    const artifact = await served.client.artifacts.create(sandbox, "out/report.txt");
    const list = await cli(["artifacts", "list", sandbox], { fake: served });
    expect(list.stdout).toMatch(/^ID +NAME +SIZE +PATH +CREATED\n/);
    expect(list.stdout).toContain(`${artifact.id}  report.txt  10    /workspace/out/report.txt`);
    const json = JSON.parse(
      (await cli(["artifacts", "list", sandbox, "--json"], { fake: served })).stdout,
    );
    expect(json).toEqual([expect.objectContaining({ id: artifact.id, sha256: artifact.sha256 })]);

    const stdout = await cli(["artifacts", "download", artifact.id, "-o", "-"], { fake: served });
    expect(stdout).toEqual({ code: 0, stdout: "all green\n", stderr: "" });
    const saved = await cli(["artifacts", "download", artifact.id], { fake: served, cwd: work });
    expect(saved.stdout).toBe("report.txt (10 B)\n");
    expect(await readFile(join(work, "report.txt"), "utf8")).toBe("all green\n");
    const missing = await cli(["artifacts", "download", "art_nope"], { fake: served, cwd: work });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: not_found: /);
  });

  it("create exports a sandbox file: its id, or the record with --json", async () => {
    await served.client.files.write(sandbox, "out/summary.txt", "3 passed\n", {
      createParents: true,
    });
    const created = await cli(["artifacts", "create", sandbox, "out/summary.txt"], {
      fake: served,
    });
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("");
    const id = created.stdout.trim() as `art_${string}`;
    expect(id).toMatch(/^art_\w+$/);
    expect(await served.client.artifacts.get(id)).toMatchObject({
      name: "summary.txt",
      path: "/workspace/out/summary.txt",
      sizeBytes: 9,
    });
    const named = await cli(
      ["artifacts", "create", sandbox, "out/summary.txt", "--name", "ci-summary.txt", "--json"],
      { fake: served },
    );
    expect(JSON.parse(named.stdout)).toMatchObject({
      name: "ci-summary.txt",
      sandboxId: sandbox,
      path: "/workspace/out/summary.txt",
    });
    const missing = await cli(["artifacts", "create", sandbox, "out/nope.txt"], { fake: served });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: not_found: /);
  });
});

describe("crownest previews", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("create, list, revoke", async () => {
    const created = await cli(["previews", "create", sandbox, "8080", "--json"], { fake: served });
    const preview = JSON.parse(created.stdout);
    expect(preview).toMatchObject({ port: 8080, status: "active", sandboxId: sandbox });
    const again = await cli(["previews", "create", sandbox, "8080"], { fake: served });
    expect(again.stdout).toBe(`${preview.id} ${preview.url}\n`);
    const list = await cli(["previews", "list", sandbox], { fake: served });
    expect(list.stdout).toMatch(new RegExp(`\n${preview.id} +8080 +active +${preview.url}\n`));
    const revoked = await cli(["previews", "revoke", preview.id], { fake: served });
    expect(revoked).toEqual({ code: 0, stdout: `${preview.id} revoked\n`, stderr: "" });
    const bad = await cli(["previews", "create", sandbox, "http"], { fake: served });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("PORT must be an integer");
  });
});

describe("crownest projects", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("list", async () => {
    const r = await cli(["projects", "list"], { fake: served });
    expect(r.stdout).toMatch(/^ID +NAME +CREATED\nprj_default +Default project +\S+\n$/);
    const json = JSON.parse((await cli(["projects", "list", "--json"], { fake: served })).stdout);
    expect(json).toEqual([expect.objectContaining({ id: "prj_default", name: "Default project" })]);
  });
});

describe("crownest runs", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("list, get, evidence, cancel", async () => {
    const tar = await packTar([{ header: { name: "hello.txt", size: 3 }, body: "hi\n" }]);
    const { workspaceRun } = await served.client.workspaceRuns.runArchive(await gzip(tar), {
      command: "cat hello.txt",
      metadata: { suite: "cli" },
    });
    const pending = await served.client.workspaceRuns.create({ command: "true" });

    const list = await cli(["runs", "list", "--metadata", "suite=cli"], { fake: served });
    expect(list.stdout).toMatch(
      new RegExp(
        `^ID +STATUS +EXIT +CREATED +COMMAND\n${workspaceRun.id} +succeeded +0 +\\S+ +cat hello\\.txt\n$`,
      ),
    );
    const got = JSON.parse(
      (await cli(["runs", "get", workspaceRun.id, "--json"], { fake: served })).stdout,
    );
    expect(got).toMatchObject({ id: workspaceRun.id, status: "succeeded", stdoutBytes: 3 });

    const evidence = await cli(["runs", "evidence", workspaceRun.id], { fake: served });
    expect(evidence.stdout).toMatch(new RegExp(`^run ${workspaceRun.id} succeeded, exit code 0\n`));
    expect(evidence.stdout).toMatch(/\n {2}stdout +3 B +sha256 [0-9a-f]{64}\n/);
    const bundle = JSON.parse(
      (await cli(["runs", "evidence", workspaceRun.id, "--json"], { fake: served })).stdout,
    );
    expect(bundle).toMatchObject({
      workspaceRunId: workspaceRun.id,
      digest: { algorithm: "sha256" },
    });

    const notReady = await cli(["runs", "evidence", pending.id], { fake: served });
    expect(notReady.code).toBe(1);
    expect(notReady.stderr).toMatch(/^error: evidence_not_ready: /);
    const canceled = await cli(["runs", "cancel", pending.id], { fake: served });
    expect(canceled).toEqual({ code: 0, stdout: `${pending.id} canceled\n`, stderr: "" });
    const byStatus = JSON.parse(
      (await cli(["runs", "list", "--status", "canceled", "--json"], { fake: served })).stdout,
    );
    expect(byStatus.map((r: { id: string }) => r.id)).toEqual([pending.id]);
    const badStatus = await cli(["runs", "list", "--status", "done"], { fake: served });
    expect(badStatus.code).toBe(2);
  });
});

describe("configuration and errors", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("takes --base-url and --api-key instead of the environment", async () => {
    const r = await cli(
      ["projects", "list", "--json", "--base-url", served.url, "--api-key", served.apiKey],
      {},
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].id).toBe("prj_default");
    // Flags win over the environment.
    const wrong = await cli(["projects", "list", "--api-key", "cn_test_wrong"], { fake: served });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: unauthorized: /);
  });

  it("without an API key: missing_api_key, nothing sent", async () => {
    const before = served.requests.length;
    const r = await cli(["projects", "list"], { env: { CROWNEST_BASE_URL: served.url } });
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "error: missing_api_key: no CrowNest API key: pass --api-key or set CROWNEST_API_KEY\n",
    });
    const json = await cli(["projects", "list", "--json"], {
      env: { CROWNEST_BASE_URL: served.url },
    });
    expect(JSON.parse(json.stderr)).toEqual({
      error: {
        code: "missing_api_key",
        message: "no CrowNest API key: pass --api-key or set CROWNEST_API_KEY",
      },
    });
    expect(served.requests.length).toBe(before);
  });

  it("an unreachable service is connection_error, exit 1", async () => {
    const r = await cli(["projects", "list"], {
      env: { CROWNEST_BASE_URL: "http://127.0.0.1:9", CROWNEST_API_KEY: "cn_test_x" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: connection_error: /);
  });

  // Every command's --help and usage errors are covered in-process by help.test.ts.
  it("--help exits 0; an unknown command or flag exits 2 with one line and where the help is", async () => {
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^usage: crownest <command> \[options\]\n/);
    expect(top.stderr).toBe("");
    const unknown = await cli(["sandbox", "list"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toBe("crownest: unknown command 'sandbox'\nrun 'crownest --help'\n");
    const flag = await cli(["sandboxes", "list", "--color"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(
      "crownest sandboxes list: unknown option '--color'\nrun 'crownest sandboxes list --help'\n",
    );
  });
});
