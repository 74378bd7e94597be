// Commands through the fake's HTTP API: run/start/get, the status machine,
// validation, timeouts, cancellation, quotas, sandbox death, visibility,
// output caps and artifact collection. Every response is contract-checked.
import { describe, expect, test } from "vitest";
import { setup } from "./helpers/process.ts";

describe("run, start, get", () => {
  test("run waits for the end and returns the full record; a non-zero exit is no error", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("echo out; echo err >&2; exit 4");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      sandboxId: f.sandboxId,
      command: "echo out; echo err >&2; exit 4",
      cwd: "/workspace",
      status: "exited",
      exitCode: 4,
      stdout: "out\n",
      stderr: "err\n",
      stdoutTruncated: false,
      stderrTruncated: false,
      timeoutMs: 60_000,
      collectStatus: "not_requested",
      cancelMode: null,
      cancelReason: null,
      terminationSignal: null,
    });
    expect(r.json.id).toMatch(/^cmd_/);
    expect((await f.get(r.json.id)).json).toEqual(r.json);
  });

  test("run answers 202 with the running record after runWaitMs of fake time; the command goes on", async () => {
    const f = await setup({ clock: "manual", runWaitMs: 1000 });
    const pending = f.run("sleep 5");
    await f.fake.clock.advance(999);
    await f.fake.clock.advance(1);
    const r = await pending;
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ status: "running", exitCode: null, finishedAt: null });
    await f.fake.clock.advance(4000);
    expect((await f.get(r.json.id)).json).toMatchObject({ status: "exited", exitCode: 0 });
  });

  test("start answers 202 queued, then the command runs without any clock tick", async () => {
    const f = await setup();
    const s = await f.start("echo hi", { timeoutMs: 5000 });
    expect(s.status).toBe(202);
    expect(s.json).toMatchObject({
      status: "queued",
      exitCode: null,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      timeoutMs: 5000,
    });
    const g = await f.get(s.json.id);
    expect(g.json).toMatchObject({ status: "exited", exitCode: 0, stdout: "hi\n", durationMs: 0 });
    expect(g.json.startedAt).toBe(f.fake.clock.iso());
  });

  test("start rejects collect and collectOn (schema: additionalProperties false)", async () => {
    const f = await setup();
    const r = await f.start("true", { collect: [{ path: "a" }] });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_request");
  });

  test("a cwd that doesn't exist (or is a file) makes the command fail, not the request", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("echo never", { cwd: "missing/dir" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: "failed",
      exitCode: null,
      cwd: "/workspace/missing/dir",
      stdout: "",
      stderr: "sh: cd: /workspace/missing/dir: No such file or directory\n",
      startedAt: null,
      durationMs: null,
    });
    await f.writeFile("file.txt", "x");
    expect((await f.run("true", { cwd: "/workspace/file.txt" })).json.status).toBe("failed");
  });

  test.each(["/etc", "../x", "/workspace2", "a/../../b"])(
    "cwd %s outside the workspace is 400 path_outside_workspace",
    async (cwd) => {
      const f = await setup();
      const r = await f.start("true", { cwd });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("path_outside_workspace");
    },
  );

  test.each(["CROWNEST_TOKEN", "crownest_x", "CrowNestKey", "CROWNEST"])(
    "env key %s is 400 reserved_env_key",
    async (key) => {
      const f = await setup();
      const r = await f.start("true", { env: { OK: "1", [key]: "v" } });
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: "reserved_env_key", details: { key } });
    },
  );

  test("env values reach the program but are never returned", async () => {
    const f = await setup({ clock: "auto" });
    let seen = "";
    f.fake.programs.define("show", (proc) => {
      seen = proc.env.SECRET ?? "";
    });
    const r = await f.run("show", { env: { SECRET: "hunter2" } });
    expect(seen).toBe("hunter2");
    expect(r.json.env).toEqual({ SECRET: "[redacted]" });
    expect(r.text).not.toContain("hunter2");
    expect((await f.get(r.json.id)).text).not.toContain("hunter2");
  });

  test("timeoutMs over 600000 is refused by the schema", async () => {
    const f = await setup();
    expect((await f.start("true", { timeoutMs: 600_001 })).status).toBe(400);
  });

  test("unknown, malformed and invisible commands are 404", async () => {
    const f = await setup({ clock: "auto" });
    expect((await f.get("cmd_doesNotExist")).status).toBe(404);
    expect((await f.get("nope")).status).toBe(404);
    const r = await f.run("echo mine");
    const other = f.fake.createApiKey({ projectIds: [] });
    for (const res of [
      await f.get(r.json.id, { apiKey: other }),
      await f.call("GET", `/v1/commands/${r.json.id}/logs`, { apiKey: other }),
      await f.call("POST", `/v1/commands/${r.json.id}/cancel`, { apiKey: other }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
    expect((await f.run("true", {}, { apiKey: other })).status).toBe(404);
  });

  test("scopes: command:run to run, command:read to read", async () => {
    const f = await setup({ clock: "auto" });
    const reader = f.fake.createApiKey({ scopes: ["command:read"] });
    expect((await f.run("true", {}, { apiKey: reader })).status).toBe(403);
    const r = await f.run("true");
    const runner = f.fake.createApiKey({ scopes: ["command:run"] });
    expect((await f.get(r.json.id, { apiKey: runner })).status).toBe(403);
    expect((await f.get(r.json.id, { apiKey: reader })).status).toBe(200);
  });
});

describe("timeouts", () => {
  test("run past timeoutMs: 422 command_timed_out with the final record", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("echo started; sleep 5; echo never", { timeoutMs: 2000 });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe("command_timed_out");
    const command = r.json.error.details.command;
    expect(command).toMatchObject({
      status: "timed_out",
      exitCode: null,
      terminationSignal: "SIGKILL",
      stdout: "started\n",
      durationMs: 2000,
    });
    expect((await f.get(command.id)).json).toEqual(command);
  });

  test("a started command times out on the fake clock", async () => {
    const f = await setup();
    const s = await f.start("sleep 120");
    await f.fake.clock.advance(59_999);
    expect((await f.get(s.json.id)).json.status).toBe("running");
    await f.fake.clock.advance(1);
    expect((await f.get(s.json.id)).json).toMatchObject({
      status: "timed_out",
      exitCode: null,
      terminationSignal: "SIGKILL",
    });
  });
});

describe("cancel", () => {
  test("graceful: SIGTERM ends a sleeping program that doesn't handle it", async () => {
    const f = await setup();
    const s = await f.start("echo a; sleep 100; echo b");
    await f.fake.clock.advance(1000);
    const c = await f.cancel(s.json.id);
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({
      status: "canceled",
      cancelMode: "graceful",
      cancelReason: "requested",
      terminationSignal: "SIGTERM",
      exitCode: null,
      stdout: "a\n",
      durationMs: 1000,
    });
    expect(c.json.canceledAt).toBe(f.fake.clock.iso());
    expect(f.fake.clock.pendingTimers()).toBeLessThanOrEqual(1); // the sandbox's TTL only
  });

  test("graceful: a shell busy copying files (pausing for the server) answers canceled at once", async () => {
    const f = await setup({ clock: "auto" });
    await f.writeFile("b", "x".repeat(262_144));
    const grow = "cat b b b b b b b b > c; cat c c c c c c c c > b; ";
    // The shell yields a real macrotask every 20 ms of work; the cancel's answer
    // must come after the shell saw SIGTERM, whatever phase that yield is in.
    for (let i = 0; i < 2; i++) {
      const s = await f.start(grow + "cat b > c; cat c > b; ".repeat(400));
      let status = s.json.status;
      while (status === "queued") status = (await f.get(s.json.id)).json.status;
      expect(status).toBe("running");
      const c = await f.cancel(s.json.id);
      expect(c.json).toMatchObject({ status: "canceled", terminationSignal: "SIGTERM" });
    }
  }, 30_000);

  test("graceful: a program may clean up and exit with its own code", async () => {
    const f = await setup();
    let signals = 0;
    f.fake.programs.define("server", async (proc) => {
      proc.onSignal(() => signals++);
      try {
        await proc.sleep(1_000_000);
      } catch (reason) {
        expect(proc.signal.aborted).toBe(true);
        expect(proc.signal.reason).toBe("SIGTERM");
        proc.stdout.write(`got ${String(reason)}\n`);
        await proc.sleep(2000); // cleanup takes a while
        proc.stdout.write("clean\n");
        return 3;
      }
    });
    const s = await f.start("server; echo not-after-sigterm");
    await f.fake.clock.advance(0);
    const c = await f.cancel(s.json.id);
    expect(c.json).toMatchObject({
      status: "running",
      cancelMode: "graceful",
      terminationSignal: "SIGTERM",
    });
    expect(signals).toBe(1);
    // A second graceful cancel changes nothing.
    const again = await f.cancel(s.json.id);
    expect(again.json).toEqual(c.json);
    await f.fake.clock.advance(2000);
    expect((await f.get(s.json.id)).json).toMatchObject({
      status: "canceled",
      exitCode: 3,
      stdout: "got SIGTERM\nclean\n",
      terminationSignal: "SIGTERM",
    });
  });

  test("graceful: SIGKILL 10 s later when the program ignores SIGTERM; later output is dropped", async () => {
    const f = await setup();
    let wokeUp = false;
    f.fake.programs.define("stubborn", async (proc) => {
      try {
        await proc.sleep(1_000_000);
      } catch {
        for (;;) {
          await proc.sleep(4000);
          wokeUp = true;
          proc.stdout.write("still here\n");
        }
      }
    });
    const s = await f.start("stubborn");
    await f.fake.clock.advance(0);
    await f.cancel(s.json.id);
    await f.fake.clock.advance(9_999);
    const mid = (await f.get(s.json.id)).json;
    expect(mid).toMatchObject({ status: "running", stdout: "still here\nstill here\n" });
    await f.fake.clock.advance(1);
    const end = (await f.get(s.json.id)).json;
    expect(end).toMatchObject({
      status: "canceled",
      cancelMode: "graceful",
      terminationSignal: "SIGKILL",
      exitCode: null,
      durationMs: 10_000,
    });
    wokeUp = false;
    await f.fake.clock.advance(60_000);
    expect(wokeUp).toBe(false);
    expect((await f.get(s.json.id)).json).toEqual(end);
    expect((await f.logs(s.json.id)).json.data).toHaveLength(2);
  });

  test("force: SIGKILL at once; a force after a graceful one escalates", async () => {
    const f = await setup();
    const s = await f.start("sleep 100");
    const c = await f.cancel(s.json.id, "force");
    expect(c.json).toMatchObject({
      status: "canceled",
      cancelMode: "force",
      terminationSignal: "SIGKILL",
      exitCode: null,
    });

    f.fake.programs.define("ignore-term", async (proc) => {
      proc.onSignal(() => {});
      for (;;) await proc.sleep(1000).catch(() => {});
    });
    const t = await f.start("ignore-term");
    await f.fake.clock.advance(0);
    const g = await f.cancel(t.json.id, "graceful");
    expect(g.json.status).toBe("running");
    await f.fake.clock.advance(3000);
    const k = await f.cancel(t.json.id, "force");
    expect(k.json).toMatchObject({
      status: "canceled",
      cancelMode: "force",
      terminationSignal: "SIGKILL",
      canceledAt: g.json.canceledAt,
    });
  });

  test("a killed program that wakes up anyway can't write output or files", async () => {
    const f = await setup();
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    f.fake.programs.define("zombie", async (proc) => {
      proc.stdout.write("alive\n");
      await gate; // not a fake-clock sleep: SIGKILL can't stop this await
      proc.stdout.write("zombie output\n");
      proc.fs.write("zombie.txt", "brains");
      return 0;
    });
    const s = await f.start("zombie");
    // Not advance(0): the program awaits real work (the gate), so it holds the clock.
    await new Promise((resolve) => setImmediate(resolve));
    const killed = await f.cancel(s.json.id, "force");
    release();
    await f.fake.clock.advance(0);
    expect((await f.get(s.json.id)).json).toEqual(killed.json);
    expect(killed.json.stdout).toBe("alive\n");
    expect((await f.logs(s.json.id)).json.data).toHaveLength(1);
    expect((await f.readFile("zombie.txt")).status).toBe(404);
  });

  test("cancelling an ended command returns it unchanged", async () => {
    const f = await setup({ clock: "auto" });
    const r = await f.run("echo done");
    for (const mode of ["graceful", "force"] as const) {
      const c = await f.cancel(r.json.id, mode);
      expect(c.status).toBe(200);
      expect(c.json).toEqual(r.json);
    }
  });

  test("cancelling a command that has not started yet ends it at once", async () => {
    const f = await setup();
    // Through the runtime, to cancel in the same turn as the spawn (still `queued`).
    const runtime = f.fake.context.commands.runtime;
    const state = runtime.spawn(f.sandboxId, { command: "echo never" });
    expect(state.snapshot().status).toBe("queued");
    expect(runtime.cancel(state.id, "graceful")).toMatchObject({
      status: "canceled",
      cancelMode: "graceful",
      terminationSignal: "SIGTERM",
      exitCode: null,
      startedAt: null,
      durationMs: null,
    });
    await f.fake.clock.advance(0);
    expect((await f.get(state.id)).json).toMatchObject({ status: "canceled", stdout: "" });
    expect(await state.done).toMatchObject({ status: "canceled" });
  });
});

describe("limits and sandbox lifetime", () => {
  test("unfinished commands per sandbox are capped: 429 quota_exceeded", async () => {
    const f = await setup({ plan: { maxRunningCommandsPerSandbox: 2 } });
    const a = await f.start("sleep 10");
    await f.start("sleep 20");
    const third = await f.start("true");
    expect(third.status).toBe(429);
    expect(third.json.error).toMatchObject({ code: "quota_exceeded", details: { limit: 2 } });
    expect(third.headers.get("retry-after")).toBeNull();
    await f.cancel(a.json.id, "force");
    expect((await f.start("true")).status).toBe(202);
  });

  test("when the sandbox ends its commands are killed; new ones are 409 sandbox_destroyed", async () => {
    const f = await setup();
    const s = await f.start("echo up; sleep 100; echo never");
    await f.fake.clock.advance(5000);
    const killed = await f.call("DELETE", `/v1/sandboxes/${f.sandboxId}`);
    expect(killed.status).toBe(200);
    const g = await f.get(s.json.id);
    expect(g.json).toMatchObject({
      status: "killed",
      killedReason: "sandbox_destroyed",
      terminationSignal: "SIGKILL",
      exitCode: null,
      stdout: "up\n",
      durationMs: 5000,
    });
    await f.fake.clock.advance(200_000);
    expect((await f.get(s.json.id)).json).toEqual(g.json);
    for (const r of [await f.start("true"), await f.run("true")]) {
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe("sandbox_destroyed");
    }
  });

  test("a sandbox's TTL expiry kills its commands too", async () => {
    const f = await setup();
    const s = await f.start("sleep 1000", { timeoutMs: 600_000 });
    await f.fake.clock.advance(300_000);
    expect((await f.get(s.json.id)).json).toMatchObject({
      status: "killed",
      killedReason: "sandbox_destroyed",
    });
  });

  test("stdout and stderr are capped on the record; every chunk stays in the logs", async () => {
    const f = await setup({ clock: "auto", plan: { outputCapBytes: 10 } });
    f.fake.programs.define("chatty", (proc) => {
      proc.stdout.write("12345");
      proc.stdout.write("é6789"); // "é" is 2 bytes: 5 + 6 = 11 > 10
      proc.stdout.write("more");
      proc.stderr.write("short");
    });
    const r = await f.run("chatty");
    expect(r.json).toMatchObject({
      stdout: "12345é678",
      stdoutTruncated: true,
      stderr: "short",
      stderrTruncated: false,
    });
    expect((await f.logs(r.json.id)).json.data.map((c: { data: string }) => c.data)).toEqual([
      "12345",
      "é6789",
      "more",
      "short",
    ]);
  });

  test("the cap never splits a character, and keeps a U+FFFD the program really wrote", async () => {
    const f = await setup({ clock: "auto", plan: { outputCapBytes: 6 } });
    f.fake.programs.define("odd", (proc) => {
      proc.stdout.write("abc\uFFFDd"); // U+FFFD is 3 bytes: the cut at 6 falls just after it
      proc.stderr.write("abcd€"); // "€" is 3 bytes: the cut at 6 splits it
    });
    const r = await f.run("odd");
    expect(r.json).toMatchObject({
      stdout: "abc\uFFFD",
      stdoutTruncated: true,
      stderr: "abcd",
      stderrTruncated: true,
    });
  });
});

describe("collect", () => {
  test("collects files relative to the cwd as artifacts after a successful exit", async () => {
    const f = await setup({ clock: "auto" });
    await f.run("mkdir app");
    const r = await f.run("echo '<xml/>' > report.xml; echo log > run.log", {
      cwd: "app",
      collect: [{ path: "report.xml", name: "test-report" }, { path: "/workspace/app/run.log" }],
    });
    expect(r.json.collectStatus).toBe("succeeded");
    expect(r.json.collectErrors).toEqual([]);
    expect(r.json.collectedArtifacts).toEqual([
      {
        artifactId: expect.stringMatching(/^art_/),
        path: "/workspace/app/report.xml",
        name: "test-report",
      },
      {
        artifactId: expect.stringMatching(/^art_/),
        path: "/workspace/app/run.log",
        name: "run.log",
      },
    ]);
    const art = await f.call("GET", `/v1/artifacts/${r.json.collectedArtifacts[0].artifactId}`);
    expect(art.json).toMatchObject({ commandId: r.json.id, name: "test-report" });
  });

  test("partial and failed collection report each missing file", async () => {
    const f = await setup({ clock: "auto" });
    const partial = await f.run("touch a.txt", {
      collect: [{ path: "a.txt" }, { path: "missing.txt", name: "m" }],
    });
    expect(partial.json.collectStatus).toBe("partial");
    expect(partial.json.collectErrors).toEqual([
      { path: "/workspace/missing.txt", name: "m", code: "not_found", message: expect.any(String) },
    ]);
    const failed = await f.run("mkdir d", { collect: [{ path: "d" }] });
    expect(failed.json).toMatchObject({
      collectStatus: "failed",
      collectedArtifacts: [],
      collectErrors: [{ path: "/workspace/d", code: "is_a_directory" }],
    });
  });

  test("collectOn success skips after a non-zero exit; always collects anyway", async () => {
    const f = await setup({ clock: "auto" });
    const skipped = await f.run("touch out.txt; false", { collect: [{ path: "out.txt" }] });
    expect(skipped.json).toMatchObject({
      exitCode: 1,
      collectStatus: "skipped",
      collectedArtifacts: [],
    });
    const always = await f.run("touch out.txt; false", {
      collect: [{ path: "out.txt" }],
      collectOn: "always",
    });
    expect(always.json).toMatchObject({ exitCode: 1, collectStatus: "succeeded" });
  });

  test("collectStatus is pending while the command runs", async () => {
    const f = await setup();
    let id = "";
    f.fake.programs.define("work", async (proc) => {
      id = proc.commandId;
      await proc.sleep(1000);
      proc.fs.write("x", "done");
    });
    const runP = f.run("work", { collect: [{ path: "x" }] });
    await f.fake.clock.advance(500);
    expect((await f.get(id)).json).toMatchObject({ status: "running", collectStatus: "pending" });
    await f.fake.clock.advance(500);
    const r = await runP;
    expect(r.json).toMatchObject({ id, collectStatus: "succeeded" });
  });

  test("collect needs artifact:create (403 at request time); paths must stay in /workspace", async () => {
    const f = await setup({ clock: "auto" });
    const key = f.fake.createApiKey({ scopes: ["command:run", "command:read"] });
    const r = await f.run("touch x", { collect: [{ path: "x" }] }, { apiKey: key });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("forbidden");
    expect((await f.run("true", {}, { apiKey: key })).status).toBe(200);
    const out = await f.run("true", { collect: [{ path: "../etc/passwd" }] });
    expect(out.status).toBe(400);
    expect(out.json.error.code).toBe("path_outside_workspace");
  });
});
