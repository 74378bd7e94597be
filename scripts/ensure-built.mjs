// Builds dist/ (`npm run build`) when `entry` is missing or older than the
// TypeScript sources it is built from. Scripts that run the built package
// call it first, so they work straight after `npm ci`.
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

async function newest(dir) {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) {
      latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return latest;
}

/** Resolves once `entry` (a path under dist/) is at least as new as src/, fake/ and cli/. */
export async function ensureBuilt(entry, { log = console.log } = {}) {
  const built = await stat(entry).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    ...(await Promise.all(["src", "fake", "cli"].map((d) => newest(join(root, d))))),
  );
  if (built >= sources) return;
  log("dist/ is missing or older than the sources; building it (npm run build)");
  await new Promise((resolve, reject) =>
    execFile("npm", ["run", "build", "--silent"], { cwd: root }, (error, _out, stderr) =>
      error ? reject(new Error(`npm run build failed:\n${stderr}`)) : resolve(),
    ),
  );
}
