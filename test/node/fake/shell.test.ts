// The fake's mini shell: the parser on its own, then built-ins, operators,
// redirections and user programs through runCommand (every response checked
// against the contract by the test fake).
import { describe, expect, test } from "vitest";
import { expandWord, parseCommandLine, ShellSyntaxError } from "../../../fake/process/shell.ts";
import { setup } from "./helpers/process.ts";

const argvOf = (line: string): string[][] =>
  parseCommandLine(line).items.map((i) =>
    i.command.words.map((w) => expandWord(w, (n) => `<${n}>`) ?? "(dropped)"),
  );

describe("parser", () => {
  test("quotes and escapes", () => {
    expect(argvOf(`echo "a b" 'c  d' e\\ f "x\\"y\\\\z" 'it'\\''s'`)).toEqual([
      ["echo", "a b", "c  d", "e f", 'x"y\\z', "it's"],
    ]);
    expect(argvOf(`echo "\\n stays" '\\n stays'`)).toEqual([["echo", "\\n stays", "\\n stays"]]);
  });

  test("operators, newlines and comments", () => {
    const list = parseCommandLine("a 1; b && c || d # not e\n f &&\n g");
    expect(list.items.map((i) => [i.op, i.command.text])).toEqual([
      [";", "a 1"],
      [";", "b"],
      ["&&", "c"],
      ["||", "d"],
      [";", "f"],
      ["&&", "g"],
    ]);
    expect(parseCommandLine("  ").items).toEqual([]);
  });

  test("variables expand at run time; single quotes keep them literal", () => {
    expect(argvOf(`echo $A "$B" '$C' \${D}x $? $ $UNSET "$UNSET"`)).toEqual([
      ["echo", "<A>", "<B>", "$C", "<D>x", "<?>", "$", "<UNSET>", "<UNSET>"],
    ]);
    const [item] = parseCommandLine("echo $UNSET x").items;
    const words = item?.command.words.map((w) => expandWord(w, () => undefined));
    expect(words).toEqual(["echo", undefined, "x"]);
  });

  test("redirections and the command text programs match", () => {
    const [item] = parseCommandLine(`npm  test  >out.txt 2>>err.log 'x y' 2>&1`).items;
    expect(item?.command.text).toBe("npm test 'x y'");
    expect(
      item?.command.redirects.map((r) =>
        "dupTo" in r ? `${r.fd}>&${r.dupTo}` : `${r.fd}${r.append ? ">>" : ">"}${r.target.raw}`,
      ),
    ).toEqual(["1>out.txt", "2>>err.log", "2>&1"]);
  });

  test.each([
    ["a | b", /pipes/],
    ["a & b", /background/],
    ["echo 'open", /unterminated/],
    ['echo "open', /unterminated/],
    ["&& a", /unexpected token/],
    ["a &&", /unexpected end/],
    ["a ;; b", /unexpected token/],
    ["echo >", /unexpected token/],
    ["> f", /without a command/],
    ["cat < f", /unexpected token/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    ["echo ${A-b}", /bad substitution/],
  ])("%s is a syntax error", (line, message) => {
    expect(() => parseCommandLine(line)).toThrow(ShellSyntaxError);
    expect(() => parseCommandLine(line)).toThrow(message);
  });
});

describe("built-ins", () => {
  test("echo, -n, -e, quoting and sequencing", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run(`echo "a  b" c; echo -n no-newline; echo -e 'x\\ty'`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: "exited",
      exitCode: 0,
      stdout: "a  b c\nno-newlinex\ty\n",
    });
  });

  test("&& and || short-circuit; the line's code is the last command's", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("false && echo no || echo yes; true || echo never; false");
    expect(r.json.stdout).toBe("yes\n");
    expect(r.json.exitCode).toBe(1);
    expect((await f.run("false || true && echo both")).json.stdout).toBe("both\n");
  });

  test("exit N stops the line; $? sees the last code", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("false; echo $?; exit 3; echo unreachable");
    expect(r.json).toMatchObject({ status: "exited", exitCode: 3, stdout: "1\n" });
    expect((await f.run("false; exit")).json.exitCode).toBe(1);
    expect((await f.run("exit 300")).json.exitCode).toBe(44);
  });

  test("redirections write files relative to cwd; > truncates, >> appends, 2> and 2>&1", async () => {
    const f = await setup({ clock: "auto" });
    await f.run("mkdir app");
    const r = await f.run(
      "echo one > out.txt; echo two >> out.txt; cat missing 2> err.txt; cat missing > both.txt 2>&1; echo x >&2",
      { cwd: "/workspace/app" },
    );
    expect(r.json.stdout).toBe("");
    expect(r.json.stderr).toBe("x\n");
    expect((await f.readFile("app/out.txt")).json.content).toBe("one\ntwo\n");
    expect((await f.readFile("app/err.txt")).json.content).toBe(
      "cat: missing: No such file or directory\n",
    );
    expect((await f.readFile("app/both.txt")).json.content).toBe(
      "cat: missing: No such file or directory\n",
    );
    await f.run("echo fresh > out.txt", { cwd: "app" });
    expect((await f.readFile("app/out.txt")).json.content).toBe("fresh\n");
  });

  test("a redirection into a missing directory fails the command like a shell", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("echo hi > nope/x.txt; echo next");
    expect(r.json).toMatchObject({
      exitCode: 0,
      stdout: "next\n",
      stderr: "sh: nope/x.txt: No such file or directory\n",
    });
  });

  test("cat prints files, reports missing ones and directories, exit 1", async () => {
    const f = await setup({ clock: "auto" });
    await f.writeFile("a.txt", "A\n");
    await f.writeFile("d/b.txt", "B\n");
    const r = await f.run("cat a.txt nope d d/b.txt");
    expect(r.json).toMatchObject({
      exitCode: 1,
      stdout: "A\nB\n",
      stderr: "cat: nope: No such file or directory\ncat: d: Is a directory\n",
    });
    expect((await f.run("cat")).json).toMatchObject({ exitCode: 0, stdout: "" });
    expect((await f.run("cat /etc/passwd")).json.stderr).toBe(
      "cat: /etc/passwd: Permission denied\n",
    );
  });

  test("ls, pwd, cd, mkdir -p, touch, rm", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run(
      "mkdir -p src/lib && touch b.txt a.txt .hidden src/lib/x.ts && ls && ls -a src/lib && cd src && pwd && ls",
    );
    expect(r.json.stdout).toBe(
      ["a.txt", "b.txt", "src", "x.ts", "/workspace/src", "lib", ""].join("\n"),
    );
    expect(r.json.exitCode).toBe(0);
    expect((await f.run("ls -a")).json.stdout).toBe(".hidden\na.txt\nb.txt\nsrc\n");
    expect((await f.run("ls a.txt src")).json.stdout).toBe("a.txt\n\nsrc:\nlib\n");

    const mk = await f.run("mkdir src; mkdir x/y; mkdir -p src");
    expect(mk.json.stderr).toBe(
      "mkdir: cannot create directory 'src': File exists\nmkdir: cannot create directory 'x/y': No such file or directory\n",
    );
    expect(mk.json.exitCode).toBe(0);

    const rm = await f.run("rm src; rm nope; rm -f nope; rm a.txt && rm -r src && ls");
    expect(rm.json.stderr).toBe(
      "rm: cannot remove 'src': Is a directory\nrm: cannot remove 'nope': No such file or directory\n",
    );
    expect(rm.json.stdout).toBe("b.txt\n");

    const cd = await f.run("cd nowhere; echo $?; cd b.txt; cd ~ && pwd");
    expect(cd.json.stdout).toBe("1\n/workspace\n");
    expect(cd.json.stderr).toBe(
      "sh: cd: nowhere: No such file or directory\nsh: cd: b.txt: Not a directory\n",
    );
    expect((await f.run("ls nope")).json).toMatchObject({
      exitCode: 2,
      stderr: "ls: cannot access 'nope': No such file or directory\n",
    });
  });

  test("touch keeps a file's content and makes a missing one empty", async () => {
    const f = await setup({ clock: "auto" });
    await f.writeFile("keep.txt", "kept");
    await f.run("touch keep.txt new.txt");
    expect((await f.readFile("keep.txt")).json.content).toBe("kept");
    expect((await f.readFile("new.txt")).json).toMatchObject({ content: "", sizeBytes: 0 });
  });

  test("env prints defaults plus the command's env; $VAR and NAME=value prefixes", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("env", { env: { TOKEN: "s3cret", MODE: "test" } });
    const lines = r.json.stdout.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining(["HOME=/workspace", "TOKEN=s3cret", "MODE=test", "PWD=/workspace"]),
    );
    expect(lines.some((l: string) => l.startsWith("PATH=/"))).toBe(true);
    expect(r.json.env).toEqual({ TOKEN: "[redacted]", MODE: "[redacted]" });

    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    const v = await f.run('echo "$MODE" ${MODE}x; X=1 Y="a b" env; Z=2; echo $Z $X', {
      env: { MODE: "m" },
    });
    const out = v.json.stdout.split("\n");
    expect(out[0]).toBe("m mx");
    expect(out).toContain("X=1");
    expect(out).toContain("Y=a b");
    expect(out.at(-2)).toBe("2");
  });

  test("sleep waits on the fake clock (fractional seconds; bad operands fail)", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("sleep 1.5; sleep 0.25 && echo woke");
    expect(r.json).toMatchObject({ exitCode: 0, stdout: "woke\n", durationMs: 1750 });
    expect((await f.run("sleep abc")).json).toMatchObject({
      exitCode: 1,
      stderr: "sleep: invalid time interval 'abc'\n",
    });
  });

  test("sleep with a manual clock: the command runs until time is advanced", async () => {
    const f = await setup();
    const started = await f.start("echo before; sleep 10; echo after");
    expect(started.status).toBe(202);
    expect(["queued", "starting"]).toContain(started.json.status);
    const id = started.json.id;
    await f.fake.clock.advance(0);
    expect((await f.get(id)).json).toMatchObject({ status: "running", stdout: "before\n" });
    await f.fake.clock.advance(9_999);
    expect((await f.get(id)).json.status).toBe("running");
    await f.fake.clock.advance(1);
    expect((await f.get(id)).json).toMatchObject({
      status: "exited",
      exitCode: 0,
      stdout: "before\nafter\n",
      durationMs: 10_000,
    });
  });

  test("unknown commands exit 127; syntax errors exit 2", async () => {
    const f = await setup({ clock: "auto" });
    expect((await f.run("frobnicate --x; echo still")).json).toMatchObject({
      exitCode: 0,
      stdout: "still\n",
      stderr: "sh: frobnicate: command not found\n",
    });
    expect((await f.run("frobnicate")).json.exitCode).toBe(127);
    const bad = await f.run("echo 'unterminated");
    expect(bad.json).toMatchObject({ status: "exited", exitCode: 2 });
    expect(bad.json.stderr).toMatch(/^sh: unterminated quoted string/);
  });
});

describe("user programs", () => {
  test("matched per simple command, before built-ins; string matchers are word prefixes", async () => {
    const f = await setup({ clock: "auto" });
    const seen: string[][] = [];
    f.fake.programs.define("npm test", (proc) => {
      seen.push([...proc.argv]);
      proc.stdout.write("tests pass\n");
      return 0;
    });
    f.fake.programs.define(/^echo secret/, (proc) => {
      proc.stdout.write("intercepted\n");
    });
    const r = await f.run(`npm test -- --grep "a b" && echo ok; npm tests; echo secret`);
    expect(r.json.stdout).toBe("tests pass\nok\nintercepted\n");
    expect(r.json.stderr).toBe("sh: npm: command not found\n");
    expect(seen).toEqual([["npm", "test", "--", "--grep", "a b"]]);
  });

  test("later definitions win; define() returns a remover; function matchers", async () => {
    const f = await setup({ clock: "auto" });
    f.fake.programs.define("tool", () => 1);
    const remove = f.fake.programs.define("tool", () => 2);
    f.fake.programs.define(
      (c) => c.endsWith("--fn"),
      () => 9,
    );
    expect((await f.run("tool")).json.exitCode).toBe(2);
    remove();
    expect((await f.run("tool")).json.exitCode).toBe(1);
    expect((await f.run("anything --fn")).json.exitCode).toBe(9);
  });

  test("a program sees argv, cwd, env, and the sandbox's files relative to its cwd", async () => {
    const f = await setup({ clock: "auto" });
    await f.writeFile("app/input.txt", "3");
    f.fake.programs.define("build", async (proc) => {
      const n = Number(proc.fs.read("input.txt"));
      proc.fs.mkdir("dist");
      proc.fs.write("dist/out.txt", `${n * 2} ${proc.env.LEVEL} ${proc.cwd} ${proc.argv[1]}\n`);
      proc.fs.write("dist/out.txt", "more\n", { append: true });
      proc.stdout.write(
        proc.fs
          .list()
          .map((e) => e.name)
          .join(","),
      );
      proc.stderr.write(new TextEncoder().encode("bytes ok"));
      await proc.sleep(500);
      return proc.fs.exists("dist/out.txt") ? 0 : 5;
    });
    const r = await f.run("build release", { cwd: "app", env: { LEVEL: "9" } });
    expect(r.json).toMatchObject({
      exitCode: 0,
      stdout: "dist,input.txt",
      stderr: "bytes ok",
      durationMs: 500,
      cwd: "/workspace/app",
    });
    expect((await f.readFile("app/dist/out.txt")).json.content).toBe(
      "6 9 /workspace/app release\nmore\n",
    );
  });

  test("a program's output follows the line's redirections", async () => {
    const f = await setup({ clock: "auto" });
    f.fake.programs.define("gen", (proc) => {
      proc.stdout.write("to file\n");
      proc.stderr.write("to log\n");
    });
    const r = await f.run("gen > gen.txt");
    expect(r.json).toMatchObject({ stdout: "", stderr: "to log\n" });
    expect((await f.readFile("gen.txt")).json.content).toBe("to file\n");
  });

  test("a thrown error is exit 1 with its message on stderr", async () => {
    const f = await setup({ clock: "auto" });
    f.fake.programs.define("boom", () => {
      throw new Error("kaboom");
    });
    f.fake.programs.define("read-missing", (proc) => {
      proc.fs.read("nope.txt");
    });
    expect((await f.run("boom; echo after")).json).toMatchObject({
      exitCode: 0,
      stdout: "after\n",
      stderr: "kaboom\n",
    });
    const r = await f.run("read-missing");
    expect(r.json.exitCode).toBe(1);
    expect(r.json.stderr).toMatch(/nope\.txt/);
  });

  test("a program can take over a line the mini shell can't parse (pipes)", async () => {
    const f = await setup({ clock: "auto" });
    f.fake.programs.define("cat log.txt | grep error", (proc) => {
      proc.stdout.write("error: 1\n");
    });
    expect((await f.run("cat log.txt | grep error")).json).toMatchObject({
      exitCode: 0,
      stdout: "error: 1\n",
    });
    expect((await f.run("cat x | wc -l")).json.exitCode).toBe(2);
  });

  test("programs survive fake.reset()", async () => {
    const f = await setup({ clock: "auto" });
    f.fake.programs.define("persist", () => 7);
    f.fake.reset();
    const sbx = await f.call("POST", "/v1/sandboxes", { body: {} });
    const r = await f.call("POST", `/v1/sandboxes/${sbx.json.id}/commands/run`, {
      body: { command: "persist" },
    });
    expect(r.json.exitCode).toBe(7);
  });
});
