/**
 * `crownest sandboxes list|create|get|kill`.
 *
 * @module
 */
import type { ProjectId, Sandbox, SandboxId, Template } from "../src/index.ts";
import { type CommandContext, duration, flag, type GroupDef, pairs, str } from "./args.ts";
import { printList, printRecord } from "./output.ts";

async function list(ctx: CommandContext): Promise<number> {
  const project = str(ctx, "project");
  const metadata = Object.entries(pairs(ctx, "metadata") ?? {});
  const all = await ctx.client().sandboxes.list({
    ...(flag(ctx, "all") && { includeEnded: true }),
    ...(project !== undefined && { projectId: project as ProjectId }),
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

async function create(ctx: CommandContext): Promise<number> {
  const template = str(ctx, "template");
  const project = str(ctx, "project");
  const ttlMs = duration(ctx, "ttl");
  const metadata = pairs(ctx, "metadata");
  const sandbox = await ctx.client().sandboxes.create({
    ...(template !== undefined && { template: template as Template }),
    ...(project !== undefined && { projectId: project as ProjectId }),
    ...(ttlMs !== undefined && { ttlMs }),
    ...(metadata && { metadata }),
  });
  if (ctx.out.json) await printRecord(ctx.out, sandbox.toJSON());
  else await ctx.out.out(sandbox.id);
  return 0;
}

async function get(ctx: CommandContext): Promise<number> {
  const sandbox = await ctx.client().sandboxes.get(ctx.positionals[0] as SandboxId);
  await printRecord(ctx.out, sandbox.toJSON());
  return 0;
}

async function kill(ctx: CommandContext): Promise<number> {
  const sandbox = await ctx.client().sandboxes.kill(ctx.positionals[0] as SandboxId);
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
      options: {
        all: { type: "boolean", short: "a", help: "include destroyed and failed sandboxes" },
        project: { type: "string", value: "ID", help: "only this project's" },
        metadata: {
          type: "string",
          multiple: true,
          value: "KEY=VALUE",
          help: "only sandboxes with this label",
        },
      },
      run: list,
    },
    {
      name: "create",
      summary: "Creates a sandbox and prints its id (the record with --json).",
      options: {
        template: { type: "string", value: "SLUG", choices: "Template", help: "template" },
        ttl: {
          type: "string",
          value: "DURATION",
          help: "lifetime: ms, or with a unit (10m, 1h); default 5m",
        },
        project: { type: "string", value: "ID", help: "project to create it in" },
        metadata: { type: "string", multiple: true, value: "KEY=VALUE", help: "a label" },
      },
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
