// Tests that run the built bins (dist/) rebuild it when it is missing or older
// than the sources; `npm test` has just built it in CI.
import { execFile } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { open, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) {
      newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds dist/ when `entry` (a built file) is missing or older than src/,
 * fake/, cli/ or cmdline/. Test files that start at once build once: the others wait
 * for the first one's lock to go.
 */
export async function ensureBuilt(entry: string): Promise<void> {
  const built = await stat(entry).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    ...(await Promise.all(
      ["cli", "cmdline", "src", "fake"].map((d) => newestSource(join(root, d))),
    )),
  );
  if (built >= sources) return;
  const lock = join(tmpdir(), `crownest-build-${sources}.lock`);
  const mine = await open(lock, "wx").then(
    (handle) => handle.close().then(() => true),
    () => false,
  );
  if (!mine) {
    await new Promise<void>((resolve) => {
      const watcher = watch(tmpdir(), () => {
        if (!existsSync(lock)) done();
      });
      const done = () => {
        watcher.close();
        resolve();
      };
      if (!existsSync(lock)) done();
    });
    await stat(entry);
    return;
  }
  try {
    // `npm run build`'s two steps. Type errors elsewhere don't stop tsc from
    // emitting; the entry's existence is checked below.
    const node = (args: string[]) =>
      new Promise<void>((resolve) => {
        execFile(process.execPath, args, { cwd: root }, () => resolve());
      });
    await node([join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
    await node([join(root, "scripts/bundle.mjs")]);
  } finally {
    await rm(lock, { force: true });
  }
  await stat(entry);
}
