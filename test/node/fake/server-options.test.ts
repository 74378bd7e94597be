// crownest-fake for people who test with it: --programs, --clock auto, the
// same through --config (unknown keys are errors), --state across restarts,
// fault rules checked against their schema and the request journal over HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FAKE_BIN,
  type FakeRuntime,
  fakeLauncher,
  type RunningFake,
  startFake,
} from "../../../scripts/start-fake.mjs";
import { ensureBuilt } from "../../helpers/build.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const bin = FAKE_BIN;
const children: ChildProcess[] = [];
let dir = "";

async function start(args: string[], runtime: FakeRuntime = "node"): Promise<RunningFake> {
  const launcher = fakeLauncher(runtime, { allowRead: [root, dir] });
  const server = await startFake({ args, launcher });
  children.push(server.child);
  return server;
}

/** Runs the bin to its exit; returns the code and stderr. */
function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

function stop(server: RunningFake): Promise<number | null> {
  return server.stop();
}

function api(server: RunningFake, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${server.apiKey}`);
  if (init.body) headers.set("Content-Type", "application/json");
  return fetch(`${server.url}${path}`, { ...init, headers });
}

async function post(server: RunningFake, path: string, body: unknown) {
  const res = await api(server, path, { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function runCommand(server: RunningFake, command: string) {
  const sandbox = await post(server, "/v1/sandboxes", {});
  return post(server, `/v1/sandboxes/${sandbox.json.id}/commands/run`, { command });
}

const PROGRAMS_JS = `export default function (programs) {
  programs.define("pytest -q", async (proc) => {
    await new Promise((r) => setTimeout(r, 20)); // real work
    proc.stdout.write("3 passed\\n");
    await proc.sleep(30_000);
    return 0;
  });
}
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "crownest-fake-options-"));
  await writeFile(join(dir, "programs.mjs"), PROGRAMS_JS);
  await ensureBuilt(bin);
}, 180_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("crownest-fake --programs and --clock auto", () => {
  it("runs a program from the module on the auto clock: no exit 127, no 30 s wait", async () => {
    const server = await start([
      "--port",
      "0",
      "--clock",
      "auto",
      "--programs",
      join(dir, "programs.mjs"),
    ]);
    const started = Date.now();
    const run = await runCommand(server, "pytest -q");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ status: "exited", exitCode: 0, stdout: "3 passed\n" });
    const clock = await (await api(server, "/_fake/clock")).json();
    expect(clock).toMatchObject({ mode: "auto", now: "2026-01-01T00:00:30.000Z" });
    expect(await stop(server)).toBe(0);
  });

  it("the same settings through --config, paths relative to the file", async () => {
    await writeFile(
      join(dir, "fake.json"),
      JSON.stringify({ clock: "auto", programs: "./programs.mjs", seed: 9 }),
    );
    const server = await start(["--port", "0", "--config", join(dir, "fake.json")]);
    const run = await runCommand(server, "pytest -q");
    expect(run.json).toMatchObject({ status: "exited", stdout: "3 passed\n" });
    expect(await stop(server)).toBe(0);
  });

  it("an unknown key in the config file is an error (exit 2), also nested", async () => {
    await writeFile(join(dir, "typo.json"), JSON.stringify({ clok: "auto" }));
    const top = await runToExit(["--port", "0", "--config", join(dir, "typo.json")]);
    expect(top.code).toBe(2);
    expect(top.stderr).toMatch(/\/clok: is not allowed/);
    await writeFile(join(dir, "nested.json"), JSON.stringify({ plan: { maxTTLMs: 5 } }));
    const nested = await runToExit(["--port", "0", "--config", join(dir, "nested.json")]);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/\/plan\/maxTTLMs: is not allowed/);
    const clock = await runToExit(["--port", "0", "--clock", "fast"]);
    expect(clock.code).toBe(2);
  });

  it("a programs module without a default function is refused", async () => {
    await writeFile(join(dir, "empty.mjs"), "export const x = 1;\n");
    const res = await runToExit(["--port", "0", "--programs", join(dir, "empty.mjs")]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/default function/);
  });

  it.each(["bun", "deno"] as const)(
    "%s loads a TypeScript programs module",
    async (runtime) => {
      await writeFile(
        join(dir, "programs.ts"),
        `import type { Programs } from "${join(root, "fake/index.ts")}";
export default (programs: Programs): void => {
  programs.define("npm test", (proc) => { proc.stdout.write("ok from ts\\n"); return 0; });
};
`,
      );
      const server = await start(
        ["--port", "0", "--clock", "auto", "--programs", join(dir, "programs.ts")],
        runtime,
      );
      const run = await runCommand(server, "npm test");
      expect(run.json).toMatchObject({ status: "exited", stdout: "ok from ts\n" });
      expect(await stop(server)).toBe(0);
    },
    60_000,
  );
});

describe("crownest-fake --state", () => {
  it("loads the file on start and writes it on exit: state survives a restart", async () => {
    const file = join(dir, "state.json");
    const first = await start(["--port", "0", "--clock", "manual", "--state", file]);
    const sandbox = await post(first, "/v1/sandboxes", { metadata: { keep: "me" } });
    const id = sandbox.json.id as string;
    const put = await api(first, `/v1/sandboxes/${id}/files/content`, {
      method: "PUT",
      body: JSON.stringify({ path: "notes.txt", content: "remember" }),
    });
    expect(put.status).toBe(200);
    const running = await post(first, `/v1/sandboxes/${id}/commands`, { command: "sleep 1000" });
    expect(running.status).toBe(202);
    expect(await stop(first)).toBe(0);
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(saved.format).toBe("crownest-fake-state");

    const second = await start(["--port", "0", "--clock", "manual", "--state", file]);
    const got = await (await api(second, `/v1/sandboxes/${id}`)).json();
    expect(got).toMatchObject({ id, status: "running", metadata: { keep: "me" } });
    const read = await api(second, `/v1/sandboxes/${id}/files/content?path=notes.txt`);
    expect(await read.json()).toMatchObject({ content: "remember" });
    // The command it was running ended with the restart, and says so.
    const cmd = await (await api(second, `/v1/commands/${running.json.id}`)).json();
    expect(cmd).toMatchObject({ status: "canceled", cancelReason: "service_restarted" });
    // New IDs don't collide with restored ones.
    const next = await post(second, "/v1/sandboxes", {});
    expect(next.json.id).not.toBe(id);
    expect(await stop(second)).toBe(0);
  });

  for (const [what, text, why] of [
    ["a file cut short", '{"format": "crownest-fake-state", "vers', /is not JSON \(.+\)/],
    ["an empty file", "", /is not JSON \(it is empty\)/],
    ["JSON that is not a snapshot", '{"hello": "world"}', /: not a snapshot of the fake/],
    [
      "a snapshot of another version",
      '{"format": "crownest-fake-state", "version": 9}',
      /: snapshot version 9 is not supported/,
    ],
  ] as const) {
    it(`${what}: exit 2, the file named and why, and left untouched`, async () => {
      const file = join(dir, `bad-${what.replaceAll(" ", "-")}.json`);
      await writeFile(file, text);
      const before = await stat(file);
      const { code, stderr } = await runToExit(["--port", "0", "--state", file]);
      expect(code).toBe(2);
      const line = stderr.split("\n")[0] as string;
      expect(line).toContain(`--state ${file}`);
      expect(line).toMatch(why);
      expect(line).toMatch(/it was left as it is$/);
      expect(await readFile(file, "utf8")).toBe(text);
      expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    });
  }

  it("removes the temporary files a killed save left behind, and only those", async () => {
    const sub = await mkdtemp(join(dir, "stale-"));
    const file = join(sub, "state.json");
    const names = ["state.json.1733500000000.tmp", "state.json.1.tmp"];
    const kept = ["state.json.bak", "state.json.x.tmp", "other.json.1733500000000.tmp"];
    for (const name of [...names, ...kept]) await writeFile(join(sub, name), "{");
    const server = await start(["--port", "0", "--clock", "manual", "--state", file]);
    expect((await readdir(sub)).sort()).toEqual([...kept].sort());
    expect(await stop(server)).toBe(0);
    expect((await readdir(sub)).sort()).toEqual([...kept, "state.json"].sort());
  });
});

describe("control routes", () => {
  it("POST /_fake/faults answers 400 with the envelope for a bad rule; GET /_fake/requests lists calls", async () => {
    const server = await start(["--port", "0", "--clock", "manual"]);
    for (const rule of [{ operaton: "createSandbox" }, { status: "abc" }, { probability: 5 }]) {
      const res = await post(server, "/_fake/faults", rule);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: "invalid_request" } });
    }
    const created = await post(server, "/v1/sandboxes", { metadata: { x: "1" } });
    expect(created.status).toBe(201);
    const journal = (await (await api(server, "/_fake/requests")).json()) as {
      data: { operationId: string; body: unknown; status: number }[];
    };
    expect(journal.data).toEqual([
      expect.objectContaining({
        operationId: "createSandbox",
        body: { metadata: { x: "1" } },
        status: 201,
      }),
    ]);
    expect(await stop(server)).toBe(0);
  });
});
