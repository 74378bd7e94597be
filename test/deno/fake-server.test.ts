// Serves the fake with Deno.serve (serveFake, from the package entry, picks it
// on Deno) on a free port and answers real HTTP requests over 127.0.0.1.
import { serveFake } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";
import { FIVE_LINES, rawClient, readRaw } from "../shared/raw-sse.ts";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

Deno.test("the fake answers HTTP on Deno: create and get a sandbox", async () => {
  const server = await serveFake({ port: 0, clock: "manual" });
  try {
    assert(server.port > 0, `port ${server.port}`);
    const auth = { Authorization: `Bearer ${server.fake.apiKey}` };
    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ template: "python", metadata: { runtime: "deno" } }),
    });
    const sandbox = await created.json();
    assert(created.status === 201, `create: ${created.status} ${JSON.stringify(sandbox)}`);
    assert(created.headers.get("x-request-id")?.startsWith("req_"), "X-Request-Id");
    const got = await fetch(`${server.url}/v1/sandboxes/${sandbox.id}`, { headers: auth });
    const body = await got.json();
    assert(got.status === 200, `get: ${got.status}`);
    assert(body.id === sandbox.id && body.status === "running", JSON.stringify(body));
    assert(body.metadata.runtime === "deno", "metadata");
    const denied = await fetch(`${server.url}/v1/sandboxes/${sandbox.id}`);
    assert(denied.status === 401, `no key: ${denied.status}`);
    assert((await denied.json()).error.code === "unauthorized", "unauthorized");
  } finally {
    await server.close();
  }
});

Deno.test("serveFake on Deno: setup(fake) before the first request, url, fake.apiKey, close()", async () => {
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
    assert(server.url === `http://127.0.0.1:${server.port}`, server.url);
    assert(seen.length === 1 && seen[0] === server.url, `setup saw ${seen}`);
    assert(/^cn_test_[0-9a-f]{32}$/.test(server.fake.apiKey), "a random key");
    const client = createCrowNestClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
    const sandbox = await client.sandboxes.create();
    const ran = await client.commands.run(sandbox.id, "greet deno");
    assert(ran.stdout === "hello deno\n" && ran.exitCode === 0, JSON.stringify(ran));
    await server.close();
    closed = true;
    const after = await fetch(`${server.url}/v1/projects`).then(
      () => "answered",
      () => "refused",
    );
    assert(after === "refused", `after close(): ${after}`);
  } finally {
    if (!closed) await server.close();
  }
});

Deno.test("a cut-stream fault delivers N whole events, then an abrupt end, on Deno", async () => {
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
      assert(!got.partial, `N=${n}: a partial event`);
      assert(
        got.names.length === n && got.names.every((name) => name === "log"),
        `N=${n}: ${got.names}`,
      );
      assert(got.ended !== "end", `N=${n}: the stream ended cleanly`);
    }
  } finally {
    await server.close();
  }
});
