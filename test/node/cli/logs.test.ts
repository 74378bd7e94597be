// `crownest logs <commandId>` and `crownest runs logs <runId>` as a
// subprocess against a fake served over HTTP: stored output, paging past the
// API's 100-chunk page, --after-seq, --follow until the command ends, the
// replay of a run's output from its first event, and --json.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "crownest-cli-logs-"));
  ({ auto, manual, autoSandbox, manualSandbox } = await serveClockPair());
  // One chunk per line, to both streams: more chunks than one page of logs.
  auto.fake.programs.define("chatty", (proc) => {
    for (let i = 1; i <= 130; i++) (i % 10 === 0 ? proc.stderr : proc.stdout).write(`line ${i}\n`);
    return 0;
  });
  auto.fake.programs.define("both", (proc) => {
    proc.stdout.write("to stdout\n");
    proc.stderr.write("to stderr\n");
    return 5;
  });
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
  if (work) await rm(work, { recursive: true, force: true });
});

const lines = (from: number, to: number, keep: (i: number) => boolean) =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k)
    .filter(keep)
    .map((i) => `line ${i}\n`)
    .join("");

describe("crownest logs", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("prints a finished command's output to stdout and stderr, page after page", async () => {
    const done = await auto.client.commands.run(autoSandbox, "chatty");
    const r = await cli(["logs", done.id], { fake: auto });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(lines(1, 130, (i) => i % 10 !== 0));
    expect(r.stderr).toBe(lines(1, 130, (i) => i % 10 === 0));
    const pages = auto.requests.filter((q) => q === `GET /v1/commands/${done.id}/logs`);
    expect(pages).toHaveLength(2);
  });

  it("--after-seq starts after that chunk; --json prints one log event per chunk", async () => {
    const done = await auto.client.commands.run(autoSandbox, "chatty");
    const r = await cli(["logs", done.id, "--after-seq", "125", "--json"], { fake: auto });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const events = ndjson(r.stdout);
    expect(events.map((e) => [e.type, e.seq, e.stream, e.data])).toEqual([
      ["log", 126, "stdout", "line 126\n"],
      ["log", 127, "stdout", "line 127\n"],
      ["log", 128, "stdout", "line 128\n"],
      ["log", 129, "stdout", "line 129\n"],
      ["log", 130, "stderr", "line 130\n"],
    ]);
  });

  it("--follow streams live output until the command ends", async () => {
    const started = await manual.client.commands.start(manualSandbox, "two-steps");
    const run = startCli(["logs", started.id, "--follow"], { fake: manual });
    await run.waitFor("stdout", /first\n/);
    expect(run.child.exitCode).toBeNull();
    await manual.fake.clock.advance(5_000);
    const r = await run.exited;
    expect(r).toEqual({ code: 0, stdout: "first\nsecond\n", stderr: "" });
  });

  it("--follow --json adds the terminal event", async () => {
    const done = await auto.client.commands.run(autoSandbox, "both");
    const r = await cli(["logs", done.id, "-f", "--json"], { fake: auto });
    expect(r.code).toBe(0);
    const events = ndjson(r.stdout);
    expect(events.map((e) => e.type)).toEqual(["log", "log", "terminal"]);
    expect(events[2]).toMatchObject({ command: { id: done.id, exitCode: 5 } });
  });

  it("an unknown command is the API's not_found; a bad --after-seq is a usage error", async () => {
    const missing = await cli(["logs", "cmd_nope"], { fake: auto });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: not_found: /);
    const bad = await cli(["logs", "cmd_nope", "--after-seq", "last"], { fake: auto });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "crownest logs: --after-seq must be an integer, got 'last'\nrun 'crownest logs --help'\n",
    );
  });
});

describe("crownest runs logs", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it("replays a finished run's stdout and stderr from its first event", async () => {
    const dir = await mkdtemp(join(work, "project-"));
    await writeFile(join(dir, "a.txt"), "a\n");
    const run = await cli(["run", dir, "--", "both"], { fake: auto });
    expect(run.code).toBe(5);
    const id = /workspace run (wsr_\w+)/.exec(run.stderr)?.[1] as string;

    const before = auto.requests.length;
    const r = await cli(["runs", "logs", id], { fake: auto });
    expect(r).toEqual({ code: 0, stdout: "to stdout\n", stderr: "to stderr\n" });
    expect(auto.requests.slice(before)).toEqual([`GET /v1/workspace-runs/${id}/events`]);

    const json = await cli(["runs", "logs", id, "--json"], { fake: auto });
    expect(json.code).toBe(0);
    const events = ndjson(json.stdout);
    expect(events.map((e) => [e.type, e.data ?? null])).toEqual([
      ["stdout", "to stdout\n"],
      ["stderr", "to stderr\n"],
      ["terminal", null],
    ]);
    expect(events[2]).toMatchObject({ workspaceRun: { id, exitCode: 5, status: "failed" } });
  });
});
