// Logs with no silent gaps, files of any size through signed URLs, and
// runArchive that never leaves a run behind: the SDK against the fake served
// on 127.0.0.1 (auto clock) and against stub servers.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type FakeServer, serveFake } from "../../../fake/server/serve.ts";
import { limits } from "../../../src/generated/contract.ts";
import {
  CrowNestApiError,
  type CrowNestClient,
  createCrowNestClient,
  type WorkspaceRunId,
} from "../../../src/index.ts";
import { startStub } from "../../helpers/stub-server.ts";
import { tarGz } from "./helpers/fetch-stubs.ts";

let server: FakeServer;
let client: CrowNestClient;

beforeEach(async () => {
  server = await serveFake({ port: 0, clock: "auto", plan: { logWindow: 100 } });
  server.fake.programs.define("spam", (proc) => {
    const n = Number(proc.argv[1]);
    for (let i = 1; i <= n; i++) proc.stdout.write(`${i}\n`);
  });
  server.fake.programs.define("bigfile", (proc) => {
    proc.fs.write(proc.argv[1] as string, new Uint8Array(Number(proc.argv[2])).fill(0x61));
  });
  client = createCrowNestClient({
    apiKey: server.fake.apiKey,
    baseUrl: server.url,
    sleep: async () => {},
  });
});
afterEach(() => server.close());

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as CrowNestApiError,
  );

describe("logs: no silent gaps", () => {
  test("logs() and logs({afterSeq: 0}) agree: both report the trimmed start", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const { id } = await sandbox.commands.run("spam 150");
    for (const input of [undefined, { afterSeq: 0 }]) {
      const error = await rejection(client.commands.logs(id, input));
      expect(error).toBeInstanceOf(CrowNestApiError);
      expect(error).toMatchObject({
        code: "stream_gap",
        details: { requestedAfterSeq: 0, firstAvailableSeq: 51 },
      });
    }
    expect((await client.commands.logs(id, { afterSeq: 50, limit: 1 }))[0]?.seq).toBe(51);
  });

  test("a page says whether more follows; allLogs walks every stored chunk once", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const { id } = await sandbox.commands.run("spam 90");
    const first = await client.commands.logPage(id);
    expect(first.data).toHaveLength(50);
    expect(first).toMatchObject({ hasMore: true, nextAfterSeq: 50 });
    const last = await client.commands.logPage(id, { afterSeq: 50, limit: 40 });
    expect(last).toMatchObject({ hasMore: false, nextAfterSeq: 90 });
    const seqs: number[] = [];
    for await (const chunk of client.commands.allLogs(id, { limit: 7 })) seqs.push(chunk.seq);
    expect(seqs).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
  });

  test("a stream from the start whose early chunks were trimmed begins with stream_gap", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const { id } = await sandbox.commands.run("spam 150");
    const events = [];
    for await (const event of client.commands.streamLogs(id)) events.push(event);
    expect(events[0]).toMatchObject({
      type: "error",
      code: "stream_gap",
      details: { requestedAfterSeq: 0, firstAvailableSeq: 51 },
    });
    expect(events[1]).toMatchObject({ type: "log", seq: 51 });
    expect(events.at(-1)?.type).toBe("terminal");
  });

  test("output longer than the contract's chunk limit is split, and nothing is lost", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    server.fake.programs.define("long", (proc) => proc.stdout.write("z".repeat(150_000)));
    const { id, stdout } = await sandbox.commands.run("long");
    const chunks = [];
    for await (const chunk of client.commands.allLogs(id)) chunks.push(chunk);
    const max = limits.maxLogChunkBytes;
    const full = Math.floor(150_000 / max);
    expect(chunks.map((c) => c.data.length)).toEqual([
      ...Array.from({ length: full }, () => max),
      150_000 - full * max,
    ]);
    expect(chunks.map((c) => c.data).join("")).toBe(stdout);
  });
});

describe("files of any size", () => {
  test("write takes a Uint8Array, a Blob and a ReadableStream", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 100));
        c.enqueue(bytes.subarray(100));
        c.close();
      },
    });
    for (const [name, content] of [
      ["u8.bin", bytes],
      ["blob.bin", new Blob([bytes])],
      ["stream.bin", stream],
    ] as const) {
      const stat = await sandbox.files.write(name, content);
      expect(stat.sizeBytes).toBe(300);
      expect(await sandbox.files.download(name)).toEqual(bytes);
    }
    expect(await sandbox.files.write("t.txt", "text")).toMatchObject({ sizeBytes: 4 });
  });

  test("too large to write: file_too_large naming files.write, nothing sent", async () => {
    let sent = 0;
    const counted = createCrowNestClient({
      apiKey: "k",
      baseUrl: "https://api.crownest.test",
      fetch: async () => {
        sent++;
        return new Response("{}");
      },
    });
    const big = new Uint8Array(limits.maxDirectFileBytes + 1);
    for (const content of [big, new Blob([big])]) {
      const error = await rejection(counted.files.write("sbx_1", "big.bin", content));
      expect(error).toMatchObject({
        code: "file_too_large",
        details: { sizeBytes: big.byteLength },
      });
      expect(error.message).toContain("files.write");
    }
    expect(sent).toBe(0);
  });

  test("a file over 256 KiB: read names files.download, which returns it (bytes or stream)", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    await sandbox.commands.run("bigfile big.txt 300000");
    const error = await rejection(sandbox.files.read("big.txt"));
    expect(error).toMatchObject({ code: "file_too_large", status: 413 });
    expect(error.message).toContain("files.download");
    const bytes = await sandbox.files.download("big.txt");
    expect(bytes.byteLength).toBe(300_000);
    expect(bytes.every((b) => b === 0x61)).toBe(true);
    const stream = await sandbox.files.downloadStream("big.txt");
    let size = 0;
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) size += r.value.byteLength;
    expect(size).toBe(300_000);
  });
});

describe("files.download is origin-aware", () => {
  async function scene(authMode: "api_key" | "none", foreign: boolean) {
    const seen: Request[] = [];
    const storage = await startStub((request) => {
      seen.push(request);
      return new Response("payload");
    });
    let apiUrl = "";
    const api = await startStub((request) => {
      if (new URL(request.url).pathname.endsWith("/files/download-url")) {
        const url = `${foreign ? storage.url : apiUrl}/signed/file?sig=1`;
        return Response.json(
          {
            url,
            method: "GET",
            headers: { "x-sig": "1" },
            authMode,
            expiresAt: "2030-01-01T00:00:00Z",
          },
          { status: 201 },
        );
      }
      seen.push(request);
      return new Response("payload");
    });
    apiUrl = api.url;
    const c = createCrowNestClient({
      apiKey: "cn_test_origin_key",
      baseUrl: api.url,
      headers: { "x-team": "t" },
    });
    const result = await c.files.download("sbx_1", "f.txt").then(
      (b) => new TextDecoder().decode(b),
      (e: unknown) => e,
    );
    await api.close();
    await storage.close();
    return { result, seen };
  }

  test("api_key on the API origin: the bearer goes along", async () => {
    const { result, seen } = await scene("api_key", false);
    expect(result).toBe("payload");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer cn_test_origin_key");
    expect(seen[0]?.headers.get("x-sig")).toBe("1");
  });

  test("none on another origin: fetched with no key and no client headers", async () => {
    const { result, seen } = await scene("none", true);
    expect(result).toBe("payload");
    expect(seen[0]?.headers.get("authorization")).toBeNull();
    expect(seen[0]?.headers.get("x-team")).toBeNull();
  });

  test("api_key on another origin: refused, the other origin gets nothing", async () => {
    const { result, seen } = await scene("api_key", true);
    expect(result).toBeInstanceOf(CrowNestApiError);
    expect((result as CrowNestApiError).code).toBe("invalid_response");
    expect(seen).toHaveLength(0);
  });
});

describe("runArchive never leaves a run behind", () => {
  test("onCreated knows the run first; every event comes with its id", async () => {
    const calls: string[] = [];
    let created: WorkspaceRunId | undefined;
    const result = await client.workspaceRuns.runArchive(await tarGz({ "a.txt": "hi" }), {
      command: "cat a.txt",
      onCreated: (run) => {
        created = run.id;
        calls.push("created");
      },
      onEvent: (event, id) => {
        expect(id).toBe(created);
        calls.push(event.type);
      },
    });
    expect(calls[0]).toBe("created");
    expect(calls.at(-1)).toBe("terminal");
    expect(result.workspaceRun.id).toBe(created);
  });

  test("an upload the service refuses: the run is canceled and the error names it", async () => {
    server.fake.faults.add({ operation: "uploadWorkspaceRunArchive", code: "invalid_archive" });
    let created: WorkspaceRunId | undefined;
    const error = await rejection(
      client.workspaceRuns.runArchive(await tarGz({ "a.txt": "hi" }), {
        command: "true",
        onCreated: (run) => {
          created = run.id;
        },
      }),
    );
    expect(error).toBeInstanceOf(CrowNestApiError);
    expect(error.code).toBe("invalid_archive");
    expect(error.details?.workspaceRunId).toBe(created);
    expect(error.message).toContain(created);
    expect((await client.workspaceRuns.get(created as WorkspaceRunId)).status).toBe("canceled");
  });

  test("bytes that are not gzip are invalid_archive before any request: no run is created", async () => {
    for (const bytes of [
      new TextEncoder().encode("not a tar.gz"),
      new Uint8Array([0x1f]),
      new Uint8Array(0),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]), // a zip
    ]) {
      let created = false;
      const error = await rejection(
        client.workspaceRuns.runArchive(bytes, {
          command: "true",
          onCreated: () => {
            created = true;
          },
        }),
      );
      expect(error).toMatchObject({ code: "invalid_archive", status: null });
      expect(error.message).toMatch(/not gzip/);
      expect(created).toBe(false);
    }
    expect(server.fake.requests.list({ path: "/v1/workspace-runs" })).toEqual([]);
    expect(await client.workspaceRuns.list()).toEqual([]);
    expect(server.fake.snapshot().runs).toEqual([]);
  });

  test("an archive over the size limit is archive_too_large before any request", async () => {
    const bytes = new Uint8Array(limits.maxArchiveBytes + 1);
    bytes.set([0x1f, 0x8b, 0x08]);
    const error = await rejection(client.workspaceRuns.runArchive(bytes, { command: "true" }));
    expect(error).toMatchObject({
      code: "archive_too_large",
      status: null,
      details: { limit: limits.maxArchiveBytes, sizeBytes: limits.maxArchiveBytes + 1 },
    });
    expect(server.fake.requests.list({ path: "/v1/workspace-runs" })).toEqual([]);
  });

  test("aborted once created: the run is canceled, the aborted error names it", async () => {
    const abort = new AbortController();
    let created: WorkspaceRunId | undefined;
    const error = await rejection(
      client.workspaceRuns.runArchive(
        await tarGz({ "a.txt": "hi" }),
        {
          command: "sleep 30",
          onCreated: (run) => {
            created = run.id;
            abort.abort(new Error("stop"));
          },
        },
        { signal: abort.signal },
      ),
    );
    expect(error).toMatchObject({ code: "aborted", details: { workspaceRunId: created } });
    expect((await client.workspaceRuns.get(created as WorkspaceRunId)).status).toBe("canceled");
  });
});
