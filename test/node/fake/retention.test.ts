// The fake as a long-lived shared server, part 2: ended records and
// idempotency keys are forgotten on the fake's clock, fingerprints cover the
// headers that change a request's meaning, extraction is all or nothing,
// the contract and the fake agree, and the control routes are guarded.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Retention } from "../../../fake/core/retention.ts";
import { createClock, createFake } from "../../../fake/index.ts";
import { openapiDocument } from "../../../src/generated/document.ts";
import { createTestFake } from "../../helpers/test-fake.ts";
import { setup } from "./helpers/process.ts";
import { createRun, sha256, startedRun, tgz, upload } from "./helpers/workspace-runs.ts";

const HOUR = 3_600_000;

describe("retention of ended records", () => {
  it("a killed sandbox and its commands are 404 once the retention period has passed", async () => {
    const f = await setup();
    const cmd = await f.run("echo hi");
    expect((await f.call("DELETE", `/v1/sandboxes/${f.sandboxId}`)).status).toBe(200);
    await f.fake.clock.advance(24 * HOUR - 1);
    expect((await f.call("GET", `/v1/sandboxes/${f.sandboxId}`)).json.status).toBe("destroyed");
    expect((await f.get(cmd.json.id)).status).toBe(200);
    await f.fake.clock.advance(1);
    expect((await f.call("GET", `/v1/sandboxes/${f.sandboxId}`)).status).toBe(404);
    expect((await f.get(cmd.json.id)).json.error.code).toBe("not_found");
    expect((await f.logs(cmd.json.id)).status).toBe(404);
    const listed = await f.call("GET", "/v1/sandboxes?includeEnded=true");
    expect(listed.json.data).toEqual([]);
    expect(f.fake.context.sandboxes.size).toBe(0);
    expect(f.fake.context.commands.size).toBe(0);
  });

  it("an ended command of a live sandbox goes too; retentionMs is configurable", async () => {
    const f = await setup({ retentionMs: 60_000 });
    const cmd = await f.run("echo hi");
    await f.fake.clock.advance(60_000);
    expect((await f.get(cmd.json.id)).status).toBe(404);
    expect((await f.call("GET", `/v1/sandboxes/${f.sandboxId}`)).json.status).toBe("running");
  });

  it("an ended workspace run, its events and its transfers are 404 afterwards", async () => {
    const t = createTestFake({ retentionMs: HOUR });
    const run = await startedRun(t, { "a.txt": "a" }, { command: "cat a.txt" });
    await t.fake.clock.advance(1000);
    expect((await t.call("GET", `/v1/workspace-runs/${run.id}`)).json.status).toBe("succeeded");
    await t.fake.clock.advance(HOUR);
    expect((await t.call("GET", `/v1/workspace-runs/${run.id}`)).status).toBe(404);
    expect((await t.call("GET", `/v1/workspace-runs/${run.id}/evidence`)).status).toBe(404);
    expect(t.fake.context.runs.holdings).toEqual({ runs: 0, transfers: 0, stagedBytes: 0 });
  });

  it("idempotency keys are dropped after their 24-hour window", async () => {
    const t = createTestFake();
    for (let i = 0; i < 50; i++) {
      await t.call("POST", "/v1/sandboxes", {
        body: {},
        idempotencyKey: `k${i}`,
      });
      const s = await t.call("GET", "/v1/sandboxes");
      for (const sbx of s.json.data) await t.call("DELETE", `/v1/sandboxes/${sbx.id}`);
    }
    expect(t.fake.context.idempotency.size).toBe(50);
    await t.fake.clock.advance(24 * HOUR);
    await t.call("POST", "/v1/sandboxes", { body: {}, idempotencyKey: "fresh" });
    expect(t.fake.context.idempotency.size).toBe(1);
  });
});

describe("in-process load through the SDK", () => {
  // A loop of in-process calls never yields to the event loop, so whatever a
  // call's signal still references stays reachable until the loop turns
  // (undici's request finalizers run then): the heap is read before that.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const heap = () => {
    gc();
    gc();
    return getHeapStatistics().used_heap_size;
  };

  it("drops every run's records and responses once the sandboxes ended 25 hours ago", async () => {
    const fake = createFake({ clock: "manual" });
    const client = fake.client();
    const load = async (sandboxes: number, runs: number) => {
      for (let s = 0; s < sandboxes; s++) {
        const sandbox = await client.sandboxes.create();
        for (let i = 0; i < runs; i++) await client.commands.run(sandbox.id, `echo ${i}`);
        await client.sandboxes.kill(sandbox.id);
      }
      await fake.clock.advance(25 * HOUR);
      await client.sandboxes.list();
      await client.sandboxes.list();
    };
    await load(1, 150); // warm-up: compiled code and pools, then the baseline
    const base = heap();
    await load(3, 300);
    const grown = heap() - base;
    const ctx = fake.context;
    expect([ctx.sandboxes.size, ctx.commands.size, ctx.idempotency.size]).toEqual([0, 0, 0]);
    expect(ctx.retention.pending).toBe(0);
    // Each run's responses and promises stayed reachable from its signal
    // (~5 KiB a run); what the runtime keeps of a request until the loop turns is ~1.3 KiB.
    expect(grown / 900).toBeLessThan(3072);
  }, 30_000);
});

describe("idempotency fingerprints", () => {
  it("cover the archive's digest header: a corrected retry is another request, not a replay", async () => {
    const t = createTestFake();
    const run = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });
    const wrong = await upload(t, run.id, bytes, {
      "X-Archive-Sha256": "0".repeat(64),
      "Idempotency-Key": "put-1",
    });
    expect(wrong.status).toBe(422);
    const reused = await upload(t, run.id, bytes, { "Idempotency-Key": "put-1" });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    const right = await upload(t, run.id, bytes, { "Idempotency-Key": "put-2" });
    expect(right.status, right.text).toBe(200);
    expect(right.headers.get("idempotent-replayed")).toBeNull();
    expect(right.json.archive.sha256).toBe(sha256(bytes));
  });
});

describe("archive extraction", () => {
  it("is all or nothing: an invalid later entry leaves a kept sandbox's files as they were", async () => {
    const f = await setup();
    await f.writeFile("a.txt", "old");
    const run = await createRun(f, { command: "true", sandboxId: f.sandboxId, keepSandbox: true });
    // "a.txt/b" needs a.txt to be a directory, after "a.txt" was written as a file.
    const bytes = await tgz({ "a.txt": "new", "new.txt": "n", "a.txt/b": "b" });
    expect((await upload(f, run.id, bytes)).status).toBe(200);
    expect((await f.call("POST", `/v1/workspace-runs/${run.id}/start`)).status).toBe(202);
    await f.fake.clock.advance(1000);
    const ended = await f.call("GET", `/v1/workspace-runs/${run.id}`);
    expect(ended.json).toMatchObject({ status: "failed", error: { code: "invalid_archive" } });
    expect((await f.readFile("a.txt")).json.content).toBe("old");
    expect((await f.readFile("new.txt")).status).toBe(404);
  });
});

describe("contract agreement", () => {
  it("refuses application/x-gzip with 415 (the contract takes application/gzip only)", async () => {
    const t = createTestFake();
    const run = await createRun(t, { command: "true" });
    const bytes = await tgz({ "a.txt": "a" });
    const res = await t.call("PUT", `/v1/workspace-runs/${run.id}/archive`, {
      raw: bytes,
      contentType: "application/x-gzip",
      headers: { "X-Archive-Sha256": sha256(bytes), "X-Archive-Size-Bytes": String(bytes.length) },
    });
    expect(res.status).toBe(415);
  });

  it("declares Idempotent-Replayed on the error responses a replay can carry", async () => {
    const responses = openapiDocument.components.responses;
    for (const name of ["BadRequest", "NotFound", "Conflict", "PayloadTooLarge", "Unprocessable"]) {
      expect(Object.keys(responses[name].headers), name).toContain("Idempotent-Replayed");
    }
    const t = createTestFake();
    const first = await t.call("POST", "/v1/sandboxes", {
      body: { ttlMs: 99_999_999 },
      idempotencyKey: "bad",
    });
    const again = await t.call("POST", "/v1/sandboxes", {
      body: { ttlMs: 99_999_999 },
      idempotencyKey: "bad",
    });
    expect([first.status, again.status]).toEqual([400, 400]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("control routes", () => {
  const control = (headers: Record<string, string>, path = "/_fake/reset") =>
    new Request(`https://api.crownest.test${path}`, { method: "POST", headers, body: "{}" });

  it("need an owner key or the control token, JSON, the fake's Host and no cross-site Origin", async () => {
    const t = createTestFake({ controlRoutes: true, controlToken: "cn_ctl_test" });
    const member = t.fake.createApiKey({ role: "member" });
    const json = { "Content-Type": "application/json" };
    const key = { Authorization: `Bearer ${t.fake.apiKey}`, ...json };
    const status = async (headers: Record<string, string>) =>
      (await t.fake.fetch(control(headers))).status;
    expect(await status(json)).toBe(401);
    expect(await status({ Authorization: "Bearer nope", ...json })).toBe(401);
    expect(await status({ Authorization: `Bearer ${member}`, ...json })).toBe(403);
    expect(await status({ ...key, "Content-Type": "text/plain" })).toBe(415);
    expect(await status({ ...key, Host: "evil.test" })).toBe(403);
    expect(await status({ ...key, Origin: "https://evil.test" })).toBe(403);
    expect(await status({ ...key, "Sec-Fetch-Site": "cross-site" })).toBe(403);
    expect(await status({ ...key, Origin: "https://api.crownest.test" })).toBe(200);
    expect(await status({ Authorization: "Bearer cn_ctl_test", ...json })).toBe(200);
  });

  it("answer a configured host name too", async () => {
    const t = createTestFake({ controlRoutes: true, controlHosts: ["fake.local:8787"] });
    const headers = {
      Authorization: `Bearer ${t.fake.apiKey}`,
      "Content-Type": "application/json",
      Host: "fake.local:8787",
    };
    expect((await t.fake.fetch(control(headers))).status).toBe(200);
  });
});

describe("the retention queues on their own", () => {
  it("drops each record at its own time, across delays, and what a drop schedules in turn", async () => {
    const clock = createClock("manual");
    const retention = new Retention(clock);
    const dropped: string[] = [];
    retention.after(5000, () => dropped.push("5s"));
    retention.after(1000, () => {
      dropped.push("1s");
      retention.after(500, () => dropped.push("1s+500"));
    });
    retention.afterEnded(new Date(clock.now() - 10_000).toISOString(), 3000, () =>
      dropped.push("ended long ago"),
    );
    retention.sweep();
    expect(dropped).toEqual(["ended long ago"]);
    await clock.advance(999);
    retention.sweep();
    expect(dropped).toEqual(["ended long ago"]);
    await clock.advance(1);
    retention.sweep();
    expect(dropped).toEqual(["ended long ago", "1s"]);
    expect(retention.pending).toBe(2);
    await clock.advance(500);
    retention.sweep();
    expect(dropped).toEqual(["ended long ago", "1s", "1s+500"]);
    // A later record on a shorter delay is due before the 5 s one.
    retention.after(100, () => dropped.push("100ms"));
    await clock.advance(100);
    retention.sweep();
    expect(dropped.at(-1)).toBe("100ms");
    await clock.advance(3399);
    retention.sweep();
    expect(retention.pending).toBe(1);
    await clock.advance(1);
    retention.sweep();
    expect(dropped.at(-1)).toBe("5s");
    expect(retention.pending).toBe(0);
  });
});
