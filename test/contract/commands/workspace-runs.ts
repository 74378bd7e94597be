/**
 * Workspace run commands: create, direct uploads and staged transfers (the
 * transfer URL uploaded to by the SDK, which sends the bearer only to the
 * API's origin), checksum and archive failures, start and the event stream
 * to the terminal event, resumed event streams, get, list with filters,
 * cancel, evidence (not ready before the end; its digest recomputed).
 *
 * @module
 */
import fc from "fast-check";
import { packTar } from "modern-tar";
import { expect } from "vitest";
import type { WorkspaceRun, WorkspaceRunStreamEvent } from "../../../src/index.ts";
import { eventProblems } from "../contract-check.ts";
import {
  attempt,
  ContractCommand,
  expectError,
  expectPrediction,
  expectSuccess,
  type Outcome,
  outcomeSummary,
  type Real,
} from "../harness.ts";
import {
  type ArchiveSpec,
  applyAttach,
  applyCancelRun,
  applyCreateRun,
  applyRunPipeline,
  fail,
  liveSandboxes,
  type Model,
  type MRun,
  ok,
  type Prediction,
  pickOf,
  type RunEventDigest,
  renderScript,
  runCanMove,
  type Script,
  TERMINAL_RUN,
} from "../model.ts";
import { STORAGE_ORIGIN } from "../target.ts";
import { metadata, PROBE, script, spec, unknownId } from "./shared.ts";

// ---- archives ----------------------------------------------------------------------------

export const ARCHIVES: Record<string, ArchiveSpec> = {
  basic: {
    name: "basic",
    files: { "hello.txt": "hello\n", "src/main.txt": "main\n" },
    outcome: "ok",
  },
  single: { name: "single", files: { "a.txt": "abc" }, outcome: "ok" },
  escape: { name: "escape", files: { "../evil.txt": "x" }, outcome: "escape" },
  corrupt: { name: "corrupt", files: null, outcome: "corrupt" },
  not_gzip: { name: "not_gzip", files: null, outcome: "not_gzip" },
};

const built = new Map<string, Promise<{ bytes: Uint8Array; sha256: string }>>();

async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function build(spec: ArchiveSpec): Promise<Uint8Array> {
  if (spec.outcome === "not_gzip") return new TextEncoder().encode("this is not a gzip archive");
  if (spec.outcome === "corrupt") {
    return Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  }
  const encoder = new TextEncoder();
  const tar = await packTar(
    Object.entries(spec.files ?? {}).map(([name, text]) => {
      const body = encoder.encode(text);
      return { header: { name, size: body.byteLength, mtime: new Date(0) }, body };
    }),
  );
  const gz = new Blob([tar as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(gz).arrayBuffer());
}

/** The bytes and digest of an archive (built once per process). */
export function archive(name: string): Promise<{ bytes: Uint8Array; sha256: string }> {
  let p = built.get(name);
  if (!p) {
    p = build(ARCHIVES[name] as ArchiveSpec).then(async (bytes) => ({
      bytes,
      sha256: await sha256Hex(bytes),
    }));
    built.set(name, p);
  }
  return p;
}

const WRONG_SHA = "0".repeat(64);

// ---- comparisons -----------------------------------------------------------------------------

function expectRun(actual: WorkspaceRun, r: MRun, label: string): void {
  expect(
    {
      id: actual.id,
      status: actual.status,
      command: actual.command,
      template: actual.template,
      metadata: actual.metadata,
      keepSandbox: actual.keepSandbox,
      timeoutMs: actual.timeoutMs,
      exitCode: actual.exitCode,
      error: actual.error?.code ?? null,
      archive: actual.archive && {
        sha256: actual.archive.sha256,
        sizeBytes: actual.archive.sizeBytes,
        source: actual.archive.source,
      },
      sandboxId: actual.sandboxId,
      stdoutBytes: actual.stdoutBytes,
      stderrBytes: actual.stderrBytes,
    },
    label,
  ).toEqual({
    id: r.id,
    status: r.status,
    command: r.command,
    template: "python-node",
    metadata: r.metadata,
    keepSandbox: false,
    timeoutMs: 60_000,
    exitCode: r.exitCode,
    error: r.error,
    archive: r.archive && {
      sha256: r.archive.sha256,
      sizeBytes: r.archive.sizeBytes,
      source: r.archive.source,
    },
    sandboxId: r.sandboxId,
    stdoutBytes: new TextEncoder().encode(r.stdout).byteLength,
    stderrBytes: new TextEncoder().encode(r.stderr).byteLength,
  });
  expect(actual.finishedAt !== null, `${label}: finishedAt`).toBe(TERMINAL_RUN.includes(r.status));
}

function digest(e: WorkspaceRunStreamEvent): RunEventDigest | undefined {
  switch (e.type) {
    case "status":
      return { type: "status", status: e.status };
    case "archive_progress":
      return { type: "archive_progress", phase: e.phase };
    case "stdout":
    case "stderr":
      return { type: e.type, data: e.data };
    default:
      return undefined;
  }
}

/** Reads a run's event stream to its end; heartbeats are dropped. */
async function readEvents(
  r: Real,
  id: MRun["id"],
  afterSeq: number | undefined,
): Promise<Outcome<WorkspaceRunStreamEvent[]>> {
  return attempt(async () => {
    const events: WorkspaceRunStreamEvent[] = [];
    const input = afterSeq === undefined ? {} : { afterSeq };
    for await (const event of r.client.workspaceRuns.streamEvents(id, input)) {
      const problems = eventProblems("streamWorkspaceRunEvents", event);
      if (problems.length > 0) r.violations.push(...problems);
      if (event.type !== "heartbeat") events.push(event);
    }
    return events;
  });
}

/** The events after `afterSeq`, each once and in order, then the terminal event with the run. */
function expectEvents(
  events: WorkspaceRunStreamEvent[],
  run: MRun,
  afterSeq: number,
  label: string,
): void {
  const sequenced = events.filter((e) => "seq" in e);
  expect(
    sequenced.map((e) => (e as { seq: number }).seq),
    `${label}: seqs`,
  ).toEqual(run.events.slice(afterSeq).map((_, i) => afterSeq + i + 1));
  expect(sequenced.map(digest), `${label}: events`).toEqual(run.events.slice(afterSeq));
  const last = events.at(-1);
  expect(last?.type, `${label}: ends with terminal`).toBe("terminal");
  expect(events.length, `${label}: nothing but the terminal event besides`).toBe(
    sequenced.length + 1,
  );
  if (last?.type === "terminal") expectRun(last.workspaceRun, run, `${label}: terminal`);
}

// ---- commands --------------------------------------------------------------------------------

export class CreateRun extends ContractCommand {
  static override readonly ops = ["createWorkspaceRun"] as const;
  constructor(
    readonly script: Script,
    readonly metadata: Record<string, string>,
  ) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const md = { ...this.metadata, ct: r.tag };
    const o = await attempt(() =>
      r.client.workspaceRuns.create({ command: renderScript(this.script), metadata: md }),
    );
    const actual = expectSuccess(o, `${this}`);
    const run = applyCreateRun(m, actual.id, this.script, md);
    expectRun(actual, run, `${this}`);
    if (m.projectId !== null) expect(actual.projectId).toBe(m.projectId);
    return outcomeSummary(o);
  }
  toString(): string {
    return `CreateRun(${JSON.stringify(renderScript(this.script))}, ${JSON.stringify(this.metadata)})`;
  }
}

abstract class RunCommandBase extends ContractCommand {
  constructor(readonly pick: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.runs.length > 0;
  }
  /** The status this command usually picks a run in (when one is). */
  protected prefer: MRun["status"] | undefined = "awaiting_archive";
  protected picked(m: Model): MRun {
    const preferred = m.runs.filter((x) => x.status === this.prefer);
    return (
      (this.pick % 4 !== 0 && pickOf(preferred, this.pick >> 2)) ||
      (pickOf(m.runs, this.pick) as MRun)
    );
  }
}

/** What attaching an archive answers: invalid_state unless awaiting one, then the digest checks. */
function predictAttach(run: MRun, spec: ArchiveSpec, badDigest: boolean): Prediction<null> {
  if (!runCanMove(run, "ready")) return fail("invalid_state");
  if (badDigest) return fail("checksum_mismatch");
  if (spec.outcome === "not_gzip") return fail("invalid_archive");
  return ok(null);
}

export class UploadArchive extends RunCommandBase {
  static override readonly ops = ["uploadWorkspaceRunArchive"] as const;
  constructor(
    pick: number,
    readonly archiveName: string,
    readonly badDigest: boolean,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const spec = ARCHIVES[this.archiveName] as ArchiveSpec;
    const { bytes, sha256 } = await archive(this.archiveName);
    const p = predictAttach(run, spec, this.badDigest);
    const o = await attempt(() =>
      r.client.workspaceRuns.uploadArchive(run.id, {
        bytes,
        sha256: this.badDigest ? WRONG_SHA : sha256,
      }),
    );
    const actual = expectPrediction(o, p, `${this} ${run.alias}`);
    if (actual) {
      applyAttach(run, { name: spec.name, sha256, sizeBytes: bytes.byteLength, source: "direct" });
      expect(actual.archive).toMatchObject({
        source: "direct",
        uploadId: null,
        extractedFiles: null,
      });
      expectRun(actual.workspaceRun, run, `${this}`);
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `UploadArchive(${this.pick}, ${this.archiveName}${this.badDigest ? ", wrong sha256" : ""})`;
  }
}

/**
 * A staged upload: createArchiveTransfer, the bytes PUT to its URL by the SDK
 * (uploadArchiveTransfer; on a storage origin with no bearer), finalize.
 */
export class StagedUpload extends RunCommandBase {
  static override readonly ops = [
    "createArchiveTransfer",
    "uploadArchiveTransfer",
    "finalizeArchive",
  ] as const;
  constructor(
    pick: number,
    readonly archiveName: string,
    readonly badDigest: boolean,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const spec = ARCHIVES[this.archiveName] as ArchiveSpec;
    const { bytes, sha256 } = await archive(this.archiveName);
    const sizeBytes = bytes.byteLength;
    const created = await attempt(() =>
      r.client.workspaceRuns.createArchiveTransfer(run.id, { sha256, sizeBytes }),
    );
    if (!runCanMove(run, "ready")) {
      expectError(created, "invalid_state", `${this} ${run.alias}`);
      return outcomeSummary(created);
    }
    const transfer = expectSuccess(created, `${this} ${run.alias}: create the transfer`);
    expect(transfer).toMatchObject({ workspaceRunId: run.id, sha256, sizeBytes, method: "PUT" });
    if (r.target.mode === "in-process") {
      expect(new URL(transfer.uploadUrl).origin, "the fake's storage origin").toBe(STORAGE_ORIGIN);
    }
    run.transfers.push({ id: transfer.id, sha256, sizeBytes, uploaded: null });
    const put = await attempt(() =>
      r.client.workspaceRuns.uploadArchiveToTransfer(transfer, { body: bytes }),
    );
    expectSuccess(put, `${this}: PUT the bytes to the transfer URL`);
    const entry = run.transfers.at(-1);
    if (entry) entry.uploaded = this.archiveName;
    const p = predictAttach(run, spec, this.badDigest);
    const o = await attempt(() =>
      r.client.workspaceRuns.finalizeArchive(run.id, {
        uploadId: transfer.id,
        sha256: this.badDigest ? WRONG_SHA : sha256,
        sizeBytes,
      }),
    );
    const actual = expectPrediction(o, p, `${this} ${run.alias}: finalize`);
    if (actual) {
      applyAttach(run, { name: spec.name, sha256, sizeBytes, source: "transfer" });
      expect(actual.archive).toMatchObject({ source: "transfer", uploadId: transfer.id });
      expectRun(actual.workspaceRun, run, `${this}`);
    }
    return outcomeSummary(o);
  }
  toString(): string {
    return `StagedUpload(${this.pick}, ${this.archiveName}${this.badDigest ? ", wrong sha256" : ""})`;
  }
}

/** finalizeArchive of a transfer that got no bytes: 409 invalid_state. */
export class FinalizeWithoutUpload extends RunCommandBase {
  static override readonly ops = ["createArchiveTransfer", "finalizeArchive"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const { bytes, sha256 } = await archive("single");
    const input = { sha256, sizeBytes: bytes.byteLength };
    const created = await attempt(() =>
      r.client.workspaceRuns.createArchiveTransfer(run.id, input),
    );
    if (!runCanMove(run, "ready")) {
      expectError(created, "invalid_state", `${this} ${run.alias}`);
      return outcomeSummary(created);
    }
    const transfer = expectSuccess(created, `${this}`);
    run.transfers.push({ id: transfer.id, ...input, uploaded: null });
    const o = await attempt(() =>
      r.client.workspaceRuns.finalizeArchive(run.id, { uploadId: transfer.id, ...input }),
    );
    expectError(o, "invalid_state", `${this} ${run.alias}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `FinalizeWithoutUpload(${this.pick})`;
  }
}

/**
 * startWorkspaceRun, then its event stream to the terminal event: a sandbox
 * of its own (counted against the live-sandbox quota, destroyed at the end),
 * extraction, the command, the outcome.
 */
export class StartRun extends RunCommandBase {
  static override readonly ops = ["startWorkspaceRun", "streamWorkspaceRunEvents"] as const;
  protected override prefer: MRun["status"] = "ready";
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const p: Prediction<null> = !runCanMove(run, "running")
      ? fail("invalid_state")
      : liveSandboxes(m) >= m.limits.maxLiveSandboxes
        ? fail("quota_exceeded")
        : ok(null);
    const o = await attempt(() => r.client.workspaceRuns.start(run.id));
    const started = expectPrediction(o, p, `${this} ${run.alias}`);
    if (!started) return outcomeSummary(o);
    expect(started.status).toBe("running");
    expect(started.sandboxId).toMatch(/^sbx_/);
    const stream = await readEvents(r, run.id, undefined);
    const events = expectSuccess(stream, `${this}: events`);
    applyRunPipeline(
      m,
      run,
      ARCHIVES[run.archive?.name ?? ""] as ArchiveSpec,
      started.sandboxId as NonNullable<MRun["sandboxId"]>,
    );
    expectEvents(events, run, 0, `${this} ${run.alias}`);
    return outcomeSummary(stream);
  }
  toString(): string {
    return `StartRun(${this.pick})`;
  }
}

/** The event stream of an ended run, from the start or resumed after a seq. */
export class StreamRunEvents extends ContractCommand {
  static override readonly ops = ["streamWorkspaceRunEvents"] as const;
  constructor(
    readonly pick: number,
    readonly afterSeq: number | undefined,
  ) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.runs.some((r) => TERMINAL_RUN.includes(r.status));
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = pickOf(
      m.runs.filter((x) => TERMINAL_RUN.includes(x.status)),
      this.pick,
    ) as MRun;
    const o = await readEvents(r, run.id, this.afterSeq);
    const events = expectSuccess(o, `${this} ${run.alias}`);
    expectEvents(
      events,
      run,
      Math.min(this.afterSeq ?? 0, run.events.length),
      `${this} ${run.alias}`,
    );
    return outcomeSummary(o);
  }
  toString(): string {
    return `StreamRunEvents(${this.pick}, afterSeq=${this.afterSeq})`;
  }
}

export class GetRun extends RunCommandBase {
  static override readonly ops = ["getWorkspaceRun"] as const;
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const o = await attempt(() => r.client.workspaceRuns.get(run.id));
    expectRun(expectSuccess(o, `${this}`), run, `${this} ${run.alias}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `GetRun(${this.pick})`;
  }
}

/** listWorkspaceRuns: all, by status, or by metadata (`metadata[key]=value`). */
export class ListRuns extends ContractCommand {
  static override readonly ops = ["listWorkspaceRuns"] as const;
  constructor(
    readonly filter: "none" | "status" | "metadata",
    readonly status: MRun["status"],
  ) {
    super();
  }
  check(): boolean {
    return true;
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const input =
      this.filter === "status"
        ? { status: this.status }
        : this.filter === "metadata"
          ? { metadata: { ct: r.tag } }
          : {};
    const o = await attempt(() => r.client.workspaceRuns.list(input));
    const listed = expectSuccess(o, `${this}`);
    const known = new Set<string>(m.runs.map((x) => x.id));
    const ours = listed.filter((x) => known.has(x.id) || x.metadata.ct === r.tag);
    const expected = m.runs.filter((x) => this.filter !== "status" || x.status === this.status);
    expect(
      ours.map((x) => x.id),
      `${this}`,
    ).toEqual(expected.map((x) => x.id));
    if (r.target.mode === "in-process") expect(listed).toHaveLength(ours.length);
    for (const [i, run] of expected.entries()) expectRun(ours[i] as WorkspaceRun, run, `${this}`);
    return outcomeSummary(o);
  }
  toString(): string {
    return `ListRuns(${this.filter === "status" ? `status=${this.status}` : this.filter})`;
  }
}

/** cancelWorkspaceRun, idempotent by state; `repeat` cancels twice (the second of an ended run). */
export class CancelRun extends RunCommandBase {
  static override readonly ops = ["cancelWorkspaceRun"] as const;
  constructor(
    pick: number,
    readonly repeat = false,
  ) {
    super(pick);
  }
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const outcomes: unknown[] = [];
    for (let i = 0; i < (this.repeat ? 2 : 1); i++) {
      const o = await attempt(() => r.client.workspaceRuns.cancel(run.id));
      applyCancelRun(run);
      const label = `${this} ${run.alias}${i > 0 ? " (again)" : ""}`;
      expectRun(expectSuccess(o, label), run, label);
      outcomes.push(outcomeSummary(o));
    }
    return outcomes;
  }
  toString(): string {
    return `CancelRun(${this.pick}${this.repeat ? ", twice" : ""})`;
  }
}

/** RFC 8785-style canonical JSON, written here independently of the fake. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** The evidence bundle: 409 evidence_not_ready before the end; afterwards it matches the run. */
export class RunEvidence extends RunCommandBase {
  static override readonly ops = ["getWorkspaceRunEvidence"] as const;
  protected override prefer: MRun["status"] = "succeeded";
  protected async exec(m: Model, r: Real): Promise<unknown> {
    const run = this.picked(m);
    const o = await attempt(() => r.client.workspaceRuns.evidence(run.id));
    if (!TERMINAL_RUN.includes(run.status)) {
      expectError(o, "evidence_not_ready", `${this} ${run.alias}`);
      return outcomeSummary(o);
    }
    const bundle = expectSuccess(o, `${this} ${run.alias}`);
    const output = async (text: string) => ({
      sizeBytes: new TextEncoder().encode(text).byteLength,
      sha256: await sha256Hex(text),
    });
    expect(
      {
        workspaceRunId: bundle.workspaceRunId,
        status: bundle.status,
        exitCode: bundle.exitCode,
        error: bundle.error?.code ?? null,
        command: bundle.command,
        archive: bundle.archive,
        metadata: bundle.metadata,
        outputs: bundle.outputs,
        artifacts: bundle.artifacts,
      },
      `${this} ${run.alias}`,
    ).toEqual({
      workspaceRunId: run.id,
      status: run.status,
      exitCode: run.exitCode,
      error: run.error,
      command: run.command,
      archive: run.archive && { sha256: run.archive.sha256, sizeBytes: run.archive.sizeBytes },
      metadata: run.metadata,
      outputs: { stdout: await output(run.stdout), stderr: await output(run.stderr) },
      artifacts: [],
    });
    const { digest: d, ...body } = bundle;
    expect(d, "the digest recomputes from the canonical JSON").toEqual({
      algorithm: "sha256",
      value: await sha256Hex(canonical(body)),
    });
    return outcomeSummary(o);
  }
  toString(): string {
    return `RunEvidence(${this.pick})`;
  }
}

export class UnknownRun extends ContractCommand {
  static override readonly ops = [
    "getWorkspaceRun",
    "cancelWorkspaceRun",
    "getWorkspaceRunEvidence",
  ] as const;
  check(): boolean {
    return true;
  }
  protected async exec(_m: Model, r: Real): Promise<unknown> {
    const id = unknownId("wsr");
    const outcomes = [
      await attempt(() => r.client.workspaceRuns.get(id)),
      await attempt(() => r.client.workspaceRuns.cancel(id)),
      await attempt(() => r.client.workspaceRuns.evidence(id)),
    ];
    for (const o of outcomes) expectError(o, "not_found", `${this}`);
    return outcomes.map((o) => outcomeSummary(o));
  }
  toString(): string {
    return "UnknownRun()";
  }
}

/** Scripts for runs: mostly about the archive's files. */
const runScript: fc.Arbitrary<Script> = fc.oneof(
  script,
  fc.constantFrom<Script>(
    { steps: [{ conn: ";", step: { kind: "cat", path: "hello.txt" } }] },
    { steps: [{ conn: ";", step: { kind: "cat", path: "src/main.txt" } }] },
    {
      steps: [
        { conn: ";", step: { kind: "cat", path: "a.txt" } },
        { conn: "&&", step: { kind: "echo", words: ["ok"] } },
      ],
    },
    { steps: [{ conn: ";", step: { kind: "exit", code: 3 } }] },
  ),
);

const archiveName = fc.constantFrom("basic", "basic", "single", "escape", "corrupt", "not_gzip");
const bad = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);

export const runCommands = [
  spec(CreateRun, () => fc.tuple(runScript, metadata).map(([s, md]) => new CreateRun(s, md)), 3),
  spec(
    UploadArchive,
    () => fc.tuple(fc.nat(), archiveName, bad).map(([p, a, b]) => new UploadArchive(p, a, b)),
    3,
  ),
  spec(StagedUpload, () =>
    fc.tuple(fc.nat(), archiveName, bad).map(([p, a, b]) => new StagedUpload(p, a, b)),
  ),
  spec(FinalizeWithoutUpload, () => fc.nat().map((p) => new FinalizeWithoutUpload(p))),
  spec(StartRun, () => fc.nat().map((p) => new StartRun(p)), 3),
  spec(StreamRunEvents, () =>
    fc
      .tuple(fc.nat(), fc.constantFrom(undefined, 0, 1, 3, 6))
      .map(([p, a]) => new StreamRunEvents(p, a)),
  ),
  spec(GetRun, () => fc.nat().map((p) => new GetRun(p))),
  spec(ListRuns, () =>
    fc
      .tuple(
        fc.constantFrom<"none" | "status" | "metadata">("none", "status", "metadata"),
        fc.constantFrom<MRun["status"]>(
          "awaiting_archive",
          "ready",
          "succeeded",
          "failed",
          "canceled",
        ),
      )
      .map(([f, s]) => new ListRuns(f, s)),
  ),
  spec(CancelRun, () =>
    fc.tuple(fc.nat(), fc.boolean()).map(([p, repeat]) => new CancelRun(p, repeat)),
  ),
  spec(RunEvidence, () => fc.nat().map((p) => new RunEvidence(p))),
  spec(UnknownRun, () => fc.constant(new UnknownRun()), PROBE),
];
