// Serves the fake with Deno.serve (serveFake, from the package entry, picks it
// on Deno) on a free port and answers real HTTP requests over 127.0.0.1.
import { serveFake } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";

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
