// Retries, idempotent replay, stream resume and token stripping against the
// fake's fault rules and storage origin.
import { describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { type ClientOptions, createCrowNestClient } from "../../../src/index.ts";
import { rejection, tarGz } from "./helpers/fetch-stubs.ts";

function setup(fakeOptions: Parameters<typeof createFake>[0] = {}, options: ClientOptions = {}) {
  const fake = createFake({ clock: "auto", ...fakeOptions });
  const requests: Request[] = [];
  const delays: number[] = [];
  const logs: string[] = [];
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: (request) => {
      requests.push(request.clone());
      return fake.fetch(request);
    },
    sleep: async (ms) => {
      delays.push(ms);
    },
    logger: (message) => logs.push(message),
    ...options,
  });
  const count = (method: string, path: string) =>
    requests.filter((r) => r.method === method && new URL(r.url).pathname === path).length;
  return { fake, client, requests, delays, logs, count };
}

describe("retries under fault rules", () => {
  it("retries 5xx and succeeds; one sandbox exists", async () => {
    const { fake, client, count } = setup();
    fake.faults.add({
      operation: "createSandbox",
      status: 503,
      code: "service_unavailable",
      times: 2,
    });
    const sandbox = await client.sandboxes.create();
    expect(count("POST", "/v1/sandboxes")).toBe(3);
    expect((await client.sandboxes.list()).map((s) => s.id)).toEqual([sandbox.id]);
  });

  it("honours Retry-After-Ms on 429 rate_limited", async () => {
    const { fake, client, delays } = setup();
    fake.faults.add({
      operation: "listProjects",
      status: 429,
      code: "rate_limited",
      retryAfterMs: 250,
      times: 1,
    });
    await client.projects.list();
    expect(delays).toEqual([250]);
  });

  it("a dropped connection before the handler is retried", async () => {
    const { fake, client, count } = setup();
    fake.faults.add({ operation: "createSandbox", dropConnection: "before", times: 1 });
    await client.sandboxes.create();
    expect(count("POST", "/v1/sandboxes")).toBe(2);
    expect(await client.sandboxes.list()).toHaveLength(1);
  });

  it("a connection dropped after the handler ran is replayed by its Idempotency-Key: one resource", async () => {
    const { fake, client, requests } = setup();
    fake.faults.add({ operation: "createSandbox", dropConnection: "after", times: 1 });
    const sandbox = await client.sandboxes.create({ metadata: { n: "1" } });
    const posts = requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[0]?.headers.get("idempotency-key")).toBe(posts[1]?.headers.get("idempotency-key"));
    expect((await client.sandboxes.list()).map((s) => s.id)).toEqual([sandbox.id]);
  });

  it("without retries, a drop after the handler still leaves the resource (the case replay covers)", async () => {
    const { fake, client } = setup();
    fake.faults.add({ operation: "createSandbox", dropConnection: "after", times: 1 });
    const error = await rejection(client.sandboxes.create({}, { maxRetries: 0 }));
    expect(error).toMatchObject({ code: "connection_error", status: null });
    expect(await client.sandboxes.list()).toHaveLength(1);
  });

  it("commands.run replays after a drop: the command ran once", async () => {
    const { fake, client } = setup();
    const sandbox = await client.sandboxes.create();
    fake.faults.add({ operation: "runCommand", dropConnection: "after", times: 1 });
    const result = await client.commands.run(sandbox.id, "echo once >> log.txt");
    expect(result.exitCode).toBe(0);
    expect(await client.files.read(sandbox.id, "log.txt")).toBe("once\n");
  });

  it("files.write and files.delete replay after a drop: no false already_exists or not_found", async () => {
    const { fake, client, requests } = setup();
    const sandbox = await client.sandboxes.create();
    fake.faults.add({ operation: "writeFile", dropConnection: "after", times: 1 });
    const stat = await client.files.write(sandbox.id, "once.txt", "1", { overwrite: false });
    expect(stat).toMatchObject({ path: "/workspace/once.txt", sizeBytes: 1 });
    fake.faults.add({ operation: "deleteFile", dropConnection: "after", times: 1 });
    await client.files.delete(sandbox.id, "once.txt");
    expect(await client.files.list(sandbox.id)).toEqual([]);
    for (const method of ["PUT", "DELETE"]) {
      const tries = requests.filter(
        (r) => r.method === method && new URL(r.url).pathname.includes("/files"),
      );
      expect(tries, method).toHaveLength(2);
      expect(tries[0]?.headers.get("idempotency-key")).toBeTruthy();
      expect(tries[0]?.headers.get("idempotency-key")).toBe(
        tries[1]?.headers.get("idempotency-key"),
      );
    }
  });

  it("never retries quota_exceeded (the plan's live-sandbox limit)", async () => {
    const { client, count } = setup({ plan: { maxLiveSandboxes: 1 } });
    await client.sandboxes.create();
    const error = await rejection(client.sandboxes.create());
    expect(error).toMatchObject({ status: 429, code: "quota_exceeded", retryable: false });
    expect(count("POST", "/v1/sandboxes")).toBe(2);
  });
});

describe("stream resume under cut connections", () => {
  it("commands.streamLogs: every chunk once, seqs 1..N, across cuts", async () => {
    const { fake, client, logs } = setup();
    fake.programs.define("many", async (proc) => {
      for (let i = 1; i <= 20; i++) {
        proc.stdout.write(`${i}\n`);
        await proc.sleep(10);
      }
      return 0;
    });
    const sandbox = await client.sandboxes.create();
    const cmd = await client.commands.start(sandbox.id, "many");
    fake.faults.add({ operation: "streamCommandLogs", cutStreamAfterEvents: 3 });
    const seqs: number[] = [];
    let terminal = false;
    for await (const event of client.commands.streamLogs(cmd.id)) {
      if (event.type === "log") seqs.push(event.seq);
      if (event.type === "terminal") terminal = true;
    }
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(terminal).toBe(true);
    expect(logs.filter((l) => l.includes("reconnecting")).length).toBeGreaterThanOrEqual(6);
  });

  it("workspaceRuns.streamEvents resumes too; reconnect: false gives up", async () => {
    const { fake, client } = setup();
    fake.programs.define("noisy", async (proc) => {
      for (let i = 0; i < 10; i++) proc.stdout.write(`${i}\n`);
      return 0;
    });
    const bytes = await tarGz({ "a.txt": "a" });
    const run = await client.workspaceRuns.create({ command: "noisy" });
    await client.workspaceRuns.uploadArchive(run.id, { bytes });
    await client.workspaceRuns.start(run.id);
    const rule = fake.faults.add({
      operation: "streamWorkspaceRunEvents",
      cutStreamAfterEvents: 2,
    });
    const seqs: number[] = [];
    for await (const event of client.workspaceRuns.streamEvents(run.id)) {
      if ("seq" in event) seqs.push(event.seq);
    }
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(10);
    const error = await (async () => {
      for await (const _ of client.workspaceRuns.streamEvents(run.id, { reconnect: false })) {
      }
    })().catch((e) => e);
    expect(error).toMatchObject({ code: "connection_error" });
    fake.faults.remove(rule);
  });

  it("stream_gap is surfaced as an error event, then the stream goes on", async () => {
    const { fake, client } = setup({ plan: { logWindow: 5 } });
    const sandbox = await client.sandboxes.create();
    const cmd = await client.commands.run(
      sandbox.id,
      "echo 1; echo 2; echo 3; echo 4; echo 5; echo 6; echo 7; echo 8",
    );
    void fake;
    const events = [];
    for await (const event of client.commands.streamLogs(cmd.id, { afterSeq: 0 }))
      events.push(event);
    expect(events[0]).toMatchObject({
      type: "error",
      code: "stream_gap",
      details: { requestedAfterSeq: 0, firstAvailableSeq: 4 },
    });
    expect(events.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
  });

  it("break closes the connection (the fake's stream is canceled)", async () => {
    const fake = createFake({ clock: "auto" });
    let canceled = false;
    const client = createCrowNestClient({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      fetch: async (request) => {
        const response = await fake.fetch(request);
        if (!response.body || !response.headers.get("content-type")?.includes("event-stream")) {
          return response;
        }
        const reader = response.body.getReader();
        const body = new ReadableStream({
          async pull(controller) {
            const { done, value } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          },
          cancel(reason) {
            canceled = true;
            return reader.cancel(reason);
          },
        });
        return new Response(body, response);
      },
    });
    fake.programs.define("forever", async (proc) => {
      for (;;) {
        proc.stdout.write("tick\n");
        await proc.sleep(1000);
      }
    });
    const sandbox = await client.sandboxes.create();
    const cmd = await client.commands.start(sandbox.id, "forever");
    let n = 0;
    for await (const event of client.commands.streamLogs(cmd.id)) {
      if (event.type === "log" && ++n === 3) break;
    }
    expect(canceled).toBe(true);
    await client.commands.cancel(cmd.id, { mode: "force" });
  });
});

describe("archive transfers and the bearer token", () => {
  it("a storage-origin upload carries no Authorization (the storage origin refuses it)", async () => {
    const { client, requests } = setup({ storageOrigin: "https://storage.crownest.test" });
    const bytes = await tarGz({ "a.txt": "a" });
    const run = await client.workspaceRuns.create({ command: "cat a.txt" });
    const sha256 = Array.from(
      new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource)),
      (b) => b.toString(16).padStart(2, "0"),
    ).join("");
    const transfer = await client.workspaceRuns.createArchiveTransfer(run.id, {
      sha256,
      sizeBytes: bytes.byteLength,
    });
    expect(new URL(transfer.uploadUrl).origin).toBe("https://storage.crownest.test");
    await client.workspaceRuns.uploadArchiveToTransfer(transfer, { body: bytes });
    const put = requests.find((r) => r.url.startsWith("https://storage.crownest.test"));
    expect(put?.headers.has("authorization")).toBe(false);
    await client.workspaceRuns.finalizeArchive(run.id, {
      uploadId: transfer.id,
      sha256,
      sizeBytes: bytes.byteLength,
    });
    await client.workspaceRuns.start(run.id);
    for await (const _ of client.workspaceRuns.streamEvents(run.id)) {
    }
    expect((await client.workspaceRuns.get(run.id)).status).toBe("succeeded");
  });

  it("the storage origin really refuses a bearer token (so the test above proves the strip)", async () => {
    const { fake, client } = setup({ storageOrigin: "https://storage.crownest.test" });
    const bytes = await tarGz({ "a.txt": "a" });
    const run = await client.workspaceRuns.create({ command: "true" });
    const transfer = await client.workspaceRuns.createArchiveTransfer(run.id, {
      sha256: "0".repeat(64),
      sizeBytes: bytes.byteLength,
    });
    const response = await fake.fetch(
      new Request(transfer.uploadUrl, {
        method: "PUT",
        headers: { ...transfer.headers, authorization: `Bearer ${fake.apiKey}` },
        body: bytes as BodyInit,
      }),
    );
    expect(response.status).toBe(400);
  });

  it("an API-origin upload carries the token, and a streamed body works once", async () => {
    const { client, requests } = setup();
    const bytes = await tarGz({ "a.txt": "a" });
    const { workspaceRun } = await client.workspaceRuns.runArchive(bytes, { command: "cat a.txt" });
    expect(workspaceRun.status).toBe("succeeded");
    const run = await client.workspaceRuns.create({ command: "true" });
    const sha256 = workspaceRun.archive?.sha256 ?? "";
    const transfer = await client.workspaceRuns.createArchiveTransfer(run.id, {
      sha256,
      sizeBytes: bytes.byteLength,
    });
    expect(new URL(transfer.uploadUrl).origin).toBe("https://api.crownest.test");
    await client.workspaceRuns.uploadArchiveToTransfer(transfer, {
      body: new Blob([bytes as BlobPart]).stream(),
    });
    const put = requests.filter((r) => r.url.startsWith(transfer.uploadUrl.split("?")[0] ?? "-"));
    expect(put).toHaveLength(1);
    expect(put[0]?.headers.get("authorization")).toMatch(/^Bearer /);
    const { workspaceRun: ready } = await client.workspaceRuns.finalizeArchive(run.id, {
      uploadId: transfer.id,
      sha256,
      sizeBytes: bytes.byteLength,
    });
    expect(ready.status).toBe("ready");
  });
});

describe("logging against the fake", () => {
  it("never logs the API key", async () => {
    const { fake, client, logs } = setup();
    fake.faults.add({ operation: "createSandbox", status: 500, code: "internal_error", times: 1 });
    const sandbox = await client.sandboxes.create();
    await client.commands.run(sandbox.id, "echo hi");
    expect(logs.length).toBeGreaterThan(2);
    for (const line of logs) expect(line).not.toContain(fake.apiKey);
  });
});
