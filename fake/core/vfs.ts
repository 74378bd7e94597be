/**
 * A sandbox's in-memory file tree, rooted at /workspace. Every path goes
 * through `resolve()`, which refuses anything that leaves the root with
 * `path_outside_workspace`.
 *
 * Sizes are bounded like a disk: a file over `maxFileBytes` is "File too
 * large", all files over `maxWorkspaceBytes` "No space left on device" (both
 * `file_too_large`, refused before any byte is allocated). A file's bytes are
 * never changed in place once written (appends go past the end), so a view
 * of them (a download snapshot) stays what it was without a copy.
 *
 * @module
 */
import type { components } from "../../src/generated/openapi.ts";
import type { Clock } from "./clock.ts";
import { ApiError } from "./errors.ts";

/** The contract's FileStat. */
export type FileStat = components["schemas"]["FileStat"];

/** The workspace root. */
export const ROOT = "/workspace";

type Node =
  // `buf` holds `size` bytes and room to append; bytes below `size` never change.
  | { type: "file"; buf: Uint8Array; size: number; modifiedAt: number }
  | { type: "directory"; children: Map<string, Node>; modifiedAt: number };
type Dir = Extract<Node, { type: "directory" }>;

/** A tree's size limits. */
export interface VfsLimits {
  maxFileBytes: number;
  maxWorkspaceBytes: number;
}

/** The `file_too_large` of a write past a limit, worded like the errno a program would see. */
function noSpace(reason: "file" | "workspace", limit: number): ApiError {
  return new ApiError(
    "file_too_large",
    reason === "file" ? "File too large" : "No space left on device",
    { reason, limit },
  );
}

function cloneDir(dir: Dir): Dir {
  const children = new Map<string, Node>();
  for (const [name, node] of dir.children) {
    children.set(name, node.type === "directory" ? cloneDir(node) : { ...node });
  }
  return { type: "directory", children, modifiedAt: dir.modifiedAt };
}

function outside(path: string): ApiError {
  return new ApiError("path_outside_workspace", `${JSON.stringify(path)} is outside /workspace`, {
    path,
  });
}

/** The parent of a resolved path ("/workspace/a/b" -> "/workspace/a"). */
export function dirname(abs: string): string {
  return abs.slice(0, abs.lastIndexOf("/")) || "/";
}

/** The last segment of a resolved path. */
export function basename(abs: string): string {
  return abs.slice(abs.lastIndexOf("/") + 1);
}

/** One in-memory file tree. */
export class Vfs {
  readonly #clock: Clock;
  readonly #limits: VfsLimits;
  #root: Dir;
  #used = 0;

  constructor(
    clock: Clock,
    limits: VfsLimits = {
      maxFileBytes: Number.POSITIVE_INFINITY,
      maxWorkspaceBytes: Number.POSITIVE_INFINITY,
    },
  ) {
    this.#clock = clock;
    this.#limits = limits;
    this.#root = { type: "directory", children: new Map(), modifiedAt: clock.now() };
  }

  /** Bytes of all files. */
  get usedBytes(): number {
    return this.#used;
  }

  /**
   * Runs `fn`; if it throws, every change it made is undone (nothing of a
   * half-done batch, e.g. an archive's extraction, stays).
   */
  transaction<T>(fn: () => T): T {
    const saved = cloneDir(this.#root);
    const used = this.#used;
    try {
      return fn();
    } catch (error) {
      this.#root = saved;
      this.#used = used;
      throw error;
    }
  }

  /**
   * Normalises `path` (absolute under /workspace, or relative to `cwd`, by
   * default /workspace) to "/workspace" or "/workspace/...". Throws
   * path_outside_workspace for any escape: `..` above the root (even one that
   * comes back), other absolute paths, "/workspace2", backslashes, NUL, and
   * percent-encoded dots, slashes, backslashes or NULs.
   */
  resolve(path: string, cwd: string = ROOT): string {
    if (path.includes("\0") || path.includes("\\") || /%(2e|2f|5c|00)/i.test(path)) {
      throw outside(path);
    }
    const start = path.startsWith("/") ? path : `${cwd}/${path}`;
    if (start !== ROOT && !start.startsWith(`${ROOT}/`)) throw outside(path);
    const parts: string[] = [];
    for (const part of start.slice(ROOT.length).split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (parts.length === 0) throw outside(path);
        parts.pop();
      } else {
        parts.push(part);
      }
    }
    return parts.length === 0 ? ROOT : `${ROOT}/${parts.join("/")}`;
  }

  #segments(abs: string): string[] {
    if (abs !== ROOT && !abs.startsWith(`${ROOT}/`)) throw outside(abs);
    return abs === ROOT ? [] : abs.slice(ROOT.length + 1).split("/");
  }

  #node(abs: string): Node | undefined {
    let node: Node = this.#root;
    for (const name of this.#segments(abs)) {
      if (node.type !== "directory") return undefined;
      const child: Node | undefined = node.children.get(name);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /** The directory that holds `abs`: not_found when missing, not_a_directory when a file. */
  #parent(abs: string, createParents = false): Dir {
    const segments = this.#segments(abs).slice(0, -1);
    let node: Dir = this.#root;
    let at = ROOT;
    for (const name of segments) {
      at = `${at}/${name}`;
      let child = node.children.get(name);
      if (!child) {
        if (!createParents) throw new ApiError("not_found", `${dirname(abs)} does not exist`);
        child = { type: "directory", children: new Map(), modifiedAt: this.#clock.now() };
        node.children.set(name, child);
      }
      if (child.type !== "directory") {
        throw new ApiError("not_a_directory", `${at} is not a directory`);
      }
      node = child;
    }
    return node;
  }

  #stat(abs: string, node: Node): FileStat {
    return {
      path: abs,
      name: basename(abs),
      type: node.type,
      sizeBytes: node.type === "file" ? node.size : 0,
      modifiedAt: this.#clock.iso(node.modifiedAt),
    };
  }

  /** The stat record, or undefined when nothing is there. */
  stat(abs: string): FileStat | undefined {
    const node = this.#node(abs);
    return node && this.#stat(abs, node);
  }

  /** Whether something is at `abs`. */
  exists(abs: string): boolean {
    return this.#node(abs) !== undefined;
  }

  /** A file's bytes (do not mutate them): not_found | is_a_directory. */
  readFile(abs: string): Uint8Array {
    const node = this.#node(abs);
    if (!node) throw new ApiError("not_found", `${abs} does not exist`);
    if (node.type !== "file") throw new ApiError("is_a_directory", `${abs} is a directory`);
    return node.buf.subarray(0, node.size);
  }

  /**
   * Writes a whole file (or appends). Missing parent: not_found unless
   * `createParents`; an existing file with `overwrite: false`: already_exists;
   * a directory there: is_a_directory.
   */
  writeFile(
    abs: string,
    data: Uint8Array,
    opts: { createParents?: boolean; overwrite?: boolean; append?: boolean } = {},
  ): FileStat {
    if (abs === ROOT) throw new ApiError("is_a_directory", `${abs} is a directory`);
    const parent = this.#parent(abs, opts.createParents ?? false);
    const name = basename(abs);
    const existing = parent.children.get(name);
    if (existing?.type === "directory") {
      throw new ApiError("is_a_directory", `${abs} is a directory`);
    }
    if (existing && opts.overwrite === false && !opts.append) {
      throw new ApiError("already_exists", `${abs} already exists`);
    }
    const appending = existing !== undefined && opts.append === true;
    const oldSize = existing?.size ?? 0;
    const size = (appending ? oldSize : 0) + data.byteLength;
    const { maxFileBytes, maxWorkspaceBytes } = this.#limits;
    if (size > maxFileBytes) throw noSpace("file", maxFileBytes);
    if (this.#used - oldSize + size > maxWorkspaceBytes) {
      throw noSpace("workspace", maxWorkspaceBytes);
    }
    const now = this.#clock.now();
    let node: Node;
    if (appending && existing.buf.byteLength >= size) {
      existing.buf.set(data, oldSize);
      existing.size = size;
      existing.modifiedAt = now;
      node = existing;
    } else if (appending && oldSize > 0) {
      // Room to grow, so a stream of appends copies the file O(log n) times, not n.
      const room = Math.min(maxFileBytes, size + (maxWorkspaceBytes - this.#used));
      const buf = new Uint8Array(Math.max(size, Math.min(size * 2, room)));
      buf.set(existing.buf.subarray(0, oldSize), 0);
      buf.set(data, oldSize);
      node = { type: "file", buf, size, modifiedAt: now };
    } else {
      node = { type: "file", buf: data.slice(), size, modifiedAt: now };
    }
    this.#used += size - oldSize;
    parent.children.set(name, node);
    parent.modifiedAt = now;
    return this.#stat(abs, node);
  }

  /**
   * Makes a directory. Without `parents`: a missing parent is not_found and
   * an existing entry already_exists; with it, like `mkdir -p`.
   */
  mkdir(abs: string, opts: { parents?: boolean } = {}): FileStat {
    const existing = this.#node(abs);
    if (existing) {
      if (existing.type === "directory" && opts.parents) return this.#stat(abs, existing);
      throw new ApiError("already_exists", `${abs} already exists`);
    }
    const parent = this.#parent(abs, opts.parents ?? false);
    const now = this.#clock.now();
    const node: Node = { type: "directory", children: new Map(), modifiedAt: now };
    parent.children.set(basename(abs), node);
    parent.modifiedAt = now;
    return this.#stat(abs, node);
  }

  /** A directory's entries sorted by name: not_found | not_a_directory. */
  list(abs: string): FileStat[] {
    const node = this.#node(abs);
    if (!node) throw new ApiError("not_found", `${abs} does not exist`);
    if (node.type !== "directory")
      throw new ApiError("not_a_directory", `${abs} is not a directory`);
    const prefix = abs === ROOT ? ROOT : abs;
    return [...node.children.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => this.#stat(`${prefix}/${name}`, node.children.get(name) as Node));
  }

  /** Deletes a file or an empty directory: not_found | directory_not_empty | invalid_request for the root. */
  remove(abs: string): void {
    if (abs === ROOT) throw new ApiError("invalid_request", "/workspace itself can't be deleted");
    const node = this.#node(abs);
    if (!node) throw new ApiError("not_found", `${abs} does not exist`);
    if (node.type === "directory" && node.children.size > 0) {
      throw new ApiError("directory_not_empty", `${abs} is not empty`);
    }
    const parent = this.#parent(abs);
    parent.children.delete(basename(abs));
    if (node.type === "file") this.#used -= node.size;
    parent.modifiedAt = this.#clock.now();
  }

  /**
   * Moves a file or directory. An existing destination is already_exists
   * unless `overwrite`, and a directory is never overwritten; moving a
   * directory into itself is invalid_request. Moving onto itself is a no-op.
   */
  move(from: string, to: string, opts: { overwrite?: boolean } = {}): FileStat {
    if (from === ROOT) throw new ApiError("invalid_request", "/workspace itself can't be moved");
    const node = this.#node(from);
    if (!node) throw new ApiError("not_found", `${from} does not exist`);
    if (to === from) return this.#stat(from, node);
    if (to === ROOT || to.startsWith(`${from}/`)) {
      throw new ApiError("invalid_request", `can't move ${from} into itself`);
    }
    const target = this.#node(to);
    if (target?.type === "directory") {
      throw new ApiError("already_exists", `${to} is a directory and is never overwritten`);
    }
    if (target && !opts.overwrite) throw new ApiError("already_exists", `${to} already exists`);
    const toParent = this.#parent(to);
    const fromParent = this.#parent(from);
    if (target?.type === "file") this.#used -= target.size;
    fromParent.children.delete(basename(from));
    toParent.children.set(basename(to), node);
    const now = this.#clock.now();
    fromParent.modifiedAt = now;
    toParent.modifiedAt = now;
    return this.#stat(to, node);
  }

  /** Every file and directory under the root, parents first, for a snapshot of the fake. */
  exportTree(): VfsEntry[] {
    const out: VfsEntry[] = [];
    const walk = (dir: Dir, abs: string): void => {
      for (const [name, node] of dir.children) {
        const path = `${abs}/${name}`;
        if (node.type === "file") {
          out.push({
            path,
            type: "file",
            modifiedAt: node.modifiedAt,
            data: node.buf.slice(0, node.size),
          });
        } else {
          out.push({ path, type: "directory", modifiedAt: node.modifiedAt });
          walk(node, path);
        }
      }
    };
    walk(this.#root, ROOT);
    return out;
  }

  /** A tree from exportTree()'s entries (the root's time: `rootModifiedAt`), bounded by `limits`. */
  static importTree(
    clock: Clock,
    limits: VfsLimits,
    entries: readonly VfsEntry[],
    rootModifiedAt: number,
  ): Vfs {
    const vfs = new Vfs(clock, limits);
    vfs.#root.modifiedAt = rootModifiedAt;
    for (const e of entries) {
      const abs = vfs.resolve(e.path);
      const parent = vfs.#node(dirname(abs));
      if (parent?.type !== "directory") throw new Error(`snapshot: no directory above ${e.path}`);
      if (e.type === "file") {
        const buf = (e.data ?? new Uint8Array(0)).slice();
        parent.children.set(basename(abs), {
          type: "file",
          buf,
          size: buf.byteLength,
          modifiedAt: e.modifiedAt,
        });
        vfs.#used += buf.byteLength;
      } else {
        parent.children.set(basename(abs), {
          type: "directory",
          children: new Map(),
          modifiedAt: e.modifiedAt,
        });
      }
    }
    return vfs;
  }

  /** The root directory's modification time. */
  get rootModifiedAt(): number {
    return this.#root.modifiedAt;
  }
}

/** A file or directory of a tree, as exportTree() lists it. */
export interface VfsEntry {
  path: string;
  type: "file" | "directory";
  /** Epoch ms. */
  modifiedAt: number;
  data?: Uint8Array;
}
