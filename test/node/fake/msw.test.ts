// MSW: a suite that already intercepts with msw's setupServer sends the
// service's real origin to the fake; the SDK uses the global fetch.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { crownestHandlers } from "../../../fake/msw.ts";
import { createCrowNestClient } from "../../../src/index.ts";
import { FIVE_LINES, rawClient, readRaw } from "../../shared/raw-sse.ts";

const REAL = "https://api.crownest.dev";
const fake = createFake({ baseUrl: REAL });
const other = createFake({ seed: 2 });
const server = setupServer(
  ...crownestHandlers(fake, { http }),
  // A second fake, answering under another origin than its own.
  ...crownestHandlers(other, { http, baseUrl: "https://eu.crownest.dev" }),
  http.get("https://example.test/", () => HttpResponse.text("not the fake")),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  fake.reset();
  fake.programs.clear();
});
afterAll(() => server.close());

describe("crownestHandlers with msw's setupServer", () => {
  it("the SDK on the global fetch talks to the fake", async () => {
    const client = createCrowNestClient({ apiKey: fake.apiKey, baseUrl: REAL });
    const sandbox = await client.sandboxes.create({ metadata: { via: "msw" } });
    const cmd = await client.commands.run(sandbox.id, "echo hello > a.txt; cat a.txt");
    expect(cmd.stdout).toBe("hello\n");
    expect(fake.requests.list({ operationId: "createSandbox" })).toHaveLength(1);
    expect(await (await fetch("https://example.test/")).text()).toBe("not the fake");
  });

  it("server-sent events stream through, event by event", async () => {
    fake.programs.define("count", async (proc) => {
      for (let i = 1; i <= 3; i++) {
        proc.stdout.write(`${i}\n`);
        await proc.sleep(1000);
      }
    });
    const client = createCrowNestClient({ apiKey: fake.apiKey, baseUrl: REAL });
    const sandbox = await client.sandboxes.create();
    const started = await client.commands.start(sandbox.id, "count");
    const seen: string[] = [];
    for await (const event of client.commands.streamLogs(started.id)) {
      if (event.type === "log") seen.push(event.data);
      if (event.type === "terminal") seen.push(`exit ${event.command.exitCode}`);
    }
    expect(seen).toEqual(["1\n", "2\n", "3\n", "exit 0"]);
  });

  it("re-addresses another origin to the fake, and a dropped connection is a network error", async () => {
    const client = createCrowNestClient({
      apiKey: other.apiKey,
      baseUrl: "https://eu.crownest.dev",
      maxRetries: 0,
    });
    expect((await client.projects.list()).map((p) => p.id)).toEqual(["prj_default"]);
    other.faults.add({ operation: "listProjects", dropConnection: "before", times: 1 });
    await expect(client.projects.list()).rejects.toMatchObject({ code: "connection_error" });
    expect(other.requests.list({ operationId: "listProjects" }).map((e) => e.status)).toEqual([
      200,
      null,
    ]);
  });

  for (const n of [1, 2, 3]) {
    it(`a cut-stream fault (cutStreamAfterEvents: ${n}) gives ${n} whole events, then an error`, async () => {
      const raw = rawClient(fetch, REAL, fake.apiKey);
      const sandbox = await raw.post("/v1/sandboxes", {});
      const command = await raw.post(`/v1/sandboxes/${sandbox.id}/commands`, {
        command: FIVE_LINES,
      });
      fake.faults.add({ operation: "streamCommandLogs", times: 1, cutStreamAfterEvents: n });
      const got = await readRaw(await raw.stream(`/v1/commands/${command.id}/logs/stream`));
      expect(got).toMatchObject({ names: Array(n).fill("log"), partial: false });
      expect(got.ended).toMatch(/stream cut by a fault rule/);
    });
  }
});
