// Serves the fake with Bun.serve (serveFake, from the package entry, picks it
// on Bun) on a free port and answers real HTTP requests over 127.0.0.1.
import { expect, test } from "bun:test";
import { serveFake } from "../../fake/index.ts";
import { cutStreamDeliversWholeEvents, serveFakeLifecycle } from "../shared/serve-fake.ts";

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

test("serveFake on Bun: setup(fake) before the first request, url, fake.apiKey, close()", () =>
  serveFakeLifecycle("bun"));

test(
  "a cut-stream fault delivers N whole events, then an abrupt end, on Bun",
  cutStreamDeliversWholeEvents,
);
