/**
 * Command definitions and argument parsing for the crownest CLI, on
 * node:util's parseArgs: global options, `--help` on every level, usage
 * errors (exit 2), and the `-- <command>` tail of exec and run.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { CrowNestClient } from "../src/index.ts";
import { type Output, UsageError } from "./output.ts";

/** One option of a command. */
export interface OptionDef {
  type: "string" | "boolean";
  short?: string;
  /** May be given several times (values collected in order). */
  multiple?: boolean;
  /** The value's placeholder in help, e.g. "MS". */
  value?: string;
  /** The contract schema whose enum lists the allowed values (checked before the command runs). */
  choices?: string;
  help: string;
}

/** What a command's handler gets. */
export interface CommandContext {
  /** Option values (globals included). */
  values: Record<string, string | boolean | string[] | undefined>;
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
export interface CommandDef {
  name: string;
  summary: string;
  /** The positional part of the synopsis, e.g. "<sandboxId> [PATH]". */
  synopsis?: string;
  /** Positional count, [min, max]. Default [0, 0]. */
  positionals?: [number, number];
  options?: Record<string, OptionDef>;
  /** Takes `-- <command>`: "required" or "optional". */
  tail?: "required" | "optional";
  /** Paragraphs shown after the options in --help. */
  details?: string;
  /** Returns the exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** A command group: `crownest sandboxes ...`; a group with one unnamed command is a plain command. */
export interface GroupDef {
  name: string;
  summary: string;
  commands: CommandDef[];
}

/** Options every command accepts. */
const GLOBAL_OPTIONS: Record<string, OptionDef> = {
  "base-url": {
    type: "string",
    value: "URL",
    help: "API base URL (default: env CROWNEST_BASE_URL, then https://api.crownest.dev)",
  },
  "api-key": { type: "string", value: "KEY", help: "API key (default: env CROWNEST_API_KEY)" },
  json: { type: "boolean", help: "machine-readable output: JSON (NDJSON events for streams)" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

function parseConfig(options: Record<string, OptionDef>) {
  const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> =
    {};
  for (const [name, def] of Object.entries(options)) {
    config[name] = {
      type: def.type,
      ...(def.short && { short: def.short }),
      ...(def.multiple && { multiple: true }),
    };
  }
  return config;
}

function optionLines(
  options: Record<string, OptionDef>,
  choices: Record<string, readonly string[]> = {},
): string[] {
  const rows = Object.entries(options).map(([name, def]) => {
    const flag = `${def.short ? `-${def.short}, ` : "    "}--${name}${def.value ? ` ${def.value}` : ""}`;
    const allowed = choices[name] ? `: ${choices[name].join(", ")}` : "";
    return [flag, `${def.help}${allowed}${def.multiple ? " (repeatable)" : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
}

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
    ...groups.map((g, i) => `  ${(names[i] as string).padEnd(width)}  ${g.summary}`),
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
      values: CommandContext["values"];
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
  const { tokens, values: loose } = parseArgs({
    args: head,
    options: { ...parseConfig(GLOBAL_OPTIONS), version: { type: "boolean" } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const words = tokens.filter((t) => t.kind === "positional");
  const wantsHelp = loose.help === true;
  let first = words[0];
  if (first?.value === "help") {
    // `crownest help [group [command]]` is `--help`.
    const names = words.slice(1, 3).map((w) => w.value);
    return helpFor(groups, names);
  }
  if (!first) {
    if (wantsHelp) return { kind: "help", text: topHelp(groups) };
    if (loose.version === true) return { kind: "version" };
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
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: remaining,
      options: parseConfig({ ...GLOBAL_OPTIONS, ...command.options }),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const e = error as { code?: string; message: string };
    const option = /'([^']+)'/.exec(e.message)?.[1];
    const message =
      e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option
        ? `unknown option '${option}'`
        : e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
          ? "unexpected argument"
          : e.message;
    throw new UsageError(
      `crownest ${group.name}${command.name ? ` ${command.name}` : ""}: ${message}`,
      usage,
    );
  }
  const [min, max] = command.positionals ?? [0, 0];
  const n = parsed.positionals.length;
  const name = `crownest ${group.name}${command.name ? ` ${command.name}` : ""}`;
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
    values: parsed.values as CommandContext["values"],
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

// ---- value helpers --------------------------------------------------------------

/** A string option's value. */
export function str(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === "string" ? v : undefined;
}

/** A boolean option's value. */
export function flag(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}

/** A repeatable option's values. */
export function list(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** Repeated `KEY=VALUE` options as a record (undefined when none). */
export function pairs(ctx: CommandContext, name: string): Record<string, string> | undefined {
  const items = list(ctx, name);
  if (items.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--${name} takes KEY=VALUE, got '${item}'`, ctx.usage);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration option: milliseconds (`90000`) or with a unit (`500ms`, `90s`, `2m`, `1h`). */
export function duration(ctx: CommandContext, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  const ms = m ? Math.round(Number(m[1]) * (UNITS[m[2] ?? "ms"] as number)) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new UsageError(`--${name} takes a duration like 90000, 90s or 2m, got '${v}'`, ctx.usage);
  }
  return ms;
}

/** A positive integer argument. */
export function integer(ctx: CommandContext, what: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${what} must be an integer, got '${v}'`, ctx.usage);
  }
  return n;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * The words after `--` as one shell command line: a single word is sent as
 * it is (so `-- 'npm test && echo ok'` runs that line), several are each
 * single-quoted when they need it, so each reaches the program as one word.
 */
export function commandLine(words: string[]): string {
  if (words.length === 1) return words[0] as string;
  return words.map((w) => (SAFE_WORD.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`)).join(" ");
}
