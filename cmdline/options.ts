/**
 * Typed command-line options for the package's programs (the crownest and
 * crownest-fake bins, and the bench through dist/), on node:util's parseArgs,
 * which Node, Deno and Bun all provide. One spec gives the parsed values'
 * type, the checks (unknown options, missing values, allowed values) and the
 * --help text. Not for src/: the SDK imports nothing from node:.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** A flag: `--name` (true when given). */
export interface BooleanOption {
  type: "boolean";
  /** One letter: `-x`. */
  short?: string;
  help: string;
}

/** An option with a value: `--name VALUE` or `--name=VALUE`. */
export interface StringOption {
  type: "string";
  /** One letter: `-x VALUE`. */
  short?: string;
  /** May be given several times (the values are kept in order). */
  multiple?: boolean;
  /** The value's placeholder in help, e.g. "MS" (default: the choices, or VALUE). */
  value?: string;
  /** The only values allowed; the value's type is their union. */
  choices?: readonly string[];
  /**
   * Turns the text into the value (whose type is this function's return
   * type); throws an Error whose message is the usage error. `flag` is
   * the option as written in messages, `--name`.
   */
  parse?: (text: string, flag: string) => unknown;
  help: string;
}

/** One option of a spec. */
export type Option = BooleanOption | StringOption;

/** Options by long name (without the leading `--`). */
export type OptionSpec = { readonly [name: string]: Option };

/** The value one occurrence of the option `O` gives. */
export type OptionValue<O> = O extends { type: "boolean" }
  ? boolean
  : O extends { parse: (text: string, flag: string) => infer T }
    ? T
    : O extends { choices: readonly (infer C)[] }
      ? C
      : string;

/** The parsed values of the spec `S`: absent options are undefined; repeatable ones are arrays. */
export type OptionValues<S> = {
  -readonly [K in keyof S]?: S[K] extends { multiple: true }
    ? OptionValue<S[K]>[]
    : OptionValue<S[K]>;
};

/** What a command line parsed to. */
export interface Parsed<S> {
  values: OptionValues<S>;
  positionals: string[];
}

/** A bad command line; the message is one line, for people. */
export class OptionsError extends Error {
  override name = "OptionsError";
}

/** Returns the spec as given: lets TypeScript keep its literal types (choices, `multiple: true`). */
export function defineOptions<const S extends OptionSpec>(spec: S): S {
  return spec;
}

function parseArgsConfig(spec: OptionSpec) {
  const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> =
    {};
  for (const [name, def] of Object.entries(spec)) {
    config[name] = { type: def.type, ...(def.short && { short: def.short }) };
  }
  return config;
}

function tokensOf(spec: OptionSpec, args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: parseArgsConfig(spec),
    strict: false,
    allowPositionals: true,
    tokens: true,
  }).tokens;
}

/** The spec's option for a token, if it names one the way it was written (`--name` or its `-x`). */
function optionFor(spec: OptionSpec, name: string, rawName: string): Option | undefined {
  if (!Object.hasOwn(spec, name)) return undefined;
  const def = spec[name] as Option;
  if (rawName.startsWith("--")) return rawName === `--${name}` ? def : undefined;
  return def.short === rawName.slice(1) ? def : undefined;
}

function convert(def: StringOption, text: string, flag: string): unknown {
  if (def.choices && !def.choices.includes(text)) {
    throw new OptionsError(`${flag} must be one of ${def.choices.join(", ")} (got '${text}')`);
  }
  if (!def.parse) return text;
  try {
    return def.parse(text, flag);
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Parses `args` against the spec. Throws OptionsError for an unknown option,
 * a missing value, a value given to a flag, a value not among the choices or
 * one its `parse` refuses. Words after `--` are positionals.
 */
export function parseOptions<const S extends OptionSpec>(
  spec: S,
  args: readonly string[],
): Parsed<S> {
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const token of tokensOf(spec, args)) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const def = optionFor(spec, token.name, token.rawName);
    if (!def) throw new OptionsError(`unknown option '${token.rawName}'`);
    const flag = `--${token.name}`;
    if (def.type === "boolean") {
      if (token.value !== undefined) {
        throw new OptionsError(`${flag} takes no value (got '${token.value}')`);
      }
      values[token.name] = true;
      continue;
    }
    const text = token.value;
    if (text === undefined) throw new OptionsError(`${flag} needs a value`);
    // Like parseArgs' strict mode: `--port --host` is a forgotten value, not the value "--host".
    if (!token.inlineValue && text.length > 1 && text.startsWith("-")) {
      throw new OptionsError(
        `${flag} needs a value before '${text}' (write ${flag}=VALUE for one that starts with -)`,
      );
    }
    const value = convert(def, text, flag);
    const earlier = values[token.name];
    values[token.name] = def.multiple ? [...((earlier as unknown[]) ?? []), value] : value;
  }
  return { values: values as OptionValues<S>, positionals };
}

/** What a lenient pass over a command line found: nothing is refused. */
export interface Scan {
  /** The positional words before any `--`, with their index in args. */
  words: { value: string; index: number }[];
  /** The spec's options that were given. */
  given: Set<string>;
}

/** A lenient pass over `args` (unknown options are ignored): finds words and options such as --help. */
export function scanOptions(spec: OptionSpec, args: readonly string[]): Scan {
  const words: Scan["words"] = [];
  const given = new Set<string>();
  for (const token of tokensOf(spec, args)) {
    if (token.kind === "option-terminator") break;
    if (token.kind === "positional") words.push({ value: token.value, index: token.index });
    else if (optionFor(spec, token.name, token.rawName)) given.add(token.name);
  }
  return { words, given };
}

function placeholder(def: Option): string {
  if (def.type === "boolean") return "";
  return ` ${def.value ?? def.choices?.join("|") ?? "VALUE"}`;
}

/**
 * The options part of a --help text, one aligned line each. `choices` adds
 * allowed values known elsewhere (the spec's own are listed already).
 */
export function optionLines(
  spec: OptionSpec,
  choices: Record<string, readonly string[]> = {},
): string[] {
  const rows = Object.entries(spec).map(([name, def]) => {
    const flag = `${def.short ? `-${def.short}, ` : "    "}--${name}${placeholder(def)}`;
    // Choices hidden behind a placeholder are listed after the help.
    const allowed = choices[name] ?? (def.type === "string" && def.value ? def.choices : undefined);
    const listed = allowed?.length ? `: ${allowed.join(", ")}` : "";
    const repeat = def.type === "string" && def.multiple ? " (repeatable)" : "";
    return [flag, `${def.help}${listed}${repeat}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
}

/** A program's command line: its name, what it does, and its options. */
export interface Program<S extends OptionSpec> {
  /** As typed, e.g. "crownest-fake" or "node scripts/bench/index.mjs". */
  name: string;
  summary: string;
  options: S;
  /** Positional arguments allowed, [min, max] (default none). */
  positionals?: [number, number];
  /** The positionals' part of the usage line, e.g. "[DIR]". */
  synopsis?: string;
  /** Paragraphs after the options in --help. */
  details?: string;
}

/** The one-line usage of a program, every option in brackets. */
export function usageLine(program: Program<OptionSpec>): string {
  const flags = Object.entries(program.options).map(([name, def]) => {
    const repeat = def.type === "string" && def.multiple ? "..." : "";
    return `[--${name}${placeholder(def)}]${repeat}`;
  });
  return ["usage:", program.name, ...flags, program.synopsis].filter(Boolean).join(" ");
}

/** The --help text of a program. */
export function helpText(program: Program<OptionSpec>): string {
  const lines = [usageLine(program), "", program.summary, "", "options:"];
  lines.push(...optionLines({ ...program.options, ...HELP }));
  if (program.details) lines.push("", program.details.trim());
  return lines.join("\n");
}

const HELP = { help: { type: "boolean", short: "h", help: "show this help" } } as const;

/** Where parseCommandLine prints and how it ends the process (default: the console and process.exit). */
export interface ProgramIo {
  out(text: string): void;
  err(text: string): void;
  exit(code: number): never;
}

const consoleIo: ProgramIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  exit: (code) => process.exit(code),
};

/**
 * Parses a program's command line. `--help`/`-h` anywhere prints the help
 * and exits 0; a bad command line prints `<name>: <problem>` and the usage
 * line on stderr and exits 2.
 */
export function parseCommandLine<const S extends OptionSpec>(
  program: Program<S>,
  args: readonly string[],
  ioOverrides: Partial<ProgramIo> = {},
): Parsed<S> {
  const io = { ...consoleIo, ...ioOverrides };
  if (scanOptions(HELP, args).given.has("help")) {
    io.out(helpText(program));
    return io.exit(0);
  }
  try {
    const parsed = parseOptions(program.options, args);
    const [min, max] = program.positionals ?? [0, 0];
    const n = parsed.positionals.length;
    if (n > max) throw new OptionsError(`unexpected argument '${parsed.positionals[max]}'`);
    if (n < min) throw new OptionsError(`missing argument (${program.synopsis ?? "see --help"})`);
    return parsed;
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    io.err(`${program.name}: ${error.message}\n${usageLine(program)}`);
    return io.exit(2);
  }
}
