// commands.run over the whole allowed range, whatever the runtime's fetch
// limits: the fake answers 202 after its (lowered) wait budget and the SDK
// follows the log stream to the terminal event. Node's fetch gets a headers
// timeout below the command's run time (undici's global dispatcher, restored
// after), and no request may wait for its headers that long.
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeServer, serveFake } from "../../../fake/server/serve.ts";
import { CrowNestApiError, type CrowNestClient, createCrowNestClient } from "../../../src/index.ts";
import { startStub } from "../../helpers/stub-server.ts";

const HEADERS_TIMEOUT_MS = 1_000;
const RUN_WAIT_MS = 300;

let previous: Dispatcher;
let server: FakeServer;
let client: CrowNestClient;
const requests: { path: string; ms: number }[] = [];

beforeAll(async () => {
  previous = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ headersTimeout: HEADERS_TIMEOUT_MS }));
  server = await serveFake({ port: 0, runWaitMs: RUN_WAIT_MS });
  client = createCrowNestClient({
    apiKey: server.fake.apiKey,
    baseUrl: server.url,
    logger: (_message, data) => {
      if (typeof data?.ms === "number" && typeof data.path === "string") {
        requests.push({ path: data.path, ms: data.ms });
      }
    },
  });
});

afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
});

describe("commands.run past the runtime's headers timeout", () => {
  test("the lowered headers timeout is in force for fetch", async () => {
    const slow = await startStub(async () => {
      await new Promise((resolve) => setTimeout(resolve, HEADERS_TIMEOUT_MS + 500)); // real-time: past the runtime's own headers timeout
      return new Response("late");
    });
    try {
      const error = await fetch(slow.url).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).cause)).toMatch(/Headers Timeout/i);
    } finally {
      await slow.close();
    }
  });

  test("a command longer than the timeout resolves in one call; no request waited past it", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    requests.length = 0;
    const result = await sandbox.commands.run("sleep 2; echo done", { timeoutMs: 10_000 });
    expect(result).toMatchObject({ status: "exited", exitCode: 0, stdout: "done\n" });
    const runs = requests.filter((r) => r.path.endsWith("/commands/run"));
    expect(runs).toHaveLength(1);
    expect(requests.some((r) => r.path.endsWith("/logs/stream"))).toBe(true);
    for (const r of requests) expect(r.ms).toBeLessThan(HEADERS_TIMEOUT_MS);
  });

  test("collect still happens, and the final record says so", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const result = await sandbox.commands.run("sleep 1.5; echo hi > out.txt", {
      collect: [{ path: "out.txt" }],
    });
    expect(result.collectStatus).toBe("succeeded");
    expect(result.collectedArtifacts).toHaveLength(1);
  });

  test("a timeout past the wait budget is still command_timed_out (422, final record)", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const error = await sandbox.commands.run("sleep 5", { timeoutMs: 1_200 }).catch((e) => e);
    expect(error).toBeInstanceOf(CrowNestApiError);
    expect(error).toMatchObject({ code: "command_timed_out", status: 422 });
    expect(error.details.command).toMatchObject({ status: "timed_out" });
  });

  test("the same idempotency key runs one process: a retry follows the same command", async () => {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const idempotencyKey = `run-${Date.now()}`;
    const [a, b] = await Promise.all([
      sandbox.commands.run("sleep 1; echo once", { idempotencyKey }),
      sandbox.commands.run("sleep 1; echo once", { idempotencyKey }),
    ]);
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ exitCode: 0, stdout: "once\n" });
    expect(b).toMatchObject({ exitCode: 0, stdout: "once\n" });
  });
});
