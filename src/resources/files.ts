import { call, type RequestOptions, type Transport } from "../transport.ts";
import type { DownloadUrl, FileEncoding, FileStat, SandboxId, WriteFileOptions } from "../types.ts";

/** client.files: files inside a sandbox's /workspace (direct reads and writes up to 256 KiB). */
export interface Files {
  /** The file's content, as text (`utf8`, default) or `base64`. */
  read(
    sandboxId: SandboxId,
    path: string,
    input?: { encoding?: FileEncoding },
    options?: RequestOptions,
  ): Promise<string>;
  /** Writes the whole file; returns its stat record. */
  write(
    sandboxId: SandboxId,
    path: string,
    content: string,
    input?: WriteFileOptions,
    options?: RequestOptions,
  ): Promise<FileStat>;
  /** Deletes a file or an empty directory. */
  delete(sandboxId: SandboxId, path: string, options?: RequestOptions): Promise<void>;
  /** A directory's entries (default `/workspace`), sorted by name. */
  list(sandboxId: SandboxId, path?: string, options?: RequestOptions): Promise<FileStat[]>;
  stat(sandboxId: SandboxId, path: string, options?: RequestOptions): Promise<FileStat>;
  mkdir(
    sandboxId: SandboxId,
    path: string,
    input?: { parents?: boolean },
    options?: RequestOptions,
  ): Promise<FileStat>;
  move(
    sandboxId: SandboxId,
    fromPath: string,
    toPath: string,
    input?: { overwrite?: boolean },
    options?: RequestOptions,
  ): Promise<FileStat>;
  /** A short-lived signed URL for a file of any size (`authMode` `api_key`). */
  downloadUrl(sandboxId: SandboxId, path: string, options?: RequestOptions): Promise<DownloadUrl>;
}

export function files(t: Transport): Files {
  const at = (sandboxId: SandboxId, path: string) => ({ path: { sandboxId }, query: { path } });
  const on = (sandboxId: SandboxId) => ({ path: { sandboxId } });
  return {
    async read(sandboxId, path, input, options) {
      const params = { path: { sandboxId }, query: { path, ...input } };
      return (await call(t, "readFile", { params }, options)).content;
    },
    write: (sandboxId, path, content, input, options) =>
      call(t, "writeFile", { params: on(sandboxId), body: { path, content, ...input } }, options),
    async delete(sandboxId, path, options) {
      await call(t, "deleteFile", { params: at(sandboxId, path) }, options);
    },
    async list(sandboxId, path = "/workspace", options) {
      return (await call(t, "listFiles", { params: at(sandboxId, path) }, options)).data;
    },
    stat: (sandboxId, path, options) =>
      call(t, "statFile", { params: at(sandboxId, path) }, options),
    mkdir: (sandboxId, path, input, options) =>
      call(t, "makeDirectory", { params: on(sandboxId), body: { path, ...input } }, options),
    move: (sandboxId, fromPath, toPath, input, options) =>
      call(t, "moveFile", { params: on(sandboxId), body: { fromPath, toPath, ...input } }, options),
    downloadUrl: (sandboxId, path, options) =>
      call(t, "createFileDownloadUrl", { params: on(sandboxId), body: { path } }, options),
  };
}
