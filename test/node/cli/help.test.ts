// The CLI's argument handling, in-process (main() with captured output, no
// network): --help on every command and group, usage errors, option values.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandLine } from "../../../cli/args.ts";
import { GROUPS, main } from "../../../cli/main.ts";
import type { Sink } from "../../../cli/output.ts";

class Capture implements Sink {
  text = "";
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
    this.text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    callback?.();
    return true;
  }
  once(): this {
    return this;
  }
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const commands = GROUPS.flatMap((g) => g.commands.map((c) => [g.name, c.name].filter(Boolean)));

describe("crownest --help", () => {
  it("covers the commands the issue lists", () => {
    expect(commands.map((c) => c.join(" "))).toEqual([
      "sandboxes list",
      "sandboxes create",
      "sandboxes get",
      "sandboxes kill",
      "exec",
      "logs",
      "files ls",
      "files cat",
      "files put",
      "files get",
      "files rm",
      "artifacts list",
      "artifacts create",
      "artifacts download",
      "previews create",
      "previews list",
      "previews revoke",
      "projects list",
      "run",
      "runs list",
      "runs get",
      "runs cancel",
      "runs logs",
      "runs evidence",
    ]);
  });

  it.each(commands)("%s %s --help prints its usage on stdout, exit 0", async (...words) => {
    for (const argv of [
      [...words, "--help"],
      [...words, "-h"],
      ["help", ...words],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(new RegExp(`^usage: crownest ${words.join(" ")} `));
      expect(r.stdout).toContain("--json");
      expect(r.stdout).toContain("--base-url URL");
      expect(r.stdout).toContain("--api-key KEY");
    }
  });

  it("groups and the top level have help too", async () => {
    for (const group of GROUPS.filter((g) => g.commands.length > 1)) {
      const r = await run([group.name, "--help"]);
      expect(r.code).toBe(0);
      for (const c of group.commands) expect(r.stdout).toContain(`  ${c.name}`);
    }
    const top = await run(["--help"]);
    for (const group of GROUPS) expect(top.stdout).toContain(`  ${group.name}`);
    expect((await run(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("help comes before validation, even with other errors on the line", async () => {
    const r = await run(["files", "put", "--bogus", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: crownest files put /);
  });
});

describe("usage errors (exit 2: one line, then where the help is)", () => {
  it.each([
    [["nope"], "crownest: unknown command 'nope'", "crownest"],
    [[], "crownest: missing command", "crownest"],
    [["files"], "crownest files: missing command", "crownest files"],
    [["files", "copy"], "crownest files: unknown command 'copy'", "crownest files"],
    [["help", "files", "copy"], "crownest files: unknown command 'copy'", "crownest files"],
    [
      ["sandboxes", "get", "a", "b"],
      "crownest sandboxes get: unexpected argument 'b'",
      "crownest sandboxes get",
    ],
    [
      ["sandboxes", "list", "--all=yes"],
      "crownest sandboxes list: --all takes no value (got 'yes')",
      "crownest sandboxes list",
    ],
    [
      ["sandboxes", "create", "--ttl", "soon"],
      "crownest sandboxes create: --ttl takes a duration like 90000, 90s or 2m, got 'soon'",
      "crownest sandboxes create",
    ],
    [
      ["sandboxes", "create", "--metadata", "novalue"],
      "crownest sandboxes create: --metadata takes KEY=VALUE, got 'novalue'",
      "crownest sandboxes create",
    ],
    [
      ["projects", "list", "--", "x"],
      "crownest projects list: takes no -- <command>",
      "crownest projects list",
    ],
    [["exec", "sbx_1"], "crownest exec: missing -- <command>", "crownest exec"],
    [["run", "a", "b", "--", "x"], "crownest run: unexpected argument 'b'", "crownest run"],
    // A command without its `--`: the line to type instead.
    [
      ["run", ".", "npm", "test"],
      "crownest run: put the command after --: crownest run . -- npm test",
      "crownest run",
    ],
    [
      ["exec", "sbx_1", "pytest", "-q", "tests/a b.py"],
      "crownest exec: put the command after --: crownest exec sbx_1 -- pytest -q 'tests/a b.py'",
      "crownest exec",
    ],
    [
      ["exec", "--cwd", "app", "sbx_1", "--timeout", "2m", "npm", "test", "--watch"],
      "crownest exec: put the command after --: crownest exec --cwd app sbx_1 --timeout 2m -- npm test --watch",
      "crownest exec",
    ],
  ])("%j", async (argv, message, command) => {
    const r = await run(argv, {
      CROWNEST_API_KEY: "cn_test_x",
      CROWNEST_BASE_URL: "http://127.0.0.1:9",
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${message}\nrun '${command} --help'\n`);
  });

  it("with --json a usage error is the error envelope", async () => {
    const r = await run(["sandboxes", "lst", "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({
      error: { code: "usage_error", message: "crownest sandboxes: unknown command 'lst'" },
    });
  });

  it("--base-url must be an http(s) URL, checked by the SDK", async () => {
    const r = await run(["projects", "list", "--base-url", "api.crownest.dev"], {
      CROWNEST_API_KEY: "cn_test_x",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--base-url has no http(s) scheme");
    const v1 = await run(["projects", "list", "--base-url", "https://api.crownest.dev/v1"], {
      CROWNEST_API_KEY: "cn_test_x",
    });
    expect(v1.code).toBe(2);
    expect(v1.stderr).toContain("--base-url ends in /v1, which the SDK adds itself");
  });
});

describe("docs/cli.md", () => {
  it("shows every command once, each with its exit codes column", () => {
    const section = readFileSync(new URL("../../../docs/cli.md", import.meta.url), "utf8");
    const rows = section.split("\n").filter((line) => line.startsWith("| `"));
    const named = rows.map((row) => {
      const words = (/^\| `([^`]+)`/.exec(row)?.[1] ?? "").split(" ");
      const group = GROUPS.find((g) => g.name === words[0]);
      const plain = group?.commands.length === 1 && group.commands[0]?.name === "";
      return plain ? words[0] : words.slice(0, 2).join(" ");
    });
    expect(named).toEqual(commands.map((c) => c.join(" ")));
    expect(section).toContain("| command | what it does | other exit codes |");
    for (const row of rows) expect(row.split(" | ")).toHaveLength(3);
  });
});

describe("the command line after --", () => {
  it("sends one word as it is and quotes several", () => {
    expect(commandLine(["npm test && echo ok"])).toBe("npm test && echo ok");
    expect(commandLine(["echo", "a b", "it's", "$HOME", "plain-word_1.2"])).toBe(
      `echo 'a b' 'it'\\''s' '$HOME' plain-word_1.2`,
    );
    expect(commandLine(["printf", ""])).toBe("printf ''");
  });
});
