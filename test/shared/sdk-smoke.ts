// The SDK's smoke scenario against the in-process fake, written once for every
// runtime: test/deno and test/bun wrap it in their own test API. It uses only
// web-standard APIs, so it runs unchanged on Node, Deno and Bun.
import { packTar } from "modern-tar";
import { createFake } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";
import { check } from "./check.ts";

/** A .tar.gz of the given files (text or bytes), mtime 0. */
export async function tarGz(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const tar = await packTar(
    Object.entries(files).map(([name, content]) => {
      const body = typeof content === "string" ? encoder.encode(content) : content;
      return { header: { name, size: body.byteLength, mtime: new Date(0) }, body };
    }),
  );
  const gzipped = new Blob([tar]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(gzipped).arrayBuffer());
}

/**
 * Creates a sandbox (`await using`), runs and streams commands, writes and
 * reads a file, then runs an archive as a workspace run; throws on the first
 * result that isn't what the fake must answer.
 */
export async function sdkSmoke(): Promise<void> {
  const fake = createFake({ clock: "auto" });
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const echo = await sandbox.commands.run("echo hello");
    check(echo.exitCode === 0 && echo.stdout === "hello\n", `echo: ${JSON.stringify(echo)}`);

    const started = await sandbox.commands.start("echo one; echo two");
    const logs: string[] = [];
    for await (const event of client.commands.streamLogs(started.id)) {
      if (event.type === "log") logs.push(event.data);
    }
    check(logs.join("") === "one\ntwo\n", `logs: ${JSON.stringify(logs)}`);

    await sandbox.files.write("notes/a.txt", "héllo", { createParents: true });
    const text = await sandbox.files.read("notes/a.txt");
    check(text === "héllo", `read: ${text}`);
  }
  check((await client.sandboxes.list()).length === 0, "await using killed the sandbox");

  fake.programs.define("check", async (proc) => {
    proc.stdout.write(await proc.fs.read("hello.txt"));
    return 0;
  });
  const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(
    await tarGz({ "hello.txt": "hi" }),
    { command: "check" },
  );
  check(workspaceRun.status === "succeeded", `run: ${workspaceRun.status}`);
  check(evidence.exitCode === 0, `evidence: ${evidence.exitCode}`);
  fake.reset();
}
