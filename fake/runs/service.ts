/**
 * Workspace runs: the state machine (awaiting_archive -> ready -> running ->
 * succeeded | failed | canceled | timed_out, through fake/core/status.ts),
 * archive uploads (direct and staged transfers), the run pipeline (real
 * extraction into the sandbox, the command, artifact collection, the
 * evidence bundle) and its sequenced events.
 *
 * Choices the contract leaves open:
 * - The run's events share one EventLog (window: plan.logWindow) from creation
 *   on. Status events are appended on each change; the terminal status event
 *   is appended when the run is sealed (evidence persisted, sandbox released),
 *   right before the log closes, so nothing follows it but `terminal`.
 * - Artifacts are collected when the command ended by itself (any exit code,
 *   or timed out): a failing test run's report is the one worth keeping. Not
 *   after a cancel or the loss of the sandbox.
 * - Canceling a running run marks it `canceled` at once and sends the command
 *   SIGTERM; the run is sealed when the command has ended.
 * - A run destroys its sandbox at the end unless keepSandbox (also a sandbox
 *   given at creation, as the contract says), but only if it started in it.
 *
 * @module
 */
import { sha256Hex } from "../../src/bytes.ts";
import { limits } from "../../src/generated/contract.ts";
import type { components } from "../../src/generated/openapi.ts";
import type { ApiKeyRecord, TemplateSlug } from "../config.ts";
import type { FakeContext, SandboxEndReason } from "../context.ts";
import { ApiError, notFound } from "../core/errors.ts";
import { EventLog } from "../core/event-log.ts";
import { isTerminal, transition } from "../core/status.ts";
import { utf8Prefix } from "../core/utf8.ts";
import { Vfs } from "../core/vfs.ts";
import { buildEvidence, type EvidenceBundle } from "./evidence.ts";
import { extractTarGz, TarError } from "./tar.ts";

type Schemas = components["schemas"];
/** The contract's WorkspaceRun. */
export type WorkspaceRun = Schemas["WorkspaceRun"];
/** A run's status. */
export type WorkspaceRunStatus = Schemas["WorkspaceRunStatus"];
/** The body of createWorkspaceRun. */
export type CreateWorkspaceRunInput = Schemas["CreateWorkspaceRunRequest"];
/** A staged upload target. */
export type ArchiveTransfer = Schemas["WorkspaceRunArchiveTransfer"];
/** What uploading and finalizing return. */
export type ArchiveResult = Schemas["WorkspaceRunArchiveResult"];
/** The answer to an upload to a transfer URL. */
export type ArchiveUploadReceipt = Schemas["ArchiveUploadReceipt"];
/** One stored run event (those that carry a seq). */
export type RunEvent =
  | Schemas["WorkspaceRunStatusEvent"]
  | Schemas["WorkspaceRunArchiveProgressEvent"]
  | Schemas["WorkspaceRunOutputEvent"]
  | Schemas["WorkspaceRunArtifactCollectedEvent"]
  | Schemas["WorkspaceRunArtifactErrorEvent"];

// A conditional type on a parameter distributes Omit over the union: each event keeps its fields.
type Unstamped<E> = E extends unknown ? Omit<E, "seq" | "createdAt"> : never;
type EventInput = Unstamped<RunEvent>;

const MAX_ARCHIVE_BYTES = limits.maxArchiveBytes;
/** How long a transfer's upload URL lives. */
const TRANSFER_TTL_MS: number = 15 * 60 * 1000;
/** An `extracting` progress event every this many files (plus one for the first). */
const PROGRESS_EVERY = 100;
const UPLOAD_TOKEN_KIND = "archive-upload";

interface TransferState {
  record: ArchiveTransfer;
  bytes: Uint8Array | null;
  sha256: string | null;
  uploadedAt: string | null;
}

/** A workspace run in a snapshot of the fake. */
export interface RunSnapshot {
  record: WorkspaceRun;
  events: RunEvent[];
  lastSeq: number;
  commandId: string | null;
  evidence: EvidenceBundle | null;
}

interface RunState {
  record: WorkspaceRun;
  log: EventLog<RunEvent>;
  archiveBytes: Uint8Array | null;
  /** The run booted or took its sandbox (so it may destroy it at the end). */
  startedInSandbox: boolean;
  commandId: string | null;
  /** Output kept for the evidence: at most plan.runOutputCapBytes of each stream. */
  stdout: string[];
  stderr: string[];
  keptBytes: { stdout: number; stderr: number };
  /** Its staged transfers (at most plan.maxTransfersPerRun). */
  transferIds: string[];
  evidenceArtifacts: EvidenceBundle["artifacts"];
  artifactErrors: EvidenceBundle["artifactErrors"];
  evidence: EvidenceBundle | null;
  sealing: boolean;
}

const encoder = new TextEncoder();
const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The workspace runs of one fake. */
export class WorkspaceRunService {
  readonly #ctx: FakeContext;
  readonly #runs = new Map<string, RunState>();
  readonly #transfers = new Map<string, TransferState>();

  constructor(ctx: FakeContext) {
    this.#ctx = ctx;
    ctx.onSandboxEnded.add((sandboxId, reason) => this.#sandboxEnded(sandboxId, reason));
  }

  // ---- reads ----------------------------------------------------------------

  /** The run as the key sees it (404 when not visible). */
  get(key: ApiKeyRecord, id: string): WorkspaceRun {
    return structuredClone(this.#visible(key, id).record);
  }

  /** Runs of the key's projects, oldest first, filtered. */
  list(
    key: ApiKeyRecord,
    filter: { projectId?: string; status?: string; metadata?: Record<string, string> } = {},
  ): WorkspaceRun[] {
    const pairs = Object.entries(filter.metadata ?? {});
    return [...this.#runs.values()]
      .map((s) => s.record)
      .filter((r) => this.#ctx.auth.canSee(key, r.projectId))
      .filter((r) => filter.projectId === undefined || r.projectId === filter.projectId)
      .filter((r) => filter.status === undefined || r.status === filter.status)
      .filter((r) => pairs.every(([k, v]) => r.metadata[k] === v))
      .map((r) => structuredClone(r));
  }

  /** The run's event log and a snapshot function, for the SSE route. */
  events(key: ApiKeyRecord, id: string): { log: EventLog<RunEvent>; snapshot: () => WorkspaceRun } {
    const state = this.#visible(key, id);
    return { log: state.log, snapshot: () => structuredClone(state.record) };
  }

  /** The persisted evidence bundle; 409 evidence_not_ready before. */
  evidence(key: ApiKeyRecord, id: string): EvidenceBundle {
    const state = this.#visible(key, id);
    if (!state.evidence) {
      throw new ApiError(
        "evidence_not_ready",
        `run ${id} is ${state.record.status}; its evidence is persisted once it has ended`,
        { status: state.record.status },
      );
    }
    return structuredClone(state.evidence);
  }

  // ---- create ---------------------------------------------------------------

  /** Creates a run in awaiting_archive (its first event: status, seq 1). */
  create(key: ApiKeyRecord, input: CreateWorkspaceRunInput): WorkspaceRun {
    const ctx = this.#ctx;
    if (input.artifacts && input.artifacts.length > 0) {
      ctx.auth.requireScopes(key, ["artifact:create", "file:read"]);
      const check = new Vfs(ctx.clock); // only its path rules: refuse escaping paths now
      for (const spec of input.artifacts) check.resolve(spec.path);
    }
    let projectId: string;
    let template: TemplateSlug;
    let templateVersionId: string;
    if (input.sandboxId !== undefined) {
      const sandbox = ctx.sandboxes.get(key, input.sandboxId);
      projectId = input.projectId ?? sandbox.projectId;
      if (sandbox.projectId !== projectId) {
        throw new ApiError("invalid_request", `sandbox ${sandbox.id} is in another project`, {
          sandboxId: sandbox.id,
          projectId: sandbox.projectId,
        });
      }
      if (sandbox.status !== "running") {
        throw new ApiError("sandbox_destroyed", `sandbox ${sandbox.id} is ${sandbox.status}`, {
          sandboxId: sandbox.id,
          status: sandbox.status,
        });
      }
      if (
        (input.template !== undefined && input.template !== sandbox.template) ||
        (input.templateVersionId !== undefined &&
          input.templateVersionId !== sandbox.templateVersionId)
      ) {
        throw new ApiError(
          "invalid_request",
          `the run uses sandbox ${sandbox.id}'s template (${sandbox.templateVersionId}); leave template and templateVersionId out`,
        );
      }
      template = sandbox.template;
      templateVersionId = sandbox.templateVersionId;
    } else {
      projectId = ctx.auth.resolveProject(key, input.projectId).id;
      ({ template, templateVersionId } = this.#template(input));
    }

    const now = ctx.clock.iso();
    const record: WorkspaceRun = {
      id: ctx.random.id("wsr") as WorkspaceRun["id"],
      orgId: ctx.config.org.id as WorkspaceRun["orgId"],
      projectId: projectId as WorkspaceRun["projectId"],
      status: "awaiting_archive",
      command: input.command,
      template,
      templateVersionId: templateVersionId as WorkspaceRun["templateVersionId"],
      sandboxId: (input.sandboxId ?? null) as WorkspaceRun["sandboxId"],
      keepSandbox: input.keepSandbox ?? false,
      timeoutMs: input.timeoutMs ?? limits.defaultTimeoutMs,
      metadata: { ...input.metadata },
      sourceMetadata: { ...input.sourceMetadata },
      artifacts: (input.artifacts ?? []).map((a) => ({ ...a })),
      archive: null,
      exitCode: null,
      error: null,
      stdoutBytes: 0,
      stderrBytes: 0,
      collectedArtifacts: [],
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    };
    const state: RunState = {
      record,
      log: new EventLog(ctx.config.plan.logWindow),
      archiveBytes: null,
      startedInSandbox: false,
      commandId: null,
      stdout: [],
      stderr: [],
      keptBytes: { stdout: 0, stderr: 0 },
      transferIds: [],
      evidenceArtifacts: [],
      artifactErrors: [],
      evidence: null,
      sealing: false,
    };
    this.#runs.set(record.id, state);
    this.#event(state, { type: "status", status: record.status });
    return structuredClone(record);
  }

  #template(input: CreateWorkspaceRunInput): { template: TemplateSlug; templateVersionId: string } {
    const versions = this.#ctx.config.templates;
    if (input.templateVersionId !== undefined) {
      const version = versions.find((v) => v.id === input.templateVersionId);
      if (!version) throw notFound("template version");
      if (input.template !== undefined && input.template !== version.template) {
        throw new ApiError(
          "invalid_request",
          `templateVersionId ${version.id} is a version of ${version.template}, not ${input.template}`,
        );
      }
      return { template: version.template, templateVersionId: version.id };
    }
    const template = input.template ?? "python-node";
    const current = versions.find((v) => v.template === template && v.current);
    if (!current) throw new ApiError("invalid_request", `template ${template} has no version`);
    return { template, templateVersionId: current.id };
  }

  // ---- archives -------------------------------------------------------------

  /** uploadWorkspaceRunArchive: the raw bytes with their declared sha256 and size. */
  async uploadDirect(
    key: ApiKeyRecord,
    id: string,
    bytes: Uint8Array,
    declared: { sha256: string; sizeBytes: number },
  ): Promise<ArchiveResult> {
    const state = this.#visible(key, id);
    this.#requireStatus(state, "ready");
    const sha256 = await this.#ctx.clock.busy(sha256Hex(bytes));
    this.#checkBytes(bytes, sha256, [declared]);
    return this.#attach(state, bytes, {
      sha256,
      sizeBytes: bytes.length,
      source: "direct",
      uploadId: null,
      uploadedAt: this.#ctx.clock.iso(),
      extractedFiles: null,
    });
  }

  /** createArchiveTransfer: a signed upload URL on the storage origin, or on the API's. */
  async createTransfer(
    key: ApiKeyRecord,
    id: string,
    input: { sha256: string; sizeBytes: number },
  ): Promise<ArchiveTransfer> {
    const ctx = this.#ctx;
    const state = this.#visible(key, id);
    this.#requireStatus(state, "ready");
    const limit = ctx.config.plan.maxTransfersPerRun;
    if (state.transferIds.length >= limit) {
      throw new ApiError(
        "quota_exceeded",
        `run ${id} already has ${limit} staged transfers (the plan's limit)`,
        { limit },
      );
    }
    const uploadId = ctx.random.id("upl") as ArchiveTransfer["id"];
    const { token, expiresAt } = await ctx.clock.busy(
      ctx.signer.sign(UPLOAD_TOKEN_KIND, uploadId, TRANSFER_TTL_MS),
    );
    const origin = ctx.storageOrigin ?? ctx.baseUrl;
    const record: ArchiveTransfer = {
      id: uploadId,
      workspaceRunId: state.record.id,
      uploadUrl: `${origin}/v1/archive-uploads/${uploadId}?token=${encodeURIComponent(token)}`,
      method: "PUT",
      headers: { "Content-Type": "application/gzip" },
      expiresAt: ctx.clock.iso(expiresAt),
      maxSizeBytes: MAX_ARCHIVE_BYTES as ArchiveTransfer["maxSizeBytes"],
      sha256: input.sha256,
      sizeBytes: input.sizeBytes,
    };
    this.#transfers.set(uploadId, { record, bytes: null, sha256: null, uploadedAt: null });
    state.transferIds.push(uploadId);
    return { ...record, headers: { ...record.headers } };
  }

  /**
   * uploadArchiveTransfer: stores the bytes of a transfer (replacing earlier
   * ones). The route has settled who may call (token, and the bearer on the
   * API origin); `key` is that bearer's key, or null on the storage origin.
   */
  async receiveTransfer(
    uploadId: string,
    token: string,
    key: ApiKeyRecord | null,
    bytes: Uint8Array,
  ): Promise<ArchiveUploadReceipt> {
    const { clock, signer } = this.#ctx;
    const payload = await clock.busy(signer.verify(UPLOAD_TOKEN_KIND, token));
    if (payload.ref !== uploadId) {
      throw new ApiError("invalid_signature", "the token was issued for another upload");
    }
    const transfer = this.#transfers.get(uploadId);
    const run = transfer && this.#runs.get(transfer.record.workspaceRunId);
    if (!transfer || !run || (key && !this.#ctx.auth.canSee(key, run.record.projectId))) {
      throw notFound("upload");
    }
    if (bytes.length > transfer.record.maxSizeBytes) {
      throw new ApiError("archive_too_large", `archives are at most ${MAX_ARCHIVE_BYTES} bytes`, {
        limit: MAX_ARCHIVE_BYTES,
      });
    }
    this.#requireStatus(run, "ready");
    const sha256 = await clock.busy(sha256Hex(bytes));
    Object.assign(transfer, { bytes, sha256, uploadedAt: clock.iso() });
    return { uploadId: transfer.record.id, sizeBytes: bytes.length, sha256 };
  }

  /** finalizeArchive: checks the staged bytes and attaches them to the run. */
  async finalize(
    key: ApiKeyRecord,
    id: string,
    input: { uploadId: string; sha256: string; sizeBytes: number },
  ): Promise<ArchiveResult> {
    const state = this.#visible(key, id);
    const transfer = this.#transfers.get(input.uploadId);
    if (!transfer || transfer.record.workspaceRunId !== state.record.id) throw notFound("upload");
    this.#requireStatus(state, "ready");
    if (!transfer.bytes || !transfer.sha256 || !transfer.uploadedAt) {
      throw new ApiError(
        "invalid_state",
        `upload ${input.uploadId} has no bytes yet: PUT them first`,
      );
    }
    this.#checkBytes(transfer.bytes, transfer.sha256, [input, transfer.record]);
    return this.#attach(state, transfer.bytes, {
      sha256: transfer.sha256,
      sizeBytes: transfer.bytes.length,
      source: "transfer",
      uploadId: transfer.record.id,
      uploadedAt: transfer.uploadedAt,
      extractedFiles: null,
    });
  }

  #checkBytes(
    bytes: Uint8Array,
    sha256: string,
    claims: { sha256: string; sizeBytes: number }[],
  ): void {
    for (const claim of claims) {
      if (claim.sizeBytes !== bytes.length || claim.sha256 !== sha256) {
        throw new ApiError("checksum_mismatch", "the archive doesn't match its sha256 and size", {
          expected: { sha256: claim.sha256, sizeBytes: claim.sizeBytes },
          actual: { sha256, sizeBytes: bytes.length },
        });
      }
    }
    if (!isGzip(bytes)) {
      throw new ApiError("invalid_archive", "the archive is not gzip data (no gzip magic bytes)");
    }
  }

  #attach(
    state: RunState,
    bytes: Uint8Array,
    archive: Schemas["WorkspaceRunArchive"],
  ): ArchiveResult {
    this.#setStatus(state, "ready");
    state.archiveBytes = bytes;
    state.record.archive = archive;
    return { archive: { ...archive }, workspaceRun: structuredClone(state.record) };
  }

  // ---- start, the pipeline --------------------------------------------------

  /** startWorkspaceRun: takes a sandbox, goes running, runs the pipeline in the background. */
  start(key: ApiKeyRecord, id: string): WorkspaceRun {
    const ctx = this.#ctx;
    const state = this.#visible(key, id);
    this.#requireStatus(state, "running");
    const r = state.record;
    let sandboxId: string;
    if (r.sandboxId !== null) {
      sandboxId = r.sandboxId;
      ctx.sandboxes.vfs(sandboxId); // 409 sandbox_destroyed when it ended meanwhile
    } else {
      const maxTtl = ctx.config.plan.maxTtlMs;
      sandboxId = ctx.sandboxes.create(null, {
        projectId: r.projectId,
        templateVersionId: r.templateVersionId,
        // Outlive the command's timeout, within the plan.
        ttlMs: Math.min(maxTtl, Math.max(300_000, r.timeoutMs + 60_000)),
        metadata: { workspaceRunId: r.id },
      }).id;
      r.sandboxId = sandboxId as WorkspaceRun["sandboxId"];
    }
    state.startedInSandbox = true;
    r.startedAt = ctx.clock.iso();
    this.#setStatus(state, "running");
    void this.#execute(state, sandboxId);
    return structuredClone(r);
  }

  async #execute(state: RunState, sandboxId: string): Promise<void> {
    try {
      // Real async work (hashing, gunzip) is marked busy so the auto clock holds still.
      await this.#ctx.clock.busy(this.#extract(state, sandboxId));
      if (state.record.status !== "running") return;
      const proc = this.#ctx.commands.spawn(
        sandboxId,
        { command: state.record.command, cwd: "/workspace", timeoutMs: state.record.timeoutMs },
        { onOutput: (stream, data) => this.#output(state, stream, data) },
      );
      state.commandId = proc.id;
      const command = await proc.done;
      if (state.record.status !== "running") return; // canceled, or its sandbox ended
      const outcome =
        command.status === "exited"
          ? command.exitCode === 0
            ? "succeeded"
            : "failed"
          : command.status === "timed_out"
            ? "timed_out"
            : command.status === "canceled"
              ? "canceled"
              : "failed";
      if (outcome !== "canceled") await this.#ctx.clock.busy(this.#collect(state, sandboxId));
      if (state.record.status !== "running") return;
      state.record.exitCode = command.exitCode;
      this.#end(state, outcome);
    } catch (error) {
      if (state.record.status === "running") {
        let code: Schemas["ErrorCode"] = "internal_error";
        if (error instanceof TarError || error instanceof ApiError) code = error.code;
        else this.#ctx.unexpectedErrors.push(error);
        this.#end(state, "failed", { code, message: (error as Error).message });
      }
    } finally {
      await this.#seal(state);
    }
  }

  /** Verifies and extracts the archive into the sandbox's /workspace. */
  async #extract(state: RunState, sandboxId: string): Promise<void> {
    const archive = state.record.archive as Schemas["WorkspaceRunArchive"];
    const bytes = state.archiveBytes as Uint8Array;
    const totalBytes = archive.sizeBytes;
    const progress = (
      phase: "verifying" | "extracting" | "extracted",
      done: number,
      files: number,
    ) =>
      this.#event(state, {
        type: "archive_progress",
        phase,
        bytesProcessed: done,
        totalBytes,
        filesExtracted: files,
      });
    progress("verifying", 0, 0);
    if ((await sha256Hex(bytes)) !== archive.sha256) {
      throw new TarError("invalid_archive", "the stored archive no longer matches its sha256");
    }
    if (state.record.status !== "running") return;
    progress("extracting", 0, 0);
    const { entries } = await extractTarGz(bytes, {
      onProgress: (p) => {
        if (p.filesExtracted % PROGRESS_EVERY === 0) {
          progress("extracting", Math.min(p.bytesProcessed, totalBytes), p.filesExtracted);
        }
      },
    });
    if (state.record.status !== "running") return;
    const vfs = this.#ctx.sandboxes.vfs(sandboxId);
    // resolve() adds the sandbox's own path rules to the tar ones, all before the first write.
    const resolved = entries.map((entry) => ({ ...entry, abs: vfs.resolve(entry.path) }));
    let files = 0;
    // All or nothing: an entry that fails undoes the ones written before it.
    vfs.transaction(() => {
      for (const { abs, ...entry } of resolved) {
        try {
          if (entry.type === "directory") vfs.mkdir(abs, { parents: true });
          else {
            vfs.writeFile(abs, entry.data, { createParents: true, overwrite: true });
            files++;
          }
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.code === "file_too_large") throw error;
          throw new TarError("invalid_archive", `entry ${entry.path} conflicts: ${error.message}`);
        }
      }
    });
    archive.extractedFiles = files;
    progress("extracted", totalBytes, files);
  }

  #output(state: RunState, stream: "stdout" | "stderr", data: string): void {
    if (state.log.closed) return;
    const bytes = encoder.encode(data);
    state.record[stream === "stdout" ? "stdoutBytes" : "stderrBytes"] += bytes.length;
    const room = this.#ctx.config.plan.runOutputCapBytes - state.keptBytes[stream];
    if (room > 0) {
      state[stream].push(bytes.length <= room ? data : utf8Prefix(bytes, room));
      state.keptBytes[stream] += Math.min(bytes.length, room);
    }
    this.#event(state, { type: stream, data });
  }

  async #collect(state: RunState, sandboxId: string): Promise<void> {
    for (const spec of state.record.artifacts) {
      const named = spec.name === undefined ? {} : { name: spec.name };
      try {
        const artifact = await this.#ctx.artifacts.createFromFile({
          sandboxId,
          projectId: state.record.projectId,
          path: spec.path,
          ...named,
          workspaceRunId: state.record.id,
        });
        const ref = { artifactId: artifact.id, path: artifact.path, name: artifact.name };
        state.record.collectedArtifacts.push(ref);
        state.evidenceArtifacts.push({
          ...ref,
          sizeBytes: artifact.sizeBytes,
          sha256: artifact.sha256,
        });
        this.#event(state, { type: "artifact_collected", artifact: ref });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const failure = { path: spec.path, ...named, code: error.code, message: error.message };
        state.artifactErrors.push(failure);
        this.#event(state, { type: "artifact_error", ...failure });
      }
    }
  }

  // ---- cancel, sandbox loss, the end ----------------------------------------

  /** cancelWorkspaceRun: idempotent by state. */
  async cancel(key: ApiKeyRecord, id: string): Promise<WorkspaceRun> {
    const state = this.#visible(key, id);
    if (isTerminal("WorkspaceRunStatus", state.record.status)) {
      return structuredClone(state.record);
    }
    const wasRunning = state.record.status === "running";
    this.#end(state, "canceled");
    const command = state.commandId ? this.#ctx.commands.get(state.commandId) : undefined;
    if (command && !command.ended) this.#ctx.commands.cancel(command.id, "graceful");
    // A running pipeline seals the run once its step is over; otherwise seal now.
    if (!wasRunning) await this.#seal(state);
    return structuredClone(state.record);
  }

  #sandboxEnded(sandboxId: string, reason: SandboxEndReason): void {
    for (const state of this.#runs.values()) {
      if (state.record.sandboxId === sandboxId && state.record.status === "running") {
        this.#end(state, "failed", {
          code: "sandbox_destroyed",
          message: `the run's sandbox ${sandboxId} ended (${reason})`,
        });
      }
    }
  }

  /** Moves to a terminal status and stamps the end. */
  #end(
    state: RunState,
    status: "succeeded" | "failed" | "canceled" | "timed_out",
    error: WorkspaceRun["error"] = null,
  ): void {
    const r = state.record;
    this.#setStatus(state, status, false);
    r.error = error;
    const now = this.#ctx.clock.now();
    r.finishedAt = this.#ctx.clock.iso(now);
    r.durationMs = r.startedAt === null ? null : Math.max(0, now - Date.parse(r.startedAt));
  }

  /** Persists the evidence, releases the sandbox, appends the terminal status event, closes the log. */
  async #seal(state: RunState): Promise<void> {
    if (state.sealing) return;
    state.sealing = true;
    const ctx = this.#ctx;
    const r = state.record;
    try {
      state.evidence = await ctx.clock.busy(
        buildEvidence({
          run: r,
          stdout: state.stdout.join(""),
          stderr: state.stderr.join(""),
          artifacts: state.evidenceArtifacts,
          artifactErrors: state.artifactErrors,
          persistedAt: ctx.clock.iso(),
        }),
      );
    } catch (error) {
      ctx.unexpectedErrors.push(error);
    }
    if (state.startedInSandbox && !r.keepSandbox && r.sandboxId !== null) {
      ctx.sandboxes.end(r.sandboxId, "killed");
    }
    this.#event(state, { type: "status", status: r.status });
    state.log.close();
    // What only a run in progress needs goes now; the records after the retention period.
    state.archiveBytes = null;
    state.stdout = [];
    state.stderr = [];
    for (const uploadId of state.transferIds) {
      const transfer = this.#transfers.get(uploadId);
      if (transfer) transfer.bytes = null;
    }
    ctx.retention.after(ctx.config.retentionMs, () => {
      this.#runs.delete(r.id);
      for (const uploadId of state.transferIds) this.#transfers.delete(uploadId);
    });
  }

  /** How many runs and transfers are held, and the staged bytes (white-box tests and benchmarks). */
  get holdings(): { runs: number; transfers: number; stagedBytes: number } {
    let stagedBytes = 0;
    for (const t of this.#transfers.values()) stagedBytes += t.bytes?.length ?? 0;
    return { runs: this.#runs.size, transfers: this.#transfers.size, stagedBytes };
  }

  // ---- helpers --------------------------------------------------------------

  #visible(key: ApiKeyRecord, id: string): RunState {
    const state = this.#runs.get(id);
    if (!state || !this.#ctx.auth.canSee(key, state.record.projectId)) {
      throw notFound("workspace run");
    }
    return state;
  }

  /** 409 invalid_state unless the run may move to `to` now. */
  #requireStatus(state: RunState, to: WorkspaceRunStatus): void {
    transition("WorkspaceRunStatus", state.record.status, to);
  }

  #setStatus(state: RunState, to: WorkspaceRunStatus, announce = true): void {
    state.record.status = transition("WorkspaceRunStatus", state.record.status, to);
    if (announce) this.#event(state, { type: "status", status: to });
  }

  #event(state: RunState, event: EventInput): void {
    const createdAt = this.#ctx.clock.iso();
    state.log.append((seq) => ({ ...event, seq, createdAt }) as RunEvent);
  }

  // ---- snapshots --------------------------------------------------------------

  /** Every run with its retained events and evidence (archive uploads in flight are left out). */
  exportState(): RunSnapshot[] {
    return [...this.#runs.values()].map((s) => ({
      record: structuredClone(s.record),
      events: s.log.since(0).events.map((e) => structuredClone(e)),
      lastSeq: s.log.lastSeq,
      commandId: s.commandId,
      evidence: s.evidence ? structuredClone(s.evidence) : null,
    }));
  }

  /** Restores exportState()'s runs; one that had not ended comes back canceled. */
  importState(runs: readonly RunSnapshot[]): void {
    const window = this.#ctx.config.plan.logWindow;
    for (const snap of runs) {
      const ended = isTerminal("WorkspaceRunStatus", snap.record.status);
      const state: RunState = {
        record: structuredClone(snap.record),
        log: EventLog.restore(window, snap.events, snap.lastSeq, ended),
        archiveBytes: null,
        startedInSandbox: false,
        commandId: snap.commandId,
        stdout: [],
        stderr: [],
        evidenceArtifacts: [],
        artifactErrors: [],
        evidence: snap.evidence ? structuredClone(snap.evidence) : null,
        sealing: false,
        keptBytes: { stdout: 0, stderr: 0 },
        transferIds: [],
      };
      this.#runs.set(state.record.id, state);
      if (!ended) {
        this.#end(state, "canceled");
        void this.#seal(state);
      }
    }
  }
}
