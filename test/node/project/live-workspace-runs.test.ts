// The release proof (`npm run live:workspace-runs`) run as operators run it,
// against crownest-fake over HTTP with python-node's interpreters simulated
// by test/fixtures/python-node-programs.mjs, and with planted failures.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BIN, type RunningFake, startFake } from "../../../scripts/start-fake.mjs";
import { ensureBuilt } from "../../helpers/build.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const proof = join(root, "scripts/live-workspace-runs.mjs");
const programs = join(root, "test/fixtures/python-node-programs.mjs");
const apiKey = "cn_test_live_proof";

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runProof(env: Record<string, string | undefined>, args: string[] = []): Promise<Ran> {
  const clean = { ...process.env };
  for (const name of Object.keys(clean)) if (name.startsWith("CROWNEST_")) delete clean[name];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [proof, ...args], {
      cwd: root,
      env: { ...clean, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const running: RunningFake[] = [];
beforeAll(() => ensureBuilt(FAKE_BIN), 120_000);
afterAll(() => Promise.all(running.map((f) => f.stop())));

/** crownest-fake with the simulated interpreters; its URL. */
async function fake(env: Record<string, string> = {}): Promise<string> {
  const started = await startFake({
    args: ["--port", "0", "--api-key", apiKey, "--clock", "auto", "--programs", programs],
    env,
  });
  running.push(started);
  return started.url;
}

const e2e = (url: string) => ({
  CROWNEST_WORKSPACE_RUN_E2E: "1",
  CROWNEST_API_KEY: apiKey,
  CROWNEST_BASE_URL: url,
});

describe("live:workspace-runs", () => {
  it("without CROWNEST_WORKSPACE_RUN_E2E=1 and a key, prints what to set, exits 2 and sends nothing", async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests++;
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const none = await runProof({ CROWNEST_BASE_URL: url });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("set CROWNEST_WORKSPACE_RUN_E2E=1 and CROWNEST_API_KEY");
      const keyOnly = await runProof({ CROWNEST_BASE_URL: url, CROWNEST_API_KEY: apiKey });
      expect(keyOnly.code).toBe(2);
      expect(keyOnly.stderr).toContain("set CROWNEST_WORKSPACE_RUN_E2E=1;");
      const flagOnly = await runProof({ CROWNEST_BASE_URL: url, CROWNEST_WORKSPACE_RUN_E2E: "1" });
      expect(flagOnly.code).toBe(2);
      expect(flagOnly.stderr).toContain("set CROWNEST_API_KEY;");
      const badArg = await runProof({ ...e2e(url) }, ["--jsn"]);
      expect(badArg.code).toBe(2);
      expect(badArg.stderr).toContain("unknown argument --jsn");
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  }, 60_000);

  it("passes against crownest-fake: one line per step with its time, then PASS", async () => {
    const url = await fake();
    const ran = await runProof(e2e(url));
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split("\n");
    const steps = lines.filter((l) => /^ok {4}\S/.test(l));
    expect(steps.map((l) => /^ok {4}(.+?) +\d+ ms/.exec(l)?.[1])).toEqual([
      "create run (python-node)",
      "build archive",
      "upload through a staged transfer",
      "start and stream events to terminal",
      "evidence digest and archive sha256",
      "download the collected artifact",
      "list runs by metadata label",
      "clean up",
    ]);
    for (const line of steps) expect(line).toMatch(/ \d+ ms /);
    expect(lines.at(-1)).toMatch(/^PASS {2}live:workspace-runs: 8 steps in \d+ ms \(wsr_/);
  }, 60_000);

  it("--json writes a machine-readable report on stdout", async () => {
    const url = await fake();
    const ran = await runProof(e2e(url), ["--json"]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout);
    expect(report).toMatchObject({ proof: "live:workspace-runs", passed: true, baseUrl: url });
    expect(report.workspaceRunId).toMatch(/^wsr_/);
    expect(report.archiveSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.evidenceDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(report.steps).toHaveLength(8);
    expect(report.steps.every((s: { ok: boolean; ms: number }) => s.ok && s.ms >= 0)).toBe(true);
    expect(ran.stderr).toContain("PASS  live:workspace-runs");
  }, 60_000);

  it("fails clearly on a planted archive fault, and cancels the run it created", async () => {
    const url = await fake();
    const fault = await fetch(`${url}/_fake/faults`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ operation: "finalizeArchive", code: "checksum_mismatch", times: 1 }),
    });
    expect(fault.ok).toBe(true);
    const ran = await runProof(e2e(url));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(/^FAIL {2}upload through a staged transfer .* checksum_mismatch: /m);
    expect(ran.stdout).toMatch(/canceled wsr_/);
    expect(ran.stdout.trim().split("\n").at(-1)).toMatch(
      /^FAIL {2}live:workspace-runs: step "upload through a staged transfer" failed: checksum_mismatch/,
    );
    const runs = await fetch(`${url}/v1/workspace-runs`, {
      headers: { authorization: `Bearer ${apiKey}` },
    }).then((r) => r.json() as Promise<{ data: { status: string }[] }>);
    expect(runs.data.map((r) => r.status)).toEqual(["canceled"]);
  }, 60_000);

  it("fails clearly when a runtime check does not print its line", async () => {
    const url = await fake({ PROOF_FIXTURE_BROKEN: "python3" });
    const ran = await runProof(e2e(url));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(
      /^FAIL {2}start and stream events to terminal .* the run ended failed/m,
    );
  }, 60_000);
});
