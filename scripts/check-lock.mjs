#!/usr/bin/env node
// Checks that package-lock.json is one a fresh machine's `npm ci` accepts:
// every installed entry is pinned (version and integrity), and package.json
// agrees with the lock (`npm ci --dry-run`, which reads no cache or network
// for a consistent lock). Usage: node scripts/check-lock.mjs [dir]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Entries of a lock's `packages` that are neither the root nor a link and lack a version or integrity. */
export function unpinnedEntries(lock) {
  return Object.entries(lock.packages ?? {})
    .filter(([path, entry]) => path !== "" && !entry.link && !(entry.version && entry.integrity))
    .map(([path]) => path);
}

/** Every problem found in dir's lock, as sentences; empty when the lock is sound. */
export function checkLock(dir) {
  const problems = [];
  let lock;
  try {
    lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
  } catch (error) {
    return [`package-lock.json can't be read: ${error.message}`];
  }
  if (lock.lockfileVersion !== 3)
    problems.push(`lockfileVersion is ${lock.lockfileVersion}, expected 3`);
  for (const path of unpinnedEntries(lock)) problems.push(`${path} has no version or integrity`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const dry = spawnSync(npm, ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (dry.status !== 0) {
    const why = `${dry.stderr}${dry.stdout}`
      .split("\n")
      .filter((line) => line.startsWith("npm error") && !line.includes("complete log"))
      .join("\n");
    problems.push(`npm ci --dry-run rejects the lock:\n${why}`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? fileURLToPath(new URL("..", import.meta.url)));
  const problems = checkLock(dir);
  for (const problem of problems) console.error(`lock: ${problem}`);
  if (problems.length === 0)
    console.log("lock: package-lock.json is pinned and agrees with package.json");
  process.exitCode = problems.length > 0 ? 1 : 0;
}
