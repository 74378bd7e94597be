/**
 * `crownest artifacts list|create|download`: files exported from sandboxes to
 * durable storage.
 *
 * @module
 */
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Artifact } from "../../src/index.ts";
import { type CommandContext, commandOptions, type GroupDef } from "../args.ts";
import { formatBytes, printList, printRecord, UsageError } from "../output.ts";

async function list(ctx: CommandContext): Promise<number> {
  const artifacts = await ctx.client().artifacts.list(ctx.positionals[0] as string);
  await printList(
    ctx.out,
    artifacts,
    [
      ["ID", (a: Artifact) => a.id],
      ["NAME", (a) => a.name],
      ["SIZE", (a) => a.sizeBytes],
      ["PATH", (a) => a.path],
      ["CREATED", (a) => a.createdAt],
    ],
    "artifacts",
  );
  return 0;
}

const createOptions = commandOptions({
  name: {
    type: "string",
    value: "NAME",
    help: "the artifact's name (default: PATH's base name)",
  },
});

async function create(ctx: CommandContext<typeof createOptions>): Promise<number> {
  const [sandboxId, path] = ctx.positionals as [string, string];
  const { name } = ctx.options;
  const artifact = await ctx
    .client()
    .artifacts.create(sandboxId, path, name === undefined ? undefined : { name });
  if (ctx.out.json) await printRecord(ctx.out, artifact);
  else await ctx.out.out(artifact.id);
  return 0;
}

const downloadOptions = commandOptions({
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    help: "where to save it (- for stdout)",
  },
});

async function download(ctx: CommandContext<typeof downloadOptions>): Promise<number> {
  const id = ctx.positionals[0] as string;
  const client = ctx.client();
  let target = ctx.options.output;
  let artifact: Artifact | undefined;
  if (target === undefined || ctx.out.json) artifact = await client.artifacts.get(id);
  target ??= basename(artifact?.name ?? "");
  if (!target || target === "." || target === "..") {
    throw new UsageError(`give a file name with --output for ${id}`, ctx.usage);
  }
  const bytes = await client.artifacts.download(id);
  if (target === "-") {
    await ctx.out.write(ctx.out.stdout, bytes);
    return 0;
  }
  await writeFile(target, bytes);
  if (ctx.out.json) await ctx.out.emit({ artifact, savedTo: target, sizeBytes: bytes.byteLength });
  else await ctx.out.out(`${target} (${formatBytes(bytes.byteLength)})`);
  return 0;
}

/** The artifacts commands. */
export const artifactsGroup: GroupDef = {
  name: "artifacts",
  summary: "list, create and download artifacts",
  commands: [
    {
      name: "list",
      summary: "Lists a sandbox's artifacts.",
      synopsis: "<sandboxId>",
      positionals: [1, 1],
      run: list,
    },
    {
      name: "create",
      summary:
        "Exports a file of the sandbox to durable storage and prints the artifact's id (the record with --json).",
      synopsis: "<sandboxId> <PATH>",
      positionals: [2, 2],
      options: createOptions,
      run: create,
    },
    {
      name: "download",
      summary: "Downloads an artifact (default: to its name here).",
      synopsis: "<artifactId>",
      positionals: [1, 1],
      options: downloadOptions,
      run: download,
    },
  ],
};
