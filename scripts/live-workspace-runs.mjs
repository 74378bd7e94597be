#!/usr/bin/env node
// `live:workspace-runs`: the release proof of Workspace Runs on the
// python-node template, through the SDK as a user drives it.
//
//   CROWNEST_WORKSPACE_RUN_E2E=1 CROWNEST_API_KEY=cn_live_... pnpm live:workspace-runs [--json]
//
// CROWNEST_BASE_URL points it elsewhere (crownest-fake, staging). One line per
// step with its time, then a verdict; exit 0 only when every step passed,
// 1 when one failed, 2 on a usage error. --json prints a report for release
// records on stdout (the step lines then go to stderr).
import canonicalize from "canonicalize";
import { packTar } from "modern-tar";
import { ensureBuilt } from "./ensure-built.mjs";

const usage = `usage: CROWNEST_WORKSPACE_RUN_E2E=1 CROWNEST_API_KEY=cn_live_... live:workspace-runs [--json]

Runs the Workspace Runs release proof against the CrowNest service: it creates
a run on the python-node template, uploads an archive, runs it, and checks the
events, the evidence and the collected artifact.

  CROWNEST_WORKSPACE_RUN_E2E=1   required: says you mean to call the service
  CROWNEST_API_KEY               required: a key with workspace_run:*, artifact:read
  CROWNEST_BASE_URL              optional: the API origin (default https://api.crownest.dev)
  --json                         print a machine-readable report on stdout`;

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--json");
const missing = [
  process.env.CROWNEST_WORKSPACE_RUN_E2E !== "1" && "CROWNEST_WORKSPACE_RUN_E2E=1",
  !process.env.CROWNEST_API_KEY && "CROWNEST_API_KEY",
].filter(Boolean);
if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
if (unknown.length > 0 || missing.length > 0) {
  const why =
    unknown.length > 0 ? `unknown argument ${unknown[0]}` : `set ${missing.join(" and ")}`;
  console.error(`live:workspace-runs: ${why}; nothing was sent.\n\n${usage}`);
  process.exit(2);
}

const json = args.includes("--json");
const say = json ? (line) => console.error(line) : (line) => console.log(line);
await ensureBuilt(new URL("../dist/src/index.js", import.meta.url).pathname, { log: say });
const { createCrowNestClient } = await import("@crownest/sdk");

const encoder = new TextEncoder();
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (bytes) => hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
const nonce = hex(crypto.getRandomValues(new Uint8Array(8)));
const label = { proof: "live-workspace-runs", proofRun: nonce };

/** The archive: a Python check, a Node check, and a file to collect as an artifact. */
async function buildArchive() {
  const artifact = crypto.getRandomValues(new Uint8Array(4096));
  const files = {
    "proof/nonce.txt": encoder.encode(nonce),
    "proof/check.py": encoder.encode(
      'import platform\nnonce = open("proof/nonce.txt").read().strip()\nprint(f"python ok {nonce} {platform.python_version()}")\n',
    ),
    "proof/check.js": encoder.encode(
      'const nonce = require("node:fs").readFileSync("proof/nonce.txt", "utf8").trim();\nconsole.log("node ok", nonce, process.version);\n',
    ),
    "proof/artifact.bin": artifact,
  };
  const tar = await packTar(
    Object.entries(files).map(([name, body]) => ({
      header: { name, size: body.byteLength, mtime: new Date(0), mode: 0o644 },
      body,
    })),
  );
  const gzip = new Blob([tar]).stream().pipeThrough(new CompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(gzip).arrayBuffer());
  return { bytes, artifact, sha256: await sha256(bytes) };
}

const client = createCrowNestClient();
const state = { run: undefined, archive: undefined, output: "", evidence: undefined };
const steps = [];
const started = performance.now();

/** Runs one step; a failure stops the proof. Each check throws with the line to print. */
async function step(name, fn) {
  const t0 = performance.now();
  try {
    const detail = await fn();
    const ms = Math.round(performance.now() - t0);
    steps.push({ name, ok: true, ms, detail: detail ?? "" });
    say(`ok    ${name.padEnd(36)} ${String(ms).padStart(6)} ms  ${detail ?? ""}`);
  } catch (error) {
    const ms = Math.round(performance.now() - t0);
    const message = error?.code
      ? `${error.code}: ${error.message}`
      : String(error?.message ?? error);
    steps.push({ name, ok: false, ms, error: message });
    say(`FAIL  ${name.padEnd(36)} ${String(ms).padStart(6)} ms  ${message}`);
    throw error;
  }
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

let passed = false;
try {
  await step("create run (python-node)", async () => {
    state.run = await client.workspaceRuns.create({
      template: "python-node",
      command: "python3 proof/check.py && node proof/check.js",
      timeoutMs: 120_000,
      metadata: label,
      sourceMetadata: { repo: "crownest-sdk", proof: "live:workspace-runs" },
      artifacts: [{ path: "proof/artifact.bin", name: "artifact.bin" }],
    });
    check(state.run.status === "awaiting_archive", `status is ${state.run.status}`);
    return state.run.id;
  });

  await step("build archive", async () => {
    state.archive = await buildArchive();
    return `${state.archive.bytes.byteLength} bytes, sha256 ${state.archive.sha256.slice(0, 12)}…`;
  });

  await step("upload through a staged transfer", async () => {
    const { bytes, sha256: digest } = state.archive;
    const input = { sha256: digest, sizeBytes: bytes.byteLength };
    const transfer = await client.workspaceRuns.createArchiveTransfer(state.run.id, input);
    await client.workspaceRuns.uploadArchiveToTransfer(transfer, { body: bytes });
    const { archive, workspaceRun } = await client.workspaceRuns.finalizeArchive(state.run.id, {
      uploadId: transfer.id,
      ...input,
    });
    check(
      archive.sha256 === digest,
      `the service recorded sha256 ${archive.sha256}, sent ${digest}`,
    );
    check(workspaceRun.status === "ready", `status after finalize is ${workspaceRun.status}`);
    return transfer.id;
  });

  await step("start and stream events to terminal", async () => {
    await client.workspaceRuns.start(state.run.id);
    let lastSeq = 0;
    let events = 0;
    const signal = AbortSignal.timeout(180_000);
    for await (const event of client.workspaceRuns.streamEvents(state.run.id, {}, { signal })) {
      events++;
      if (event.type === "error") throw new Error(`stream error ${event.code}: ${event.message}`);
      if (typeof event.seq === "number") {
        check(
          event.seq === lastSeq + 1,
          `event seq ${event.seq} follows ${lastSeq}: out of order or a gap`,
        );
        lastSeq = event.seq;
      }
      if (event.type === "stdout") state.output += event.data;
      if (event.type === "terminal") state.run = event.workspaceRun;
    }
    check(
      state.run.status === "succeeded",
      `the run ended ${state.run.status} (exit code ${state.run.exitCode})`,
    );
    for (const runtime of ["python", "node"]) {
      check(
        state.output.includes(`${runtime} ok ${nonce}`),
        `stdout lacks "${runtime} ok ${nonce}": the ${runtime} check did not run`,
      );
    }
    return `${events} events, seq 1..${lastSeq}, ${state.run.status}`;
  });

  await step("evidence digest and archive sha256", async () => {
    const evidence = await client.workspaceRuns.evidence(state.run.id);
    state.evidence = evidence;
    const { digest, ...body } = evidence;
    const local = await sha256(encoder.encode(canonicalize(body)));
    check(digest.algorithm === "sha256", `digest algorithm is ${digest.algorithm}`);
    check(
      local === digest.value,
      `evidence digest ${digest.value} but the bundle hashes to ${local}`,
    );
    check(
      evidence.archive?.sha256 === state.archive.sha256,
      `evidence archive sha256 ${evidence.archive?.sha256}, uploaded ${state.archive.sha256}`,
    );
    const stdout = await sha256(encoder.encode(state.output));
    check(
      evidence.outputs.stdout.sha256 === stdout,
      "evidence stdout digest differs from the streamed stdout",
    );
    return `digest ${digest.value.slice(0, 12)}… recomputed`;
  });

  await step("download the collected artifact", async () => {
    const entry = state.evidence.artifacts.find((a) => a.name === "artifact.bin");
    check(
      entry,
      `no artifact collected for proof/artifact.bin (errors: ${JSON.stringify(state.evidence.artifactErrors)})`,
    );
    const bytes = await client.artifacts.download(entry.artifactId);
    check(
      bytes.byteLength === state.archive.artifact.byteLength &&
        bytes.every((b, i) => b === state.archive.artifact[i]),
      `artifact ${entry.artifactId} bytes differ from the archived file`,
    );
    check(
      entry.sha256 === (await sha256(bytes)),
      "artifact sha256 in the evidence differs from its bytes",
    );
    return `${entry.artifactId}, ${bytes.byteLength} bytes`;
  });

  await step("list runs by metadata label", async () => {
    const runs = await client.workspaceRuns.list({ metadata: label });
    check(
      runs.length === 1 && runs[0].id === state.run.id,
      `listing by proofRun=${nonce} gave ${runs.map((r) => r.id).join(", ") || "nothing"}`,
    );
    return `${runs.length} run`;
  });

  await step("clean up", async () => {
    for (const artifact of state.evidence.artifacts)
      await client.artifacts.delete(artifact.artifactId);
    return `${state.evidence.artifacts.length} artifact deleted`;
  });
  passed = true;
} catch {
  for (const artifact of state.evidence?.artifacts ?? []) {
    await client.artifacts.delete(artifact.artifactId).catch(() => {});
  }
  if (state.run && !["succeeded", "failed", "canceled", "timed_out"].includes(state.run.status)) {
    const canceled = await client.workspaceRuns.cancel(state.run.id).then(
      (run) => `canceled ${run.id}`,
      (error) => `could not cancel ${state.run.id}: ${error.message}`,
    );
    say(`      ${canceled}`);
  }
}

const ms = Math.round(performance.now() - started);
const failed = steps.find((s) => !s.ok);
say(
  passed
    ? `PASS  live:workspace-runs: ${steps.length} steps in ${ms} ms (${state.run.id})`
    : `FAIL  live:workspace-runs: step "${failed?.name}" failed: ${failed?.error}`,
);
if (json) {
  const report = {
    proof: "live:workspace-runs",
    passed,
    baseUrl: process.env.CROWNEST_BASE_URL ?? "https://api.crownest.dev",
    workspaceRunId: state.run?.id ?? null,
    archiveSha256: state.archive?.sha256 ?? null,
    evidenceDigest: state.evidence?.digest.value ?? null,
    durationMs: ms,
    steps,
  };
  console.log(JSON.stringify(report, null, 2));
}
process.exitCode = passed ? 0 : 1;
