// The README is the user's page and docs/ holds the rest: the README's limits,
// its start in a fresh project (run against the built package), links that
// resolve, and the operationId table fault rules and the journal rely on.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { limits, operations } from "../../../src/generated/contract.ts";
import { ensureBuilt } from "../../helpers/build.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md"));

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return "";
  const next = text.indexOf("\n## ", start + heading.length + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

describe("README.md", () => {
  it("is at most 350 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(350);
  });

  it('keeps the checkout\'s two commands under "Developing"', () => {
    const developing = section(readme, "## Developing");
    expect(developing).toContain("npm ci && npm run demo");
    expect(developing).toContain("npm ci && npm test");
  });

  it("has an install section per runtime, Python included", () => {
    const install = section(readme, "## Install");
    for (const runtime of ["npm and Node", "Deno", "Bun", "Cloudflare Workers", "Python"]) {
      expect(install).toContain(`\n### ${runtime}\n`);
    }
    expect(install).toContain("docs/python.md");
  });
});

describe("links between README.md and docs/", () => {
  for (const file of ["README.md", ...docs.map((d) => `docs/${d}`)]) {
    it(`${file}: every relative link resolves`, () => {
      const text = readFileSync(join(root, file), "utf8");
      const targets = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1] ?? "")
        .filter((t) => !/^[a-z]+:/.test(t));
      if (file === "README.md") expect(targets.length).toBeGreaterThan(5);
      for (const target of targets) {
        const path = join(root, dirname(file), target);
        expect(existsSync(path), `${file} links to ${target}`).toBe(true);
      }
    });
  }
});

describe("the package", () => {
  it("ships what the README links to (docs/, examples/, the contract)", () => {
    const files: string[] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).files;
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)]
      .map((m) => (m[1] ?? "").split("/")[0] as string)
      .filter((t) => !/^[a-z]+:/.test(t) && t !== "python");
    expect(targets).toContain("examples");
    for (const target of new Set(targets)) expect(files, target).toContain(target);
  });
});

describe("docs/testing-with-the-fake.md", () => {
  it("lists every operationId of the contract, once, for fault rules and the journal", () => {
    const text = readFileSync(join(root, "docs/testing-with-the-fake.md"), "utf8");
    const table = section(text, "## Operation ids");
    const listed = [...table.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]);
    const ids = Object.keys(operations);
    expect(listed.filter((id) => ids.includes(id as string)).sort()).toEqual([...ids].sort());
  });

  it("states the contract's limits in its Bounds table", () => {
    const text = readFileSync(join(root, "docs/testing-with-the-fake.md"), "utf8");
    const unit: Record<string, number> = { KiB: 1024, MiB: 1024 ** 2, h: 3_600_000, "": 1 };
    const rows = section(text, "## Bounds").matchAll(
      /^\| `?([\w ]+?)`?(?: [^|]*)? \| (\d+) ?(KiB|MiB|h|)\b/gm,
    );
    const stated = Object.fromEntries(
      [...rows].map((m) => [m[1], Number(m[2]) * (unit[m[3] ?? ""] ?? Number.NaN)]),
    );
    expect(stated).toEqual({
      maxFileBytes: limits.maxFileBytes,
      maxWorkspaceBytes: limits.maxWorkspaceBytes,
      maxLogChunkBytes: limits.maxLogChunkBytes,
      outputCapBytes: limits.commandOutputCapBytes,
      runOutputCapBytes: limits.runOutputCapBytes,
      maxTransfersPerRun: limits.maxTransfersPerRun,
      maxListItems: limits.maxListItems,
      maxJsonBodyBytes: limits.maxJsonBodyBytes,
      retentionMs: limits.retentionMs,
      idempotency: limits.idempotencyWindowMs,
    });
  });
});

describe("the README's start in your own project", () => {
  const dir = join(root, "test-output", "readme-start");
  beforeAll(() => ensureBuilt(join(root, "dist/src/index.js")), 180_000);

  it("runs as written against the in-memory fake, with no API key", async () => {
    const block = /```js\n(\/\/ start\.js[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // Inside the package's directory, "@crownest/sdk" resolves to itself (its exports), as installed.
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "start.js"), block ?? "");
    const env = { ...process.env };
    delete env.CROWNEST_API_KEY;
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, "start.js")], {
      env,
      timeout: 20_000,
    });
    expect(stdout).toBe("exited 0 hello\n\nship it\n");
  });
});
