// Every SDK method against the in-process fake (auto clock, so run and
// streams advance fake time on their own).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import {
  type CrowNestClient,
  createCrowNestClient,
  type WorkspaceRunStreamEvent,
} from "../../../src/index.ts";
import { noise, rejection, tarGz } from "./helpers/fetch-stubs.ts";

type Fake = ReturnType<typeof createFake>;
let fake: Fake;
let client: CrowNestClient;
let requests: Request[];

function setup(options: Parameters<typeof createFake>[0] = {}) {
  fake = createFake({ clock: "auto", ...options });
  requests = [];
  client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: (request) => {
      requests.push(request);
      return fake.fetch(request);
    },
    sleep: async () => {},
  });
}

beforeEach(() => setup());
afterEach(() => fake.reset?.());

describe("sandboxes", () => {
  it("create, get, list, kill", async () => {
    const sandbox = await client.sandboxes.create({ template: "python", metadata: { team: "a" } });
    expect(sandbox).toMatchObject({
      status: "running",
      template: "python",
      metadata: { team: "a" },
    });
    expect(sandbox.id).toMatch(/^sbx_/);
    const again = await client.sandboxes.get(sandbox.id);
    expect(again.toJSON()).toEqual(sandbox.toJSON());
    expect((await client.sandboxes.list()).map((s) => s.id)).toEqual([sandbox.id]);
    const killed = await client.sandboxes.kill(sandbox.id);
    expect(killed).toMatchObject({ id: sandbox.id, status: "destroyed" });
    expect(await client.sandboxes.kill(sandbox.id)).toMatchObject({ status: "destroyed" });
    expect(await client.sandboxes.list()).toEqual([]);
    expect((await client.sandboxes.list({ includeEnded: true })).map((s) => s.id)).toEqual([
      sandbox.id,
    ]);
  });

  it("a caller's idempotency key replays the first result; another body with it is refused", async () => {
    const first = await client.sandboxes.create({ idempotencyKey: "job-7" });
    const again = await client.sandboxes.create({}, { idempotencyKey: "job-7" });
    expect(again.id).toBe(first.id);
    expect(await client.sandboxes.list()).toHaveLength(1);
    const reused = await rejection(
      client.sandboxes.create({ template: "node", idempotencyKey: "job-7" }),
    );
    expect(reused).toMatchObject({ status: 409, code: "idempotency_key_reused" });
  });

  it("maps service errors: sandbox_ttl_exceeded, not_found", async () => {
    const ttl = await rejection(client.sandboxes.create({ ttlMs: 10 * 3_600_000 }));
    expect(ttl).toMatchObject({ status: 400, code: "sandbox_ttl_exceeded" });
    expect(ttl.requestId).toBeTruthy();
    const missing = await rejection(client.sandboxes.get("sbx_nope"));
    expect(missing).toMatchObject({ status: 404, code: "not_found", retryable: false });
  });
});

describe("the sandbox handle", () => {
  it("has the record's read-only fields, toJSON, and bound sub-clients", async () => {
    const sandbox = await client.sandboxes.create();
    const record = sandbox.toJSON();
    expect(Object.keys(record).sort()).toEqual(
      [
        "createdAt",
        "endedAt",
        "endedReason",
        "expiresAt",
        "id",
        "metadata",
        "orgId",
        "projectId",
        "status",
        "template",
        "templateVersionId",
        "ttlMs",
      ].sort(),
    );
    expect(JSON.parse(JSON.stringify(sandbox))).toEqual(record);
    expect(() => {
      (sandbox as unknown as { status: string }).status = "x";
    }).toThrow();

    await sandbox.files.write("hello.txt", "hi");
    expect(await sandbox.files.read("hello.txt")).toBe("hi");
    expect((await sandbox.files.list()).map((f) => f.name)).toEqual(["hello.txt"]);
    const result = await sandbox.commands.run("cat hello.txt");
    expect(result).toMatchObject({ sandboxId: sandbox.id, exitCode: 0, stdout: "hi" });
    expect((await sandbox.commands.get(result.id)).status).toBe("exited");
    const artifact = await sandbox.artifacts.create("hello.txt");
    expect((await sandbox.artifacts.list()).map((a) => a.id)).toEqual([artifact.id]);
    const preview = await sandbox.previews.create(8080);
    expect((await sandbox.previews.list()).map((p) => p.id)).toEqual([preview.id]);
    expect(await sandbox.kill()).toMatchObject({ status: "destroyed" });
  });

  it("`await using` kills the sandbox at the end of the scope", async () => {
    let id: string;
    {
      await using sandbox = await client.sandboxes.create();
      id = sandbox.id;
      expect((await client.sandboxes.get(sandbox.id)).status).toBe("running");
    }
    expect((await client.sandboxes.get(id as `sbx_${string}`)).status).toBe("destroyed");
  });
});

describe("commands", () => {
  it("run waits for the exit; a non-zero exit code resolves", async () => {
    const sandbox = await client.sandboxes.create();
    const ok = await client.commands.run(sandbox.id, "echo hello");
    expect(ok).toMatchObject({ status: "exited", exitCode: 0, stdout: "hello\n", stderr: "" });
    const failed = await client.commands.run(sandbox.id, "echo oops >&2; exit 3");
    expect(failed).toMatchObject({ status: "exited", exitCode: 3 });
  });

  it("run passes cwd and env", async () => {
    const sandbox = await client.sandboxes.create();
    await client.files.mkdir(sandbox.id, "app");
    const result = await client.commands.run(sandbox.id, "pwd; echo $GREETING", {
      cwd: "/workspace/app",
      env: { GREETING: "hey" },
    });
    expect(result.stdout).toBe("/workspace/app\nhey\n");
    expect(result.env).toEqual({ GREETING: "[redacted]" });
  });

  it("run past its timeout throws command_timed_out with the record in details.command", async () => {
    const sandbox = await client.sandboxes.create();
    const error = await rejection(client.commands.run(sandbox.id, "sleep 60", { timeoutMs: 1000 }));
    expect(error).toMatchObject({ status: 422, code: "command_timed_out" });
    expect(error.details?.command).toMatchObject({ status: "timed_out", sandboxId: sandbox.id });
  });

  it("reserved env keys are refused", async () => {
    const sandbox = await client.sandboxes.create();
    const error = await rejection(
      client.commands.run(sandbox.id, "true", { env: { CROWNEST_TOKEN: "x" } }),
    );
    expect(error.code).toBe("reserved_env_key");
  });

  it("start, get, logs, streamLogs", async () => {
    fake.programs.define("count", async (proc) => {
      for (let i = 1; i <= 5; i++) {
        proc.stdout.write(`line ${i}\n`);
        await proc.sleep(100);
      }
      return 0;
    });
    const sandbox = await client.sandboxes.create();
    const started = await client.commands.start(sandbox.id, "count");
    expect(["queued", "starting"]).toContain(started.status);
    const events = [];
    for await (const event of client.commands.streamLogs(started.id)) events.push(event);
    const logs = events.filter((e) => e.type === "log");
    expect(logs.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(logs.map((e) => e.data).join("")).toBe("line 1\nline 2\nline 3\nline 4\nline 5\n");
    const last = events.at(-1);
    expect(last?.type).toBe("terminal");
    if (last?.type === "terminal") expect(last.command.exitCode).toBe(0);
    expect((await client.commands.get(started.id)).status).toBe("exited");
    const chunks = await client.commands.logs(started.id, { afterSeq: 2, limit: 2 });
    expect(chunks.map((c) => [c.seq, c.data, c.stream])).toEqual([
      [3, "line 3\n", "stdout"],
      [4, "line 4\n", "stdout"],
    ]);
    expect(chunks[0]?.commandId).toBe(started.id);
    // Resuming with afterSeq replays only what follows.
    const resumed = [];
    for await (const event of client.commands.streamLogs(started.id, { afterSeq: 4 })) {
      resumed.push(event);
    }
    expect(resumed.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([5]);
  });

  it("cancel: graceful and force", async () => {
    const sandbox = await client.sandboxes.create();
    const a = await client.commands.start(sandbox.id, "sleep 100");
    const forced = await client.commands.cancel(a.id, { mode: "force" });
    expect(forced.cancelMode).toBe("force");
    const ended = await client.commands.get(a.id);
    expect(ended).toMatchObject({ status: "canceled", terminationSignal: "SIGKILL" });
    const b = await client.commands.start(sandbox.id, "sleep 100");
    await client.commands.cancel(b.id);
    for await (const event of client.commands.streamLogs(b.id)) {
      if (event.type === "terminal") expect(event.command.status).toBe("canceled");
    }
    expect((await client.commands.get(b.id)).cancelMode).toBe("graceful");
  });
});

describe("files", () => {
  it("write, read (utf8 and base64), stat, list, mkdir, move, delete, downloadUrl", async () => {
    const sandbox = await client.sandboxes.create();
    const id = sandbox.id;
    const stat = await client.files.write(id, "dir/a.txt", "héllo", { createParents: true });
    expect(stat).toMatchObject({ path: "/workspace/dir/a.txt", type: "file", sizeBytes: 6 });
    expect(await client.files.read(id, "/workspace/dir/a.txt")).toBe("héllo");
    expect(await client.files.read(id, "dir/a.txt", { encoding: "base64" })).toBe(
      btoa(String.fromCharCode(...new TextEncoder().encode("héllo"))),
    );
    await client.files.write(id, "b.bin", btoa("\x00\x01"), { encoding: "base64" });
    expect((await client.files.stat(id, "b.bin")).sizeBytes).toBe(2);
    expect((await client.files.list(id)).map((f) => [f.name, f.type])).toEqual([
      ["b.bin", "file"],
      ["dir", "directory"],
    ]);
    expect(await client.files.mkdir(id, "x/y/z", { parents: true })).toMatchObject({
      type: "directory",
      path: "/workspace/x/y/z",
    });
    const moved = await client.files.move(id, "dir/a.txt", "x/a.txt");
    expect(moved.path).toBe("/workspace/x/a.txt");
    expect((await client.files.list(id, "x")).map((f) => f.name)).toEqual(["a.txt", "y"]);
    const url = await client.files.downloadUrl(id, "x/a.txt");
    expect(url).toMatchObject({ method: "GET", authMode: "api_key" });
    const download = await fake.fetch(
      new Request(url.url, { headers: { authorization: `Bearer ${fake.apiKey}` } }),
    );
    expect(await download.text()).toBe("héllo");
    await client.files.delete(id, "x/a.txt");
    expect((await rejection(client.files.stat(id, "x/a.txt"))).code).toBe("not_found");
    expect((await rejection(client.files.delete(id, "x"))).code).toBe("directory_not_empty");
    expect((await rejection(client.files.read(id, "../etc/passwd"))).code).toBe(
      "path_outside_workspace",
    );
  });
});

describe("artifacts", () => {
  it("create, get, list, download, downloadUrl, delete", async () => {
    const sandbox = await client.sandboxes.create();
    await client.files.write(sandbox.id, "report.txt", "all good");
    const artifact = await client.artifacts.create(sandbox.id, "report.txt", { name: "report" });
    expect(artifact).toMatchObject({ name: "report", sizeBytes: 8, deletedAt: null });
    expect(await client.artifacts.get(artifact.id)).toEqual(artifact);
    expect(await client.artifacts.list(sandbox.id)).toEqual([artifact]);
    const bytes = await client.artifacts.download(artifact.id);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe("all good");
    const url = await client.artifacts.downloadUrl(artifact.id);
    expect(url.authMode).toBe("none");
    expect(await (await fake.fetch(new Request(url.url))).text()).toBe("all good");
    // Artifacts outlive their sandbox.
    await sandbox.kill();
    expect(await client.artifacts.list(sandbox.id)).toEqual([artifact]);
    const deleted = await client.artifacts.delete(artifact.id);
    expect(deleted.deletedAt).not.toBeNull();
    expect(await client.artifacts.list(sandbox.id)).toEqual([]);
  });

  it("run collects files as artifacts", async () => {
    const sandbox = await client.sandboxes.create();
    const result = await client.commands.run(sandbox.id, "echo data > out.txt", {
      collect: [{ path: "out.txt", name: "output" }],
    });
    expect(result.collectStatus).toBe("succeeded");
    expect(result.collectedArtifacts.map((a) => a.name)).toEqual(["output"]);
  });
});

describe("previews and projects", () => {
  it("create (idempotent per port), get, list, revoke", async () => {
    const sandbox = await client.sandboxes.create();
    const preview = await client.previews.create(sandbox.id, 3000);
    expect(preview).toMatchObject({ port: 3000, status: "active", authMode: "authenticated" });
    expect((await client.previews.create(sandbox.id, 3000)).id).toBe(preview.id);
    expect(await client.previews.get(preview.id)).toEqual(preview);
    expect(await client.previews.list(sandbox.id)).toEqual([preview]);
    const revoked = await client.previews.revoke(preview.id);
    expect(revoked).toMatchObject({ status: "revoked" });
    expect(revoked.revokedAt).not.toBeNull();
  });

  it("projects.list", async () => {
    const projects = await client.projects.list();
    expect(projects.map((p) => p.id)).toEqual(["prj_default"]);
  });
});

describe("workspace runs", () => {
  beforeEach(() => {
    fake.programs.define("check", async (proc) => {
      const text = await proc.fs.read("hello.txt");
      proc.stdout.write(`read: ${text}\n`);
      return text === "hello" ? 0 : 1;
    });
  });

  it("the seed's flow: create, transfer, upload, finalize, start, stream, evidence", async () => {
    const bytes = await tarGz({ "hello.txt": "hello" });
    const sha256 = await sha256Hex(bytes);
    const run = await client.workspaceRuns.create({
      command: "check",
      template: "python-node",
      metadata: { repo: "demo" },
    });
    expect(run.status).toBe("awaiting_archive");
    const transfer = await client.workspaceRuns.createArchiveTransfer(run.id, {
      sha256,
      sizeBytes: bytes.byteLength,
    });
    await client.workspaceRuns.uploadArchiveToTransfer(transfer, { body: bytes });
    const finalized = await client.workspaceRuns.finalizeArchive(run.id, {
      uploadId: transfer.id,
      sha256,
      sizeBytes: bytes.byteLength,
    });
    expect(finalized.workspaceRun.status).toBe("ready");
    expect(finalized.archive).toMatchObject({ sha256, source: "transfer" });
    expect((await client.workspaceRuns.start(run.id)).status).toBe("running");
    const events: WorkspaceRunStreamEvent[] = [];
    for await (const event of client.workspaceRuns.streamEvents(run.id)) events.push(event);
    const terminal = events.at(-1);
    expect(terminal?.type).toBe("terminal");
    if (terminal?.type === "terminal") expect(terminal.workspaceRun.status).toBe("succeeded");
    expect(events.some((e) => e.type === "stdout" && e.data === "read: hello\n")).toBe(true);
    const seqs = events.flatMap((e) => ("seq" in e ? [e.seq] : []));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const evidence = await client.workspaceRuns.evidence(run.id);
    expect(evidence).toMatchObject({ workspaceRunId: run.id, status: "succeeded", exitCode: 0 });
    expect(evidence.archive).toEqual({ sha256, sizeBytes: bytes.byteLength });
    expect((await client.workspaceRuns.get(run.id)).status).toBe("succeeded");
  });

  it("uploadArchive (direct), list by metadata, cancel, evidence_not_ready", async () => {
    const bytes = await tarGz({ "hello.txt": "hello" });
    const a = await client.workspaceRuns.create({ command: "check", metadata: { repo: "a" } });
    const b = await client.workspaceRuns.create({ command: "check", metadata: { repo: "b" } });
    const uploaded = await client.workspaceRuns.uploadArchive(a.id, { bytes });
    expect(uploaded.archive).toMatchObject({ source: "direct", sizeBytes: bytes.byteLength });
    expect(uploaded.workspaceRun.status).toBe("ready");
    expect((await client.workspaceRuns.list({ metadata: { repo: "b" } })).map((r) => r.id)).toEqual(
      [b.id],
    );
    expect((await client.workspaceRuns.list({ status: "ready" })).map((r) => r.id)).toEqual([a.id]);
    expect((await rejection(client.workspaceRuns.evidence(b.id))).code).toBe("evidence_not_ready");
    expect((await client.workspaceRuns.cancel(b.id)).status).toBe("canceled");
    expect((await client.workspaceRuns.evidence(b.id)).status).toBe("canceled");
    const mismatch = await rejection(
      client.workspaceRuns.uploadArchive(
        (await client.workspaceRuns.create({ command: "check" })).id,
        { bytes, sha256: "0".repeat(64) },
      ),
    );
    expect(mismatch).toMatchObject({ status: 422, code: "checksum_mismatch" });
  });

  it("runArchive: a small archive goes direct, streams events, returns the evidence", async () => {
    const bytes = await tarGz({ "hello.txt": "hello" });
    const seen: string[] = [];
    const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(bytes, {
      command: "check",
      onEvent: (event) => {
        seen.push(event.type);
      },
    });
    expect(workspaceRun.status).toBe("succeeded");
    expect(workspaceRun.archive?.source).toBe("direct");
    expect(evidence.exitCode).toBe(0);
    expect(seen).toContain("stdout");
    expect(seen.at(-1)).toBe("terminal");
    expect(requests.some((r) => r.url.includes("/archive-transfers"))).toBe(false);
  });

  it("runArchive: over 1 MiB goes through a staged transfer", async () => {
    // Manual clock: on the auto clock the fake lets fake time run during the
    // real (async) extraction of a large archive.
    setup({ clock: "manual" });
    fake.programs.define("check", async (proc) => {
      const text = await proc.fs.read("hello.txt");
      proc.stdout.write(`read: ${text}\n`);
      return text === "hello" ? 0 : 1;
    });
    const bytes = await tarGz({ "hello.txt": "hello", "blob.bin": noise(1_200_000) });
    expect(bytes.byteLength).toBeGreaterThan(1024 * 1024);
    const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(bytes, {
      command: "check",
    });
    expect(workspaceRun.archive?.source).toBe("transfer");
    expect(evidence.status).toBe("succeeded");
  });

  it("runArchive refuses over 8 MiB before sending anything", async () => {
    const error = await rejection(
      client.workspaceRuns.runArchive(new Uint8Array(8 * 1024 * 1024 + 1), { command: "check" }),
    );
    expect(error).toMatchObject({ code: "archive_too_large", status: null });
    expect(requests).toHaveLength(0);
  });

  it("a failing command ends the run failed, with its evidence", async () => {
    const bytes = await tarGz({ "hello.txt": "nope" });
    const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(bytes, {
      command: "check",
    });
    expect(workspaceRun).toMatchObject({ status: "failed", exitCode: 1 });
    expect(evidence).toMatchObject({ status: "failed", exitCode: 1 });
  });
});

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
