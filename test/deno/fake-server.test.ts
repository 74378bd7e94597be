// Serves the fake with Deno.serve (serveFake, from the package entry, picks it
// on Deno) on a free port and answers real HTTP requests over 127.0.0.1.
import { serveFake } from "../../fake/index.ts";
import { check } from "../shared/check.ts";
import { cutStreamDeliversWholeEvents, serveFakeLifecycle } from "../shared/serve-fake.ts";

Deno.test("the fake answers HTTP on Deno: create and get a sandbox", async () => {
  const server = await serveFake({ port: 0, clock: "manual" });
  try {
    check(server.port > 0, `port ${server.port}`);
    const auth = { Authorization: `Bearer ${server.fake.apiKey}` };
    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ template: "python", metadata: { runtime: "deno" } }),
    });
    const sandbox = await created.json();
    check(created.status === 201, `create: ${created.status} ${JSON.stringify(sandbox)}`);
    check(created.headers.get("x-request-id")?.startsWith("req_"), "X-Request-Id");
    const got = await fetch(`${server.url}/v1/sandboxes/${sandbox.id}`, { headers: auth });
    const body = await got.json();
    check(got.status === 200, `get: ${got.status}`);
    check(body.id === sandbox.id && body.status === "running", JSON.stringify(body));
    check(body.metadata.runtime === "deno", "metadata");
    const denied = await fetch(`${server.url}/v1/sandboxes/${sandbox.id}`);
    check(denied.status === 401, `no key: ${denied.status}`);
    check((await denied.json()).error.code === "unauthorized", "unauthorized");
  } finally {
    await server.close();
  }
});

Deno.test("serveFake on Deno: setup(fake) before the first request, url, fake.apiKey, close()", () =>
  serveFakeLifecycle("deno"));

Deno.test(
  "a cut-stream fault delivers N whole events, then an abrupt end, on Deno",
  cutStreamDeliversWholeEvents,
);
