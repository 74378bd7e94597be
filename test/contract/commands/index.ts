/**
 * Every command of the model runs, and the selection a target allows.
 *
 * @module
 */
import fc from "fast-check";
import type { ContractCommand, Real } from "../harness.ts";
import type { Model } from "../model.ts";
import { type Control, controlsOf, limitsOf, type TargetConfig } from "../target.ts";
import { artifactCommands } from "./artifacts.ts";
import { authCommands } from "./auth.ts";
import { commandCommands } from "./commands.ts";
import { fileCommands, WriteFile } from "./files.ts";
import { CreateSandbox, sandboxCommands } from "./sandboxes.ts";
import type { CommandSpec, GenContext } from "./shared.ts";
import { runCommands } from "./workspace-runs.ts";

export type { CommandSpec, GenContext } from "./shared.ts";

/** Every command class, grouped by resource. */
export const ALL_COMMANDS: readonly CommandSpec[] = [
  ...sandboxCommands,
  ...commandCommands,
  ...fileCommands,
  ...artifactCommands,
  ...runCommands,
  ...authCommands,
];

/** The commands a target with these controls can run, and the ones it skips. */
export function selectCommands(controls: ReadonlySet<Control>): {
  available: CommandSpec[];
  skipped: CommandSpec[];
} {
  const available: CommandSpec[] = [];
  const skipped: CommandSpec[] = [];
  for (const spec of ALL_COMMANDS) {
    (spec.needs.every((c) => controls.has(c)) ? available : skipped).push(spec);
  }
  return { available, skipped };
}

/** "Advance (clock), StartProgram (programs), ..." */
export function describeSkipped(skipped: readonly CommandSpec[]): string {
  return skipped.map((s) => `${s.name} (${s.needs.join(", ")})`).join(", ");
}

/** What generation depends on, for a target configuration. */
export function genContext(config: TargetConfig): GenContext {
  return {
    clockKnown: config.mode === "in-process",
    limits: limitsOf(config),
    controls: controlsOf(config),
  };
}

/**
 * A run's usual start: a sandbox with a file and a directory holding one,
 * so the random commands find things to act on. (Some runs start empty.)
 */
export function prologue(): ContractCommand[] {
  const text = (content: string) => ({ content, encoding: "utf8" as const });
  return [
    new CreateSandbox({}),
    new WriteFile(0, "a.txt", text("alpha"), undefined, undefined),
    new WriteFile(0, "d/b.txt", text("beta gamma"), true, undefined),
  ];
}

/** The command sequences of a model run. */
export function commandsArbitrary(
  ctx: GenContext,
  maxCommands: number,
  replayPath: string | undefined = process.env.CROWNEST_CONTRACT_REPLAY_PATH || undefined,
): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, Real>>> {
  const { available } = selectCommands(ctx.controls);
  const weighted = available.flatMap((s) => Array.from({ length: s.weight }, () => s));
  return fc.commands(
    weighted.map((s) => s.arbitrary(ctx) as fc.Arbitrary<ContractCommand>),
    { maxCommands, size: "max", ...(replayPath !== undefined && { replayPath }) },
  );
}
