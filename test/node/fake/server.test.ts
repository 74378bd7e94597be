// The crownest-fake bin as users run it: `node dist/fake/bin.js --port 0`,
// real HTTP over 127.0.0.1, SIGTERM -> exit 0. dist/ is built by `npm test`
// first; when it is missing or older than the sources it is rebuilt here.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultApiKey } from "../../../fake/config.ts";
import {
  FAKE_BIN,
  type FakeRuntime,
  fakeLauncher,
  type RunningFake,
  startFake,
} from "../../../scripts/start-fake.mjs";
import { ensureBuilt } from "../../helpers/build.ts";

const bin = FAKE_BIN;

const children: ChildProcess[] = [];

async function start(args: string[], runtime: FakeRuntime = "node"): Promise<RunningFake> {
  const server = await startFake({ args, launcher: fakeLauncher(runtime) });
  children.push(server.child);
  return server;
}

function api(server: RunningFake, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("Authorization", `Bearer ${server.apiKey}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

/** A request with any Host header (fetch would send its own): resolves with the status. */
function raw(server: RunningFake, path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

beforeAll(() => ensureBuilt(bin), 180_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("crownest-fake (node dist/fake/bin.js)", () => {
  it("prints exactly one line, serves the API on a free port, exits 0 on SIGTERM", async () => {
    const server = await start(["--port", "0"]);
    expect(server.apiKey).toMatch(/^cn_test_/);
    const created = await api(server, "/v1/sandboxes", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ template: "python" }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("x-request-id")).toMatch(/^req_/);
    const sandbox = await created.json();
    // The real clock: createdAt is now, not 2026-01-01.
    expect(Math.abs(Date.parse(sandbox.createdAt) - Date.now())).toBeLessThan(60_000);
    const got = await api(server, `/v1/sandboxes/${sandbox.id}`);
    expect((await got.json()).status).toBe("running");
    const unauthorized = await api(server, "/v1/projects", {
      headers: { Authorization: "Bearer nope" },
    });
    expect(unauthorized.status).toBe(401);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toBe("");
  });

  it("honours --api-key, --seed, --config and --clock manual with /_fake/clock/advance", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crownest-fake-"));
    const config = join(dir, "fake.json");
    await writeFile(
      config,
      JSON.stringify({ projects: [{ id: "prj_one", name: "One" }], plan: { maxTtlMs: 60_000 } }),
    );
    const server = await start([
      "--port=0",
      "--api-key",
      "cn_test_mine",
      "--seed",
      "7",
      "--config",
      config,
      "--clock",
      "manual",
    ]);
    expect(server.apiKey).toBe("cn_test_mine");
    const projects = await (await api(server, "/v1/projects")).json();
    expect(projects.data.map((p: { id: string }) => p.id)).toEqual(["prj_one"]);
    const created = await (
      await api(server, "/v1/sandboxes", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      })
    ).json();
    expect(created.createdAt).toBe("2026-01-01T00:00:00.000Z");
    expect(created.ttlMs).toBe(60_000);
    const advanced = await api(server, "/_fake/clock/advance", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ms: 60_000 }),
    });
    expect(await advanced.json()).toEqual({ now: "2026-01-01T00:01:00.000Z" });
    const ended = await (await api(server, `/v1/sandboxes/${created.id}`)).json();
    expect(ended).toMatchObject({ status: "destroyed", endedReason: "ttl_expired" });
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });

  it("drops the connection for a dropConnection fault, then serves the retry", async () => {
    const server = await start(["--port", "0", "--clock", "manual"]);
    const rule = await api(server, "/_fake/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ operation: "listProjects", dropConnection: "before", times: 1 }),
    });
    expect(rule.status).toBe(201);
    await expect(api(server, "/v1/projects")).rejects.toThrow(TypeError);
    expect((await api(server, "/v1/projects")).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("a cut stream delivers the events before the cut over HTTP, then errors", async () => {
    const server = await start(["--port", "0"]);
    const json = { "Content-Type": "application/json" };
    const run = (await (
      await api(server, "/v1/workspace-runs", {
        method: "POST",
        headers: { ...json, "Idempotency-Key": "cut-1" },
        body: JSON.stringify({ command: "true" }),
      })
    ).json()) as { id: string };
    await api(server, "/_fake/faults", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ operation: "streamWorkspaceRunEvents", cutStreamAfterEvents: 1 }),
    });
    const response = await api(server, `/v1/workspace-runs/${run.id}/events`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += new TextDecoder().decode(value);
      }
    })().catch((e: unknown) => e);
    expect(text).toContain('"seq":1');
    expect(error).toBeInstanceOf(Error);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("makes a random API key and control token when none is given", async () => {
    const [a, b] = await Promise.all([start(["--port", "0"]), start(["--port", "0"])]);
    expect(a.apiKey).toMatch(/^cn_test_[0-9a-f]{32}$/);
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(a.apiKey).not.toBe(defaultApiKey(1));
    expect(a.controlToken).not.toBe(b.controlToken);
    // The key of one fake opens nothing on the other.
    expect((await api({ ...b, apiKey: a.apiKey }, "/v1/projects")).status).toBe(401);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });

  it("guards the control routes: key or token, JSON, its own Host, no cross-site Origin", async () => {
    const server = await start(["--port", "0", "--clock", "manual"]);
    const reset = (headers: Record<string, string>) => raw(server, "/_fake/reset", headers);
    const json = { "Content-Type": "application/json" };
    const bearer = { Authorization: `Bearer ${server.apiKey}`, ...json };
    expect(await reset(json)).toBe(401);
    expect(await reset({ ...bearer, "Content-Type": "text/plain" })).toBe(415);
    expect(await reset({ ...bearer, Host: "rebound.example:80" })).toBe(403);
    expect(await reset({ ...bearer, Origin: "https://evil.example" })).toBe(403);
    expect(await reset(bearer)).toBe(200);
    expect(await reset({ Authorization: `Bearer ${server.controlToken}`, ...json })).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("answers SIGTERM promptly while a command line copies large files", async () => {
    const server = await start(["--port", "0"]);
    const sandbox = await (
      await api(server, "/v1/sandboxes", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      })
    ).json();
    const write = await api(server, `/v1/sandboxes/${sandbox.id}/files/content`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: "b", content: "x".repeat(262_144) }),
    });
    expect(write.status).toBe(200);
    // b grows to 16 MiB, then each of ~1,400 pairs copies it twice: seconds of work.
    const grow = "cat b b b b b b b b > c; cat c c c c c c c c > b; ";
    const command = grow + "cat b > c; cat c > b; ".repeat(1400);
    const started = await api(server, `/v1/sandboxes/${sandbox.id}/commands`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ command, timeoutMs: 600_000 }),
    });
    // startCommand answers at once (queued); the copying then goes on in the server.
    expect(started.status).toBe(202);
    const { id } = await started.json();
    let status = "queued";
    for (let i = 0; i < 100 && status === "queued"; i++) {
      status = (await (await api(server, `/v1/commands/${id}`)).json()).status;
    }
    expect(status).toBe("running");
    const t0 = performance.now();
    server.child.kill("SIGTERM");
    const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
    const code = await server.exited;
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(performance.now() - t0).toBeLessThan(2000);
  }, 30_000);

  it("rejects unknown arguments with exit code 2", async () => {
    const child = spawn(process.execPath, [bin, "--bogus"], { stdio: "ignore" });
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
  });
});

describe.each(["deno", "bun"] as const)("crownest-fake on %s (fake/bin.ts)", (runtime) => {
  it("prints its line, answers a create and a get over HTTP, exits 0 on SIGTERM", async () => {
    const server = await start(["--port", "0", "--api-key", `cn_test_${runtime}`], runtime);
    expect(server.apiKey).toBe(`cn_test_${runtime}`);
    const created = await api(server, "/v1/sandboxes", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ template: "node" }),
    });
    expect(created.status).toBe(201);
    const sandbox = await created.json();
    const got = await api(server, `/v1/sandboxes/${sandbox.id}`);
    expect(await got.json()).toMatchObject({ id: sandbox.id, template: "node", status: "running" });
    const missing = await api(server, "/v1/nowhere");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 60_000);
});
