/**
 * `crownest sandboxes list|create|get|kill`.
 *
 * @module
 */
import type { Sandbox } from "../../src/index.ts";
import {
  type CommandContext,
  commandOptions,
  duration,
  type GroupDef,
  pairsOption,
  record,
} from "../args.ts";
import { printList, printRecord } from "../output.ts";

const listOptions = commandOptions({
  all: { type: "boolean", short: "a", help: "include destroyed and failed sandboxes" },
  project: { type: "string", value: "ID", help: "only this project's" },
  metadata: pairsOption("only sandboxes with this label"),
});

async function list(ctx: CommandContext<typeof listOptions>): Promise<number> {
  const { all: includeEnded, project } = ctx.options;
  const metadata = Object.entries(record(ctx.options.metadata) ?? {});
  const all = await ctx.client().sandboxes.list({
    ...(includeEnded && { includeEnded }),
    ...(project !== undefined && { projectId: project }),
  });
  // The API has no metadata filter on this list: every pair must match here.
  const sandboxes = all.filter((s) => metadata.every(([k, v]) => s.metadata[k] === v));
  await printList(
    ctx.out,
    sandboxes,
    [
      ["ID", (s: Sandbox) => s.id],
      ["STATUS", (s) => s.status],
      ["TEMPLATE", (s) => s.template],
      ["PROJECT", (s) => s.projectId],
      ["CREATED", (s) => s.createdAt],
      ["EXPIRES", (s) => s.expiresAt],
    ],
    "sandboxes",
  );
  return 0;
}

const createOptions = commandOptions({
  template: { type: "string", value: "SLUG", schema: "Template", help: "template" },
  ttl: {
    type: "string",
    value: "DURATION",
    parse: duration,
    help: "lifetime: ms, or with a unit (10m, 1h); default 5m",
  },
  project: { type: "string", value: "ID", help: "project to create it in" },
  metadata: pairsOption("a label"),
});

async function create(ctx: CommandContext<typeof createOptions>): Promise<number> {
  const { template, project, ttl: ttlMs } = ctx.options;
  const metadata = record(ctx.options.metadata);
  const sandbox = await ctx.client().sandboxes.create({
    ...(template !== undefined && { template }),
    ...(project !== undefined && { projectId: project }),
    ...(ttlMs !== undefined && { ttlMs }),
    ...(metadata && { metadata }),
  });
  if (ctx.out.json) await printRecord(ctx.out, sandbox.toJSON());
  else await ctx.out.out(sandbox.id);
  return 0;
}

async function get(ctx: CommandContext): Promise<number> {
  const sandbox = await ctx.client().sandboxes.get(ctx.positionals[0] as string);
  await printRecord(ctx.out, sandbox.toJSON());
  return 0;
}

async function kill(ctx: CommandContext): Promise<number> {
  const sandbox = await ctx.client().sandboxes.kill(ctx.positionals[0] as string);
  if (ctx.out.json) await printRecord(ctx.out, sandbox);
  else await ctx.out.out(`${sandbox.id} ${sandbox.status}`);
  return 0;
}

/** The sandboxes commands. */
export const sandboxesGroup: GroupDef = {
  name: "sandboxes",
  summary: "create, list, inspect and kill sandboxes",
  commands: [
    {
      name: "list",
      summary: "Lists the live sandboxes (--all adds destroyed and failed ones).",
      options: listOptions,
      run: list,
    },
    {
      name: "create",
      summary: "Creates a sandbox and prints its id (the record with --json).",
      options: createOptions,
      run: create,
    },
    {
      name: "get",
      summary: "Prints a sandbox's record.",
      synopsis: "<sandboxId>",
      positionals: [1, 1],
      run: get,
    },
    {
      name: "kill",
      summary: "Destroys a sandbox (idempotent).",
      synopsis: "<sandboxId>",
      positionals: [1, 1],
      run: kill,
    },
  ],
};
