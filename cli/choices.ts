/**
 * Option values the contract enumerates (a template slug, a run status, a
 * file encoding): the allowed values come from the contract's schemas, so a
 * new template needs no CLI change. The contract document is loaded only when
 * such an option is given or its help is printed.
 *
 * @module
 */
import type { CommandDef, OptionDef } from "./args.ts";
import { UsageError } from "./output.ts";

/** The values of the contract schema `schema` (components.schemas), in the contract's order. */
async function contractEnum(schema: string): Promise<readonly string[]> {
  const { openapiDocument } = await import("../src/generated/document.ts");
  const values = openapiDocument.components?.schemas?.[schema]?.enum;
  if (!Array.isArray(values)) throw new Error(`the contract has no enum schema ${schema}`);
  return values.map(String);
}

const withChoices = (command: CommandDef) =>
  Object.entries(command.options ?? {}).filter(
    (entry): entry is [string, OptionDef & { schema: string }] =>
      "schema" in entry[1] && entry[1].schema !== undefined,
  );

/** The allowed values of each of the command's enumerated options, by option name. */
export async function choicesOf(command: CommandDef): Promise<Record<string, readonly string[]>> {
  const out: Record<string, readonly string[]> = {};
  for (const [name, def] of withChoices(command)) out[name] = await contractEnum(def.schema);
  return out;
}

/**
 * Checks the given values of the command's enumerated options; a value the
 * contract doesn't list is a usage error that lists the ones it does.
 */
export async function checkChoices(
  command: CommandDef,
  values: Record<string, unknown>,
  help: string,
): Promise<void> {
  for (const [option, def] of withChoices(command)) {
    const value = values[option];
    if (typeof value !== "string") continue;
    const allowed = await contractEnum(def.schema);
    if (!allowed.includes(value)) {
      throw new UsageError(
        `--${option} must be one of ${allowed.join(", ")} (got '${value}')`,
        help,
      );
    }
  }
}
