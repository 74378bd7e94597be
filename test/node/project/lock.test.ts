import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script with no declarations
import { checkLock, unpinnedEntries } from "../../../scripts/check-lock.mjs";

const root = new URL("../../../", import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Lock = { packages: Record<string, Record<string, unknown>> };
type Manifest = { dependencies: Record<string, string> };

function copyOfProject(edit?: {
  lock?: (lock: Lock) => void;
  pkg?: (pkg: Manifest) => void;
}): string {
  const dir = mkdtempSync(join(tmpdir(), "crownest-lock-"));
  dirs.push(dir);
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  edit?.lock?.(lock);
  edit?.pkg?.(pkg);
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
  writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  return dir;
}

describe("package-lock.json", { timeout: 60_000 }, () => {
  it("is pinned and agrees with package.json", () => {
    expect(checkLock(root)).toEqual([]);
  });

  it("fails on an entry with no version or integrity, like the old inert placeholders", () => {
    const placeholder = "node_modules/deno/node_modules/@deno/darwin-arm64";
    const dir = copyOfProject({
      lock: (lock) => {
        lock.packages[placeholder] = { dev: true, optional: true };
      },
    });
    const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
    expect(unpinnedEntries(lock)).toEqual([placeholder]);
    const problems: string[] = checkLock(dir);
    expect(problems).toContain(`${placeholder} has no version or integrity`);
    expect(problems.some((p) => p.startsWith("npm ci --dry-run rejects the lock"))).toBe(true);
  });

  it("fails when package.json names a dependency the lock lacks", () => {
    const dir = copyOfProject({
      pkg: (pkg) => {
        pkg.dependencies["left-pad"] = "^1.3.0";
      },
    });
    const problems: string[] = checkLock(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^npm ci --dry-run rejects the lock/);
  });

  it("runs as a script that exits non-zero on a bad lock", () => {
    const dir = copyOfProject({
      lock: (lock) => {
        delete lock.packages["node_modules/yaml"]?.integrity;
      },
    });
    const run = spawnSync(process.execPath, [join(root, "scripts/check-lock.mjs"), dir], {
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("node_modules/yaml has no version or integrity");
  });
});
