// The docs' ways of running crownest-fake from other runners, run as written
// in a project laid out as `npm install @crownest/sdk` leaves it: bunx --bun,
// a shell script whose `kill` stops the server, and Deno's flag for a local fake.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFake } from "../../../scripts/start-fake.mjs";
import { ensureBuilt } from "../../helpers/build.ts";
import { freePort } from "../../helpers/free-port.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const fakeDoc = readFileSync(join(root, "docs/crownest-fake.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const bunBin = join(root, "node_modules/.bin/bun");
const denoBin = join(root, "node_modules/.bin/deno");

let project = "";
const children: ChildProcess[] = [];

/** A consumer project: the package's files and bin as npm installs them, its dependencies linked. */
async function installedProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "crownest-docs-"));
  const sdk = join(dir, "node_modules/@crownest/sdk");
  await mkdir(sdk, { recursive: true });
  await cp(join(root, "dist"), join(sdk, "dist"), { recursive: true });
  await cp(join(root, "package.json"), join(sdk, "package.json"));
  for (const dep of Object.keys(pkg.dependencies)) {
    await mkdir(dirname(join(dir, "node_modules", dep)), { recursive: true });
    await symlink(join(root, "node_modules", dep), join(dir, "node_modules", dep));
  }
  await mkdir(join(dir, "node_modules/.bin"));
  for (const [name, path] of Object.entries(pkg.bin as Record<string, string>)) {
    await chmod(join(sdk, path), 0o755);
    await symlink(join("../@crownest/sdk", path), join(dir, "node_modules/.bin", name));
  }
  await writeFile(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  return dir;
}

/** The first ```sh block of `doc` holding `marker`, its continuation lines joined. */
function shBlock(doc: string, marker: string): string {
  const block = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? "")
    .find((b) => b.includes(marker));
  expect(block, `a sh block with ${marker}`).toBeDefined();
  return (block ?? "").replaceAll("\\\n", " ");
}

function sh(script: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      "sh",
      ["-c", script],
      { cwd: project, env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number) ?? null) : 0, stdout, stderr }),
    );
  });
}

async function refused(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/v1/projects`).then(
    () => false,
    () => true,
  );
}

/** Whether the port refuses connections within `ms` (a killed server takes a moment to go). */
async function refusedWithin(port: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; ; ) {
    if (await refused(port)) return true;
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a process (in its own group) and resolves with its first stdout line. */
function startServer(command: string, args: string[]) {
  const child = spawn(command, args, {
    cwd: project,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise<{ child: ChildProcess; line: string }>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (d) => {
      err += d;
    });
    child.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve({ child, line: out.split("\n")[0] as string });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

/** The processes under `pid`, with the executable each runs. */
async function descendants(pid: number): Promise<{ pid: number; exe: string; cmdline: string }[]> {
  const all = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const exe = await readlink(`/proc/${name}/exe`);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      all.push({ pid: Number(name), ppid, exe, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const next = all.filter((p) => parents.has(p.ppid));
    found.push(...next);
    parents = new Set(next.map((p) => p.pid));
  }
  return found;
}

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
}

beforeAll(async () => {
  await ensureBuilt(join(root, "dist/fake/bin.js"));
  project = await installedProject();
}, 180_000);

afterAll(async () => {
  for (const child of children) {
    try {
      stop(child);
    } catch {
      // already gone
    }
  }
  if (project) await rm(project, { recursive: true, force: true });
});

describe("bunx --bun crownest-fake (docs/crownest-fake.md, README)", () => {
  it("runs the fake on Bun, where bunx alone runs it on Node", async () => {
    const line = fakeDoc.split("\n").find((l) => l.startsWith("bunx --bun crownest-fake"));
    expect(line).toBeDefined();
    expect(readme).toContain("bunx --bun crownest-fake");
    const args = (line ?? "").replace(/#.*/, "").trim().split(/\s+/).slice(1);
    const runtimeOf = async (bunxArgs: string[]) => {
      const port = String(await freePort());
      const ported = bunxArgs.map((a) => (a === "8787" ? port : a));
      const { child, line: first } = await startServer(bunBin, ["x", ...ported]);
      expect(first).toContain(`listening on http://127.0.0.1:${port}`);
      const server = (await descendants(child.pid as number)).find((p) =>
        p.cmdline.includes("crownest-fake"),
      );
      stop(child);
      return basename(server?.exe ?? "");
    };
    expect(await runtimeOf(args)).toMatch(/^bun/);
    expect(await runtimeOf(args.filter((a) => a !== "--bun"))).toBe("node");
  }, 30_000);
});

describe("crownest-fake in a shell script (docs/crownest-fake.md)", () => {
  it("the documented script serves the run, and its kill stops the server", async () => {
    const script = shBlock(fakeDoc, "FAKE_PID=$!");
    const port = await freePort();
    const check = `node -e "fetch(process.env.CROWNEST_BASE_URL + '/v1/projects', { headers: { authorization: 'Bearer ' + process.env.CROWNEST_API_KEY } }).then((r) => { console.log('projects', r.status); process.exit(r.ok ? 0 : 1); })"`;
    const r = await sh(script.replaceAll("8787", String(port)).replace("npm test", check));
    expect(r).toMatchObject({ code: 0, stdout: "projects 200\n" });
    // The trap's kill reached the server itself: nothing listens any more.
    expect(await refusedWithin(port, 2_000)).toBe(true);
  }, 30_000);

  it("the documented exec wrapper is the server: killing the script's pid stops it", async () => {
    const wrapper = shBlock(fakeDoc, "exec node");
    await writeFile(join(project, "fake.sh"), wrapper);
    const port = await freePort();
    const { child, line } = await startServer("sh", ["fake.sh", "--port", String(port)]);
    expect(line).toContain(`listening on http://127.0.0.1:${port}`);
    const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await refused(port)).toBe(true);
  }, 30_000);
});

describe("Deno against a local fake (README)", () => {
  it("the README's local flag reaches the fake; the production flag alone names the one to add", async () => {
    const port = await freePort();
    const fake = await startFake({
      launcher: [process.execPath, join(project, "node_modules/@crownest/sdk/dist/fake/bin.js")],
      args: ["--port", String(port), "--api-key", "cn_test_local"],
      cwd: project,
    });
    try {
      await writeFile(
        join(project, "agent.ts"),
        [
          'import { createCrowNestClient } from "@crownest/sdk";',
          "const client = createCrowNestClient();",
          'const sandbox = await client.sandboxes.create({ template: "python" });',
          'console.log((await client.commands.run(sandbox.id, "echo ok")).stdout.trim());',
        ].join("\n"),
      );
      const env = {
        CROWNEST_BASE_URL: `http://127.0.0.1:${port}`,
        CROWNEST_API_KEY: "cn_test_local",
      };
      const deno = (marker: string) =>
        shBlock(readme, marker)
          .trim()
          .replace(/^deno run/, `"${denoBin}" run --no-prompt`)
          .replaceAll("8787", String(port));
      const local = await sh(deno("--allow-net=127.0.0.1:8787"), env);
      expect(local).toMatchObject({ code: 0, stdout: "ok\n" });
      const production = await sh(deno("--allow-net=api.crownest.dev"), env);
      expect(production.code).toBe(1);
      expect(production.stderr).toContain(`run Deno with --allow-net=127.0.0.1:${port}`);
    } finally {
      await fake.stop();
    }
  }, 60_000);
});
