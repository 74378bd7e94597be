/**
 * The files crownest-fake reads and writes, on Node, Deno and Bun: the
 * programs module (`--programs`) and the state file (`--state`).
 *
 * @module
 */
import type { Programs } from "./process/programs.ts";
import { deno, readTextFile } from "./serve.ts";

interface DenoFiles {
  cwd(): string;
  writeTextFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
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

/** Writes `text` to `path` through a temporary file, so a crash never leaves half a file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${Date.now()}.tmp`;
  if (denoFiles) {
    await denoFiles.writeTextFile(tmp, text);
    await denoFiles.rename(tmp, path);
    return;
  }
  const { writeAndRename } = await import("./serve-node.ts");
  await writeAndRename(tmp, path, text);
}
