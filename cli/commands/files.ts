/**
 * `crownest files ls|cat|put|get|rm`: files under a sandbox's /workspace.
 * `cat` reads directly (up to 256 KiB) and falls back to files.download for
 * larger files; `get` always downloads (the SDK fetches the signed URL, with
 * the key only on the API's origin); writes are direct (256 KiB).
 *
 * @module
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { limits } from "../../src/generated/contract.ts";
import { CrowNestApiError, type FileStat } from "../../src/index.ts";
import { type CommandContext, commandOptions, type GroupDef } from "../args.ts";
import { localFileError } from "../local-files.ts";
import { CliError, formatBytes, printList, printRecord, UsageError, withHints } from "../output.ts";

/** The API's limit on direct file reads and writes (decoded bytes). */
const MAX_DIRECT_FILE_BYTES = limits.maxDirectFileBytes;

async function readBytes(ctx: CommandContext, sandboxId: string, path: string): Promise<Buffer> {
  const files = ctx.client().files;
  try {
    return Buffer.from(await files.read(sandboxId, path, { encoding: "base64" }), "base64");
  } catch (error) {
    if (!(error instanceof CrowNestApiError) || error.code !== "file_too_large") throw error;
    return Buffer.from(await files.download(sandboxId, path));
  }
}

async function ls(ctx: CommandContext): Promise<number> {
  const [sandboxId, path] = ctx.positionals as [string, string | undefined];
  const entries = await ctx.client().files.list(sandboxId, path);
  await printList(
    ctx.out,
    entries,
    [
      ["TYPE", (f: FileStat) => f.type],
      ["SIZE", (f) => (f.type === "directory" ? "-" : f.sizeBytes)],
      ["MODIFIED", (f) => f.modifiedAt],
      ["NAME", (f) => (f.type === "directory" ? `${f.name}/` : f.name)],
    ],
    "entries",
  );
  return 0;
}

const catOptions = commandOptions({
  encoding: {
    type: "string",
    value: "ENC",
    schema: "FileEncoding",
    help: "with --json: the content's encoding (default utf8)",
  },
});

async function cat(ctx: CommandContext<typeof catOptions>): Promise<number> {
  const [sandboxId, path] = ctx.positionals as [string, string];
  if (ctx.out.json) {
    const encoding = ctx.options.encoding ?? "utf8";
    const bytes = await readBytes(ctx, sandboxId, path);
    let content: string;
    if (encoding === "base64") content = bytes.toString("base64");
    else {
      try {
        content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        throw new CliError(
          "invalid_request",
          `${path} is not valid UTF-8; read it with --encoding base64`,
        );
      }
    }
    await ctx.out.emit({ path, encoding, sizeBytes: bytes.byteLength, content });
    return 0;
  }
  await ctx.out.write(ctx.out.stdout, await readBytes(ctx, sandboxId, path));
  return 0;
}

async function readLocal(path: string): Promise<Uint8Array> {
  if (path !== "-") return readFile(path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const putOptions = commandOptions({
  parents: { type: "boolean", short: "p", help: "create missing parent directories" },
  "no-overwrite": { type: "boolean", help: "fail if the file exists" },
});

async function put(ctx: CommandContext<typeof putOptions>): Promise<number> {
  const [sandboxId, local, remote] = ctx.positionals as [string, string, string];
  const bytes = await readLocal(local).catch((error: unknown) => {
    throw localFileError(error, local, "read") ?? error;
  });
  if (bytes.byteLength > MAX_DIRECT_FILE_BYTES) {
    throw new CliError(
      "file_too_large",
      `${local} is ${bytes.byteLength} bytes; direct file writes take at most ${MAX_DIRECT_FILE_BYTES} (256 KiB)`,
      { limit: MAX_DIRECT_FILE_BYTES, sizeBytes: bytes.byteLength },
      ["ship larger trees with `crownest run` (a workspace run takes an 8 MiB archive)"],
    );
  }
  const { parents, "no-overwrite": noOverwrite } = ctx.options;
  const stat = await ctx
    .client()
    .files.write(sandboxId, remote, Buffer.from(bytes).toString("base64"), {
      encoding: "base64",
      ...(parents && { createParents: true }),
      ...(noOverwrite && { overwrite: false }),
    })
    .catch(async (error: unknown) => {
      if (parents || !(error instanceof CrowNestApiError) || error.code !== "not_found")
        throw error;
      // not_found is the sandbox's or the parent directory's: the hint is for the latter.
      const sandboxFound = await ctx
        .client()
        .sandboxes.get(sandboxId)
        .then(
          () => true,
          () => false,
        );
      throw sandboxFound
        ? withHints(error, ["add --parents (-p) to create the missing directories"])
        : error;
    });
  if (ctx.out.json) await printRecord(ctx.out, stat);
  else await ctx.out.out(`${stat.path} (${formatBytes(stat.sizeBytes)})`);
  return 0;
}

async function get(ctx: CommandContext): Promise<number> {
  const [sandboxId, remote, target] = ctx.positionals as [string, string, string | undefined];
  const bytes = Buffer.from(await ctx.client().files.download(sandboxId, remote));
  const local = target ?? basename(remote);
  if (local === "-") {
    await ctx.out.write(ctx.out.stdout, bytes);
    return 0;
  }
  if (!local || local === "." || local === "..") {
    throw new UsageError(`give a local file name for ${remote}`, ctx.usage);
  }
  await writeFile(local, bytes);
  if (ctx.out.json) await ctx.out.emit({ path: remote, savedTo: local, sizeBytes: bytes.length });
  else await ctx.out.out(`${local} (${formatBytes(bytes.length)})`);
  return 0;
}

async function rm(ctx: CommandContext): Promise<number> {
  const [sandboxId, path] = ctx.positionals as [string, string];
  await ctx.client().files.delete(sandboxId, path);
  if (ctx.out.json) await ctx.out.emit({ path, deleted: true });
  else await ctx.out.out(`removed ${path}`);
  return 0;
}

/** The files commands. */
export const filesGroup: GroupDef = {
  name: "files",
  summary: "list, read, write, download and remove files in a sandbox",
  commands: [
    {
      name: "ls",
      summary: "Lists a directory (default /workspace).",
      synopsis: "<sandboxId> [PATH]",
      positionals: [1, 2],
      run: ls,
    },
    {
      name: "cat",
      summary: "Writes a file's bytes to stdout.",
      synopsis: "<sandboxId> <PATH>",
      positionals: [2, 2],
      options: catOptions,
      run: cat,
    },
    {
      name: "put",
      summary: "Uploads a local file (- for stdin), at most 256 KiB.",
      synopsis: "<sandboxId> <LOCAL> <PATH>",
      positionals: [3, 3],
      options: putOptions,
      run: put,
    },
    {
      name: "get",
      summary: "Downloads a file (default: to its base name here; - for stdout).",
      synopsis: "<sandboxId> <PATH> [LOCAL]",
      positionals: [2, 3],
      run: get,
    },
    {
      name: "rm",
      summary: "Removes a file or an empty directory.",
      synopsis: "<sandboxId> <PATH>",
      positionals: [2, 2],
      run: rm,
    },
  ],
};
