/**
 * Real `.tar.gz` extraction for workspace runs: gunzip with the web-standard
 * DecompressionStream, tar parsing with modern-tar.
 *
 * Why modern-tar (over nanotar): it streams (web streams, zero dependencies,
 * Node/Deno/Bun/browsers), so the size cap below stops an archive bomb after
 * 64 MiB instead of after inflating it whole; its strict mode rejects corrupt
 * header checksums, truncation and garbage after the end marker (nanotar
 * checks no checksums, silently stops at a bad header, ignores a
 * Uint8Array's byteOffset and drops link targets); and it handles PAX, GNU
 * long names and the USTAR prefix, which real `tar czf` output uses.
 *
 * Safety policy (the archive is refused whole, nothing is half-extracted):
 * - entry paths are normalised (`./a//b/` -> `a/b`); an absolute path, a `..`
 *   that climbs above the root, a backslash or NUL is `path_outside_workspace`;
 * - symlinks and hard links whose target leaves the root are
 *   `path_outside_workspace`; links that stay inside are skipped (listed in
 *   `skipped`), because the sandbox file tree has no links to make;
 * - devices and FIFOs are skipped;
 * - the decompressed tar stream (headers included) is capped at
 *   MAX_EXTRACTED_BYTES: `archive_too_large`;
 * - bad gzip or tar data is `invalid_archive`.
 *
 * @module
 */
import { createTarDecoder, type TarHeader } from "modern-tar";

/** Hard cap on the decompressed tar stream: refuses archive bombs (an 8 MiB gzip can inflate ~1000x). */
const MAX_EXTRACTED_BYTES: number = 64 * 1024 * 1024;

/** Why extraction refused an archive; `code` is the contract's ErrorCode the run fails with. */
export class TarError extends Error {
  readonly code: "invalid_archive" | "path_outside_workspace" | "archive_too_large";
  constructor(code: TarError["code"], message: string) {
    super(message);
    this.name = "TarError";
    this.code = code;
  }
}

/** One extracted entry; `path` is relative to the extraction root, normalised, never empty. */
export interface TarEntry {
  path: string;
  type: "file" | "directory";
  data: Uint8Array;
}

/** What extractTarGz returns: entries in archive order, and what it chose not to extract. */
export interface TarExtraction {
  entries: TarEntry[];
  skipped: { path: string; type: string }[];
}

/** Progress after each regular file read: compressed bytes consumed so far and regular files read. */
export interface TarProgress {
  bytesProcessed: number;
  filesExtracted: number;
}

/** Options of extractTarGz. */
export interface ExtractOptions {
  maxBytes?: number;
  onProgress?: (progress: TarProgress) => void;
}

const CHUNK = 64 * 1024;

/**
 * Normalises an entry name relative to the root. Returns "" for the root
 * itself, null when the name escapes the root.
 */
export function normaliseEntryPath(name: string): string | null {
  if (name.startsWith("/") || name.includes("\\") || name.includes("\0")) return null;
  const parts: string[] = [];
  for (const segment of name.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join("/");
}

/** Where a link points, relative to the root, or null when it leaves it. */
function linkTarget(header: TarHeader, entryPath: string): string | null {
  const target = header.linkname ?? "";
  if (header.type === "link") return normaliseEntryPath(target);
  // A symlink's target is relative to the directory holding the link.
  if (target.startsWith("/")) return null;
  const dir = entryPath.includes("/") ? entryPath.slice(0, entryPath.lastIndexOf("/")) : "";
  return normaliseEntryPath(dir ? `${dir}/${target}` : target);
}

/**
 * Gunzips and parses a `.tar.gz` held in memory. Throws TarError (see the
 * module's policy); any other failure of the gzip or tar layers becomes
 * `invalid_archive`.
 */
export async function extractTarGz(
  archive: Uint8Array,
  options: ExtractOptions = {},
): Promise<TarExtraction> {
  const maxBytes = options.maxBytes ?? MAX_EXTRACTED_BYTES;
  let fed = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (fed >= archive.length) return controller.close();
      const end = Math.min(fed + CHUNK, archive.length);
      controller.enqueue(archive.slice(fed, end));
      fed = end;
    },
  });
  let inflated = 0;
  const cap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      inflated += chunk.length;
      if (inflated > maxBytes) {
        throw new TarError(
          "archive_too_large",
          `the archive inflates to more than ${maxBytes} bytes`,
        );
      }
      controller.enqueue(chunk);
    },
  });
  const entries = source
    .pipeThrough(
      new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
    )
    .pipeThrough(cap)
    .pipeThrough(createTarDecoder({ strict: true }))
    .getReader();

  const result: TarExtraction = { entries: [], skipped: [] };
  let files = 0;
  try {
    for (;;) {
      const next = await entries.read();
      if (next.done) break;
      const { header, body } = next.value;
      const path = normaliseEntryPath(header.name);
      if (path === null) {
        throw new TarError("path_outside_workspace", `entry ${header.name} escapes the root`);
      }
      const type = header.type ?? "file";
      if (type === "file" || type === "directory") {
        const data = new Uint8Array(await new Response(body).arrayBuffer());
        // "./" names the root itself: nothing to create.
        if (path === "") continue;
        // The decoder gives a directory no body (its size is forced to 0): its data is empty.
        result.entries.push({ path, type, data });
        if (type === "file") options.onProgress?.({ bytesProcessed: fed, filesExtracted: ++files });
        continue;
      }
      await body.cancel();
      if ((type === "symlink" || type === "link") && linkTarget(header, path) === null) {
        throw new TarError(
          "path_outside_workspace",
          `link ${header.name} points outside the root (${header.linkname})`,
        );
      }
      result.skipped.push({ path, type });
    }
  } catch (error) {
    await entries.cancel(error).catch(() => {});
    if (error instanceof TarError) throw error;
    throw new TarError("invalid_archive", `the archive is corrupt: ${(error as Error).message}`);
  }
  return result;
}
