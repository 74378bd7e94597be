// The published declarations typecheck in a consumer project with no DOM lib:
// lib ES2022 plus @types/node, skipLibCheck false, under moduleResolution
// node16 and bundler; and they carry no internal notes.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureBuilt } from "../../helpers/build.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
let dir: string;

const CONSUMER = `import {
  CrowNestApiError,
  createCrowNestClient,
  type Command,
  type CommandLogChunk,
  type WorkspaceRunStreamEvent,
} from "@crownest/sdk";

export async function main(bytes: Uint8Array, blob: Blob): Promise<number> {
  const client = createCrowNestClient({ apiKey: "k", streamIdleTimeoutMs: 45_000 });
  await using sandbox = await client.sandboxes.create({ template: "python" });
  const command: Command = await sandbox.commands.run("python -V", { timeoutMs: 600_000 });
  await sandbox.files.write("a.bin", bytes);
  await sandbox.files.write("b.bin", blob);
  await sandbox.files.write("c.bin", new ReadableStream<Uint8Array>());
  const file: Uint8Array = await sandbox.files.download("a.bin");
  const stream: ReadableStream<Uint8Array> = await sandbox.files.downloadStream("a.bin");
  const chunks: CommandLogChunk[] = [];
  for await (const chunk of client.commands.allLogs(command.id)) chunks.push(chunk);
  const page = await client.commands.logPage(command.id, { afterSeq: 0 });
  const events: WorkspaceRunStreamEvent[] = [];
  try {
    await client.workspaceRuns.runArchive(bytes, {
      command: "true",
      onCreated: (run) => void run.id,
      onEvent: (event, id) => {
        if (id.startsWith("wsr_")) events.push(event);
      },
    });
  } catch (error) {
    if (error instanceof CrowNestApiError && error.code === "permission_denied") return 1;
  }
  return file.byteLength + (stream.locked ? 1 : 0) + (page.hasMore ? page.nextAfterSeq : 0);
}
`;

function tsc(project: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, "node_modules/typescript/bin/tsc"), "-p", project],
      { cwd: dir },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
}

beforeAll(async () => {
  await ensureBuilt(join(root, "dist/src/index.js"));
  dir = await mkdtemp(join(tmpdir(), "crownest-consumer-"));
  await mkdir(join(dir, "node_modules/@crownest"), { recursive: true });
  await mkdir(join(dir, "node_modules/@types"), { recursive: true });
  await symlink(root, join(dir, "node_modules/@crownest/sdk"), "dir");
  await symlink(join(root, "node_modules/@types/node"), join(dir, "node_modules/@types/node"));
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(join(dir, "consumer.ts"), CONSUMER);
  const common = {
    target: "ES2022",
    lib: ["ES2022"],
    types: ["node"],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  };
  const configs = {
    "tsconfig.node16.json": { ...common, module: "node16", moduleResolution: "node16" },
    "tsconfig.bundler.json": { ...common, module: "preserve", moduleResolution: "bundler" },
  };
  for (const [name, compilerOptions] of Object.entries(configs)) {
    await writeFile(join(dir, name), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
  }
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the published declarations", () => {
  for (const resolution of ["node16", "bundler"]) {
    test(`typecheck with lib ES2022 + @types/node, skipLibCheck false, ${resolution}`, async () => {
      expect(await tsc(`tsconfig.${resolution}.json`)).toBe("");
    }, 120_000);
  }

  test("use no DOM-only type and carry no internal notes", async () => {
    const files = (await readdir(join(root, "dist/src"), { recursive: true })).filter((f) =>
      f.endsWith(".d.ts"),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(join(root, "dist/src", file), "utf8");
      expect(text, file).not.toMatch(/\bBodyInit\b|\bRequestInit\b|\bHeadersInit\b/);
      expect(text, file).not.toMatch(/\bseeds?\b|\bTODO\b|\bFIXME\b|issue #?\d|hot path|bench/i);
    }
  });
});
