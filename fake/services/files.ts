/**
 * Files: operations on a running sandbox's tree (fake/core/vfs.ts). Direct
 * reads and writes are capped at the contract's maxDirectFileBytes (decoded);
 * larger files go through a download URL. A destroyed sandbox's disk is gone:
 * every file operation on it is 409 sandbox_destroyed.
 *
 * @module
 */
import { fromBase64, toBase64 } from "../../src/bytes.ts";
import { limits } from "../../src/generated/contract.ts";
import type { components } from "../../src/generated/openapi.ts";
import type { ApiKeyRecord } from "../config.ts";
import { ApiError, notFound } from "../core/errors.ts";
import type { FakeCore } from "../core/fake-core.ts";
import { type FileStat, ROOT, type Vfs } from "../core/vfs.ts";
import type { DownloadUrl } from "./artifacts.ts";
import { DOWNLOAD_URL_TTL_MS, type SandboxService } from "./sandboxes.ts";

type Schemas = components["schemas"];
/** A file's content as readFile returns it. */
export type FileContent = Schemas["FileContent"];
/** The body of writeFile. */
export type WriteFileInput = Schemas["WriteFileRequest"];
/** The body of makeDirectory. */
export type MakeDirectoryInput = Schemas["MakeDirectoryRequest"];
/** The body of moveFile. */
export type MoveFileInput = Schemas["MoveFileRequest"];
/** How readFile encodes the content. */
export type FileEncoding = Schemas["FileEncoding"];

const MAX_DIRECT_FILE_BYTES = limits.maxDirectFileBytes;

/** Bytes of standard base64 (padding optional); undefined when it isn't base64. */
function decodeBase64(text: string): Uint8Array | undefined {
  // atob alone would skip whitespace; base64 content has none.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}

function tooLarge(size: number): ApiError {
  return new ApiError(
    "file_too_large",
    `${size} bytes is over the ${MAX_DIRECT_FILE_BYTES}-byte limit of direct file access; use a download URL`,
    { limit: MAX_DIRECT_FILE_BYTES, sizeBytes: size },
  );
}

/** The files of one fake's sandboxes. */
export class FileService {
  readonly #core: FakeCore;
  readonly #sandboxes: SandboxService;

  constructor(core: FakeCore, sandboxes: SandboxService) {
    this.#core = core;
    this.#sandboxes = sandboxes;
  }

  #vfs(key: ApiKeyRecord, sandboxId: string): Vfs {
    return this.#sandboxes.requireRunning(key, sandboxId).vfs;
  }

  /** listFiles: a directory's entries (default /workspace). */
  list(key: ApiKeyRecord, sandboxId: string, path: string = ROOT): FileStat[] {
    const vfs = this.#vfs(key, sandboxId);
    return vfs.list(vfs.resolve(path));
  }

  /** deleteFile. */
  remove(key: ApiKeyRecord, sandboxId: string, path: string): void {
    const vfs = this.#vfs(key, sandboxId);
    vfs.remove(vfs.resolve(path));
  }

  /** readFile: as UTF-8 (400 when it isn't) or base64. */
  read(
    key: ApiKeyRecord,
    sandboxId: string,
    path: string,
    encoding: FileEncoding = "utf8",
  ): FileContent {
    const vfs = this.#vfs(key, sandboxId);
    const abs = vfs.resolve(path);
    const bytes = vfs.readFile(abs);
    if (bytes.byteLength > MAX_DIRECT_FILE_BYTES) throw tooLarge(bytes.byteLength);
    let content: string;
    if (encoding === "base64") {
      content = toBase64(bytes);
    } else {
      try {
        content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw new ApiError("invalid_request", `${abs} is not valid UTF-8; read it as base64`);
      }
    }
    return { path: abs, content, encoding, sizeBytes: bytes.byteLength };
  }

  /** writeFile: replaces by default; parents only with createParents. */
  write(key: ApiKeyRecord, sandboxId: string, input: WriteFileInput): FileStat {
    const vfs = this.#vfs(key, sandboxId);
    const path = vfs.resolve(input.path);
    let bytes: Uint8Array | undefined;
    if (input.encoding === "base64") {
      bytes = decodeBase64(input.content);
      if (!bytes) throw new ApiError("invalid_request", "content is not valid base64");
    } else {
      bytes = new TextEncoder().encode(input.content);
    }
    if (bytes.byteLength > MAX_DIRECT_FILE_BYTES) throw tooLarge(bytes.byteLength);
    return vfs.writeFile(path, bytes, {
      createParents: input.createParents ?? false,
      overwrite: input.overwrite ?? true,
    });
  }

  /** statFile: 404 when the path doesn't exist. */
  stat(key: ApiKeyRecord, sandboxId: string, path: string): FileStat {
    const vfs = this.#vfs(key, sandboxId);
    const abs = vfs.resolve(path);
    const stat = vfs.stat(abs);
    if (!stat) throw new ApiError("not_found", `${abs} does not exist`);
    return stat;
  }

  /** makeDirectory. */
  mkdir(key: ApiKeyRecord, sandboxId: string, input: MakeDirectoryInput): FileStat {
    const vfs = this.#vfs(key, sandboxId);
    return vfs.mkdir(vfs.resolve(input.path), { parents: input.parents ?? false });
  }

  /** moveFile: no overwrite unless asked. */
  move(key: ApiKeyRecord, sandboxId: string, input: MoveFileInput): FileStat {
    const vfs = this.#vfs(key, sandboxId);
    return vfs.move(vfs.resolve(input.fromPath), vfs.resolve(input.toPath), {
      overwrite: input.overwrite ?? false,
    });
  }

  /** createFileDownloadUrl: a URL for the file as it is now (it needs the API key too). */
  async createDownloadUrl(
    key: ApiKeyRecord,
    sandboxId: string,
    path: string,
  ): Promise<DownloadUrl> {
    const vfs = this.#vfs(key, sandboxId);
    const abs = vfs.resolve(path);
    const ref = this.#sandboxes.snapshotFile(sandboxId, abs, vfs.readFile(abs));
    const { signer, clock, baseUrl } = this.#core;
    const { token, expiresAt } = await signer.sign("file", ref, DOWNLOAD_URL_TTL_MS);
    return {
      url: `${baseUrl}/v1/file-downloads/${token}`,
      method: "GET",
      headers: {},
      authMode: "api_key",
      expiresAt: clock.iso(expiresAt),
    };
  }

  /** downloadFile: the bytes behind a download URL, for a key that can see its sandbox. */
  async download(key: ApiKeyRecord, token: string): Promise<Uint8Array> {
    const payload = await this.#core.signer.verify("file", token);
    const snapshot = this.#sandboxes.snapshot(payload.ref);
    const sandbox = snapshot && this.#sandboxes.internalGet(snapshot.sandboxId);
    if (!snapshot || !sandbox || !this.#core.auth.canSee(key, sandbox.record.projectId)) {
      throw notFound("file download", payload.ref);
    }
    return snapshot.bytes;
  }
}
