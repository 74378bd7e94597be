// commands.run(sandboxId, command, { onStdout, onStderr }): output arrives
// while the call waits, on the client and on the sandbox handle; the final
// record is the one run gives without callbacks (idempotent replay, collect,
// command_timed_out), and cut streams lose or repeat no chunk.
import { describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { CrowNestApiError } from "../../../src/index.ts";

/** A fake whose `talk N` writes N numbered lines to stdout and every third to stderr. */
function setup(clock: "auto" | "manual" = "auto") {
  const fake = createFake({ clock });
  fake.programs.define("talk", async (proc) => {
    const n = Number(proc.argv[1]);
    for (let i = 1; i <= n; i++) {
      proc.stdout.write(`out ${i}\n`);
      if (i % 3 === 0) proc.stderr.write(`err ${i}\n`);
      await proc.sleep(10);
    }
  });
  // Writes one line, then waits for fake time: only a live callback can move the clock.
  fake.programs.define("first-then-wait", async (proc) => {
    proc.stdout.write("first\n");
    await proc.sleep(1000);
    proc.stdout.write("after\n");
  });
  return { fake, client: fake.client() };
}

function collector() {
  const out: string[] = [];
  const err: string[] = [];
  const on = {
    onStdout: (data: string) => {
      out.push(data);
    },
    onStderr: (data: string) => {
      err.push(data);
    },
  };
  return { out, err, on };
}

describe("commands.run with onStdout / onStderr", () => {
  it("delivers output while the call waits (the callback moves a manual clock)", async () => {
    const { fake, client } = setup("manual");
    const sandbox = await client.sandboxes.create();
    const seen: string[] = [];
    const result = await client.commands.run(sandbox.id, "first-then-wait", {
      onStdout: (data) => {
        seen.push(data);
        if (data === "first\n") void fake.clock.advance(1000);
      },
    });
    expect(seen).toEqual(["first\n", "after\n"]);
    expect(result).toMatchObject({ status: "exited", exitCode: 0, stdout: "first\nafter\n" });
  });

  it("on the sandbox handle too", async () => {
    const { client } = setup();
    const sandbox = await client.sandboxes.create();
    const c = collector();
    const result = await sandbox.commands.run("talk 7", c.on);
    expect(c.out.join("")).toBe(result.stdout);
    expect(c.err.join("")).toBe(result.stderr);
    expect(c.out).toHaveLength(7);
    expect(c.err).toEqual(["err 3\n", "err 6\n"]);
  });

  it("the final record is the one run gives without callbacks, collect included", async () => {
    const { client } = setup();
    const sandbox = await client.sandboxes.create();
    await sandbox.files.write("report.txt", "ok");
    const input = { collect: [{ path: "report.txt" }] };
    const plain = await client.commands.run(sandbox.id, "talk 4", input);
    const c = collector();
    const live = await client.commands.run(sandbox.id, "talk 4", { ...input, ...c.on });
    const shape = (r: typeof plain) => ({
      status: r.status,
      exitCode: r.exitCode,
      stdout: r.stdout,
      stderr: r.stderr,
      artifacts: r.collectedArtifacts.map((a) => a.path),
    });
    expect(shape(live)).toEqual(shape(plain));
    expect(live.collectedArtifacts).toHaveLength(1);
    expect(c.out.join("")).toBe(live.stdout);
  });

  it("a timeout is still 422 command_timed_out with the final record", async () => {
    const { client } = setup();
    const sandbox = await client.sandboxes.create();
    const c = collector();
    const error = await client.commands
      .run(sandbox.id, "echo before; sleep 5", { timeoutMs: 1000, ...c.on })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrowNestApiError);
    expect(error).toMatchObject({ status: 422, code: "command_timed_out" });
    expect((error as CrowNestApiError).details?.command).toMatchObject({ status: "timed_out" });
    expect(c.out).toEqual(["before\n"]);
  });

  it("an idempotent replay starts no second process and delivers the output again", async () => {
    const { fake, client } = setup();
    const sandbox = await client.sandboxes.create();
    const first = collector();
    const a = await client.commands.run(sandbox.id, "talk 5", {
      idempotencyKey: "k1",
      ...first.on,
    });
    const second = collector();
    const b = await client.commands.run(sandbox.id, "talk 5", {
      idempotencyKey: "k1",
      ...second.on,
    });
    expect(b.id).toBe(a.id);
    expect(b.stdout).toBe(a.stdout);
    expect(first.out).toHaveLength(5);
    expect(second.out).toEqual(first.out);
    const spawned = fake.snapshot().commands.filter((c) => c.record.command === "talk 5");
    expect(spawned).toHaveLength(1);
  });

  it("streams cut by faults lose or repeat no chunk in the callbacks", async () => {
    const { fake, client } = setup();
    const sandbox = await client.sandboxes.create();
    fake.faults.add({ operation: "streamCommandLogs", cutStreamAfterEvents: 3 });
    const c = collector();
    const result = await client.commands.run(sandbox.id, "talk 30", c.on);
    expect(c.out).toEqual(Array.from({ length: 30 }, (_, i) => `out ${i + 1}\n`));
    expect(c.err).toEqual(Array.from({ length: 10 }, (_, i) => `err ${3 * (i + 1)}\n`));
    expect(c.out.join("")).toBe(result.stdout);
    expect(fake.requests.list({ operationId: "streamCommandLogs" }).length).toBeGreaterThan(5);
  });
});
