/**
 * Artifacts: workspace files copied to durable storage. They outlive their
 * sandbox; a deleted one keeps its record (with `deletedAt`) but loses its
 * bytes.
 *
 * @module
 */
import { sha256Hex } from "../../src/bytes.ts";
import { limits } from "../../src/generated/contract.ts";
import type { components } from "../../src/generated/openapi.ts";
import type { ApiKeyRecord } from "../config.ts";
import { ApiError, notFound } from "../core/errors.ts";
import type { FakeCore } from "../core/fake-core.ts";
import { basename } from "../core/vfs.ts";
import type { SandboxService } from "./sandboxes.ts";

/** The contract's Artifact record. */
export type Artifact = components["schemas"]["Artifact"];

/** Largest artifact: the contract's file limit. */
const MAX_ARTIFACT_BYTES = limits.maxFileBytes;
/** How long an artifact download URL lives. */
const ARTIFACT_URL_TTL_MS: number = 15 * 60 * 1000;

/** Input of createFromFile(). */
export interface CreateArtifactInput {
  sandboxId: string;
  /** Project of the artifact (default: the sandbox's). */
  projectId?: string;
  /** Source path, resolved against `cwd` (default /workspace). */
  path: string;
  cwd?: string;
  /** Display name (default: the file's base name). */
  name?: string;
  commandId?: string | null;
  workspaceRunId?: string | null;
}

/** What collected files are tied to: their sandbox, project, and command or run. */
export interface CollectSource {
  sandboxId: string;
  projectId: string;
  commandId?: string;
  workspaceRunId?: string;
}

/** A file to collect: its path (relative to /workspace) and display name. */
export interface CollectRequest {
  path: string;
  name?: string | undefined;
}

/** A file that could not be collected. */
export type CollectFailure = components["schemas"]["CollectError"];

/** What became of one file to collect. */
export type CollectOutcome = { artifact: Artifact } | { failure: CollectFailure };

/** A signed download URL, as createArtifactDownloadUrl returns it. */
export type DownloadUrl = components["schemas"]["DownloadUrl"];

interface ArtifactState {
  record: Artifact;
  bytes: Uint8Array | null;
}

const CONTENT_TYPES: Record<string, string> = {
  txt: "text/plain",
  log: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  js: "text/javascript",
  mjs: "text/javascript",
  ts: "text/plain",
  py: "text/x-python",
  json: "application/json",
  xml: "application/xml",
  yaml: "application/yaml",
  yml: "application/yaml",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  tar: "application/x-tar",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
};

/** A content type guessed from a file name's extension; application/octet-stream otherwise. */
function guessContentType(name: string): string {
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

/** The artifacts of one fake. */
export class ArtifactService {
  readonly #core: FakeCore;
  readonly #sandboxes: SandboxService;
  readonly #artifacts = new Map<string, ArtifactState>();

  constructor(core: FakeCore, sandboxes: SandboxService) {
    this.#core = core;
    this.#sandboxes = sandboxes;
  }

  /** createArtifact: a file of a running sandbox the key can see. */
  create(
    key: ApiKeyRecord,
    sandboxId: string,
    input: { path: string; name?: string | undefined },
  ): Promise<Artifact> {
    this.#sandboxes.requireRunning(key, sandboxId);
    return this.createFromFile({ sandboxId, path: input.path, name: input.name });
  }

  /**
   * Collects files after a command or run, one after the other, telling
   * `onEach` what became of each. A file that can't be collected is a
   * failure with its error's code; an error that is no ApiError is a bug of
   * the fake: kept in unexpectedErrors and reported as internal_error.
   */
  async collect(
    source: CollectSource,
    files: readonly CollectRequest[],
    onEach: (outcome: CollectOutcome) => void,
  ): Promise<void> {
    for (const file of files) {
      const named = file.name === undefined ? {} : { name: file.name };
      try {
        const artifact = await this.createFromFile({ ...source, path: file.path, ...named });
        onEach({ artifact });
      } catch (error) {
        if (!(error instanceof ApiError)) this.#core.unexpectedErrors.push(error);
        const code = error instanceof ApiError ? error.code : "internal_error";
        const message = error instanceof Error ? error.message : String(error);
        onEach({ failure: { path: file.path, ...named, code, message } });
      }
    }
  }

  /**
   * Copies a file of a running sandbox into a new artifact. Throws
   * not_found | is_a_directory | file_too_large | path_outside_workspace |
   * sandbox_destroyed.
   */
  async createFromFile(input: CreateArtifactInput): Promise<Artifact> {
    const sandboxes = this.#sandboxes;
    const { random, clock } = this.#core;
    const vfs = sandboxes.vfs(input.sandboxId);
    const abs = vfs.resolve(input.path, input.cwd);
    const file = vfs.readFile(abs);
    if (file.byteLength > MAX_ARTIFACT_BYTES) {
      throw new ApiError("file_too_large", `${abs} is over ${MAX_ARTIFACT_BYTES} bytes`, {
        limit: MAX_ARTIFACT_BYTES,
      });
    }
    // Its own buffer: a view would keep the file's whole buffer alive.
    const source = file.slice();
    // Drawn before the await, so IDs follow call order.
    const id = random.id("art") as Artifact["id"];
    const createdAt = clock.iso();
    const name = input.name ?? basename(abs);
    const record: Artifact = {
      id,
      sandboxId: input.sandboxId as Artifact["sandboxId"],
      projectId: (input.projectId ??
        sandboxes.internalGet(input.sandboxId)?.record.projectId) as Artifact["projectId"],
      path: abs,
      name,
      sizeBytes: source.byteLength,
      sha256: await clock.busy(sha256Hex(source)),
      contentType: guessContentType(name),
      createdAt,
      deletedAt: null,
      commandId: (input.commandId ?? null) as Artifact["commandId"],
      workspaceRunId: (input.workspaceRunId ?? null) as Artifact["workspaceRunId"],
    };
    this.#artifacts.set(id, { record, bytes: source });
    return { ...record };
  }

  /** The artifact (deleted ones too); 404 when unknown or not visible. */
  get(key: ApiKeyRecord, id: string): Artifact {
    return { ...this.#visible(key, id).record };
  }

  /** The record without visibility checks (for other services), if it exists. */
  internalGet(id: string): Artifact | undefined {
    const state = this.#artifacts.get(id);
    return state && { ...state.record };
  }

  /** A sandbox's artifacts that are not deleted, oldest first; works after the sandbox ended. */
  list(key: ApiKeyRecord, sandboxId: string): Artifact[] {
    this.#sandboxes.get(key, sandboxId);
    return [...this.#artifacts.values()]
      .filter((a) => a.record.sandboxId === sandboxId && a.record.deletedAt === null)
      .filter((a) => this.#core.auth.canSee(key, a.record.projectId))
      .map((a) => ({ ...a.record }));
  }

  /** Deletes an artifact; idempotent by state (returns it with `deletedAt`). */
  delete(key: ApiKeyRecord, id: string): Artifact {
    const state = this.#visible(key, id);
    if (state.record.deletedAt === null) {
      state.record.deletedAt = this.#core.clock.iso();
      state.bytes = null;
    }
    return { ...state.record };
  }

  /** The bytes of a visible artifact; 409 invalid_state once deleted. */
  bytes(key: ApiKeyRecord, id: string): Uint8Array {
    return this.internalBytes(this.#visible(key, id).record.id);
  }

  /** createArtifactDownloadUrl: a URL that needs no key (on the storage origin when there is one). */
  async createDownloadUrl(key: ApiKeyRecord, id: string): Promise<DownloadUrl> {
    const artifact = this.#visible(key, id).record;
    if (artifact.deletedAt !== null) {
      throw new ApiError("invalid_state", `artifact ${artifact.id} was deleted`);
    }
    const { signer, clock, storageOrigin, baseUrl } = this.#core;
    const { token, expiresAt } = await signer.sign("artifact", artifact.id, ARTIFACT_URL_TTL_MS);
    return {
      url: `${storageOrigin ?? baseUrl}/v1/artifact-downloads/${token}`,
      method: "GET",
      headers: {},
      authMode: "none",
      expiresAt: clock.iso(expiresAt),
    };
  }

  /** downloadSignedArtifact: the bytes a download URL's token names (the token authorises). */
  async signedBytes(token: string): Promise<Uint8Array> {
    const payload = await this.#core.signer.verify("artifact", token);
    return this.internalBytes(payload.ref);
  }

  /** The bytes without visibility checks (signed downloads): 404 | 409 invalid_state. */
  internalBytes(id: string): Uint8Array {
    const state = this.#artifacts.get(id);
    if (!state) throw notFound("artifact", id);
    if (!state.bytes) {
      throw new ApiError("invalid_state", `artifact ${id} was deleted`, {
        deletedAt: state.record.deletedAt,
      });
    }
    return state.bytes;
  }

  #visible(key: ApiKeyRecord, id: string): ArtifactState {
    const state = this.#artifacts.get(id);
    if (!state || !this.#core.auth.canSee(key, state.record.projectId))
      throw notFound("artifact", id);
    return state;
  }

  // ---- snapshots --------------------------------------------------------------

  /** Every artifact with its bytes (null once deleted). */
  exportState(): { record: Artifact; bytes: Uint8Array | null }[] {
    return [...this.#artifacts.values()].map((a) => ({
      record: structuredClone(a.record),
      bytes: a.bytes ? a.bytes.slice() : null,
    }));
  }

  /** Restores exportState()'s artifacts. */
  importState(artifacts: readonly { record: Artifact; bytes: Uint8Array | null }[]): void {
    for (const a of artifacts) {
      this.#artifacts.set(a.record.id, {
        record: structuredClone(a.record),
        bytes: a.bytes ? a.bytes.slice() : null,
      });
    }
  }
}
