// The SDK's smoke test on Bun, against the in-process fake.
import { expect, test } from "bun:test";
import { packTar } from "modern-tar";
import { createFake } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";

async function tarGz(files: Record<string, string>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const tar = await packTar(
    Object.entries(files).map(([name, text]) => {
      const body = encoder.encode(text);
      return { header: { name, size: body.byteLength, mtime: new Date(0) }, body };
    }),
  );
  const stream = new Blob([tar]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

test("SDK smoke against the fake", async () => {
  const fake = createFake({ clock: "auto" });
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const echo = await sandbox.commands.run("echo hello");
    expect(echo).toMatchObject({ exitCode: 0, stdout: "hello\n" });

    const started = await sandbox.commands.start("echo one; echo two");
    const logs: string[] = [];
    for await (const event of client.commands.streamLogs(started.id)) {
      if (event.type === "log") logs.push(event.data);
    }
    expect(logs.join("")).toBe("one\ntwo\n");

    await sandbox.files.write("notes/a.txt", "héllo", { createParents: true });
    expect(await sandbox.files.read("notes/a.txt")).toBe("héllo");
  }
  expect(await client.sandboxes.list()).toEqual([]);

  fake.programs.define("check", async (proc) => {
    proc.stdout.write(await proc.fs.read("hello.txt"));
    return 0;
  });
  const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(
    await tarGz({ "hello.txt": "hi" }),
    { command: "check" },
  );
  expect(workspaceRun.status).toBe("succeeded");
  expect(evidence.exitCode).toBe(0);
  fake.reset?.();
});
