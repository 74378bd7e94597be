/**
 * `crownest projects list`.
 *
 * @module
 */
import type { Project } from "../../src/index.ts";
import type { CommandContext, GroupDef } from "../args.ts";
import { printList } from "../output.ts";

async function list(ctx: CommandContext): Promise<number> {
  const projects = await ctx.client().projects.list();
  await printList(
    ctx.out,
    projects,
    [
      ["ID", (p: Project) => p.id],
      ["NAME", (p) => p.name],
      ["CREATED", (p) => p.createdAt],
    ],
    "projects",
  );
  return 0;
}

/** The projects commands. */
export const projectsGroup: GroupDef = {
  name: "projects",
  summary: "list the projects the API key can access",
  commands: [{ name: "list", summary: "Lists the projects the API key can access.", run: list }],
};
