// Fixtures and persistence: fake.snapshot() is JSON of the whole state,
// createFake({ state }) starts from it, and the API answers the same.
import { describe, expect, it } from "vitest";
import { createFake, type Fake } from "../../../fake/index.ts";
import { stateText } from "../../../fake/state.ts";
import type { CrowNestClient } from "../../../src/index.ts";
import { tarGz } from "../sdk/helpers/fetch-stubs.ts";

async function populate(fake: Fake, client: CrowNestClient) {
  fake.programs.define("build", async (proc) => {
    proc.stdout.write("building\n");
    await proc.sleep(1500);
    proc.fs.mkdir("out");
    proc.fs.write("out/app.bin", new Uint8Array([0, 1, 2, 250, 255]));
    proc.stderr.write("warn: none\n");
  });
  const sandbox = await client.sandboxes.create({ template: "node", metadata: { fixture: "1" } });
  await client.files.write(sandbox.id, "src/main.py", "print('hi')\n", { createParents: true });
  await client.commands.run(sandbox.id, "build", {
    collect: [{ path: "out/app.bin", name: "app" }],
  });
  await client.commands.run(sandbox.id, "echo one; echo two >&2; exit 3");
  await client.previews.create(sandbox.id, 3000);
  const ended = await client.sandboxes.create();
  await client.sandboxes.kill(ended.id);
  const bytes = await tarGz({ "hello.txt": "hello" });
  fake.programs.define("check", async (proc) => {
    proc.stdout.write(proc.fs.read("hello.txt"));
  });
  const { workspaceRun } = await client.workspaceRuns.runArchive(bytes, {
    command: "check",
    metadata: { ci: "yes" },
  });
  return { sandboxId: sandbox.id, runId: workspaceRun.id };
}

/** Everything the API answers about the populated state. */
async function answers(
  client: CrowNestClient,
  ids: { sandboxId: string; runId: string; commandIds: string[] },
) {
  const sandboxId = ids.sandboxId as never;
  const runId = ids.runId as never;
  const commandIds = ids.commandIds as never[];
  const artifacts = await client.artifacts.list(sandboxId);
  return {
    sandboxes: await client.sandboxes.list({ includeEnded: true }),
    files: await client.files.list(sandboxId, "out"),
    root: await client.files.list(sandboxId),
    main: await client.files.read(sandboxId, "src/main.py"),
    bin: await client.files.read(sandboxId, "out/app.bin", { encoding: "base64" }),
    commands: await Promise.all(commandIds.map((id) => client.commands.get(id))),
    logs: await Promise.all(commandIds.map((id) => client.commands.logs(id))),
    artifacts,
    artifactBytes: await Promise.all(
      artifacts.map(async (a) => [...(await client.artifacts.download(a.id))]),
    ),
    previews: await client.previews.list(sandboxId),
    runs: await client.workspaceRuns.list(),
    run: await client.workspaceRuns.get(runId),
    evidence: await client.workspaceRuns.evidence(runId),
  };
}

describe("snapshot and restore", () => {
  it("round trip: snapshot, restore, identical API answers, and the same IDs next", async () => {
    const fake = createFake({ seed: 5 });
    const client = fake.client();
    const ids = {
      ...(await populate(fake, client)),
      commandIds: fake.requests
        .list({ operationId: "runCommand" })
        .map((e) => (e.response as { id: string }).id),
    };
    expect(ids.commandIds).toHaveLength(2);

    const state = JSON.parse(JSON.stringify(fake.snapshot()));
    expect(state).toMatchObject({ format: "crownest-fake-state", version: 1, seed: 5 });
    const restored = createFake({ seed: 5, state });
    expect(restored.clock.now()).toBe(fake.clock.now());

    const before = await answers(client, ids);
    const after = await answers(restored.client(), ids);
    expect(after).toEqual(before);
    expect(before.logs[1]?.map((c) => c.data)).toEqual(["one\n", "two\n"]);
    expect(before.artifactBytes).toEqual([[0, 1, 2, 250, 255]]);

    // New resources get the same, fresh IDs in both.
    const nextA = await client.sandboxes.create();
    const nextB = await restored.client().sandboxes.create();
    expect(nextB.id).toBe(nextA.id);
    expect(before.sandboxes.map((s) => s.id)).not.toContain(nextA.id);

    // reset() goes back to the snapshot.
    restored.reset();
    expect((await answers(restored.client(), ids)).sandboxes).toEqual(before.sandboxes);
  });

  it("a restored sandbox's TTL keeps running on the clock", async () => {
    const fake = createFake({ clock: "manual" });
    const sandbox = await fake.client().sandboxes.create({ ttlMs: 60_000 });
    await fake.clock.advance(20_000);
    const restored = createFake({ clock: "manual", state: fake.snapshot() });
    await restored.clock.advance(39_999);
    expect((await restored.client().sandboxes.get(sandbox.id)).status).toBe("running");
    await restored.clock.advance(1);
    const ended = await restored.client().sandboxes.get(sandbox.id);
    expect(ended.status).toBe("destroyed");
    expect(ended.endedReason).toBe("ttl_expired");
  });

  it("a command still running at the snapshot comes back canceled, with its logs", async () => {
    const fake = createFake({ clock: "manual" });
    fake.programs.define("serve", async (proc) => {
      proc.stdout.write("up\n");
      await proc.sleep(1_000_000);
    });
    const client = fake.client();
    const sandbox = await client.sandboxes.create();
    const started = await client.commands.start(sandbox.id, "serve");
    await fake.clock.advance(0);
    const restored = createFake({ clock: "manual", state: fake.snapshot() });
    const cmd = await restored.client().commands.get(started.id);
    expect(cmd).toMatchObject({
      status: "canceled",
      cancelMode: "force",
      cancelReason: "service_restarted",
      stdout: "up\n",
    });
    expect((await restored.client().commands.logs(started.id)).map((c) => c.data)).toEqual([
      "up\n",
    ]);
  });

  it("a run still running at the snapshot comes back canceled, sealed, without its sandbox", async () => {
    const fake = createFake({ clock: "manual" });
    let sleeping: () => void = () => {};
    const asleep = new Promise<void>((resolve) => {
      sleeping = resolve;
    });
    fake.programs.define("serve", async (proc) => {
      proc.stdout.write("up\n");
      sleeping();
      await proc.sleep(1_000_000);
    });
    const client = fake.client();
    const given = await client.sandboxes.create();
    const ready = await client.workspaceRuns.create({ command: "serve", sandboxId: given.id });
    await client.workspaceRuns.uploadArchive(ready.id, { bytes: await tarGz({ "a.txt": "a" }) });
    const run = await client.workspaceRuns.create({ command: "serve" });
    await client.workspaceRuns.uploadArchive(run.id, { bytes: await tarGz({ "a.txt": "a" }) });
    const started = await client.workspaceRuns.start(run.id);
    await asleep;
    expect((await client.workspaceRuns.get(run.id)).status).toBe("running");

    const restored = createFake({ clock: "manual", state: fake.snapshot() });
    await restored.clock.advance(0);
    const rc = restored.client();
    const back = await rc.workspaceRuns.get(run.id);
    expect(back).toMatchObject({ status: "canceled", finishedAt: restored.clock.iso() });
    const evidence = await rc.workspaceRuns.evidence(run.id);
    expect(evidence).toMatchObject({ workspaceRunId: run.id, status: "canceled" });
    const statuses = [];
    for await (const e of rc.workspaceRuns.streamEvents(run.id)) {
      if (e.type === "status") statuses.push(e.status);
    }
    expect(statuses).toEqual(["awaiting_archive", "ready", "running", "canceled"]);
    const sandbox = await rc.sandboxes.get(started.sandboxId as never);
    expect(sandbox.status).toBe("destroyed");
    // One that had not started leaves the sandbox it was given.
    expect((await rc.workspaceRuns.get(ready.id)).status).toBe("canceled");
    expect((await rc.sandboxes.get(given.id)).status).toBe("running");
  });

  it("refuses something that is not a snapshot", () => {
    expect(() => createFake({ state: { sandboxes: [] } as never })).toThrow(/not a snapshot/);
  });
});

describe("stateText (what crownest-fake --state writes)", () => {
  it("is the snapshot's JSON in pieces of at most 256 KiB, taken when called", async () => {
    const fake = createFake();
    const client = fake.client();
    await populate(fake, client);
    const sandbox = await client.sandboxes.create();
    const bytes = new Uint8Array(250_000).map((_, i) => (i * 31) & 255);
    for (let i = 0; i < 8; i++) await client.files.write(sandbox.id, `blob${i}.bin`, bytes);
    await client.files.write(sandbox.id, "tricky.txt", '"\\u0000 and \u0000 and quotes"');
    const expected = JSON.stringify(fake.snapshot());
    const text = stateText(fake.context);
    // Changed after the call: not in the text.
    await client.files.write(sandbox.id, "blob0.bin", "changed");
    const pieces = [...text];
    expect(pieces.join("")).toBe(expected);
    // 2 MB of files: base64 pieces of 192 KiB each, nothing encoded in one go.
    expect(pieces.length).toBeGreaterThan(16);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(262_144);
    const restored = createFake({ state: JSON.parse(pieces.join("")) });
    expect(await restored.client().files.read(sandbox.id, "tricky.txt")).toBe(
      '"\\u0000 and \u0000 and quotes"',
    );
  });
});

describe("a restored fake's plan and retention", () => {
  it("a restored running sandbox is listed and counts against the live-sandbox limit", async () => {
    const fake = createFake({ clock: "manual" });
    const running = await fake.client().sandboxes.create();
    const ended = await fake.client().sandboxes.create();
    await fake.client().sandboxes.kill(ended.id);
    const restored = createFake({
      clock: "manual",
      plan: { maxLiveSandboxes: 1 },
      state: fake.snapshot(),
    });
    const client = restored.client();
    expect((await client.sandboxes.list()).map((s) => s.id)).toEqual([running.id]);
    await expect(client.sandboxes.create()).rejects.toMatchObject({ code: "quota_exceeded" });
    await client.sandboxes.kill(running.id);
    expect((await client.sandboxes.create()).status).toBe("running");
  });

  it("an ended sandbox stays ended: no files come back, and a second snapshot says so", async () => {
    const fake = createFake({ clock: "manual" });
    const ended = await fake.client().sandboxes.create();
    await fake.client().files.write(ended.id, "a.txt", "a");
    await fake.client().sandboxes.kill(ended.id);
    const restored = createFake({ clock: "manual", state: fake.snapshot() });
    await expect(restored.client().files.list(ended.id)).rejects.toMatchObject({
      code: "sandbox_destroyed",
    });
    const again = restored.snapshot().sandboxes.find((s) => s.record.id === ended.id);
    expect(again).toMatchObject({ files: null, rootModifiedAt: null });
    await restored.clock.advance(60 * 60 * 1000);
    expect((await restored.client().sandboxes.get(ended.id)).status).toBe("destroyed");
  });

  it("ended records are forgotten retentionMs after they ended, not after the restore", async () => {
    const retentionMs = 60 * 60 * 1000;
    const fake = createFake({ clock: "manual", retentionMs });
    const client = fake.client();
    fake.programs.define("check", async () => {});
    const sandbox = await client.sandboxes.create();
    const command = await client.commands.run(sandbox.id, "echo done");
    await client.sandboxes.kill(sandbox.id);
    const { workspaceRun } = await client.workspaceRuns.runArchive(await tarGz({ "a.txt": "a" }), {
      command: "check",
    });
    expect(workspaceRun.status).toBe("succeeded");
    await fake.clock.advance(retentionMs - 1000);

    const restored = createFake({ clock: "manual", retentionMs, state: fake.snapshot() });
    const rc = restored.client();
    const answers = () =>
      Promise.all([
        rc.sandboxes.get(sandbox.id).then(
          () => 200,
          (e) => e.status,
        ),
        rc.commands.get(command.id).then(
          () => 200,
          (e) => e.status,
        ),
        rc.workspaceRuns.get(workspaceRun.id).then(
          () => 200,
          (e) => e.status,
        ),
      ]);
    await restored.clock.advance(999);
    expect(await answers()).toEqual([200, 200, 200]);
    await restored.clock.advance(1);
    expect(await answers()).toEqual([404, 404, 404]);
    expect(restored.context.sandboxes.size).toBe(0);
    expect(restored.context.commands.size).toBe(0);
    expect(restored.context.runs.holdings.runs).toBe(0);
  });
});
