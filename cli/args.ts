/**
 * Command definitions and argument parsing for the crownest CLI, on the
 * shared option parser (cmdline/options.ts): global options, `--help` on every
 * level, usage errors (exit 2), and the `-- <command>` tail of exec and run.
 * Each command's handler gets its options typed from its spec.
 *
 * @module
 */
import {
  type BooleanOption,
  OptionsError,
  type OptionValue,
  optionLines,
  parseOptions,
  type StringOption,
  scanOptions,
} from "../cmdline/options.ts";
import type { CrowNestClient, components } from "../src/index.ts";
import { type Output, UsageError } from "./output.ts";

type Schemas = components["schemas"];

/** One option of a command; `schema` names the contract enum its value must be in (checked before the command runs). */
export type OptionDef = BooleanOption | (StringOption & { schema?: keyof Schemas });

/** A command's options by long name. */
export type CliOptionSpec = { readonly [name: string]: OptionDef };

type CliValue<O> = O extends { schema: infer N extends keyof Schemas }
  ? Schemas[N]
  : OptionValue<O>;

/** The parsed values of a command's options: a contract enum's options are typed as that enum. */
export type CliValues<S> = {
  -readonly [K in keyof S]?: S[K] extends { multiple: true } ? CliValue<S[K]>[] : CliValue<S[K]>;
};

/** The values of the options every command accepts. */
export interface GlobalValues {
  "base-url"?: string;
  "api-key"?: string;
  json?: boolean;
  help?: boolean;
}

/** Returns a command's option spec as given, keeping its literal types for the handler's. */
export function commandOptions<const S extends CliOptionSpec>(spec: S): S {
  return spec;
}

/** What a command's handler gets. */
export interface CommandContext<S extends CliOptionSpec = CliOptionSpec> {
  /** Option values (globals included). */
  options: CliValues<S> & GlobalValues;
  positionals: string[];
  /** The words after `--` (exec and run), or undefined when there was no `--`. */
  rest: string[] | undefined;
  out: Output;
  /** The SDK client (created on first use; fails with missing_api_key when no key is set). */
  client(): CrowNestClient;
  /** Arms upload progress for the requests made while `fn` runs (PUT bodies are counted). */
  withUploadProgress<T>(
    sizeBytes: number,
    onProgress: (sent: number) => void,
    fn: () => Promise<T>,
  ): Promise<T>;
  /** Environment variables. */
  env: Record<string, string | undefined>;
  /** This command's help command line (`crownest files put --help`), for usage errors raised by the handler. */
  usage: string;
}

/** A command: `crownest <group> <name>` (or `crownest <group>` when name is empty). */
export interface CommandDef<S extends CliOptionSpec = CliOptionSpec> {
  name: string;
  summary: string;
  /** The positional part of the synopsis, e.g. "<sandboxId> [PATH]". */
  synopsis?: string;
  /** Positional count, [min, max]. Default [0, 0]. */
  positionals?: [number, number];
  options?: S;
  /** Takes `-- <command>`: "required" or "optional". */
  tail?: "required" | "optional";
  /** Paragraphs shown after the options in --help. */
  details?: string;
  /** Returns the exit code. */
  run(ctx: CommandContext<S>): Promise<number>;
}

/** A command group: `crownest sandboxes ...`; a group with one unnamed command is a plain command. */
export interface GroupDef {
  name: string;
  summary: string;
  commands: CommandDef[];
}

/** Options every command accepts. */
const GLOBAL_OPTIONS: CliOptionSpec = {
  "base-url": {
    type: "string",
    value: "URL",
    help: "API base URL (default: env CROWNEST_BASE_URL, then https://api.crownest.dev)",
  },
  "api-key": { type: "string", value: "KEY", help: "API key (default: env CROWNEST_API_KEY)" },
  json: { type: "boolean", help: "machine-readable output: JSON (NDJSON events for streams)" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

/** The one-line synopsis of a command. */
export function synopsis(group: GroupDef, command: CommandDef): string {
  const words = ["crownest", group.name];
  if (command.name) words.push(command.name);
  words.push("[options]");
  if (command.synopsis) words.push(command.synopsis);
  if (command.tail === "required") words.push("-- <command>");
  if (command.tail === "optional") words.push("[-- <command>]");
  return words.join(" ");
}

/** The command line that prints the help of a command, a group, or the CLI. */
export function helpCommand(group?: GroupDef, command?: CommandDef): string {
  return ["crownest", group?.name, command?.name, "--help"].filter(Boolean).join(" ");
}

/** The --help text of a command (`choices`: the allowed values of its enumerated options). */
export function commandHelp(
  group: GroupDef,
  command: CommandDef,
  choices: Record<string, readonly string[]> = {},
): string {
  const lines = [`usage: ${synopsis(group, command)}`, "", command.summary];
  if (command.options && Object.keys(command.options).length > 0) {
    lines.push("", "options:", ...optionLines(command.options, choices));
  }
  lines.push("", "global options:", ...optionLines(GLOBAL_OPTIONS));
  if (command.details) lines.push("", command.details.trim());
  return lines.join("\n");
}

/** The --help text of a group. */
function groupHelp(group: GroupDef): string {
  const width = Math.max(...group.commands.map((c) => c.name.length));
  return [
    `usage: crownest ${group.name} <command> [options]`,
    "",
    group.summary,
    "",
    "commands:",
    ...group.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run \`crownest ${group.name} <command> --help\` for a command's options.`,
  ].join("\n");
}

/** The top-level --help text. */
function topHelp(groups: GroupDef[]): string {
  const names = groups.map((g) => {
    const only = g.commands.length === 1 && g.commands[0]?.name === "";
    if (!only) return `${g.name} ${g.commands.map((c) => c.name).join("|")}`;
    const c = g.commands[0] as CommandDef;
    return [g.name, c.synopsis, c.tail && "-- <command>"].filter(Boolean).join(" ");
  });
  const width = Math.max(...names.map((n) => n.length));
  return [
    "usage: crownest <command> [options]",
    "",
    "The CrowNest command line: sandboxes, commands, files, artifacts, previews,",
    "projects and workspace runs, on the @crownest/sdk.",
    "",
    "commands:",
    ...groups.map((g, i) => `  ${(names[i] ?? "").padEnd(width)}  ${g.summary}`),
    "",
    "global options:",
    ...optionLines({ ...GLOBAL_OPTIONS, version: { type: "boolean", help: "print the version" } }),
    "",
    "Run `crownest <command> --help` for its options. Exit codes: 0 success, 1 an",
    "API or local failure (`error: <code>: <message>` on stderr), 2 bad usage (one",
    "line, and where the help is); exec and run exit with the remote command's exit",
    "code (124 timed out, 128 + n ended by signal n, with a line on stderr).",
  ].join("\n");
}

/** What the parse of a command line resolved to. */
export type Resolved =
  | { kind: "help"; text: string; group?: GroupDef; command?: CommandDef }
  | { kind: "version" }
  | {
      kind: "command";
      group: GroupDef;
      command: CommandDef;
      values: CommandContext["options"];
      positionals: string[];
      rest: string[] | undefined;
    };

/**
 * Resolves argv to a command and its parsed arguments, or to a help text.
 * Throws UsageError for an unknown command, option or a wrong argument count.
 */
export function resolve(argv: string[], groups: GroupDef[]): Resolved {
  const dd = argv.indexOf("--");
  const head = dd < 0 ? argv : argv.slice(0, dd);
  const rest = dd < 0 ? undefined : argv.slice(dd + 1);
  const top = helpCommand();

  // A lenient pass finds the command words among the options.
  const { words, given } = scanOptions(
    { ...GLOBAL_OPTIONS, version: { type: "boolean", help: "" } },
    head,
  );
  const wantsHelp = given.has("help");
  let first = words[0];
  if (first?.value === "help") {
    // `crownest help [group [command]]` is `--help`.
    const names = words.slice(1, 3).map((w) => w.value);
    return helpFor(groups, names);
  }
  if (!first) {
    if (wantsHelp) return { kind: "help", text: topHelp(groups) };
    if (given.has("version")) return { kind: "version" };
    throw new UsageError(rest ? "missing command before --" : "missing command", top);
  }
  const group = groups.find((g) => g.name === first?.value);
  if (!group) throw new UsageError(`unknown command '${first.value}'`, top);
  const plain = group.commands.length === 1 && group.commands[0]?.name === "";
  let command: CommandDef | undefined;
  const used = [first.index];
  if (plain) command = group.commands[0];
  else {
    first = words[1];
    if (!first) {
      if (wantsHelp) return { kind: "help", text: groupHelp(group) };
      throw new UsageError(`crownest ${group.name}: missing command`, helpCommand(group));
    }
    command = group.commands.find((c) => c.name === first?.value);
    if (!command) {
      throw new UsageError(
        `crownest ${group.name}: unknown command '${first.value}'`,
        helpCommand(group),
      );
    }
    used.push(first.index);
  }
  if (!command) throw new UsageError("missing command", top);
  if (wantsHelp) return { kind: "help", text: commandHelp(group, command), group, command };
  const usage = helpCommand(group, command);

  const remaining = head.filter((_, i) => !used.includes(i));
  const name = `crownest ${group.name}${command.name ? ` ${command.name}` : ""}`;
  const spec = { ...GLOBAL_OPTIONS, ...command.options };
  const [min, max] = command.positionals ?? [0, 0];
  if (command.tail && rest === undefined) {
    // `crownest run . npm test`: the words past the arguments are the command, missing its `--`.
    const extra = scanOptions(spec, remaining).words[max];
    if (extra) {
      const line = [name, quoteWords(remaining.slice(0, extra.index)), "--"];
      line.push(quoteWords(remaining.slice(extra.index)));
      throw new UsageError(
        `${name}: put the command after --: ${line.filter(Boolean).join(" ")}`,
        usage,
      );
    }
  }
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(spec, remaining);
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(`${name}: ${error.message}`, usage);
    throw error;
  }
  const n = parsed.positionals.length;
  if (n < min) throw new UsageError(`${name}: missing argument (${command.synopsis})`, usage);
  if (n > max) {
    throw new UsageError(`${name}: unexpected argument '${parsed.positionals[max]}'`, usage);
  }
  if (command.tail === "required" && (!rest || rest.length === 0)) {
    throw new UsageError(`${name}: missing -- <command>`, usage);
  }
  if (!command.tail && rest !== undefined) {
    throw new UsageError(`${name}: takes no -- <command>`, usage);
  }
  return {
    kind: "command",
    group,
    command,
    values: parsed.values,
    positionals: parsed.positionals,
    rest,
  };
}

function helpFor(groups: GroupDef[], names: string[]): Resolved & { kind: "help" } {
  const group = groups.find((g) => g.name === names[0]);
  if (!group) {
    if (names[0] === undefined) return { kind: "help", text: topHelp(groups) };
    throw new UsageError(`unknown command '${names[0]}'`, helpCommand());
  }
  const plain = group.commands.length === 1 && group.commands[0]?.name === "";
  const command = plain ? group.commands[0] : group.commands.find((c) => c.name === names[1]);
  if (command) return { kind: "help", text: commandHelp(group, command), group, command };
  if (names[1] !== undefined) {
    throw new UsageError(
      `crownest ${group.name}: unknown command '${names[1]}'`,
      helpCommand(group),
    );
  }
  return { kind: "help", text: groupHelp(group) };
}

// ---- option values ---------------------------------------------------------------

/** A `KEY=VALUE` option (a label, a variable). */
export function keyValue(text: string, flag: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new Error(`${flag} takes KEY=VALUE, got '${text}'`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** A repeatable `--name KEY=VALUE` option (labels, variables); {@link record} makes it an object. */
export function pairsOption(help: string): {
  type: "string";
  multiple: true;
  value: string;
  parse: typeof keyValue;
  help: string;
} {
  return { type: "string", multiple: true, value: "KEY=VALUE", parse: keyValue, help };
}

/** Repeated `KEY=VALUE` options as a record (undefined when none were given). */
export function record(pairs: [string, string][] | undefined): Record<string, string> | undefined {
  return pairs?.length ? Object.fromEntries(pairs) : undefined;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration option: milliseconds (`90000`) or with a unit (`500ms`, `90s`, `2m`, `1h`). */
export function duration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = m ? Math.round(Number(m[1]) * (UNITS[m[2] ?? "ms"] as number)) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new Error(`${flag} takes a duration like 90000, 90s or 2m, got '${text}'`);
  }
  return ms;
}

/** A whole number (digits only); `what` names it in the error. */
export function wholeNumber(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) {
    throw new Error(`${what} must be an integer, got '${text}'`);
  }
  return n;
}

/** A whole-number positional argument; a usage error otherwise. */
export function integer(ctx: CommandContext, what: string, text: string): number {
  try {
    return wholeNumber(text, what);
  } catch (error) {
    throw new UsageError((error as Error).message, ctx.usage);
  }
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * The words after `--` as one shell command line: a single word is sent as
 * it is (so `-- 'npm test && echo ok'` runs that line), several are each
 * single-quoted when they need it, so each reaches the program as one word.
 */
export function commandLine(words: string[]): string {
  if (words.length === 1) return words[0] ?? "";
  return quoteWords(words);
}

/** Words as a shell would need them typed, each single-quoted when it needs it. */
function quoteWords(words: string[]): string {
  return words.map((w) => (SAFE_WORD.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`)).join(" ");
}
