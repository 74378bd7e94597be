/**
 * A workspace run's archive: the direct upload, staged transfers (a signed
 * upload URL, the PUT to it, finalize), and the checks of its sha256, size
 * and gzip magic before the run is `ready`.
 *
 * @module
 */
import { sha256Hex } from "../../../src/bytes.ts";
import { limits } from "../../../src/generated/contract.ts";
import type { components } from "../../../src/generated/openapi.ts";
import type { ApiKeyRecord } from "../../config.ts";
import { ApiError, notFound } from "../../core/errors.ts";
import type { FakeCore } from "../../core/fake-core.ts";
import type { ArchiveTransfer, RunRecords, RunState } from "./state-machine.ts";

type Schemas = components["schemas"];
/** What uploading and finalizing return. */
export type ArchiveResult = Schemas["WorkspaceRunArchiveResult"];
/** The answer to an upload to a transfer URL. */
export type ArchiveUploadReceipt = Schemas["ArchiveUploadReceipt"];

const MAX_ARCHIVE_BYTES = limits.maxArchiveBytes;
/** How long a transfer's upload URL lives. */
const TRANSFER_TTL_MS: number = 15 * 60 * 1000;
const UPLOAD_TOKEN_KIND = "archive-upload";

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The archive uploads of one fake's workspace runs. */
export class RunArchives {
  readonly #core: FakeCore;
  readonly #records: RunRecords;

  constructor(core: FakeCore, records: RunRecords) {
    this.#core = core;
    this.#records = records;
  }

  /** uploadWorkspaceRunArchive: the raw bytes with their declared sha256 and size. */
  async uploadDirect(
    key: ApiKeyRecord,
    id: string,
    bytes: Uint8Array,
    declared: { sha256: string; sizeBytes: number },
  ): Promise<ArchiveResult> {
    const state = this.#records.visible(key, id);
    this.#records.requireStatus(state, "ready");
    const sha256 = await this.#core.clock.busy(sha256Hex(bytes));
    this.#checkBytes(bytes, sha256, [declared]);
    return this.#attach(state, bytes, {
      sha256,
      sizeBytes: bytes.length,
      source: "direct",
      uploadId: null,
      uploadedAt: this.#core.clock.iso(),
      extractedFiles: null,
    });
  }

  /** createArchiveTransfer: a signed upload URL on the storage origin, or on the API's. */
  async createTransfer(
    key: ApiKeyRecord,
    id: string,
    input: { sha256: string; sizeBytes: number },
  ): Promise<ArchiveTransfer> {
    const core = this.#core;
    const state = this.#records.visible(key, id);
    this.#records.requireStatus(state, "ready");
    const limit = core.config.plan.maxTransfersPerRun;
    if (state.transferIds.length >= limit) {
      throw new ApiError(
        "quota_exceeded",
        `run ${id} already has ${limit} staged transfers (the plan's limit)`,
        { limit },
      );
    }
    const uploadId = core.random.id("upl") as ArchiveTransfer["id"];
    const { token, expiresAt } = await core.clock.busy(
      core.signer.sign(UPLOAD_TOKEN_KIND, uploadId, TRANSFER_TTL_MS),
    );
    const origin = core.storageOrigin ?? core.baseUrl;
    const record: ArchiveTransfer = {
      id: uploadId,
      workspaceRunId: state.record.id,
      uploadUrl: `${origin}/v1/archive-uploads/${uploadId}?token=${encodeURIComponent(token)}`,
      method: "PUT",
      headers: { "Content-Type": "application/gzip" },
      expiresAt: core.clock.iso(expiresAt),
      maxSizeBytes: MAX_ARCHIVE_BYTES as ArchiveTransfer["maxSizeBytes"],
      sha256: input.sha256,
      sizeBytes: input.sizeBytes,
    };
    this.#records.transfers.set(uploadId, {
      record,
      bytes: null,
      sha256: null,
      uploadedAt: null,
    });
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
    const { clock, signer, auth } = this.#core;
    const payload = await clock.busy(signer.verify(UPLOAD_TOKEN_KIND, token));
    if (payload.ref !== uploadId) {
      throw new ApiError("invalid_signature", "the token was issued for another upload");
    }
    const transfer = this.#records.transfers.get(uploadId);
    const run = transfer && this.#records.runs.get(transfer.record.workspaceRunId);
    if (!transfer || !run || (key && !auth.canSee(key, run.record.projectId))) {
      throw notFound("upload", uploadId);
    }
    if (bytes.length > transfer.record.maxSizeBytes) {
      throw new ApiError("archive_too_large", `archives are at most ${MAX_ARCHIVE_BYTES} bytes`, {
        limit: MAX_ARCHIVE_BYTES,
      });
    }
    this.#records.requireStatus(run, "ready");
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
    const state = this.#records.visible(key, id);
    const transfer = this.#records.transfers.get(input.uploadId);
    if (!transfer || transfer.record.workspaceRunId !== state.record.id)
      throw notFound("upload", input.uploadId);
    this.#records.requireStatus(state, "ready");
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

  /** How many transfers are held and the bytes staged in them. */
  get holdings(): { transfers: number; stagedBytes: number } {
    let stagedBytes = 0;
    for (const t of this.#records.transfers.values()) stagedBytes += t.bytes?.length ?? 0;
    return { transfers: this.#records.transfers.size, stagedBytes };
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
    this.#records.setStatus(state, "ready");
    state.archiveBytes = bytes;
    state.record.archive = archive;
    return { archive: { ...archive }, workspaceRun: structuredClone(state.record) };
  }
}
