import { describe, expect, it } from "vitest";
import {
  allEvents,
  archiveProgress,
  collect,
  createRun,
  dataOf,
  independentDigest,
  STORAGE,
  setup,
  sha256,
  startedRun,
  type T,
  terminalOf,
  tgz,
  upload,
  type WorkspaceRun,
} from "./helpers/workspace-runs.ts";

/** Creates the end-to-end run and stages its archive through the storage origin (transfer, PUT, finalize). */
async function stageThroughStorage(t: T): Promise<{ run: WorkspaceRun; bytes: Uint8Array }> {
  const { call } = t;
  const run = await createRun(t, {
    command: "pnpm test",
    metadata: { branch: "main" },
    sourceMetadata: { repo: "crownest/app", commit: "abc123" },
    artifacts: [{ path: "report.xml", name: "report" }, { path: "missing.txt" }],
  });
  expect(run).toMatchObject({
    status: "awaiting_archive",
    template: "python-node",
    templateVersionId: "tplv_pythonnodeV2",
    timeoutMs: 60_000,
    keepSandbox: false,
    sandboxId: null,
    archive: null,
  });

  const bytes = await tgz({
    "app/input.txt": "hello from the archive\n",
    "README.md": "# app\n",
  });
  const transfer = await call("POST", `/v1/workspace-runs/${run.id}/archive-transfers`, {
    body: { sha256: sha256(bytes), sizeBytes: bytes.length },
  });
  expect(transfer.status).toBe(201);
  expect(transfer.json).toMatchObject({
    workspaceRunId: run.id,
    method: "PUT",
    headers: { "Content-Type": "application/gzip" },
    maxSizeBytes: 8388608,
    expiresAt: new Date(t.fake.clock.now() + 15 * 60_000).toISOString(),
  });
  const url = new URL(transfer.json.uploadUrl);
  expect(url.origin).toBe(STORAGE);
  expect(url.pathname).toBe(`/v1/archive-uploads/${transfer.json.id}`);
  expect(url.searchParams.get("token")).toBeTruthy();

  // The storage origin: the token alone, no Authorization header.
  const put = await call("PUT", transfer.json.uploadUrl, {
    raw: bytes,
    apiKey: null,
    contentType: "application/gzip",
  });
  expect(put.status, put.text).toBe(200);
  expect(put.json).toEqual({
    uploadId: transfer.json.id,
    sizeBytes: bytes.length,
    sha256: sha256(bytes),
  });

  const fin = await call("POST", `/v1/workspace-runs/${run.id}/archive/finalize`, {
    body: { uploadId: transfer.json.id, sha256: sha256(bytes), sizeBytes: bytes.length },
  });
  expect(fin.status, fin.text).toBe(200);
  expect(fin.json.archive).toMatchObject({
    source: "transfer",
    uploadId: transfer.json.id,
    sha256: sha256(bytes),
    extractedFiles: null,
  });
  expect(fin.json.workspaceRun.status).toBe("ready");
  return { run, bytes };
}

/** The end-to-end run's whole event stream: every event type, in order, ending with the final run. */
async function expectEveryEventType(
  t: T,
  run: WorkspaceRun,
  bytes: Uint8Array,
): Promise<{ final: WorkspaceRun; stdout: string[] }> {
  const events = await allEvents(t, run.id);
  const data = dataOf(events);
  expect(new Set(data.map((e) => e.type))).toEqual(
    new Set([
      "status",
      "archive_progress",
      "stdout",
      "stderr",
      "artifact_collected",
      "artifact_error",
      "heartbeat",
      "terminal",
    ]),
  );
  const sequenced = data.filter((e) => e.seq !== undefined);
  expect(sequenced.map((e) => e.seq)).toEqual(sequenced.map((_, i) => i + 1));
  expect(data.filter((e) => e.type === "status").map((e) => e.status)).toEqual([
    "awaiting_archive",
    "ready",
    "running",
    "succeeded",
  ]);
  expect(data.filter((e) => e.type === "archive_progress").map((e) => e.phase)).toEqual([
    "verifying",
    "extracting",
    "extracted",
  ]);
  expect(data.find((e) => e.phase === "extracted")).toMatchObject({
    bytesProcessed: bytes.length,
    totalBytes: bytes.length,
    filesExtracted: 2,
  });
  const stdout = data.filter((e) => e.type === "stdout").map((e) => e.data);
  expect(stdout.join("")).toBe("ok: hello from the archive\ndone\n");
  expect(data.find((e) => e.type === "artifact_collected")?.artifact).toMatchObject({
    path: "/workspace/report.xml",
    name: "report",
  });
  expect(data.find((e) => e.type === "artifact_error")).toMatchObject({
    path: "missing.txt",
    code: "not_found",
  });
  // Nothing sequenced after the terminal status, then the terminal event with the final run.
  expect(sequenced.at(-1)).toMatchObject({ type: "status", status: "succeeded" });
  const final = terminalOf(events);
  expect(final).toMatchObject({
    status: "succeeded",
    exitCode: 0,
    error: null,
    stdoutBytes: Buffer.byteLength("ok: hello from the archive\ndone\n"),
    stderrBytes: Buffer.byteLength("warn: slow test\n"),
    archive: { extractedFiles: 2 },
  });
  expect(final.durationMs).toBeGreaterThanOrEqual(20_000);
  return { final, stdout };
}

/** The end-to-end run's evidence bundle: its record, timings, outputs, artifacts and digest. */
async function expectEvidence(
  t: T,
  run: WorkspaceRun,
  startedAt: string,
  bytes: Uint8Array,
  streamed: { final: WorkspaceRun; stdout: string[] },
): Promise<void> {
  const { call } = t;
  const { final, stdout } = streamed;
  const evidence = await call("GET", `/v1/workspace-runs/${run.id}/evidence`);
  expect(evidence.status).toBe(200);
  const bundle = evidence.json;
  expect(bundle).toMatchObject({
    workspaceRunId: run.id,
    projectId: run.projectId,
    status: "succeeded",
    exitCode: 0,
    error: null,
    command: "pnpm test",
    template: "python-node",
    templateVersionId: "tplv_pythonnodeV2",
    archive: { sha256: sha256(bytes), sizeBytes: bytes.length },
    metadata: { branch: "main" },
    sourceMetadata: { repo: "crownest/app", commit: "abc123" },
    timings: {
      createdAt: run.createdAt,
      startedAt,
      finishedAt: final.finishedAt,
      durationMs: final.durationMs,
    },
    outputs: {
      stdout: { sizeBytes: final.stdoutBytes, sha256: sha256(stdout.join("")) },
      stderr: { sizeBytes: final.stderrBytes, sha256: sha256("warn: slow test\n") },
    },
    artifactErrors: [{ path: "missing.txt", code: "not_found" }],
  });
  const artifactId = final.collectedArtifacts[0]?.artifactId;
  const artifact = await call("GET", `/v1/artifacts/${artifactId}`);
  expect(artifact.json.workspaceRunId).toBe(run.id);
  expect(bundle.artifacts).toEqual([
    {
      artifactId,
      path: "/workspace/report.xml",
      name: "report",
      sizeBytes: artifact.json.sizeBytes,
      sha256: sha256("<testsuite tests='1'/>"),
    },
  ]);
  expect(bundle.digest).toEqual({ algorithm: "sha256", value: independentDigest(bundle) });
}

describe("workspace runs: the end-to-end flow", () => {
  it("runs a staged archive from the storage origin, streams every event type, proves it", async () => {
    const t = setup({ clock: "auto", storageOrigin: STORAGE });
    const { fake, call } = t;
    fake.programs.define("pnpm test", async (proc) => {
      const input = proc.fs.read("app/input.txt");
      proc.stdout.write(`ok: ${input}`);
      proc.stderr.write("warn: slow test\n");
      proc.fs.write("report.xml", "<testsuite tests='1'/>");
      await proc.sleep(20_000); // quiet long enough for a heartbeat
      proc.stdout.write("done\n");
      return 0;
    });

    const { run, bytes } = await stageThroughStorage(t);

    const started = await call("POST", `/v1/workspace-runs/${run.id}/start`);
    expect(started.status).toBe(202);
    expect(started.json.status).toBe("running");
    expect(started.json.sandboxId).toMatch(/^sbx_/);

    const streamed = await expectEveryEventType(t, run, bytes);
    const { final } = streamed;
    await expectEvidence(t, run, started.json.startedAt, bytes, streamed);

    // The sandbox is gone (keepSandbox false); the run record says where it ran.
    const sandbox = await call("GET", `/v1/sandboxes/${final.sandboxId}`);
    expect(sandbox.json.status).toBe("destroyed");
    const got = await call("GET", `/v1/workspace-runs/${run.id}`);
    expect(got.json).toEqual(final);
  });

  it("runs a direct upload with a failing command and keeps the sandbox when asked", async () => {
    const t = setup();
    t.fake.programs.define("pytest", (proc) => {
      proc.stdout.write(proc.fs.read("tests/test_app.py"));
      proc.stderr.write("1 failed\n");
      return 3;
    });
    const run = await createRun(t, { command: "pytest -q", keepSandbox: true, timeoutMs: 5000 });
    const bytes = await tgz({ "tests/test_app.py": "def test(): assert False\n" });
    const up = await upload(t, run.id, bytes);
    expect(up.status, up.text).toBe(200);
    expect(up.json.archive).toMatchObject({
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      source: "direct",
      uploadId: null,
      extractedFiles: null,
    });
    expect(up.json.workspaceRun).toMatchObject({ status: "ready", archive: up.json.archive });

    await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
    const final = terminalOf(await allEvents(t, run.id));
    expect(final).toMatchObject({ status: "failed", exitCode: 3, error: null, timeoutMs: 5000 });

    // keepSandbox: the extracted files are still there to inspect.
    const sandbox = await t.call("GET", `/v1/sandboxes/${final.sandboxId}`);
    expect(sandbox.json).toMatchObject({ status: "running", template: "python-node" });
    const file = await t.call(
      "GET",
      `/v1/sandboxes/${final.sandboxId}/files/content?path=tests/test_app.py`,
    );
    expect(file.status, file.text).toBe(200);
    expect(JSON.stringify(file.json)).toContain("assert False");
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json).toMatchObject({ status: "failed", exitCode: 3 });
    expect(evidence.json.digest.value).toBe(independentDigest(evidence.json));
  });

  it("runs in a given running sandbox of the project, with its template", async () => {
    const t = setup();
    const sbx = await t.call("POST", "/v1/sandboxes", { body: { template: "node" } });
    const run = await createRun(t, { command: "cat a.txt", sandboxId: sbx.json.id });
    expect(run).toMatchObject({
      sandboxId: sbx.json.id,
      template: "node",
      templateVersionId: sbx.json.templateVersionId,
    });
    await upload(t, run.id, await tgz({ "a.txt": "from the archive" }));
    await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
    const events = await allEvents(t, run.id);
    const final = terminalOf(events);
    expect(final.status).toBe("succeeded");
    expect(dataOf(events).find((e) => e.type === "stdout")?.data).toBe("from the archive");
    // keepSandbox false: the run destroys it at the end, even a given one.
    expect((await t.call("GET", `/v1/sandboxes/${sbx.json.id}`)).json.status).toBe("destroyed");
  });

  it("pins a template version and runs the built-in shell", async () => {
    const t = setup();
    const run = await createRun(t, {
      command: "ls && echo hi > out.txt && cat out.txt missing.txt",
      templateVersionId: "tplv_pythonV1",
    });
    expect(run).toMatchObject({ template: "python", templateVersionId: "tplv_pythonV1" });
    await upload(t, run.id, await tgz({ "src/main.py": "print(1)\n" }));
    await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
    const events = dataOf(await allEvents(t, run.id));
    const out = events.filter((e) => e.type === "stdout").map((e) => e.data);
    expect(out.join("")).toBe("src\nhi\n");
    expect(events.some((e) => e.type === "stderr" && /missing\.txt/.test(e.data))).toBe(true);
    expect(events.at(-1)?.workspaceRun).toMatchObject({ status: "failed", exitCode: 1 });
  });
});

describe("workspace runs: the auto clock", () => {
  it("holds still while a large archive is hashed and extracted (no heartbeat, no TTL expiry)", async () => {
    const t = setup({ clock: "auto" });
    t.fake.programs.define("check", (proc) => {
      proc.stdout.write(`${proc.fs.readBytes("blob.bin").length}`);
    });
    let x = 7;
    const noise = Array.from({ length: 2_000_000 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(33 + ((x >>> 24) % 90));
    }).join("");
    const run = await startedRun(t, { "blob.bin": noise }, { command: "check" });
    const events = dataOf(await allEvents(t, run.id));
    expect(events.filter((e) => e.type === "heartbeat")).toEqual([]);
    expect(events.find((e) => e.type === "stdout")?.data).toBe("2000000");
    expect(events.at(-1)?.workspaceRun).toMatchObject({ status: "succeeded", durationMs: 0 });
  });
});

describe("workspace runs: events", () => {
  it("a stream opened before start waits, and resumes by afterSeq and Last-Event-ID", async () => {
    const t = setup();
    t.fake.programs.define("build", (proc) => {
      for (let i = 1; i <= 3; i++) proc.stdout.write(`line ${i}\n`);
    });
    const run = await createRun(t, { command: "build" });
    const early = await collect(t, run.id);
    await early.until((e) => e.data.type === "status");
    expect(dataOf(early.events)).toMatchObject([
      { type: "status", seq: 1, status: "awaiting_archive" },
    ]);

    await upload(t, run.id, await tgz({ "x.txt": "x" }));
    await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
    const events = await early.done;
    const seqs = dataOf(events)
      .filter((e) => e.seq !== undefined)
      .map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const last = seqs.at(-1) as number;

    const fromSeq = dataOf(await allEvents(t, run.id, `?afterSeq=${last - 2}`));
    expect(fromSeq.map((e) => e.seq ?? e.type)).toEqual([last - 1, last, "terminal"]);
    const byHeader = await t.call("GET", `/v1/workspace-runs/${run.id}/events`, {
      headers: { "Last-Event-ID": String(last - 1) },
    });
    expect(dataOf(byHeader.events).map((e) => e.seq ?? e.type)).toEqual([last, "terminal"]);
  });

  it("says stream_gap when the resume point left the window, and heartbeats while quiet", async () => {
    const t = setup({ plan: { logWindow: 5 } });
    t.fake.programs.define("chatty", (proc) => {
      for (let i = 1; i <= 10; i++) proc.stdout.write(`${i}\n`);
    });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "chatty" });
    await allEvents(t, run.id); // to the end: the early events leave the window
    const events = dataOf(await allEvents(t, run.id, "?afterSeq=1"));
    expect(events[0]).toMatchObject({
      type: "error",
      code: "stream_gap",
      details: { requestedAfterSeq: 1 },
    });
    expect(events.filter((e) => e.seq !== undefined)).toHaveLength(5);
    expect(events.at(-1)?.type).toBe("terminal");

    // Heartbeats: a stream on a run nobody starts, on the manual clock.
    const idle = await createRun(t, { command: "true" });
    const s = await collect(t, idle.id);
    await s.until((e) => e.data.type === "status");
    await t.fake.clock.advance(15_000);
    await s.until((e) => e.data.type === "heartbeat");
    expect(dataOf(s.events).map((e) => e.type)).toEqual(["status", "heartbeat"]);
    await s.close();
  });

  it("reports extraction progress every 100 files", async () => {
    const t = setup();
    const files = Object.fromEntries(
      Array.from({ length: 250 }, (_, i) => [`src/f${i}.txt`, `file ${i}\n`]),
    );
    const run = await startedRun(t, files, { command: "ls src" });
    const progress = await archiveProgress(t, run.id);
    expect(progress.map((e) => [e.phase, e.filesExtracted])).toEqual([
      ["verifying", 0],
      ["extracting", 0],
      ["extracting", 100],
      ["extracting", 200],
      ["extracted", 250],
    ]);
    const processed = progress.map((e) => e.bytesProcessed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(progress.every((e) => e.totalBytes === progress[0]?.totalBytes)).toBe(true);
    expect(processed.at(-1)).toBe(progress[0]?.totalBytes);
  });

  it("cuts a stream after N events when a fault says so; resuming gets the rest", async () => {
    const t = setup();
    const run = await startedRun(t, { "a.txt": "a" }, { command: "echo one; echo two" });
    await allEvents(t, run.id); // let it finish
    t.fake.faults.add({ operation: "streamWorkspaceRunEvents", cutStreamAfterEvents: 3, times: 1 });
    const cut = await t.stream("GET", `/v1/workspace-runs/${run.id}/events`);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const e of cut.events) got.push(e.data.seq);
      })(),
    ).rejects.toThrow();
    expect(got).toEqual([1, 2, 3]);
    const rest = dataOf(await allEvents(t, run.id, "?afterSeq=3"));
    expect(rest[0]?.seq).toBe(4);
    expect(rest.at(-1)?.type).toBe("terminal");
  });
});

describe("workspace runs: ends other than exit", () => {
  it("times out on the run's timeoutMs", async () => {
    const t = setup();
    t.fake.programs.define("hang", async (proc) => {
      proc.stdout.write("hanging\n");
      await proc.sleep(10_000_000);
    });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "hang", timeoutMs: 30_000 });
    const s = await collect(t, run.id);
    await s.until((e) => e.data.type === "stdout");
    await t.fake.clock.advance(30_000);
    const final = terminalOf(await s.done);
    expect(final.status).toBe("timed_out");
    expect(final.durationMs).toBe(30_000);
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json.status).toBe("timed_out");
  });

  it("fails with sandbox_destroyed when its sandbox ends underneath it", async () => {
    const t = setup();
    t.fake.programs.define("serve", async (proc) => {
      proc.stdout.write("listening\n");
      await proc.sleep(10_000_000);
    });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "serve", keepSandbox: true });
    const s = await collect(t, run.id);
    await s.until((e) => e.data.type === "stdout");
    const killed = await t.call("DELETE", `/v1/sandboxes/${run.sandboxId}`);
    expect(killed.json.status).toBe("destroyed");
    const final = terminalOf(await s.done);
    expect(final).toMatchObject({ status: "failed", error: { code: "sandbox_destroyed" } });
  });

  it("cancels from awaiting_archive, ready and running; idempotent by state", async () => {
    const t = setup();
    const waiting = await createRun(t, { command: "true" });
    const c1 = await t.call("POST", `/v1/workspace-runs/${waiting.id}/cancel`);
    expect(c1.status).toBe(200);
    expect(c1.json).toMatchObject({ status: "canceled", durationMs: null, startedAt: null });
    const ev1 = await t.call("GET", `/v1/workspace-runs/${waiting.id}/evidence`);
    expect(ev1.json).toMatchObject({ status: "canceled", archive: null, exitCode: null });
    expect(ev1.json.timings.startedAt).toBeNull();
    expect(ev1.json.digest.value).toBe(independentDigest(ev1.json));
    const again = await t.call("POST", `/v1/workspace-runs/${waiting.id}/cancel`);
    expect(again.json).toEqual(c1.json);
    const late = await t.call("POST", `/v1/workspace-runs/${waiting.id}/start`);
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("invalid_state");
    expect(dataOf(await allEvents(t, waiting.id)).map((e) => e.status ?? e.type)).toEqual([
      "awaiting_archive",
      "canceled",
      "terminal",
    ]);

    const ready = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });
    await upload(t, ready.id, bytes);
    const c2 = await t.call("POST", `/v1/workspace-runs/${ready.id}/cancel`);
    expect(c2.json.status).toBe("canceled");
    const ev2 = await t.call("GET", `/v1/workspace-runs/${ready.id}/evidence`);
    expect(ev2.json.archive).toEqual({ sha256: sha256(bytes), sizeBytes: bytes.length });

    let sawTerm = false;
    t.fake.programs.define("long", async (proc) => {
      proc.stdout.write("working\n");
      try {
        await proc.sleep(10_000_000);
      } catch {
        sawTerm = true;
        proc.stdout.write("cleaning up\n");
        return 143;
      }
    });
    const running = await startedRun(t, { "a.txt": "a" }, { command: "long" });
    const s = await collect(t, running.id);
    await s.until((e) => e.data.type === "stdout");
    const c3 = await t.call("POST", `/v1/workspace-runs/${running.id}/cancel`);
    expect(c3.json.status).toBe("canceled");
    const final = terminalOf(await s.done);
    expect(sawTerm).toBe(true);
    expect(final).toMatchObject({ status: "canceled", collectedArtifacts: [] });
    const out = dataOf(s.events).filter((e) => e.type === "stdout");
    expect(out.map((e) => e.data)).toEqual(["working\n", "cleaning up\n"]);
    expect((await t.call("GET", `/v1/sandboxes/${final.sandboxId}`)).json.status).toBe("destroyed");
  });
});

describe("workspace runs: create, get, list", () => {
  it("lists by project, status and metadata, only in visible projects", async () => {
    const t = setup({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    const a1 = await createRun(t, {
      command: "true",
      projectId: "prj_a",
      metadata: { env: "ci", team: "x" },
    });
    const a2 = await createRun(t, {
      command: "true",
      projectId: "prj_a",
      metadata: { env: "dev" },
    });
    const b1 = await createRun(t, { command: "true", projectId: "prj_b", metadata: { env: "ci" } });
    await t.call("POST", `/v1/workspace-runs/${a2.id}/cancel`);

    const ids = async (query: string, apiKey?: string) => {
      const res = await t.call("GET", `/v1/workspace-runs${query}`, { apiKey });
      expect(res.status).toBe(200);
      return res.json.data.map((r: { id: string }) => r.id);
    };
    expect(await ids("")).toEqual([a1.id, a2.id, b1.id]);
    expect(await ids("?projectId=prj_a")).toEqual([a1.id, a2.id]);
    expect(await ids("?status=canceled")).toEqual([a2.id]);
    expect(await ids("?metadata[env]=ci")).toEqual([a1.id, b1.id]);
    expect(await ids("?metadata[env]=ci&metadata[team]=x")).toEqual([a1.id]);
    expect(await ids("?metadata%5Benv%5D=ci&projectId=prj_b")).toEqual([b1.id]);

    const onlyB = t.fake.createApiKey({ projectIds: ["prj_b"] });
    expect(await ids("", onlyB)).toEqual([b1.id]);
    expect(await ids("?projectId=prj_a", onlyB)).toEqual([]);
    const hidden = await t.call("GET", `/v1/workspace-runs/${a1.id}`, { apiKey: onlyB });
    expect(hidden.status).toBe(404);
    const create = await t.call("POST", "/v1/workspace-runs", {
      apiKey: onlyB,
      body: { command: "true", projectId: "prj_a" },
    });
    expect(create.status).toBe(404);
    const defaulted = await t.call("POST", "/v1/workspace-runs", {
      apiKey: onlyB,
      body: { command: "true" },
    });
    expect(defaulted.json.projectId).toBe("prj_b");
  });

  it("replays a create and a start sent again with the same Idempotency-Key", async () => {
    const t = setup();
    const body = { command: "true", metadata: { try: "1" } };
    const first = await t.call("POST", "/v1/workspace-runs", { body, idempotencyKey: "k1" });
    const again = await t.call("POST", "/v1/workspace-runs", { body, idempotencyKey: "k1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect((await t.call("GET", "/v1/workspace-runs")).json.data).toHaveLength(1);
    await upload(t, first.json.id, await tgz({ "a.txt": "a" }));
    const path = `/v1/workspace-runs/${first.json.id}/start`;
    const s1 = await t.call("POST", path, { idempotencyKey: "s1" });
    const s2 = await t.call("POST", path, { idempotencyKey: "s1" });
    expect(s2.status).toBe(202);
    expect(s2.json).toEqual(s1.json);
    expect(terminalOf(await allEvents(t, first.json.id)).status).toBe("succeeded");
  });

  it("needs artifact:create and file:read to request artifacts", async () => {
    const t = setup();
    const runOnly = t.fake.createApiKey({ scopes: ["workspace_run:create", "artifact:create"] });
    const refused = await t.call("POST", "/v1/workspace-runs", {
      apiKey: runOnly,
      body: { command: "true", artifacts: [{ path: "out.txt" }] },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({
      code: "forbidden",
      details: { missingScopes: ["file:read"] },
    });
    const fine = await t.call("POST", "/v1/workspace-runs", {
      apiKey: runOnly,
      body: { command: "true" },
    });
    expect(fine.status).toBe(201);
    const escaping = await t.call("POST", "/v1/workspace-runs", {
      body: { command: "true", artifacts: [{ path: "../etc/passwd" }] },
    });
    expect(escaping.json.error.code).toBe("path_outside_workspace");
  });

  it("refuses a given sandbox that ended or lives in another project", async () => {
    const t = setup({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    const sbx = await t.call("POST", "/v1/sandboxes", { body: { projectId: "prj_a" } });
    const other = await t.call("POST", "/v1/workspace-runs", {
      body: { command: "true", sandboxId: sbx.json.id, projectId: "prj_b" },
    });
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe("invalid_request");
    await t.call("DELETE", `/v1/sandboxes/${sbx.json.id}`);
    const ended = await t.call("POST", "/v1/workspace-runs", {
      body: { command: "true", sandboxId: sbx.json.id },
    });
    expect(ended.status).toBe(409);
    expect(ended.json.error.code).toBe("sandbox_destroyed");
    const unknown = await t.call("POST", "/v1/workspace-runs", {
      body: { command: "true", sandboxId: "sbx_nope" },
    });
    expect(unknown.status).toBe(404);
  });

  it("refuses to start in a given sandbox that ended after creation", async () => {
    const t = setup();
    const sbx = await t.call("POST", "/v1/sandboxes", { body: {} });
    const run = await createRun(t, { command: "true", sandboxId: sbx.json.id });
    await upload(t, run.id, await tgz({ "a.txt": "a" }));
    await t.call("DELETE", `/v1/sandboxes/${sbx.json.id}`);
    const start = await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
    expect(start.status).toBe(409);
    expect(start.json.error.code).toBe("sandbox_destroyed");
    expect((await t.call("GET", `/v1/workspace-runs/${run.id}`)).json.status).toBe("ready");
  });
});
