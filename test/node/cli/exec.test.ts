// `crownest exec` as a subprocess against a fake served over HTTP: live
// streaming to the CLI's own stdout and stderr, exit codes, --json events,
// and Ctrl-C (graceful cancel, then force).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxId } from "../../../src/index.ts";
import {
  cli,
  killAll,
  ndjson,
  type ServedFake,
  SUBPROCESS_TIMEOUT_MS,
  serveClockPair,
  startCli,
} from "./helpers/harness.ts";

let auto: ServedFake;
let manual: ServedFake;
let autoSandbox: SandboxId;
let manualSandbox: SandboxId;

beforeAll(async () => {
  ({ auto, manual, autoSandbox, manualSandbox } = await serveClockPair());
  auto.fake.programs.define("long-sleep", async (proc) => {
    await proc.sleep(30_000);
    return 0;
  });
  // Prints, then waits on the (manual) clock; on SIGTERM it says so and keeps waiting.
  manual.fake.programs.define("stubborn", async (proc) => {
    proc.stdout.write("ready\n");
    try {
      await proc.sleep(3_600_000);
    } catch {
      proc.stdout.write("got SIGTERM, ignoring it\n");
      await proc.sleep(3_600_000);
    }
    return 0;
  });
  // Dies of SIGTERM (the sleep's rejection escapes).
  manual.fake.programs.define("meek", async (proc) => {
    proc.stderr.write("waiting\n");
    await proc.sleep(3_600_000);
  });
  // Prints twice with fake time in between: shows output arrives before the command ends.
  manual.fake.programs.define("two-steps", async (proc) => {
    proc.stdout.write("first\n");
    await proc.sleep(5_000);
    proc.stdout.write("second\n");
    return 4;
  });
}, 180_000);

afterAll(async () => {
  killAll();
  await auto?.close();
  await manual?.close();
});

describe("crownest exec", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("writes stdout and stderr to its own, and exits with the command's exit code", async () => {
    const r = await cli(["exec", autoSandbox, "--", "echo out; echo err >&2; exit 3"], {
      fake: auto,
    });
    expect(r).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
    const ok = await cli(["exec", autoSandbox, "--", "echo", "two words", "it's"], { fake: auto });
    expect(ok).toEqual({ code: 0, stdout: "two words it's\n", stderr: "" });
    const missing = await cli(["exec", autoSandbox, "--", "no-such-program"], { fake: auto });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain("command not found");
  });

  it("passes --env, --cwd and --timeout; a timeout exits 124", async () => {
    await auto.client.files.mkdir(autoSandbox, "sub");
    const r = await cli(
      [
        "exec",
        autoSandbox,
        "--env",
        "GREETING=hi",
        "--cwd",
        "/workspace/sub",
        "--",
        "echo $GREETING; pwd",
      ],
      { fake: auto },
    );
    expect(r).toEqual({ code: 0, stdout: "hi\n/workspace/sub\n", stderr: "" });
    const slow = await cli(["exec", autoSandbox, "--timeout", "1s", "--json", "--", "long-sleep"], {
      fake: auto,
    });
    expect(slow.code).toBe(124);
    const end = ndjson(slow.stdout).at(-1) as { command: Record<string, unknown> };
    expect(end.command).toMatchObject({ status: "timed_out", timeoutMs: 1000, exitCode: null });
    const human = await cli(["exec", autoSandbox, "--timeout", "1s", "--", "long-sleep"], {
      fake: auto,
    });
    expect(human.code).toBe(124);
    expect(human.stderr).toMatch(/^crownest: cmd_\w+ timed out after 1\.0s \(exit 124\)\n$/);
  });

  it("streams live: output shows before the command ends", async () => {
    const run = startCli(["exec", manualSandbox, "--", "two-steps"], { fake: manual });
    await run.waitFor("stdout", /first\n/);
    expect(run.stdout).toBe("first\n");
    await manual.fake.clock.advance(5_000);
    const r = await run.exited;
    expect(r).toEqual({ code: 4, stdout: "first\nsecond\n", stderr: "" });
  });

  it("--json prints NDJSON: the started command, log events, the terminal event", async () => {
    const r = await cli(["exec", autoSandbox, "--json", "--", "echo a; echo b >&2"], {
      fake: auto,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const events = ndjson(r.stdout);
    expect(events.map((e) => e.type)).toEqual(["command", "log", "log", "terminal"]);
    const [started, a, b, end] = events as [
      { command: { id: string; status: string } },
      { stream: string; data: string; seq: number },
      { stream: string; data: string; seq: number },
      { command: { id: string; status: string; exitCode: number } },
    ];
    expect(started.command.id).toMatch(/^cmd_/);
    expect([a.stream, a.data, a.seq]).toEqual(["stdout", "a\n", 1]);
    expect([b.stream, b.data, b.seq]).toEqual(["stderr", "b\n", 2]);
    expect(end.command).toMatchObject({ id: started.command.id, status: "exited", exitCode: 0 });
  });

  it("first Ctrl-C cancels gracefully and keeps streaming; the second forces it (exit 137)", async () => {
    const run = startCli(["exec", manualSandbox, "--", "stubborn"], { fake: manual });
    await run.waitFor("stdout", /ready\n/);
    run.child.kill("SIGINT");
    await run.waitFor("stdout", /got SIGTERM, ignoring it\n/);
    await run.waitFor(
      "stderr",
      /canceling cmd_\w+ \(graceful, SIGTERM\); press Ctrl-C again to force/,
    );
    const id = /canceling (cmd_\w+)/.exec(run.stderr)?.[1] as `cmd_${string}`;
    const graceful = await manual.client.commands.get(id);
    expect(graceful).toMatchObject({
      status: "running",
      cancelMode: "graceful",
      terminationSignal: "SIGTERM",
    });
    expect(run.child.exitCode).toBeNull();

    run.child.kill("SIGINT");
    const r = await run.exited;
    expect(r.code).toBe(137);
    expect(r.stdout).toBe("ready\ngot SIGTERM, ignoring it\n");
    expect(r.stderr).toContain("(force, SIGKILL)");
    expect(r.stderr).toMatch(/\ncrownest: cmd_\w+ was canceled, ended by SIGKILL \(exit 137\)\n$/);
    expect(await manual.client.commands.get(id)).toMatchObject({
      status: "canceled",
      cancelMode: "force",
      terminationSignal: "SIGKILL",
      exitCode: null,
    });
  });

  it("a command that dies of the graceful SIGTERM exits 143", async () => {
    const run = startCli(["exec", manualSandbox, "--json", "--", "meek"], { fake: manual });
    await run.waitFor("stdout", /"data":"waiting\\n"/);
    run.child.kill("SIGINT");
    const r = await run.exited;
    expect(r.code).toBe(143);
    const end = ndjson(r.stdout).at(-1) as { type: string; command: Record<string, unknown> };
    expect(end.type).toBe("terminal");
    expect(end.command).toMatchObject({
      status: "canceled",
      cancelMode: "graceful",
      terminationSignal: "SIGTERM",
      exitCode: null,
    });
  });

  it("reports API failures as `error: <code>: <message>`, exit 1", async () => {
    const r = await cli(["exec", "sbx_doesnotexist", "--", "true"], { fake: auto });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: not_found: .+\n {2}request id: req_\w+\n$/);
    const json = await cli(["exec", "sbx_doesnotexist", "--json", "--", "true"], { fake: auto });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: "not_found", status: 404, requestId: expect.stringMatching(/^req_/) },
    });
  });

  it("needs -- <command> (usage, exit 2)", async () => {
    const r = await cli(["exec", autoSandbox], { fake: auto });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("crownest exec: missing -- <command>\nrun 'crownest exec --help'\n");
  });
});
