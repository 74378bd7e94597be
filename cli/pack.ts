/**
 * Packs a local directory into a `.tar.gz` for a workspace run: tar with
 * modern-tar, gzip with fflate (pure JS), in memory (the archive is at most
 * 8 MiB).
 *
 * The archive is reproducible: its bytes depend only on the entries' relative
 * paths, contents, types and executable bits, so one tree packs to the same
 * SHA-256 on Node, Deno and Bun, on any machine and in any clone. Entries are
 * in name order; every entry has the same mtime ({@link ARCHIVE_MTIME}), uid
 * and gid 0 and empty owner names; modes are 0755 for directories and for
 * files with the owner's executable bit (the bit git keeps), 0644 for other
 * files; the gzip header has no timestamp and OS 255 (unknown), and deflate
 * runs at a fixed level on fixed-size pieces of the tar stream (its output
 * depends on where its input is cut).
 *
 * What goes in:
 * - every regular file and directory under the root, in name order;
 * - `.gitignore` files are honoured as git does: the root's and every nested
 *   one (a deeper file's rules win, `!pattern` re-includes), and, when the
 *   root is inside a git work tree, the `.gitignore` files of its parent
 *   directories up to the work tree's top and `.git/info/exclude`. A root
 *   that those parent rules ignore is packed anyway (you named it), with only
 *   its own `.gitignore` files applied. An ignored directory is not entered.
 * - `.git`, `.hg` and `.svn` are left out unless `includeVcs`, every
 *   `node_modules` unless `includeNodeModules`;
 * - symlinks whose target stays inside the root are stored as symlinks;
 *   others, and sockets, FIFOs and devices, are left out (listed in `skipped`).
 *
 * Past `maxBytes` of compressed output the archive is not kept, but packing
 * goes on to measure its size, up to `measureLimitBytes` (then `complete` is
 * false and `sizeBytes` is a lower bound).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { lstat, open, readdir, readFile, readlink, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Gzip } from "fflate";
import ignore, { type Ignore } from "ignore";
import { createTarPacker, type TarHeader } from "modern-tar";
import { MAX_ARCHIVE_BYTES } from "../src/index.ts";
import { localFileError } from "./local-files.ts";
import { CliError } from "./output.ts";

/**
 * The mtime of every entry: npm's choice for reproducible tarballs, after
 * 1980 because zip files (Python wheels built from the tree) can't hold
 * earlier times.
 */
export const ARCHIVE_MTIME: Date = new Date("1985-10-26T08:15:00.000Z");

/** The deflate level (zlib's default: a fixed trade of size for speed). */
const DEFLATE_LEVEL = 6;

/** Deflate gets the tar stream in pieces of this size. */
const DEFLATE_PIECE = 64 * 1024;

/** Directories of version control systems, left out unless includeVcs. */
const VCS_NAMES: readonly string[] = [".git", ".hg", ".svn"];

/** Options of {@link packDirectory}. */
export interface PackOptions {
  /** Keep `.git`, `.hg` and `.svn`. */
  includeVcs?: boolean;
  /** Keep `node_modules` directories. */
  includeNodeModules?: boolean;
  /** Honour `.gitignore` files (default true). */
  gitignore?: boolean;
  /** Largest archive kept (default 8 MiB, the API's limit). */
  maxBytes?: number;
  /** Stop measuring an oversize archive past this many compressed bytes (default 4 x maxBytes). */
  measureLimitBytes?: number;
  onProgress?: (progress: PackProgress) => void;
}

/** Where packing is. */
export interface PackProgress {
  files: number;
  totalFiles: number;
  /** Uncompressed file bytes read so far. */
  bytesRead: number;
  totalBytes: number;
  compressedBytes: number;
}

/** One archived entry. */
export interface PackedEntry {
  /** Relative to the root, `/`-separated. */
  path: string;
  type: "file" | "directory" | "symlink";
  /** File size (0 for directories and symlinks). */
  size: number;
}

/** What {@link packDirectory} returns. */
export interface PackResult {
  /** The absolute root. */
  root: string;
  /** The archive's entries, in order. */
  entries: PackedEntry[];
  /** What was left out other than by .gitignore, and why. */
  skipped: { path: string; reason: string }[];
  fileCount: number;
  /** Uncompressed bytes of the files. */
  totalBytes: number;
  /** The compressed size (a lower bound when not `complete`). */
  sizeBytes: number;
  /** False when measuring stopped at measureLimitBytes. */
  complete: boolean;
  /** The .tar.gz, or null when it is over maxBytes. */
  bytes: Uint8Array | null;
  /** Lowercase hex SHA-256 of `bytes`, or null. */
  sha256: string | null;
}

interface Rules {
  ig: Ignore;
  /** The rules' directory relative to the root ("" = the root); null for a parent's rules. */
  base: string | null;
  /** For a parent's rules: the root's path relative to that parent, with a trailing "/". */
  prefix: string;
}

interface Found extends PackedEntry {
  abs: string;
  /** The normalised mode (0755 or 0644; 0777 for symlinks). */
  mode: number;
  linkname?: string;
}

/** 0755 with the owner's executable bit (what git records), else 0644. */
const fileMode = (mode: number): number => (mode & 0o100 ? 0o755 : 0o644);

const posix = (p: string): string => p.split(sep).join("/");

function isIgnored(rules: Rules[], rel: string, isDir: boolean): boolean {
  let result = false;
  for (const r of rules) {
    const local =
      r.base === null ? r.prefix + rel : r.base === "" ? rel : rel.slice(r.base.length + 1);
    const t = r.ig.test(isDir ? `${local}/` : local);
    if (t.ignored) result = true;
    else if (t.unignored) result = false;
  }
  return result;
}

async function readText(path: string): Promise<string | null> {
  return readFile(path, "utf8").catch(() => null);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** The rules of the git work tree around `root`, from its top down to root's parent. */
async function parentRules(root: string): Promise<Rules[]> {
  if (await exists(join(root, ".git"))) {
    const exclude = await readText(join(root, ".git", "info", "exclude"));
    return exclude ? [{ ig: ignore().add(exclude), base: "", prefix: "" }] : [];
  }
  const parents: string[] = [];
  let top: string | undefined;
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    parents.unshift(dir);
    if (await exists(join(dir, ".git"))) {
      top = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  if (!top) return [];
  const rules: Rules[] = [];
  const exclude = await readText(join(top, ".git", "info", "exclude"));
  const prefixOf = (dir: string) => `${posix(relative(dir, root))}/`;
  if (exclude) rules.push({ ig: ignore().add(exclude), base: null, prefix: prefixOf(top) });
  for (const dir of parents) {
    const text = await readText(join(dir, ".gitignore"));
    if (text) rules.push({ ig: ignore().add(text), base: null, prefix: prefixOf(dir) });
  }
  // The root itself ignored by its parents' rules (packing `dist`, say): you named it, so pack it.
  const rootIgnored = rules.some((r) => r.ig.ignores(r.prefix));
  return rootIgnored ? [] : rules;
}

async function scan(root: string, options: PackOptions) {
  const found: Found[] = [];
  const skipped: PackResult["skipped"] = [];
  const useGitignore = options.gitignore !== false;
  const walk = async (abs: string, rel: string, inherited: Rules[]): Promise<void> => {
    let rules = inherited;
    if (useGitignore) {
      const text = await readText(join(abs, ".gitignore"));
      if (text !== null) rules = [...rules, { ig: ignore().add(text), base: rel, prefix: "" }];
    }
    const names = (await readdir(abs, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const d of names) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      const full = join(abs, d.name);
      if (!options.includeVcs && VCS_NAMES.includes(d.name)) {
        skipped.push({ path, reason: "version control (--include-vcs keeps it)" });
        continue;
      }
      if (!options.includeNodeModules && d.name === "node_modules") {
        skipped.push({ path, reason: "node_modules (--include-node-modules keeps it)" });
        continue;
      }
      const isDir = d.isDirectory();
      if (isIgnored(rules, path, isDir)) continue;
      if (isDir) {
        found.push({ path, abs: full, type: "directory", size: 0, mode: 0o755 });
        await walk(full, path, rules);
      } else if (d.isFile()) {
        const st = await lstat(full);
        found.push({ path, abs: full, type: "file", size: st.size, mode: fileMode(st.mode) });
      } else if (d.isSymbolicLink()) {
        const target = await readlink(full);
        const resolved = resolve(abs, target);
        const inside = relative(root, resolved);
        if (inside.startsWith("..") || isAbsolute(inside)) {
          skipped.push({ path, reason: `symlink to ${target}, outside the directory` });
          continue;
        }
        found.push({
          path,
          abs: full,
          type: "symlink",
          size: 0,
          mode: 0o777,
          linkname: isAbsolute(target) ? posix(relative(abs, resolved)) || "." : posix(target),
        });
      } else {
        skipped.push({ path, reason: "not a regular file, directory or symlink" });
      }
    }
  };
  await walk(root, "", useGitignore ? await parentRules(root) : []);
  return { found, skipped };
}

const READ_CHUNK = 256 * 1024;

/** Packs `dir` into a .tar.gz (see the module's documentation for what goes in). */
export async function packDirectory(dir: string, options: PackOptions = {}): Promise<PackResult> {
  const root = resolve(dir);
  const rootStat = await stat(root).catch((error: unknown) => {
    throw localFileError(error, dir, "directory") ?? error;
  });
  if (!rootStat.isDirectory()) {
    throw new CliError("not_a_directory", `${dir} is a file, not a directory`);
  }
  const maxBytes = options.maxBytes ?? MAX_ARCHIVE_BYTES;
  const measureLimit = options.measureLimitBytes ?? maxBytes * 4;
  const { found, skipped } = await scan(root, options);
  const files = found.filter((f) => f.type === "file");
  const progress: PackProgress = {
    files: 0,
    totalFiles: files.length,
    bytesRead: 0,
    totalBytes: files.reduce((n, f) => n + f.size, 0),
    compressedBytes: 0,
  };
  options.onProgress?.({ ...progress });

  const { readable, controller } = createTarPacker();
  const chunks: Uint8Array[] = [];
  let over = false;
  let stop = false;
  let first = true;
  const gzip = new Gzip({ level: DEFLATE_LEVEL, mtime: 0 }, (chunk) => {
    if (first && chunk.byteLength > 9) {
      chunk[9] = 255; // OS: unknown, whichever runtime packed it
      first = false;
    }
    progress.compressedBytes += chunk.byteLength;
    if (progress.compressedBytes > maxBytes) {
      over = true;
      chunks.length = 0;
    } else chunks.push(chunk);
    if (progress.compressedBytes > measureLimit) stop = true;
  });
  const consumed = deflateInPieces(readable, gzip, () => stop);

  try {
    for (const entry of found) {
      if (stop) break;
      const header: TarHeader = {
        name: entry.type === "directory" ? `${entry.path}/` : entry.path,
        size: entry.size,
        type: entry.type,
        mode: entry.mode,
        mtime: ARCHIVE_MTIME,
        uid: 0,
        gid: 0,
        uname: "",
        gname: "",
        ...(entry.linkname !== undefined && { linkname: entry.linkname }),
      };
      const writer = controller.add(header).getWriter();
      if (entry.type === "file") await copyFile(entry, writer, progress, () => stop);
      await writer.close();
      if (entry.type === "file") progress.files++;
      options.onProgress?.({ ...progress });
    }
  } catch (error) {
    if (!stop) {
      controller.error(error);
      await consumed.catch(() => {});
      throw error;
    }
  }
  if (stop) {
    // Measured enough: the archive is far over the limit.
    controller.error(new Error("stopped measuring"));
    await consumed.catch(() => {});
  } else {
    controller.finalize();
    await consumed;
  }
  options.onProgress?.({ ...progress });

  let bytes: Uint8Array | null = null;
  let sha256: string | null = null;
  if (!over) {
    bytes = new Uint8Array(progress.compressedBytes);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    sha256 = createHash("sha256").update(bytes).digest("hex");
  }
  return {
    root,
    entries: found.map(({ path, type, size }) => ({ path, type, size })),
    skipped,
    fileCount: files.length,
    totalBytes: progress.totalBytes,
    sizeBytes: progress.compressedBytes,
    complete: !stop,
    bytes,
    sha256,
  };
}

/**
 * Feeds the tar stream to deflate in DEFLATE_PIECE pieces, whatever sizes
 * the stream's chunks have, then ends the gzip member.
 */
async function deflateInPieces(
  tar: ReadableStream<Uint8Array>,
  gzip: Gzip,
  stopped: () => boolean,
): Promise<void> {
  const reader = tar.getReader();
  const piece = new Uint8Array(DEFLATE_PIECE);
  let filled = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (stopped()) continue;
    let offset = 0;
    while (offset < value.byteLength) {
      const n = Math.min(DEFLATE_PIECE - filled, value.byteLength - offset);
      piece.set(value.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === DEFLATE_PIECE) {
        gzip.push(piece.slice());
        filled = 0;
      }
    }
  }
  if (!stopped()) gzip.push(piece.slice(0, filled), true);
}

async function copyFile(
  entry: Found,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  progress: PackProgress,
  stopped: () => boolean,
): Promise<void> {
  const handle = await open(entry.abs, "r");
  try {
    let remaining = entry.size;
    while (remaining > 0) {
      if (stopped()) throw new Error("stopped measuring");
      const buffer = new Uint8Array(Math.min(READ_CHUNK, remaining));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) {
        throw new CliError("file_changed", `${entry.path} shrank while it was being packed`);
      }
      await writer.write(bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead));
      remaining -= bytesRead;
      progress.bytesRead += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** The biggest top-level entries by uncompressed size ("dir/" for directories). */
export function largestEntries(result: PackResult, count = 5): { path: string; size: number }[] {
  const sizes = new Map<string, number>();
  for (const e of result.entries) {
    if (e.type !== "file") continue;
    const slash = e.path.indexOf("/");
    const top = slash < 0 ? e.path : `${e.path.slice(0, slash)}/`;
    sizes.set(top, (sizes.get(top) ?? 0) + e.size);
  }
  return [...sizes]
    .map(([path, size]) => ({ path, size }))
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
    .slice(0, count);
}
