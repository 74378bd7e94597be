import { toBase64 } from "../bytes.ts";
import { CrowNestApiError, clientError } from "../errors.ts";
import { clientLimits } from "../generated/contract.ts";
import { call } from "../operations.ts";
import { type Exchange, type RequestOptions, send, type Transport } from "../transport.ts";
import type { DownloadUrl, FileEncoding, FileStat, WriteFileOptions } from "../types.ts";

/** What files.write takes: text, or bytes in any of the web's containers. */
export type FileContentInput = string | Uint8Array | Blob | ReadableStream<Uint8Array>;

/** client.files: files inside a sandbox's /workspace (direct reads and writes up to 256 KiB). */
export interface Files {
  /**
   * The file's content, as text (`utf8`, default) or `base64`. A file over
   * 256 KiB is 413 `file_too_large`: read it with {@link Files.download}.
   */
  read(
    sandboxId: string,
    path: string,
    input?: { encoding?: FileEncoding },
    options?: RequestOptions,
  ): Promise<string>;
  /**
   * Writes the whole file; returns its stat record. A string is written as
   * is (`encoding` says how it is encoded, default utf8); bytes (a
   * Uint8Array, a Blob or a ReadableStream) are sent base64-encoded. At most
   * 256 KiB: more is `file_too_large` before anything is sent.
   */
  write(
    sandboxId: string,
    path: string,
    content: FileContentInput,
    input?: WriteFileOptions,
    options?: RequestOptions,
  ): Promise<FileStat>;
  /** Deletes a file or an empty directory. */
  delete(sandboxId: string, path: string, options?: RequestOptions): Promise<void>;
  /** A directory's entries (default `/workspace`), sorted by name. */
  list(sandboxId: string, path?: string, options?: RequestOptions): Promise<FileStat[]>;
  /** A file's or directory's stat record; 404 `not_found` when nothing is there. */
  stat(sandboxId: string, path: string, options?: RequestOptions): Promise<FileStat>;
  /** Makes a directory (`parents`: with its missing parents); returns its stat record. */
  mkdir(
    sandboxId: string,
    path: string,
    input?: { parents?: boolean },
    options?: RequestOptions,
  ): Promise<FileStat>;
  /** Moves or renames a file or directory (`overwrite`: replacing what is there); returns its new stat record. */
  move(
    sandboxId: string,
    fromPath: string,
    toPath: string,
    input?: { overwrite?: boolean },
    options?: RequestOptions,
  ): Promise<FileStat>;
  /** A short-lived signed URL for a file of any size (`authMode` `api_key`). */
  downloadUrl(sandboxId: string, path: string, options?: RequestOptions): Promise<DownloadUrl>;
  /**
   * A file of any size, in memory, fetched through its signed URL. The
   * bearer token goes only to the API's origin: a URL elsewhere that asks
   * for `api_key` auth is refused (`invalid_response`). Timeout and retries
   * apply to the whole transfer.
   */
  download(sandboxId: string, path: string, options?: RequestOptions): Promise<Uint8Array>;
  /** {@link Files.download} as a stream (the timeout stops at the response headers). */
  downloadStream(
    sandboxId: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ReadableStream<Uint8Array>>;
}

const MAX = clientLimits.maxDirectFileBytes;

/** Up to MAX + 1 bytes of the content: enough to tell it is too large. */
async function bytesOf(content: Exclude<FileContentInput, string>): Promise<Uint8Array> {
  if (content instanceof Uint8Array) return content;
  const reader = (content instanceof Blob ? content.stream() : content).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (let r = await reader.read(); !r.done && size <= MAX; r = await reader.read()) {
      parts.push(r.value);
      size += r.value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

function tooLargeToWrite(sizeBytes: number, exact: boolean): CrowNestApiError {
  return clientError(
    "file_too_large",
    `files.write takes at most ${MAX} bytes, got ${exact ? sizeBytes : `over ${MAX}`}; use workspaceRuns.runArchive for larger files`,
    undefined,
    { limit: MAX, sizeBytes },
  );
}

export function files(t: Transport): Files {
  const at = (sandboxId: string, path: string) => ({
    path: { sandboxId },
    query: { path },
  });
  const on = (sandboxId: string) => ({ path: { sandboxId } });
  const apiOrigin = new URL(t.baseUrl).origin;

  async function fetchDownload(
    sandboxId: string,
    path: string,
    stream: boolean,
    options: RequestOptions = {},
  ): Promise<Exchange> {
    const signed = await api.downloadUrl(sandboxId, path, options);
    const url = new URL(signed.url, t.baseUrl);
    const sameOrigin = url.origin === apiOrigin;
    if (signed.authMode === "api_key" && !sameOrigin) {
      throw clientError(
        "invalid_response",
        `the download URL of ${path} is on ${url.origin} but asks for the API key, which goes only to ${apiOrigin}; refused`,
      );
    }
    const out = { method: signed.method, url: url.href, headers: signed.headers };
    return send(t, out, {
      ...options,
      auth: signed.authMode === "api_key" && sameOrigin,
      streamResponse: stream,
    });
  }

  const api: Files = {
    async read(sandboxId, path, input, options) {
      const params = { path: { sandboxId }, query: { path, ...input } };
      try {
        return (await call(t, "readFile", { params }, options)).content;
      } catch (error) {
        if (!(error instanceof CrowNestApiError) || error.code !== "file_too_large") throw error;
        const size = error.details?.sizeBytes;
        throw new CrowNestApiError({
          status: error.status,
          code: error.code,
          message: `${path} is ${typeof size === "number" ? size : "over"} bytes, more than files.read takes (${MAX}): use files.download`,
          details: error.details,
          requestId: error.requestId,
          cause: error,
        });
      }
    },
    async write(sandboxId, path, content, input, options) {
      let body: { path: string; content: string } & WriteFileOptions;
      if (typeof content === "string") {
        body = { path, content, ...input };
      } else {
        const bytes = await bytesOf(content);
        if (bytes.byteLength > MAX) {
          const exact = content instanceof Uint8Array || content instanceof Blob;
          throw tooLargeToWrite(content instanceof Blob ? content.size : bytes.byteLength, exact);
        }
        body = { path, ...input, content: toBase64(bytes), encoding: "base64" };
      }
      return call(t, "writeFile", { params: on(sandboxId), body }, options);
    },
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
    async download(sandboxId, path, options) {
      const { body } = await fetchDownload(sandboxId, path, false, options);
      return new Uint8Array(body ?? new ArrayBuffer(0));
    },
    async downloadStream(sandboxId, path, options) {
      const { response } = await fetchDownload(sandboxId, path, true, options);
      if (!response.body) return new ReadableStream({ start: (c) => c.close() });
      return response.body as ReadableStream<Uint8Array>;
    },
  };
  return api;
}
