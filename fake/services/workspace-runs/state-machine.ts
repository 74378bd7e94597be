/**
 * Workspace runs' records and state machine: awaiting_archive -> ready ->
 * running -> succeeded | failed | canceled | timed_out (through
 * fake/core/status.ts), their sequenced events, reads, cancel, the end and
 * the seal, and snapshots. Archive uploads (archives.ts) and the pipeline
 * (pipeline.ts) work on the records kept here.
 *
 * Choices the contract leaves open:
 * - The run's events share one EventLog (window: plan.logWindow) from creation
 *   on. Status events are appended on each change; the terminal status event
 *   is appended when the run is sealed (evidence persisted, sandbox released),
 *   right before the log closes, so nothing follows it but `terminal`.
 * - Canceling a running run marks it `canceled` at once and sends the command
 *   SIGTERM; the run is sealed when the command has ended.
 * - A run destroys its sandbox at the end unless keepSandbox (also a sandbox
 *   given at creation, as the contract says), but only if it started in it.
 *
 * @module
 */
import { limits } from "../../../src/generated/contract.ts";
import type { components } from "../../../src/generated/openapi.ts";
import type { ApiKeyRecord, TemplateSlug } from "../../config.ts";
import { ApiError, notFound } from "../../core/errors.ts";
import { EventLog } from "../../core/event-log.ts";
import type { FakeCore, SandboxEndReason } from "../../core/fake-core.ts";
import { isTerminal, transition } from "../../core/status.ts";
import { Vfs } from "../../core/vfs.ts";
import type { CommandService } from "../commands.ts";
import type { SandboxService } from "../sandboxes.ts";
import { buildEvidence, type EvidenceBundle } from "./evidence.ts";

type Schemas = components["schemas"];
/** The contract's WorkspaceRun. */
export type WorkspaceRun = Schemas["WorkspaceRun"];
/** A run's status. */
export type WorkspaceRunStatus = Schemas["WorkspaceRunStatus"];
/** The body of createWorkspaceRun. */
export type CreateWorkspaceRunInput = Schemas["CreateWorkspaceRunRequest"];
/** A staged upload target. */
export type ArchiveTransfer = Schemas["WorkspaceRunArchiveTransfer"];
/** One stored run event (those that carry a seq). */
export type RunEvent =
  | Schemas["WorkspaceRunStatusEvent"]
  | Schemas["WorkspaceRunArchiveProgressEvent"]
  | Schemas["WorkspaceRunOutputEvent"]
  | Schemas["WorkspaceRunArtifactCollectedEvent"]
  | Schemas["WorkspaceRunArtifactErrorEvent"];

// A conditional type on a parameter distributes Omit over the union: each event keeps its fields.
type Unstamped<E> = E extends unknown ? Omit<E, "seq" | "createdAt"> : never;
/** A run event before it gets its seq and time. */
export type EventInput = Unstamped<RunEvent>;

/** A staged transfer and the bytes put to it. */
export interface TransferState {
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

/** One run as the fake holds it. */
export interface RunState {
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

/** The records of one fake's workspace runs and their staged transfers. */
export class RunRecords {
  readonly runs: Map<string, RunState> = new Map();
  readonly transfers: Map<string, TransferState> = new Map();
  readonly #core: FakeCore;
  readonly #sandboxes: SandboxService;
  readonly #commands: CommandService;

  constructor(core: FakeCore, sandboxes: SandboxService, commands: CommandService) {
    this.#core = core;
    this.#sandboxes = sandboxes;
    this.#commands = commands;
    core.onSandboxEnded.add((sandboxId, reason) => this.#sandboxEnded(sandboxId, reason));
  }

  // ---- reads ----------------------------------------------------------------

  /** The run's state when the key can see it; 404 otherwise. */
  visible(key: ApiKeyRecord, id: string): RunState {
    const state = this.runs.get(id);
    if (!state || !this.#core.auth.canSee(key, state.record.projectId)) {
      throw notFound("workspace run", id);
    }
    return state;
  }

  /** Runs of the key's projects, oldest first, filtered. */
  list(
    key: ApiKeyRecord,
    filter: { projectId?: string; status?: string; metadata?: Record<string, string> } = {},
  ): WorkspaceRun[] {
    const pairs = Object.entries(filter.metadata ?? {});
    return [...this.runs.values()]
      .map((s) => s.record)
      .filter((r) => this.#core.auth.canSee(key, r.projectId))
      .filter((r) => filter.projectId === undefined || r.projectId === filter.projectId)
      .filter((r) => filter.status === undefined || r.status === filter.status)
      .filter((r) => pairs.every(([k, v]) => r.metadata[k] === v))
      .map((r) => structuredClone(r));
  }

  /** The persisted evidence bundle; 409 evidence_not_ready before. */
  evidence(key: ApiKeyRecord, id: string): EvidenceBundle {
    const state = this.visible(key, id);
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
    const { auth, clock, random, config } = this.#core;
    if (input.artifacts && input.artifacts.length > 0) {
      auth.requireScopes(key, ["artifact:create", "file:read"]);
      const check = new Vfs(clock); // only its path rules: refuse escaping paths now
      for (const spec of input.artifacts) check.resolve(spec.path);
    }
    let projectId: string;
    let template: TemplateSlug;
    let templateVersionId: string;
    if (input.sandboxId !== undefined) {
      const sandbox = this.#sandboxes.get(key, input.sandboxId);
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
      projectId = auth.resolveProject(key, input.projectId).id;
      ({ template, templateVersionId } = this.#sandboxes.resolveTemplate(input, "python-node"));
    }

    const now = clock.iso();
    const record: WorkspaceRun = {
      id: random.id("wsr") as WorkspaceRun["id"],
      orgId: config.org.id as WorkspaceRun["orgId"],
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
    const state = this.#fresh(record, new EventLog(config.plan.logWindow));
    this.runs.set(record.id, state);
    this.event(state, { type: "status", status: record.status });
    return structuredClone(record);
  }

  #fresh(record: WorkspaceRun, log: EventLog<RunEvent>): RunState {
    return {
      record,
      log,
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
  }

  // ---- cancel, sandbox loss, the end ----------------------------------------

  /** cancelWorkspaceRun: idempotent by state. */
  async cancel(key: ApiKeyRecord, id: string): Promise<WorkspaceRun> {
    const state = this.visible(key, id);
    if (isTerminal("WorkspaceRunStatus", state.record.status)) {
      return structuredClone(state.record);
    }
    const wasRunning = state.record.status === "running";
    this.end(state, "canceled");
    const runtime = this.#commands.runtime;
    const command = state.commandId ? runtime.get(state.commandId) : undefined;
    if (command && !command.ended) runtime.cancel(command.id, "graceful");
    // A running pipeline seals the run once its step is over; otherwise seal now.
    if (!wasRunning) await this.seal(state);
    return structuredClone(state.record);
  }

  #sandboxEnded(sandboxId: string, reason: SandboxEndReason): void {
    for (const state of this.runs.values()) {
      if (state.record.sandboxId === sandboxId && state.record.status === "running") {
        this.end(state, "failed", {
          code: "sandbox_destroyed",
          message: `the run's sandbox ${sandboxId} ended (${reason})`,
        });
      }
    }
  }

  /** Moves to a terminal status and stamps the end. */
  end(
    state: RunState,
    status: "succeeded" | "failed" | "canceled" | "timed_out",
    error: WorkspaceRun["error"] = null,
  ): void {
    const r = state.record;
    this.setStatus(state, status, false);
    r.error = error;
    const now = this.#core.clock.now();
    r.finishedAt = this.#core.clock.iso(now);
    r.durationMs = r.startedAt === null ? null : Math.max(0, now - Date.parse(r.startedAt));
  }

  /** Persists the evidence, releases the sandbox, appends the terminal status event, closes the log. */
  async seal(state: RunState): Promise<void> {
    if (state.sealing) return;
    state.sealing = true;
    const core = this.#core;
    const r = state.record;
    try {
      state.evidence = await core.clock.busy(
        buildEvidence({
          run: r,
          stdout: state.stdout.join(""),
          stderr: state.stderr.join(""),
          artifacts: state.evidenceArtifacts,
          artifactErrors: state.artifactErrors,
          persistedAt: core.clock.iso(),
        }),
      );
    } catch (error) {
      core.unexpectedErrors.push(error);
    }
    if (state.startedInSandbox && !r.keepSandbox && r.sandboxId !== null) {
      this.#sandboxes.end(r.sandboxId, "killed");
    }
    this.event(state, { type: "status", status: r.status });
    state.log.close();
    // What only a run in progress needs goes now; the records after the retention period.
    state.archiveBytes = null;
    state.stdout = [];
    state.stderr = [];
    for (const uploadId of state.transferIds) {
      const transfer = this.transfers.get(uploadId);
      if (transfer) transfer.bytes = null;
    }
    core.retention.after(core.config.retentionMs, () => {
      this.runs.delete(r.id);
      for (const uploadId of state.transferIds) this.transfers.delete(uploadId);
    });
  }

  // ---- status and events ----------------------------------------------------

  /** 409 invalid_state unless the run may move to `to` now. */
  requireStatus(state: RunState, to: WorkspaceRunStatus): void {
    transition("WorkspaceRunStatus", state.record.status, to);
  }

  /** Moves to `to` (409 invalid_state when it may not), with a status event unless told not to. */
  setStatus(state: RunState, to: WorkspaceRunStatus, announce = true): void {
    state.record.status = transition("WorkspaceRunStatus", state.record.status, to);
    if (announce) this.event(state, { type: "status", status: to });
  }

  /** Appends an event, stamped with the next seq and the fake time. */
  event(state: RunState, event: EventInput): void {
    const createdAt = this.#core.clock.iso();
    state.log.append((seq) => ({ ...event, seq, createdAt }) as RunEvent);
  }

  // ---- snapshots --------------------------------------------------------------

  /** Every run with its retained events and evidence (archive uploads in flight are left out). */
  exportState(): RunSnapshot[] {
    return [...this.runs.values()].map((s) => ({
      record: structuredClone(s.record),
      events: s.log.since(0).events.map((e) => structuredClone(e)),
      lastSeq: s.log.lastSeq,
      commandId: s.commandId,
      evidence: s.evidence ? structuredClone(s.evidence) : null,
    }));
  }

  /**
   * Restores exportState()'s runs; one that had not ended comes back canceled.
   * Ended ones are forgotten `retentionMs` after they finished.
   */
  importState(runs: readonly RunSnapshot[]): void {
    const window = this.#core.config.plan.logWindow;
    for (const snap of runs) {
      const ended = isTerminal("WorkspaceRunStatus", snap.record.status);
      const state = this.#fresh(
        structuredClone(snap.record),
        EventLog.restore(window, snap.events, snap.lastSeq, ended),
      );
      state.commandId = snap.commandId;
      state.evidence = snap.evidence ? structuredClone(snap.evidence) : null;
      this.runs.set(state.record.id, state);
      if (!ended) {
        // One that had started ends like any canceled run: its sandbox goes unless kept.
        state.startedInSandbox = snap.record.startedAt !== null;
        this.end(state, "canceled");
        void this.seal(state);
      } else {
        const { retention, config } = this.#core;
        retention.afterEnded(snap.record.finishedAt, config.retentionMs, () =>
          this.runs.delete(state.record.id),
        );
      }
    }
  }
}
