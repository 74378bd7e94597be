// The bins' shared option parser (cmdline/options.ts): typed values from the
// spec, usage errors (exit 2, one line and the usage), --help generated from
// the spec; then the bins that use it, run as processes.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { type CommandContext, commandOptions, duration, keyValue } from "../../../cli/args.ts";
import {
  defineOptions,
  OptionsError,
  type Parsed,
  parseCommandLine,
  parseOptions,
} from "../../../cmdline/options.ts";
import type { Template } from "../../../src/index.ts";
import { ensureBuilt } from "../../helpers/build.ts";
import { root } from "../cli/helpers/harness.ts";

const SPEC = defineOptions({
  port: { type: "string", value: "N", parse: (text) => Number(text), help: "port" },
  host: { type: "string", help: "host" },
  verbose: { type: "boolean", short: "v", help: "say more" },
  clock: { type: "string", choices: ["real", "manual"], help: "clock" },
  tag: { type: "string", multiple: true, help: "a tag" },
});

function problem(args: string[]): string {
  try {
    parseOptions(SPEC, args);
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return (error as Error).message;
  }
  throw new Error(`parsed ${JSON.stringify(args)}`);
}

describe("parseOptions", () => {
  it("types each value from its spec", () => {
    const parsed = parseOptions(SPEC, ["--port", "8080", "-v", "--clock=manual", "x"]);
    expectTypeOf(parsed).toEqualTypeOf<Parsed<typeof SPEC>>();
    expectTypeOf(parsed.values).toEqualTypeOf<{
      port?: number;
      host?: string;
      verbose?: boolean;
      clock?: "real" | "manual";
      tag?: string[];
    }>();
    expect(parsed).toEqual({
      values: { port: 8080, verbose: true, clock: "manual" },
      positionals: ["x"],
    });
  });

  it("keeps repeated values in order; words after -- are positionals", () => {
    expect(parseOptions(SPEC, ["--tag", "a", "--tag=b", "--", "--tag", "c"])).toEqual({
      values: { tag: ["a", "b"] },
      positionals: ["--tag", "c"],
    });
  });

  it.each([
    [["--bogus"], "unknown option '--bogus'"],
    [["-x"], "unknown option '-x'"],
    // One dash: short options, each checked.
    [["-port", "1"], "unknown option '-p'"],
    [["--constructor"], "unknown option '--constructor'"],
    [["--host"], "--host needs a value"],
    [
      ["--host", "--verbose"],
      "--host needs a value before '--verbose' (write --host=VALUE for one that starts with -)",
    ],
    [["--verbose=yes"], "--verbose takes no value (got 'yes')"],
    [["--clock", "fast"], "--clock must be one of real, manual (got 'fast')"],
  ])("%j is refused: %s", (args, message) => {
    expect(problem(args)).toBe(message);
  });

  it("a value that starts with - is taken when attached with =", () => {
    expect(parseOptions(SPEC, ["--host=-h"]).values).toEqual({ host: "-h" });
  });

  it("a parse function's error is the usage error", () => {
    const spec = defineOptions({
      n: {
        type: "string",
        parse: (text, flag) => {
          if (/^\d+$/.test(text)) return Number(text);
          throw new Error(`${flag} takes digits, got '${text}'`);
        },
        help: "n",
      },
    });
    expect(() => parseOptions(spec, ["--n", "1e3"])).toThrow(
      new OptionsError("--n takes digits, got '1e3'"),
    );
  });
});

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function runProgram(args: string[]) {
  const printed = { out: "", err: "" };
  const program = {
    name: "prog",
    summary: "Does things.",
    options: SPEC,
    positionals: [0, 1] as [number, number],
    synopsis: "[FILE]",
    details: "More words.",
  };
  try {
    const parsed = parseCommandLine(program, args, {
      out: (text) => {
        printed.out += text;
      },
      err: (text) => {
        printed.err += text;
      },
      exit: (code) => {
        throw new Exit(code);
      },
    });
    return { code: undefined, parsed, ...printed };
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    return { code: error.code, parsed: undefined, ...printed };
  }
}

const USAGE =
  "usage: prog [--port N] [--host VALUE] [--verbose] [--clock real|manual] [--tag VALUE]... [FILE]";

describe("parseCommandLine", () => {
  it("returns the parsed line when it is good", () => {
    const r = runProgram(["-v", "f.txt"]);
    expect(r.code).toBeUndefined();
    expect(r.parsed).toEqual({ values: { verbose: true }, positionals: ["f.txt"] });
  });

  it.each([
    [["--bogus"], "unknown option '--bogus'"],
    [["--port"], "--port needs a value"],
    [["a", "b"], "unexpected argument 'b'"],
  ])("%j: exit 2, the problem on one line, then the usage", (args, message) => {
    const r = runProgram(args);
    expect(r).toMatchObject({ code: 2, out: "", err: `prog: ${message}\n${USAGE}` });
  });

  it("--help (or -h, anywhere, even beside a bad option) prints help made from the spec, exit 0", () => {
    for (const args of [["--help"], ["--bogus", "-h"], ["-vh"]]) {
      const r = runProgram(args);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toBe(
        [
          USAGE,
          "",
          "Does things.",
          "",
          "options:",
          "      --port N             port",
          "      --host VALUE         host",
          "  -v, --verbose            say more",
          "      --clock real|manual  clock",
          "      --tag VALUE          a tag (repeatable)",
          "  -h, --help               show this help",
          "",
          "More words.",
        ].join("\n"),
      );
    }
  });

  it("words after -- are not options, --help included", () => {
    expect(runProgram(["--", "--help"])).toMatchObject({
      code: undefined,
      parsed: { positionals: ["--help"] },
    });
  });
});

function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d) => {
    out.stdout += d;
  });
  child.stderr.on("data", (d) => {
    out.stderr += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, ...out })));
}

describe("the bins and the bench on the shared parser", { timeout: 60_000 }, () => {
  const fakeBin = join(root, "dist/fake/bin.js");
  const bench = join(root, "scripts/bench/index.mjs");
  beforeAll(() => ensureBuilt(fakeBin), 180_000);

  it("crownest-fake --help lists every option with what it does", async () => {
    const r = await runNode([fakeBin, "--help"]);
    expect(r.code).toBe(0);
    for (const line of ["--port N", "--clock real|manual|auto", "--state FILE", "-h, --help"]) {
      expect(r.stdout).toContain(line);
    }
  });

  it("crownest-fake refuses a bad value before it listens: exit 2, one line and the usage", async () => {
    const r = await runNode([fakeBin, "--port", "http"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^crownest-fake: --port must be a port number from 0 to 65535 \(got 'http'\)\nusage: crownest-fake \[--port N\] .*\n$/,
    );
    const seed = await runNode([fakeBin, "--seed", "abc"]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/^crownest-fake: --seed must be an integer \(got 'abc'\)\n/);
  });

  it("the bench has --help, and refuses unknown options and rows (exit 2)", async () => {
    const help = await runNode([bench, "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--only ROWS");
    const bogus = await runNode([bench, "--quik"]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/: unknown option '--quik'\nusage: /);
    const row = await runNode([bench, "--only", "3,99"]);
    expect(row.code).toBe(2);
    expect(row.stderr).toMatch(/--only: no row '99'/);
  });
});

describe("the CLI's command options", () => {
  it("hand handlers typed values: contract enums, parsed durations and pairs", () => {
    const spec = commandOptions({
      template: { type: "string", schema: "Template", help: "template" },
      ttl: { type: "string", parse: duration, help: "lifetime" },
      metadata: { type: "string", multiple: true, parse: keyValue, help: "label" },
      all: { type: "boolean", help: "all" },
    });
    type Options = CommandContext<typeof spec>["options"];
    expectTypeOf<Options["template"]>().toEqualTypeOf<Template | undefined>();
    expectTypeOf<Options["ttl"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Options["metadata"]>().toEqualTypeOf<[string, string][] | undefined>();
    expectTypeOf<Options["all"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Options["api-key"]>().toEqualTypeOf<string | undefined>();
    expect(parseOptions(spec, ["--ttl", "2m", "--metadata", "a=b=c"]).values).toEqual({
      ttl: 120_000,
      metadata: [["a", "b=c"]],
    });
  });
});
