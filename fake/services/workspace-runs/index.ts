/**
 * Workspace runs: one service over three parts, each a job of its own: the
 * records and state machine (state-machine.ts), the archive uploads
 * (archives.ts) and the pipeline that runs the command (pipeline.ts).
 *
 * @module
 */
import type { ApiKeyRecord } from "../../config.ts";
import type { EventLog } from "../../core/event-log.ts";
import type { FakeCore } from "../../core/fake-core.ts";
import { type ArchiveResult, type ArchiveUploadReceipt, RunArchives } from "./archives.ts";
import type { EvidenceBundle } from "./evidence.ts";
import { type PipelineServices, RunPipeline } from "./pipeline.ts";
import {
  type ArchiveTransfer,
  type CreateWorkspaceRunInput,
  type RunEvent,
  RunRecords,
  type RunSnapshot,
  type WorkspaceRun,
} from "./state-machine.ts";

export type { ArchiveResult, ArchiveUploadReceipt } from "./archives.ts";
export type {
  ArchiveTransfer,
  CreateWorkspaceRunInput,
  RunEvent,
  RunSnapshot,
  WorkspaceRun,
  WorkspaceRunStatus,
} from "./state-machine.ts";

/** The workspace runs of one fake. */
export class WorkspaceRunService {
  readonly #records: RunRecords;
  readonly #archives: RunArchives;
  readonly #pipeline: RunPipeline;

  constructor(core: FakeCore, services: PipelineServices) {
    this.#records = new RunRecords(core, services.sandboxes, services.commands);
    this.#archives = new RunArchives(core, this.#records);
    this.#pipeline = new RunPipeline(core, this.#records, services);
  }

  /** Creates a run in awaiting_archive (its first event: status, seq 1). */
  create(key: ApiKeyRecord, input: CreateWorkspaceRunInput): WorkspaceRun {
    return this.#records.create(key, input);
  }

  /** The run as the key sees it (404 when not visible). */
  get(key: ApiKeyRecord, id: string): WorkspaceRun {
    return structuredClone(this.#records.visible(key, id).record);
  }

  /** Runs of the key's projects, oldest first, filtered. */
  list(
    key: ApiKeyRecord,
    filter: { projectId?: string; status?: string; metadata?: Record<string, string> } = {},
  ): WorkspaceRun[] {
    return this.#records.list(key, filter);
  }

  /** The run's event log and a snapshot function, for the SSE route. */
  events(key: ApiKeyRecord, id: string): { log: EventLog<RunEvent>; snapshot: () => WorkspaceRun } {
    const state = this.#records.visible(key, id);
    return { log: state.log, snapshot: () => structuredClone(state.record) };
  }

  /** The persisted evidence bundle; 409 evidence_not_ready before. */
  evidence(key: ApiKeyRecord, id: string): EvidenceBundle {
    return this.#records.evidence(key, id);
  }

  /** uploadWorkspaceRunArchive. */
  uploadDirect(
    key: ApiKeyRecord,
    id: string,
    bytes: Uint8Array,
    declared: { sha256: string; sizeBytes: number },
  ): Promise<ArchiveResult> {
    return this.#archives.uploadDirect(key, id, bytes, declared);
  }

  /** createArchiveTransfer. */
  createTransfer(
    key: ApiKeyRecord,
    id: string,
    input: { sha256: string; sizeBytes: number },
  ): Promise<ArchiveTransfer> {
    return this.#archives.createTransfer(key, id, input);
  }

  /** uploadArchiveTransfer (`key` null on the storage origin). */
  receiveTransfer(
    uploadId: string,
    token: string,
    key: ApiKeyRecord | null,
    bytes: Uint8Array,
  ): Promise<ArchiveUploadReceipt> {
    return this.#archives.receiveTransfer(uploadId, token, key, bytes);
  }

  /** finalizeArchive. */
  finalize(
    key: ApiKeyRecord,
    id: string,
    input: { uploadId: string; sha256: string; sizeBytes: number },
  ): Promise<ArchiveResult> {
    return this.#archives.finalize(key, id, input);
  }

  /** startWorkspaceRun. */
  start(key: ApiKeyRecord, id: string): WorkspaceRun {
    return this.#pipeline.start(key, id);
  }

  /** cancelWorkspaceRun: idempotent by state. */
  cancel(key: ApiKeyRecord, id: string): Promise<WorkspaceRun> {
    return this.#records.cancel(key, id);
  }

  /** How many runs and transfers are held, and the staged bytes (white-box tests and benchmarks). */
  get holdings(): { runs: number; transfers: number; stagedBytes: number } {
    return { runs: this.#records.runs.size, ...this.#archives.holdings };
  }

  /** Every run with its retained events and evidence (archive uploads in flight are left out). */
  exportState(): RunSnapshot[] {
    return this.#records.exportState();
  }

  /** Restores exportState()'s runs; one that had not ended comes back canceled. */
  importState(runs: readonly RunSnapshot[]): void {
    this.#records.importState(runs);
  }
}
