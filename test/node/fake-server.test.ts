// The crownest-fake bin as users run it: `node dist/fake/bin.js --port 0`,
// real HTTP over 127.0.0.1, SIGTERM -> exit 0. dist/ is built by `npm test`
// first; when it is missing or older than the sources it is rebuilt here.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/build.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "dist/fake/bin.js");

interface Running {
  child: ChildProcess;
  url: string;
  apiKey: string;
  line: string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

// How each runtime starts the same entry: Node the built bin, Deno and Bun the
// TypeScript source (Deno with no permission beyond loopback networking).
const launchers = {
  node: [process.execPath, bin],
  deno: [
    join(root, "node_modules/.bin/deno"),
    "run",
    "--no-prompt",
    "--allow-net=127.0.0.1",
    join(root, "fake/bin.ts"),
  ],
  bun: [join(root, "node_modules/.bin/bun"), join(root, "fake/bin.ts")],
} as const;

function start(args: string[], runtime: keyof typeof launchers = "node"): Promise<Running> {
  const [command, ...launch] = launchers[runtime];
  const child = spawn(command, [...launch, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (d) => {
      err += d;
    });
    child.stdout?.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0] as string;
      const m = /^crownest-fake listening on (http:\/\/127\.0\.0\.1:\d+) \(api key (\S+)\)$/.exec(
        line,
      );
      if (out.includes("\n")) {
        if (m) resolve({ child, url: m[1] as string, apiKey: m[2] as string, line, exited });
        else reject(new Error(`unexpected first line: ${line}`));
      }
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
  });
}

function api(server: Running, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("Authorization", `Bearer ${server.apiKey}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

beforeAll(() => ensureBuilt(bin), 180_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("crownest-fake (node dist/fake/bin.js)", () => {
  it("prints exactly one line, serves the API on a free port, exits 0 on SIGTERM", async () => {
    const server = await start(["--port", "0"]);
    let extra = "";
    server.child.stdout?.on("data", (d) => {
      extra += d;
    });
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
    expect(extra).toBe("");
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
    const advanced = await fetch(`${server.url}/_fake/clock/advance`, {
      method: "POST",
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
    const rule = await fetch(`${server.url}/_fake/faults`, {
      method: "POST",
      body: JSON.stringify({ operation: "listProjects", dropConnection: "before", times: 1 }),
    });
    expect(rule.status).toBe(201);
    await expect(api(server, "/v1/projects")).rejects.toThrow(TypeError);
    expect((await api(server, "/v1/projects")).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

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
