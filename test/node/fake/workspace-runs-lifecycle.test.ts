import { describe, expect, it } from "vitest";
import {
  allEvents,
  collect,
  createRun,
  dataOf,
  setup,
  sha256,
  startedRun,
  type T,
  terminalOf,
  tgz,
  upload,
} from "./helpers/workspace-runs.ts";

const sandboxStatus = async (t: T, id: string | null) =>
  (await t.call("GET", `/v1/sandboxes/${id}`)).json.status;

describe("workspace runs: create checks", () => {
  it("says which status a run is in when its evidence is not ready", async () => {
    const t = setup();
    const run = await createRun(t, { command: "true" });
    const waiting = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(waiting.status).toBe(409);
    expect(waiting.json.error).toMatchObject({
      code: "evidence_not_ready",
      message: `run ${run.id} is awaiting_archive; its evidence is persisted once it has ended`,
      details: { status: "awaiting_archive" },
    });
    await upload(t, run.id, await tgz({ "a.txt": "a" }));
    const ready = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(ready.json.error.details).toEqual({ status: "ready" });
  });

  it("an empty artifacts list needs no artifact scopes", async () => {
    const t = setup();
    const runOnly = t.fake.createApiKey({ scopes: ["workspace_run:create"] });
    const res = await t.call("POST", "/v1/workspace-runs", {
      apiKey: runOnly,
      body: { command: "true", artifacts: [] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.artifacts).toEqual([]);
  });

  it("says which sandbox is in another project, or ended, and how", async () => {
    const t = setup({ projects: [{ id: "prj_a" }, { id: "prj_b" }] });
    const sbx = (await t.call("POST", "/v1/sandboxes", { body: { projectId: "prj_a" } })).json;
    const other = await t.call("POST", "/v1/workspace-runs", {
      body: { command: "true", sandboxId: sbx.id, projectId: "prj_b" },
    });
    expect(other.status).toBe(400);
    expect(other.json.error).toEqual({
      code: "invalid_request",
      message: `sandbox ${sbx.id} is in another project`,
      details: { sandboxId: sbx.id, projectId: "prj_a" },
    });
    await t.call("DELETE", `/v1/sandboxes/${sbx.id}`);
    const ended = await t.call("POST", "/v1/workspace-runs", {
      body: { command: "true", sandboxId: sbx.id },
    });
    expect(ended.status).toBe(409);
    expect(ended.json.error).toEqual({
      code: "sandbox_destroyed",
      message: `sandbox ${sbx.id} is destroyed`,
      details: { sandboxId: sbx.id, status: "destroyed" },
    });
  });

  it("in a given sandbox, accepts only that sandbox's template and version", async () => {
    const t = setup();
    const sbx = (await t.call("POST", "/v1/sandboxes", { body: { template: "node" } })).json;
    expect(sbx.templateVersionId).toBe("tplv_nodeV2");
    const create = (extra: Record<string, unknown>) =>
      t.call("POST", "/v1/workspace-runs", {
        body: { command: "true", sandboxId: sbx.id, ...extra },
      });
    const message = `the run uses sandbox ${sbx.id}'s template (tplv_nodeV2); leave template and templateVersionId out`;
    for (const wrong of [
      { template: "python" },
      { templateVersionId: "tplv_nodeV1" },
      { template: "node", templateVersionId: "tplv_nodeV1" },
      { template: "python", templateVersionId: "tplv_nodeV2" },
    ]) {
      const res = await create(wrong);
      expect(res.status, JSON.stringify(wrong)).toBe(400);
      expect(res.json.error).toMatchObject({ code: "invalid_request", message });
    }
    for (const same of [
      { template: "node" },
      { templateVersionId: "tplv_nodeV2" },
      { template: "node", templateVersionId: "tplv_nodeV2" },
    ]) {
      const res = await create(same);
      expect(res.status, JSON.stringify(same)).toBe(201);
      expect(res.json).toMatchObject({
        sandboxId: sbx.id,
        template: "node",
        templateVersionId: "tplv_nodeV2",
      });
    }
  });
});

describe("workspace runs: cancel and the run's sandbox", () => {
  it("a run canceled before it started leaves its given sandbox running", async () => {
    const t = setup();
    const sbx = (await t.call("POST", "/v1/sandboxes", { body: {} })).json;
    const run = await createRun(t, { command: "true", sandboxId: sbx.id });
    const canceled = await t.call("POST", `/v1/workspace-runs/${run.id}/cancel`);
    expect(canceled.json).toMatchObject({ status: "canceled", sandboxId: sbx.id, startedAt: null });
    expect(dataOf(await allEvents(t, run.id)).map((e) => e.status ?? e.type)).toEqual([
      "awaiting_archive",
      "canceled",
      "terminal",
    ]);
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json).toMatchObject({ status: "canceled", archive: null });
    expect(await sandboxStatus(t, sbx.id)).toBe("running");
  });

  it("a run canceled while running is sealed once its command has ended, then its sandbox goes", async () => {
    const t = setup();
    t.fake.programs.define("long", async (proc) => {
      proc.stdout.write("working\n");
      try {
        await proc.sleep(10_000_000);
      } catch {
        proc.stdout.write("cleaning up\n");
        await proc.sleep(1000);
        proc.stdout.write("bye\n");
        return 143;
      }
    });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "long" });
    const s = await collect(t, run.id);
    await s.until((e) => e.data.type === "stdout");
    const canceled = await t.call("POST", `/v1/workspace-runs/${run.id}/cancel`);
    expect(canceled.json.status).toBe("canceled");
    await s.until((e) => e.data.data === "cleaning up\n");

    const early = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(early.status).toBe(409);
    expect(early.json.error.details).toEqual({ status: "canceled" });
    expect(await sandboxStatus(t, run.sandboxId)).toBe("running");

    await t.fake.clock.advance(1000);
    const events = dataOf(await s.done);
    expect(events.filter((e) => e.type === "stdout").map((e) => e.data)).toEqual([
      "working\n",
      "cleaning up\n",
      "bye\n",
    ]);
    expect(events.filter((e) => e.type === "status").map((e) => e.status)).toEqual([
      "awaiting_archive",
      "ready",
      "running",
      "canceled",
    ]);
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json).toMatchObject({
      status: "canceled",
      outputs: { stdout: { sha256: sha256("working\ncleaning up\nbye\n") } },
    });
    expect(await sandboxStatus(t, run.sandboxId)).toBe("destroyed");
  });

  it("the end of one run's sandbox fails that run only", async () => {
    const t = setup();
    t.fake.programs.define("serve", async (proc) => {
      proc.stdout.write("up\n");
      await proc.sleep(10_000);
      proc.stdout.write("done\n");
    });
    const first = await startedRun(t, { "a.txt": "a" }, { command: "serve" });
    const second = await startedRun(t, { "a.txt": "a" }, { command: "serve" });
    expect(first.sandboxId).not.toBe(second.sandboxId);
    const s1 = await collect(t, first.id);
    const s2 = await collect(t, second.id);
    await s1.until((e) => e.data.type === "stdout");
    await s2.until((e) => e.data.type === "stdout");

    await t.call("DELETE", `/v1/sandboxes/${first.sandboxId}`);
    expect(terminalOf(await s1.done)).toMatchObject({
      status: "failed",
      exitCode: null,
      error: {
        code: "sandbox_destroyed",
        message: `the run's sandbox ${first.sandboxId} ended (killed)`,
      },
    });
    expect((await t.call("GET", `/v1/workspace-runs/${second.id}`)).json.status).toBe("running");

    await t.fake.clock.advance(10_000);
    expect(terminalOf(await s2.done)).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(
      dataOf(s2.events)
        .filter((e) => e.type === "stdout")
        .map((e) => e.data),
    ).toEqual(["up\n", "done\n"]);
  });

  it("a run whose command is canceled through the commands API ends canceled, collecting nothing", async () => {
    const t = setup();
    let commandId = "";
    t.fake.programs.define("long", async (proc) => {
      commandId = proc.commandId;
      proc.fs.write("report.txt", "partial");
      proc.stdout.write("working\n");
      await proc.sleep(10_000_000);
    });
    const run = await startedRun(
      t,
      { "a.txt": "a" },
      { command: "long", artifacts: [{ path: "report.txt" }] },
    );
    const s = await collect(t, run.id);
    await s.until((e) => e.data.type === "stdout");
    const canceled = await t.call("POST", `/v1/commands/${commandId}/cancel`, {
      body: { mode: "force" },
    });
    expect(canceled.json).toMatchObject({ status: "canceled", cancelMode: "force" });
    const final = terminalOf(await s.done);
    expect(final).toMatchObject({
      status: "canceled",
      exitCode: null,
      error: null,
      collectedArtifacts: [],
    });
    expect(dataOf(s.events).some((e) => e.type.startsWith("artifact_"))).toBe(false);
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json).toMatchObject({ status: "canceled", artifacts: [], artifactErrors: [] });
    expect(await sandboxStatus(t, run.sandboxId)).toBe("destroyed");
  });
});

describe("workspace runs: output in the evidence", () => {
  it("keeps every chunk of stdout and stderr, in order", async () => {
    const t = setup();
    t.fake.programs.define("noisy", (proc) => {
      proc.stderr.write("warn: one\n");
      proc.stdout.write("out 1\n");
      proc.stderr.write("warn: two\n");
      proc.stdout.write("out 2\n");
      proc.stderr.write("warn: three\n");
    });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "noisy" });
    const final = terminalOf(await allEvents(t, run.id));
    const stderr = "warn: one\nwarn: two\nwarn: three\n";
    expect(final.stderrBytes).toBe(stderr.length);
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json.outputs).toEqual({
      stdout: { sizeBytes: 12, sha256: sha256("out 1\nout 2\n") },
      stderr: { sizeBytes: stderr.length, sha256: sha256(stderr) },
    });
  });

  it("keeps the first runOutputCapBytes of each stream, never half a character; counts and streams it all", async () => {
    const t = setup({ plan: { runOutputCapBytes: 10 } });
    const stdout = ["abcd", "efg", "h€i", "zz"]; // 4 + 3 + 5 + 2 bytes; € straddles the cap
    const stderr = ["1234567", "\uFFFD", "more"]; // a whole U+FFFD fills the cap exactly
    t.fake.programs.define("capped", (proc) => {
      for (const chunk of stdout) proc.stdout.write(chunk);
      for (const chunk of stderr) proc.stderr.write(chunk);
    });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "capped" });
    const events = await allEvents(t, run.id);
    const data = dataOf(events);
    expect(data.filter((e) => e.type === "stdout").map((e) => e.data)).toEqual(stdout);
    expect(data.filter((e) => e.type === "stderr").map((e) => e.data)).toEqual(stderr);
    expect(terminalOf(events)).toMatchObject({ stdoutBytes: 14, stderrBytes: 14 });
    const evidence = await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`);
    expect(evidence.json.outputs).toEqual({
      stdout: { sizeBytes: 8, sha256: sha256("abcdefgh") },
      stderr: { sizeBytes: 10, sha256: sha256("1234567\uFFFD") },
    });
  });
});

describe("workspace runs: the sandbox a run makes", () => {
  it("lives the command's timeout plus a minute, at least five minutes, within the plan", async () => {
    const ttlOf = async (t: T, timeoutMs: number) => {
      const run = await startedRun(t, { "a.txt": "a" }, { command: "true", timeoutMs });
      return (await t.call("GET", `/v1/sandboxes/${run.sandboxId}`)).json.ttlMs;
    };
    expect(await ttlOf(setup(), 1000)).toBe(300_000);
    expect(await ttlOf(setup(), 600_000)).toBe(660_000);
    expect(await ttlOf(setup({ plan: { maxTtlMs: 400_000 } }), 600_000)).toBe(400_000);
  });
});
