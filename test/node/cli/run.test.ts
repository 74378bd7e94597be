// `crownest run [DIR] -- <command>` as a subprocess against a fake served
// over HTTP: what gets packed (.gitignore, .git, node_modules), the run's
// output, evidence and exit code, --json, the 8 MiB refusal before any
// request, the staged upload, progress on a terminal only, and Ctrl-C.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Proc } from "../../../fake/index.ts";
import {
  bin,
  cli,
  ensureBuilt,
  killAll,
  ndjson,
  noise,
  type ServedFake,
  SUBPROCESS_TIMEOUT_MS,
  serveRecordingFake,
  startCli,
} from "./helpers/harness.ts";

let served: ServedFake;
let manual: ServedFake;
let work: string;

/** Every file under the sandbox's /workspace, relative, sorted. */
function tree(proc: Proc): number {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of proc.fs.list(dir)) {
      if (entry.type === "directory") walk(entry.path);
      else files.push(entry.path.slice("/workspace/".length));
    }
  };
  walk("/workspace");
  proc.stdout.write(`${files.sort().join("\n")}\n`);
  return 0;
}

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(work, "project-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const SAMPLE = {
  ".gitignore": "build/\n*.log\n!keep.log\n",
  "src/main.py": "print('hi')\n",
  "src/.gitignore": "secret.txt\n",
  "src/secret.txt": "do not ship\n",
  "src/deep/util.py": "x = 1\n",
  "build/out.bin": "artifact\n",
  "debug.log": "noise\n",
  "keep.log": "kept\n",
  "node_modules/dep/index.js": "module.exports = 1\n",
  "src/node_modules/nested/index.js": "1\n",
  ".git/HEAD": "ref: refs/heads/main\n",
};

const SHIPPED = [".gitignore", "keep.log", "src/.gitignore", "src/deep/util.py", "src/main.py"];

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "crownest-cli-run-"));
  served = await serveRecordingFake({ clock: "auto" });
  manual = await serveRecordingFake({ clock: "manual" });
  served.fake.programs.define("tree", tree);
  served.fake.programs.define("report", (proc) => {
    proc.fs.write("report.txt", "all good\n");
    proc.stdout.write("wrote report\n");
    return 7;
  });
  served.fake.programs.define("slow", async (proc) => {
    await proc.sleep(120_000);
  });
  manual.fake.programs.define("serve", async (proc) => {
    proc.stdout.write("serving\n");
    await proc.sleep(3_600_000);
  });
}, 180_000);

afterAll(async () => {
  killAll();
  await served?.close();
  await manual?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("crownest run", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("packs the directory honouring .gitignore, leaving out .git and node_modules", async () => {
    const dir = await project(SAMPLE);
    await symlink("src/main.py", join(dir, "main-link.py"));
    await symlink("/etc/hostname", join(dir, "outside-link"));
    const before = served.requests.length;
    const dry = await cli(["run", dir, "--dry-run", "--json"], { fake: served });
    expect(dry.code).toBe(0);
    const listing = JSON.parse(dry.stdout) as {
      entries: { path: string; type: string }[];
      skipped: { path: string; reason: string }[];
      fileCount: number;
      sizeBytes: number;
      sha256: string;
    };
    expect(listing.entries.filter((e) => e.type === "file").map((e) => e.path)).toEqual([
      ".gitignore",
      "keep.log",
      "src/.gitignore",
      "src/deep/util.py",
      "src/main.py",
    ]);
    expect(listing.entries.filter((e) => e.type === "symlink").map((e) => e.path)).toEqual([
      "main-link.py",
    ]);
    expect(listing.skipped.map((s) => s.path)).toEqual([
      ".git",
      "node_modules",
      "outside-link",
      "src/node_modules",
    ]);
    expect(listing.sha256).toMatch(/^[0-9a-f]{64}$/);
    // A dry run sends nothing.
    expect(served.requests.length).toBe(before);

    const r = await cli(["run", dir, "--", "tree"], { fake: served });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${SHIPPED.join("\n")}\n`);
    expect(r.stderr).toMatch(/^crownest: workspace run wsr_\w+ \(python-node\): tree\n/);
    expect(r.stderr).toMatch(/\nrun wsr_\w+ succeeded, exit code 0\n/);
    expect(r.stderr).toMatch(/\n {2}archive +\d+ B +sha256 [0-9a-f]{64}\n/);
    expect(r.stderr).toMatch(/evidence +sha256:[0-9a-f]{64} +persisted /);
    // Not a terminal: no progress, no escape codes.
    const all = `${r.stdout}${r.stderr}`;
    expect(all.includes("\r") || all.includes("\u001b")).toBe(false);
    const id = /wsr_\w+/.exec(r.stderr)?.[0];
    expect(served.requests).toContain(`PUT /v1/workspace-runs/${id}/archive`);
  });

  it("--include-vcs and --include-node-modules put them back; --no-gitignore ignores .gitignore", async () => {
    const dir = await project(SAMPLE);
    const r = await cli(
      ["run", dir, "--include-vcs", "--include-node-modules", "--no-gitignore", "--", "tree"],
      { fake: served },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(Object.keys(SAMPLE).sort());
  });

  it("applies the .gitignore files of the git work tree around DIR", async () => {
    const dir = await project({
      ".git/HEAD": "ref\n",
      ".gitignore": "*.tmp\n",
      "app/.gitignore": "!keep.tmp\n",
      "app/main.py": "1\n",
      "app/scratch.tmp": "x\n",
      "app/keep.tmp": "y\n",
    });
    const dry = await cli(["run", join(dir, "app"), "--dry-run"], { fake: served });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(".gitignore\nkeep.tmp\nmain.py\n");
  });

  it("exits with the run's exit code; --json prints the run, its events and the evidence", async () => {
    const dir = await project({ "a.txt": "a\n" });
    const r = await cli(
      ["run", dir, "--json", "--artifact", "report.txt", "--metadata", "ci=yes", "--", "report"],
      { fake: served },
    );
    expect(r.code).toBe(7);
    expect(r.stderr).toBe("");
    const events = ndjson(r.stdout);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("workspace_run");
    expect(types.slice(-2)).toEqual(["terminal", "evidence"]);
    expect(types).toContain("stdout");
    expect(types).toContain("artifact_collected");
    expect(types).not.toContain("heartbeat");
    const created = events[0] as { workspaceRun: { id: string; metadata: object } };
    expect(created.workspaceRun.metadata).toEqual({ ci: "yes" });
    const evidence = (events.at(-1) as { evidence: Record<string, unknown> }).evidence;
    expect(evidence).toMatchObject({
      workspaceRunId: created.workspaceRun.id,
      status: "failed",
      exitCode: 7,
      artifacts: [{ name: "report.txt", sizeBytes: 9 }],
    });
    const human = await cli(["run", dir, "--artifact", "report.txt", "--", "report"], {
      fake: served,
    });
    expect(human.code).toBe(7);
    expect(human.stdout).toBe("wrote report\n");
    expect(human.stderr).toMatch(/crownest: collected report\.txt \(art_\w+\)/);
    expect(human.stderr).toMatch(/run wsr_\w+ failed, exit code 7/);
    expect(human.stderr).toMatch(/artifact +report\.txt +art_\w+ +9 B/);
  });

  it("a run that times out exits 124", async () => {
    const dir = await project({ "a.txt": "a\n" });
    const r = await cli(["run", dir, "--timeout", "2s", "--", "slow"], { fake: served });
    expect(r.code).toBe(124);
    expect(r.stderr).toMatch(/run wsr_\w+ timed_out/);
    expect(r.stderr).toMatch(/\ncrownest: run wsr_\w+ timed out after 2\.0s \(exit 124\)\n$/);
  });

  it("refuses an archive over 8 MiB before sending any request", async () => {
    const dir = await project({ "small.txt": "x\n", "data/blob.bin": noise(8_600_000, 7) });
    const before = served.requests.length;
    const r = await cli(["run", dir, "--", "true"], { fake: served });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error: archive_too_large: the archive of .+ is 8\.2 MiB \(86\d{5} bytes\) compressed; the limit is 8\.0 MiB \(8388608 bytes\)\. Nothing was uploaded\.\n/,
    );
    expect(r.stderr).toContain("largest entries (uncompressed): data/ 8.2 MiB, small.txt 2 B");
    expect(served.requests.length).toBe(before);
    const json = await cli(["run", dir, "--json", "--", "true"], { fake: served });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: "archive_too_large", details: { limit: 8_388_608 } },
    });
    expect(served.requests.length).toBe(before);
  });

  it("uploads an archive over 1 MiB through a staged transfer", async () => {
    const dir = await project({ "blob.bin": noise(1_500_000, 3) });
    const before = served.requests.length;
    const r = await cli(["run", dir, "--", "tree"], { fake: served });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("blob.bin\n");
    const sent = served.requests.slice(before).map((q) => q.replace(/(wsr|upl)_\w+/g, "$1_x"));
    expect(sent.slice(0, 4)).toEqual([
      "POST /v1/workspace-runs",
      "POST /v1/workspace-runs/wsr_x/archive-transfers",
      "PUT /v1/archive-uploads/upl_x",
      "POST /v1/workspace-runs/wsr_x/archive/finalize",
    ]);
  });

  it("shows packing and upload progress when stdout is a terminal", async () => {
    const dir = await project({ "blob.bin": noise(1_200_000, 5), "a.txt": "a\n" });
    // script(1) runs the CLI on a pseudo-terminal (async: the fake answers from this process).
    const script = spawn(
      "script",
      ["-qec", `"${process.execPath}" "${bin}" run "${dir}" -- tree`, "/dev/null"],
      {
        env: { ...process.env, CROWNEST_BASE_URL: served.url, CROWNEST_API_KEY: served.apiKey },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    script.stdout.on("data", (d) => {
      output += d;
    });
    const status = await new Promise((resolve) => script.on("close", resolve));
    expect(status).toBe(0);
    // Each progress update rewrites the line: carriage return, then "erase line".
    const screen = output.replaceAll("\r\u001b[2K", "<CLEAR>");
    expect(screen).toMatch(/<CLEAR>packing \d\/2 files/);
    expect(screen).toMatch(/packed 2 files \(1\.1 MiB\) into 1\.1 MiB/);
    expect(screen).toMatch(/<CLEAR>uploading [\d.]+ KiB of 1\.1 MiB/);
    expect(screen).toMatch(/uploaded 1\.1 MiB/);
    expect(screen).toContain("a.txt\r\nblob.bin\r\n");
  });

  it("Ctrl-C cancels the run and keeps streaming until it ends (exit 143)", async () => {
    const dir = await project({ "a.txt": "a\n" });
    const run = startCli(["run", dir, "--", "serve"], { fake: manual });
    await run.waitFor("stdout", /serving\n/);
    run.child.kill("SIGINT");
    const r = await run.exited;
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/canceling wsr_\w+; press Ctrl-C again to stop waiting/);
    expect(r.stderr).toMatch(/run wsr_\w+ canceled/);
    const id = /run (wsr_\w+) canceled/.exec(r.stderr)?.[1] as `wsr_${string}`;
    expect((await manual.client.workspaceRuns.get(id)).status).toBe("canceled");
  });

  it("usage errors exit 2: no command, a bad flag; a missing directory or a file is exit 1", async () => {
    const none = await cli(["run", "."], { fake: served });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing -- <command>");
    const bad = await cli(["run", "--bogus", "--", "true"], { fake: served });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--bogus'");
    const missing = await cli(["run", join(work, "nope"), "--", "true"], { fake: served });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: directory_not_found: the directory ${join(work, "nope")} does not exist\n`,
    );
    const file = join(await project({ "a.txt": "a\n" }), "a.txt");
    const notDir = await cli(["run", file, "--", "true"], { fake: served });
    expect(notDir.code).toBe(1);
    expect(notDir.stderr).toBe(`error: not_a_directory: ${file} is a file, not a directory\n`);
  });
});
