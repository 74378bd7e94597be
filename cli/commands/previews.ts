/**
 * `crownest previews create|list|revoke`: authenticated URLs for services
 * listening in a sandbox.
 *
 * @module
 */
import type { Preview } from "../../src/index.ts";
import { type CommandContext, type GroupDef, integer } from "../args.ts";
import { printList, printRecord, UsageError } from "../output.ts";

async function create(ctx: CommandContext): Promise<number> {
  const [sandboxId, portText] = ctx.positionals as [string, string];
  const port = integer(ctx, "PORT", portText);
  if (port < 1 || port > 65535)
    throw new UsageError(`PORT must be 1-65535, got ${port}`, ctx.usage);
  const preview = await ctx.client().previews.create(sandboxId, port);
  if (ctx.out.json) await printRecord(ctx.out, preview);
  else await ctx.out.out(`${preview.id} ${preview.url}`);
  return 0;
}

async function list(ctx: CommandContext): Promise<number> {
  const previews = await ctx.client().previews.list(ctx.positionals[0] as string);
  await printList(
    ctx.out,
    previews,
    [
      ["ID", (p: Preview) => p.id],
      ["PORT", (p) => p.port],
      ["STATUS", (p) => p.status],
      ["URL", (p) => p.url],
    ],
    "previews",
  );
  return 0;
}

async function revoke(ctx: CommandContext): Promise<number> {
  const preview = await ctx.client().previews.revoke(ctx.positionals[0] as string);
  if (ctx.out.json) await printRecord(ctx.out, preview);
  else await ctx.out.out(`${preview.id} ${preview.status}`);
  return 0;
}

/** The previews commands. */
export const previewsGroup: GroupDef = {
  name: "previews",
  summary: "create, list and revoke preview URLs",
  commands: [
    {
      name: "create",
      summary: "Creates a preview URL for a port (or returns the active one).",
      synopsis: "<sandboxId> <PORT>",
      positionals: [2, 2],
      run: create,
    },
    {
      name: "list",
      summary: "Lists a sandbox's previews.",
      synopsis: "<sandboxId>",
      positionals: [1, 1],
      run: list,
    },
    {
      name: "revoke",
      summary: "Revokes a preview (idempotent).",
      synopsis: "<previewId>",
      positionals: [1, 1],
      run: revoke,
    },
  ],
};
