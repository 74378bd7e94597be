import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import pkg from "../../../package.json" with { type: "json" };

// `npm run check:deps` (the import check of `npm test`), run with the repo's
// config on a small tree of planted files.
const root = new URL("../../../", import.meta.url).pathname;
const depcruise = join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const [command, ...checkArgs] = pkg.scripts["check:deps"].split(/\s+/);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A tree with the repo's config and `files`. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "crownest-deps-"));
  dirs.push(dir);
  for (const name of [".dependency-cruiser.cjs", "tsconfig.json"]) {
    copyFileSync(join(root, name), join(dir, name));
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs the check in `dir`: its exit code and the violations it printed, "rule: from -> to". */
async function check(dir: string): Promise<{ code: number; violations: string[] }> {
  let code = 0;
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [depcruise, ...checkArgs], {
      cwd: dir,
      timeout: 25_000,
    }));
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string };
    if (typeof failed.code !== "number") throw error;
    code = failed.code;
    stdout = failed.stdout ?? "";
  }
  // "error <rule>: <from> → <to>", a cycle's path going on over the next lines.
  const found = stdout.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g);
  return { code, violations: [...found].map(([, rule, from, to]) => `${rule}: ${from} -> ${to}`) };
}

/** The layers in good order: routes use services, services use core. */
const layered = {
  "src/index.ts": "export const version = 1;\n",
  "fake/core/clock.ts": "export interface Clock { now(): number }\n",
  "fake/services/things.ts":
    'import type { Clock } from "../core/clock.ts";\nexport const things = (clock: Clock) => clock.now();\n',
  "fake/routes/things.ts":
    'import { things } from "../services/things.ts";\nexport const route = things;\n',
  "cli/main.ts": 'import { version } from "../src/index.ts";\nexport const v = version;\n',
  "cmdline/options.ts": "export const parse = (argv: string[]) => argv;\n",
};

describe("the import check (npm run check:deps)", { timeout: 60_000 }, () => {
  it("is a dependency-cruiser run", () => {
    expect(command).toBe("depcruise");
    expect(checkArgs).toContain("src");
    expect(checkArgs).toContain("fake");
    expect(checkArgs).toContain("cli");
    expect(checkArgs).toContain("cmdline");
  });

  it("passes a tree that keeps the layers", async () => {
    expect(await check(tree(layered))).toEqual({ code: 0, violations: [] });
  });

  it("fails on a cycle of type-only imports and on imports against the layers", async () => {
    const { code, violations } = await check(
      tree({
        ...layered,
        // Neither import exists after compilation; the cycle still counts.
        "fake/core/a.ts": 'import type { B } from "./b.ts";\nexport interface A { b?: B }\n',
        "fake/core/b.ts": 'import type { A } from "./a.ts";\nexport interface B { a?: A }\n',
        "fake/core/uses-services.ts":
          'import { things } from "../services/things.ts";\nexport const t = things;\n',
        "fake/core/uses-context.ts":
          'import type { Ctx } from "../context.ts";\nexport type C = Ctx;\n',
        "fake/context.ts": "export interface Ctx { id: string }\n",
        "fake/config.ts": 'import type { S } from "./state.ts";\nexport type C = S;\n',
        "fake/state.ts": 'import type { Ctx } from "./context.ts";\nexport type S = Ctx;\n',
        "fake/services/uses-routes.ts":
          'import { route } from "../routes/things.ts";\nexport const r = route;\n',
        "src/uses-fake.ts":
          'import type { Clock } from "../fake/core/clock.ts";\nexport type C = Clock;\n',
        "cmdline/uses-cli.ts": 'import { v } from "../cli/main.ts";\nexport const w = v;\n',
        "cli/uses-fake.ts":
          'import { things } from "../fake/services/things.ts";\nexport const t = things;\n',
      }),
    );
    expect(code).not.toBe(0);
    // The cycle is reported once, from either end.
    const cycle = violations.filter((v) => v.startsWith("no-circular"));
    expect(cycle).toHaveLength(1);
    expect(cycle[0]).toMatch(
      /^no-circular: fake\/core\/(a\.ts -> fake\/core\/b|b\.ts -> fake\/core\/a)\.ts$/,
    );
    expect(violations.filter((v) => !v.startsWith("no-circular")).sort()).toEqual([
      "cli-uses-the-sdk-not-the-fake: cli/uses-fake.ts -> fake/services/things.ts",
      "cmdline-is-standalone: cmdline/uses-cli.ts -> cli/main.ts",
      "fake-core-below-services: fake/config.ts -> fake/state.ts",
      "fake-core-below-services: fake/core/uses-context.ts -> fake/context.ts",
      "fake-core-below-services: fake/core/uses-services.ts -> fake/services/things.ts",
      "sdk-is-standalone: src/uses-fake.ts -> fake/core/clock.ts",
      "services-below-routes: fake/services/uses-routes.ts -> fake/routes/things.ts",
    ]);
  });
  it("keeps core below config and the HTTP pipeline, and the services away from it", async () => {
    const { code, violations } = await check(
      tree({
        ...layered,
        "fake/config.ts": 'import type { Clock } from "./core/clock.ts";\nexport type C = Clock;\n',
        "fake/http/route.ts":
          'import type { Clock } from "../core/clock.ts";\nexport const route = (c: Clock) => c;\n',
        "fake/core/uses-config.ts": 'import type { C } from "../config.ts";\nexport type U = C;\n',
        "fake/core/uses-http.ts":
          'import { route } from "../http/route.ts";\nexport const u = route;\n',
        "fake/services/uses-http.ts":
          'import { route } from "../http/route.ts";\nexport const u = route;\n',
        "fake/process/uses-http.ts":
          'import { route } from "../http/route.ts";\nexport const u = route;\n',
        "fake/http/uses-services.ts":
          'import { things } from "../services/things.ts";\nexport const u = things;\n',
        // The routes use the pipeline: allowed.
        "fake/routes/uses-http.ts":
          'import { route } from "../http/route.ts";\nexport const u = route;\n',
      }),
    );
    expect(code).not.toBe(0);
    expect(violations.sort()).toEqual([
      "fake-core-below-config: fake/core/uses-config.ts -> fake/config.ts",
      "fake-core-below-config: fake/core/uses-http.ts -> fake/http/route.ts",
      "http-below-routes: fake/http/uses-services.ts -> fake/services/things.ts",
      "services-never-see-http: fake/process/uses-http.ts -> fake/http/route.ts",
      "services-never-see-http: fake/services/uses-http.ts -> fake/http/route.ts",
    ]);
  });

  it("keeps the SDK's request path top down: resources, operations, send, retry timing", async () => {
    const { code, violations } = await check(
      tree({
        ...layered,
        "src/retry-timing.ts": "export const retryDelay = (n: number) => n;\n",
        "src/transport.ts":
          'import { retryDelay } from "./retry-timing.ts";\nexport const send = retryDelay;\n',
        "src/operations.ts":
          'import { send } from "./transport.ts";\nexport const request = send;\n',
        // Allowed: a resource calls operations and send.
        "src/resources/things.ts":
          'import { request } from "../operations.ts";\nimport { send } from "../transport.ts";\nexport const things = [request, send];\n',
        "src/env.ts": 'import { things } from "./resources/things.ts";\nexport const e = things;\n',
        "src/failures.ts":
          'import type { request } from "./operations.ts";\nexport type F = typeof request;\n',
        "src/bytes.ts": 'import { version } from "./index.ts";\nexport const b = version;\n',
        "src/errors.ts": 'import type { S } from "./sse.ts";\nexport type E = S;\n',
        "src/sse.ts": "export type S = string;\n",
        "src/client.ts": "export const c = 1;\n",
        "src/handle.ts": 'import { c } from "./client.ts";\nexport const h = c;\n',
      }),
    );
    expect(code).not.toBe(0);
    expect(violations.sort()).toEqual([
      "sdk-send-below-operations: src/bytes.ts -> src/index.ts",
      "sdk-send-below-operations: src/env.ts -> src/resources/things.ts",
      "sdk-send-below-operations: src/errors.ts -> src/sse.ts",
      "sdk-send-below-operations: src/failures.ts -> src/operations.ts",
    ]);
    const up = await check(
      tree({
        ...layered,
        "src/transport.ts": "export const send = 1;\n",
        "src/sse.ts": "export const s = 1;\n",
        "src/operations.ts":
          'import { send } from "./transport.ts";\nimport { s } from "./sse.ts";\nexport const request = [send, s];\n',
      }),
    );
    expect(up.violations).toEqual([
      "sdk-operations-below-resources: src/operations.ts -> src/sse.ts",
    ]);
  });
});
