import { sha256Hex } from "../bytes.ts";
import { CrowNestApiError, clientError } from "../errors.ts";
import { clientLimits } from "../generated/contract.ts";
import { call, splitKey } from "../operations.ts";
import { retryDelay } from "../retry-timing.ts";
import { type StreamOptions, sseStream } from "../sse.ts";
import { type RequestOptions, send, type Transport } from "../transport.ts";
import type {
  CreateWorkspaceRunInput,
  ListWorkspaceRunsInput,
  WithIdempotencyKey,
  WorkspaceRun,
  WorkspaceRunArchiveResult,
  WorkspaceRunArchiveTransfer,
  WorkspaceRunEvidenceBundle,
  WorkspaceRunId,
  WorkspaceRunStreamEvent,
} from "../types.ts";

/** The contract's archive limit (ArchiveSizeBytes maximum): 8 MiB. */
export const MAX_ARCHIVE_BYTES: number = clientLimits.maxArchiveBytes;
/** runArchive uploads archives up to this size (1 MiB) directly, larger ones through a staged transfer. */
export const DIRECT_UPLOAD_MAX_BYTES: number = clientLimits.directUploadMaxBytes;

/** An archive's checksum and size, as upload and finalize take them. */
export interface ArchiveDigest {
  /** Lowercase hex SHA-256. */
  sha256: string;
  /** The archive's size in bytes. */
  sizeBytes: number;
}

/** runArchive's input: the run's fields, plus callbacks. */
export type RunArchiveInput = CreateWorkspaceRunInput & {
  /** Called once the run exists, before the upload: its id is known from here on. */
  onCreated?: ((workspaceRun: WorkspaceRun) => void | Promise<void>) | undefined;
  /** Called with each streamed event, and the run's id. */
  onEvent?:
    | ((event: WorkspaceRunStreamEvent, workspaceRunId: WorkspaceRunId) => void | Promise<void>)
    | undefined;
};

/** What runArchive returns. */
export interface RunArchiveResult {
  /** The run in its terminal state. */
  workspaceRun: WorkspaceRun;
  /** Its evidence bundle. */
  evidence: WorkspaceRunEvidenceBundle;
}

/** client.workspaceRuns: upload an archive, run one command on it, stream events, read evidence. */
export interface WorkspaceRuns {
  /** Creates a run in `awaiting_archive`. */
  create(input: CreateWorkspaceRunInput, options?: RequestOptions): Promise<WorkspaceRun>;
  /** Uploads a small archive directly (`sha256` and `sizeBytes` are computed when omitted). */
  uploadArchive(
    workspaceRunId: string,
    input: { bytes: Uint8Array } & Partial<ArchiveDigest> & WithIdempotencyKey,
    options?: RequestOptions,
  ): Promise<WorkspaceRunArchiveResult>;
  /** Creates a staged upload target. */
  createArchiveTransfer(
    workspaceRunId: string,
    input: ArchiveDigest & WithIdempotencyKey,
    options?: RequestOptions,
  ): Promise<WorkspaceRunArchiveTransfer>;
  /**
   * Uploads bytes to a transfer's URL. The bearer token is sent only when the
   * URL is on the API's origin; a stream body is never retried.
   */
  uploadArchiveToTransfer(
    transfer: WorkspaceRunArchiveTransfer,
    input: { body: Uint8Array | Blob | ReadableStream<Uint8Array> },
    options?: RequestOptions,
  ): Promise<void>;
  /** Verifies the staged upload and attaches it to the run. */
  finalizeArchive(
    workspaceRunId: string,
    input: { uploadId: string } & ArchiveDigest & WithIdempotencyKey,
    options?: RequestOptions,
  ): Promise<WorkspaceRunArchiveResult>;
  /** Starts extraction and the command. */
  start(
    workspaceRunId: string,
    input?: WithIdempotencyKey,
    options?: RequestOptions,
  ): Promise<WorkspaceRun>;
  /** The run's events over SSE, ending after `terminal`; `reconnect: false` disables resume. */
  streamEvents(
    workspaceRunId: string,
    input?: StreamOptions,
    options?: RequestOptions,
  ): AsyncIterable<WorkspaceRunStreamEvent>;
  /** A run's record. */
  get(workspaceRunId: string, options?: RequestOptions): Promise<WorkspaceRun>;
  /** Workspace runs, oldest first, filtered by `input`. */
  list(input?: ListWorkspaceRunsInput, options?: RequestOptions): Promise<WorkspaceRun[]>;
  /** Idempotent by state: an ended run is returned unchanged. */
  cancel(workspaceRunId: string, options?: RequestOptions): Promise<WorkspaceRun>;
  /** The evidence bundle of a terminal run (409 `evidence_not_ready` before). */
  evidence(workspaceRunId: string, options?: RequestOptions): Promise<WorkspaceRunEvidenceBundle>;
  /**
   * The whole flow in one call: checksum, upload (direct up to
   * {@link DIRECT_UPLOAD_MAX_BYTES}, staged above), start, stream events to
   * `onEvent`, and return the terminal run with its evidence. Archives over
   * 8 MiB (`archive_too_large`) and bytes that are not gzip
   * (`invalid_archive`) are refused before anything is sent. An
   * `idempotencyKey` is derived into one key per step. `onCreated` gets the
   * run as soon as it exists. When a step fails or the signal aborts before
   * the run ended, the run is canceled (best effort, so no run is left
   * waiting for its archive or holding a sandbox) and the error's
   * `details.workspaceRunId` names it.
   */
  runArchive(
    bytes: Uint8Array,
    input: RunArchiveInput,
    options?: RequestOptions,
  ): Promise<RunArchiveResult>;
}

export function workspaceRuns(t: Transport): WorkspaceRuns {
  const run = (workspaceRunId: string) => ({
    path: { workspaceRunId },
  });
  const api: WorkspaceRuns = {
    create(input, options) {
      const [body, o] = splitKey(input, options);
      return call(t, "createWorkspaceRun", { body }, o);
    },
    async uploadArchive(workspaceRunId, input, options) {
      const [{ bytes, ...digest }, o] = splitKey(input, options);
      const headers = {
        "Content-Type": "application/gzip",
        "X-Archive-Sha256": digest.sha256 ?? (await sha256Hex(bytes)),
        "X-Archive-Size-Bytes": String(digest.sizeBytes ?? bytes.byteLength),
      };
      const init = { params: run(workspaceRunId), body: bytes, headers, raw: true };
      return call(t, "uploadWorkspaceRunArchive", init, o);
    },
    createArchiveTransfer(workspaceRunId, input, options) {
      const [body, o] = splitKey(input, options);
      return call(t, "createArchiveTransfer", { params: run(workspaceRunId), body }, o);
    },
    async uploadArchiveToTransfer(transfer, { body }, options) {
      const url = new URL(transfer.uploadUrl, t.baseUrl);
      const out = { method: transfer.method, url: url.href, headers: transfer.headers, body };
      await send(t, out, {
        ...options,
        // Only the API's own origin gets the token: storage URLs carry their own signature.
        auth: url.origin === new URL(t.baseUrl).origin,
      });
    },
    finalizeArchive(workspaceRunId, input, options) {
      const [body, o] = splitKey(input, options);
      return call(t, "finalizeArchive", { params: run(workspaceRunId), body }, o);
    },
    start(workspaceRunId, input, options) {
      const [, o] = splitKey(input, options);
      return call(t, "startWorkspaceRun", { params: run(workspaceRunId) }, o);
    },
    streamEvents: (workspaceRunId, input, options) =>
      sseStream<WorkspaceRunStreamEvent>(
        t,
        "streamWorkspaceRunEvents",
        { workspaceRunId },
        input,
        options,
      ),
    get: (workspaceRunId, options) =>
      call(t, "getWorkspaceRun", { params: run(workspaceRunId) }, options),
    async list(input, options) {
      return (await call(t, "listWorkspaceRuns", { params: { query: { ...input } } }, options))
        .data;
    },
    cancel: (workspaceRunId, options) =>
      call(t, "cancelWorkspaceRun", { params: run(workspaceRunId) }, options),
    evidence: (workspaceRunId, options) =>
      call(t, "getWorkspaceRunEvidence", { params: run(workspaceRunId) }, options),

    async runArchive(bytes, input, options = {}) {
      const { onEvent, onCreated: _onCreated, idempotencyKey, ...createInput } = input;
      const sizeBytes = bytes.byteLength;
      // Checked before any request, so a bad archive creates no run.
      if (sizeBytes > MAX_ARCHIVE_BYTES) {
        throw clientError(
          "archive_too_large",
          `the archive is ${sizeBytes} bytes; the limit is ${MAX_ARCHIVE_BYTES}`,
          undefined,
          { limit: MAX_ARCHIVE_BYTES, sizeBytes },
        );
      }
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
        throw clientError("invalid_archive", "the archive is not gzip data: pass a .tar.gz");
      }
      const key = idempotencyKey ?? options.idempotencyKey;
      const step = (name: string): RequestOptions => ({
        ...options,
        idempotencyKey: key && `${key}:${name}`,
      });
      const sha256 = await sha256Hex(bytes);
      let workspaceRun = await api.create(createInput, step("create"));
      const id = workspaceRun.id;
      let ended = false;
      try {
        await input.onCreated?.(workspaceRun);
        await upload(id, bytes, { sha256, sizeBytes }, step);
        await api.start(id, undefined, step("start"));
        for await (const event of api.streamEvents(id, {}, step("events"))) {
          if (event.type === "terminal") {
            workspaceRun = event.workspaceRun;
            ended = true;
          }
          await onEvent?.(event, id);
        }
      } catch (error) {
        if (!ended) await cancelQuietly(id, options);
        throw withRunId(error, id);
      }
      // The bundle is persisted with the terminal state; tolerate a short lag anyway.
      for (let attempt = 0; ; attempt++) {
        try {
          return { workspaceRun, evidence: await api.evidence(id, step("evidence")) };
        } catch (error) {
          const lagging = error instanceof CrowNestApiError && error.code === "evidence_not_ready";
          if (!lagging || attempt >= (options.maxRetries ?? t.maxRetries)) {
            throw withRunId(error, id);
          }
          await t.sleep(retryDelay(attempt), options.signal);
        }
      }
    },
  };

  /** Direct upload up to DIRECT_UPLOAD_MAX_BYTES, a staged transfer above. */
  async function upload(
    id: WorkspaceRunId,
    bytes: Uint8Array,
    digest: ArchiveDigest,
    step: (name: string) => RequestOptions,
  ): Promise<void> {
    if (digest.sizeBytes <= DIRECT_UPLOAD_MAX_BYTES) {
      await api.uploadArchive(id, { bytes, ...digest }, step("upload"));
      return;
    }
    const transfer = await api.createArchiveTransfer(id, digest, step("transfer"));
    await api.uploadArchiveToTransfer(transfer, { body: bytes }, step("put"));
    await api.finalizeArchive(id, { uploadId: transfer.id, ...digest }, step("finalize"));
  }

  /** Cancels a run runArchive gives up on; its own failure must not hide the first one. */
  async function cancelQuietly(id: WorkspaceRunId, options: RequestOptions): Promise<void> {
    try {
      // Not with the caller's signal: it may be what aborted.
      await api.cancel(id, { timeoutMs: options.timeoutMs, maxRetries: 1 });
    } catch (error) {
      t.log?.(`could not cancel ${id}: ${(error as Error).message}`, { workspaceRunId: id });
    }
  }

  return api;
}

/** The error with the run's id in `details.workspaceRunId` (API errors; others as they are). */
function withRunId(error: unknown, workspaceRunId: WorkspaceRunId): unknown {
  if (!(error instanceof CrowNestApiError)) return error;
  return new CrowNestApiError({
    status: error.status,
    code: error.code,
    message: `${error.message} (workspace run ${workspaceRunId})`,
    details: { ...error.details, workspaceRunId },
    requestId: error.requestId,
    cause: error,
  });
}
