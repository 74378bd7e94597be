// No function of the repository's TypeScript and JavaScript (the SDK, the fake,
// the CLI, the scripts, the tests, the examples) is over 100 lines of its own
// (its body's lines less those of the functions nested in it).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const MAX_LINES = 100;

/** Each function of a file with more than `max` lines of its own, as "file:line name lines". */
function longFunctions(file: string, text: string, max: number): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line;
  const span = (node: ts.Node): number => lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
  const long: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      let own = span(node.body);
      const subtractNested = (child: ts.Node): void => {
        if (ts.isFunctionLike(child) && "body" in child && child.body) own -= span(child);
        else ts.forEachChild(child, subtractNested);
      };
      ts.forEachChild(node.body, subtractNested);
      if (own > max)
        long.push(
          `${file}:${lineOf(node.getStart()) + 1} ${node.name?.getText(source) ?? "(anonymous)"} ${own}`,
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return long;
}

describe("function length", () => {
  it("counts a function's own lines, not those of the functions inside it", () => {
    const body = (n: number): string => "  x++;\n".repeat(n);
    const text = `function outer() {\n${body(60)}  const inner = () => {\n${body(60)}  };\n}\nfunction long() {\n${body(101)}}\n`;
    expect(longFunctions("a.ts", text, MAX_LINES)).toEqual(["a.ts:125 long 103"]);
  });

  it(`keeps every tracked TypeScript and JavaScript function within ${MAX_LINES} lines of its own`, () => {
    const files = execFileSync("git", ["ls-files", "*.ts", "*.mts", "*.js", "*.mjs"], {
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(250);
    const long = files.flatMap((file) =>
      longFunctions(file, readFileSync(file, "utf8"), MAX_LINES),
    );
    expect(long).toEqual([]);
  });
});
