/**
 * The files crownest-fake reads and writes, on Node, Deno and Bun: the
 * programs module (`--programs`) and the state file (`--state`).
 *
 * @module
 */
import type { Programs } from "../process/programs.ts";
import { deno, readTextFile } from "./serve.ts";

interface DenoFiles {
  cwd(): string;
  open(
    path: string,
    options: { write: true; create: true; truncate: true },
  ): Promise<{ write(bytes: Uint8Array): Promise<number>; close(): void }>;
  rename(from: string, to: string): Promise<void>;
  readDir(path: string): AsyncIterable<{ name: string }>;
  remove(path: string): Promise<void>;
  errors: { NotFound: new (...args: never[]) => Error };
}
const denoFiles = deno as unknown as DenoFiles | undefined;

/** The working directory as a file URL ending in "/". */
export function cwdUrl(): URL {
  const dir = denoFiles
    ? denoFiles.cwd()
    : (globalThis as { process?: { cwd(): string } }).process?.cwd();
  return new URL(`file://${(dir ?? ".").replace(/\/?$/, "/")}`);
}

/** `path` (absolute or relative to `base`, a file URL of a directory) as a file path. */
export function resolvePath(path: string, base: URL = cwdUrl()): string {
  return decodeURIComponent(new URL(path, base).pathname);
}

/** What a programs module's default export is. */
export type DefinePrograms = (programs: Programs) => void | Promise<void>;

/** Imports a programs module; throws unless its default export is a function. */
export async function loadProgramsModule(path: string): Promise<DefinePrograms> {
  const mod = (await import(new URL(`file://${path}`).href)) as { default?: unknown };
  if (typeof mod.default !== "function") {
    throw new Error(
      `${path} must export a default function (programs) => { programs.define(...) }`,
    );
  }
  return mod.default as DefinePrograms;
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readTextFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || (denoFiles && error instanceof denoFiles.errors.NotFound)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Writes the pieces to `path` through a temporary file (`path.<ms>.tmp`), so
 * a crash never leaves half a file; one write per piece, so the event loop
 * runs between them.
 */
export async function writeFileAtomic(path: string, pieces: Iterable<string>): Promise<void> {
  const tmp = `${path}.${Date.now()}.tmp`;
  if (denoFiles) {
    const file = await denoFiles.open(tmp, { write: true, create: true, truncate: true });
    const encoder = new TextEncoder();
    try {
      for (const piece of pieces) {
        let bytes = encoder.encode(piece);
        while (bytes.length > 0) bytes = bytes.subarray(await file.write(bytes));
      }
    } finally {
      file.close();
    }
    await denoFiles.rename(tmp, path);
    return;
  }
  const { writeAndRename } = await import("./serve-node.ts");
  await writeAndRename(tmp, path, pieces);
}

/**
 * Removes what a save that never finished left (`path.<ms>.tmp`, e.g. after a
 * SIGKILL); returns their names.
 */
export async function removeStaleTemps(path: string): Promise<string[]> {
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash + 1) || ".";
  const base = path.slice(slash + 1);
  const stale = (name: string): boolean =>
    name.startsWith(`${base}.`) && /^\.\d+\.tmp$/.test(name.slice(base.length));
  let names: string[];
  if (denoFiles) {
    names = [];
    try {
      for await (const entry of denoFiles.readDir(dir)) names.push(entry.name);
    } catch (error) {
      if (error instanceof denoFiles.errors.NotFound) return [];
      throw error;
    }
  } else {
    const { listDir } = await import("./serve-node.ts");
    names = await listDir(dir).catch((error: { code?: string }) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
  }
  const removed = names.filter(stale);
  for (const name of removed) {
    if (denoFiles) await denoFiles.remove(`${dir}${name}`);
    else await (await import("./serve-node.ts")).removeFile(`${dir}${name}`);
  }
  return removed;
}
