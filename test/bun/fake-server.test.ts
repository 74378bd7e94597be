// Serves the fake with Bun.serve (serveFake, from the package entry, picks it
// on Bun) on a free port and answers real HTTP requests over 127.0.0.1.
import { expect, test } from "bun:test";
import { serveFake } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";
import { FIVE_LINES, rawClient, readRaw } from "../shared/raw-sse.ts";

test("the fake answers HTTP on Bun: create and get a sandbox", async () => {
  const server = await serveFake({ port: 0, clock: "manual" });
  try {
    expect(server.port).toBeGreaterThan(0);
    const auth = { Authorization: `Bearer ${server.fake.apiKey}` };
    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ template: "node", metadata: { runtime: "bun" } }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("x-request-id")).toMatch(/^req_/);
    const sandbox = await created.json();
    const got = await fetch(`${server.url}/v1/sandboxes/${sandbox.id}`, { headers: auth });
    expect(got.status).toBe(200);
    const body = await got.json();
    expect(body).toMatchObject({ id: sandbox.id, status: "running", template: "node" });
    expect(body.metadata).toEqual({ runtime: "bun" });
  } finally {
    await server.close();
  }
});

test("a dropped-connection fault resets the socket on Bun", async () => {
  const server = await serveFake({ port: 0, clock: "manual" });
  try {
    server.fake.faults.add({ operation: "listProjects", dropConnection: "before", times: 1 });
    const auth = { Authorization: `Bearer ${server.fake.apiKey}` };
    await expect(fetch(`${server.url}/v1/projects`, { headers: auth })).rejects.toThrow();
    const again = await fetch(`${server.url}/v1/projects`, { headers: auth });
    expect(again.status).toBe(200);
  } finally {
    await server.close();
  }
});

test("serveFake on Bun: setup(fake) before the first request, url, fake.apiKey, close()", async () => {
  const seen: string[] = [];
  const server = await serveFake({
    port: 0,
    clock: "auto",
    setup: (fake) => {
      seen.push(fake.baseUrl);
      fake.programs.define("greet", async (proc) => {
        proc.stdout.write(`hello ${proc.argv[1]}\n`);
      });
    },
  });
  let closed = false;
  try {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(seen).toEqual([server.url]);
    expect(server.fake.apiKey).toMatch(/^cn_test_[0-9a-f]{32}$/);
    const client = createCrowNestClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
    const sandbox = await client.sandboxes.create();
    const ran = await client.commands.run(sandbox.id, "greet bun");
    expect(ran).toMatchObject({ exitCode: 0, stdout: "hello bun\n" });
    await server.close();
    closed = true;
    await expect(fetch(`${server.url}/v1/projects`)).rejects.toThrow();
  } finally {
    if (!closed) await server.close();
  }
});

test("a cut-stream fault delivers N whole events, then an abrupt end, on Bun", async () => {
  const server = await serveFake({ port: 0, clock: "auto" });
  try {
    const raw = rawClient(fetch, server.url, server.fake.apiKey);
    const sandbox = await raw.post("/v1/sandboxes", {});
    for (const n of [1, 2, 3]) {
      // On the auto clock every line is there when the stream opens: one batch.
      const command = await raw.post(`/v1/sandboxes/${sandbox.id}/commands/run`, {
        command: FIVE_LINES,
      });
      server.fake.faults.add({ operation: "streamCommandLogs", times: 1, cutStreamAfterEvents: n });
      const got = await readRaw(await raw.stream(`/v1/commands/${command.id}/logs/stream`));
      expect(got).toMatchObject({ names: Array(n).fill("log"), partial: false });
      expect(got.ended).not.toBe("end");
    }
  } finally {
    await server.close();
  }
});
