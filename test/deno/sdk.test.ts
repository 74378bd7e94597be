// The SDK's smoke test on Deno, against the in-process fake. `npm run
// test:deno` grants no env permission for CROWNEST_*: the client must neither
// crash nor prompt when it looks for CROWNEST_API_KEY.
import { packTar } from "modern-tar";
import { createFake } from "../../fake/index.ts";
import { CrowNestApiError, createCrowNestClient } from "../../src/index.ts";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

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

Deno.test("without env permission the client is created and reports missing_api_key", async () => {
  const state = Deno.permissions.querySync({ name: "env", variable: "CROWNEST_API_KEY" }).state;
  assert(state !== "granted", `this test needs CROWNEST_API_KEY not granted, got ${state}`);
  const client = createCrowNestClient({ fetch: () => Promise.reject(new Error("unreachable")) });
  const error = await client.projects.list().catch((e) => e);
  assert(error instanceof CrowNestApiError, `expected CrowNestApiError, got ${error}`);
  assert(error.code === "missing_api_key", `code ${error.code}`);
});

Deno.test("SDK smoke against the fake", async () => {
  const fake = createFake({ clock: "auto" });
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  {
    await using sandbox = await client.sandboxes.create({ template: "python" });
    const echo = await sandbox.commands.run("echo hello");
    assert(echo.exitCode === 0 && echo.stdout === "hello\n", `echo: ${JSON.stringify(echo)}`);

    const started = await sandbox.commands.start("echo one; echo two");
    const logs: string[] = [];
    for await (const event of client.commands.streamLogs(started.id)) {
      if (event.type === "log") logs.push(event.data);
    }
    assert(logs.join("") === "one\ntwo\n", `logs: ${JSON.stringify(logs)}`);

    await sandbox.files.write("notes/a.txt", "héllo", { createParents: true });
    const text = await sandbox.files.read("notes/a.txt");
    assert(text === "héllo", `read: ${text}`);
  }
  assert((await client.sandboxes.list()).length === 0, "await using killed the sandbox");

  fake.programs.define("check", async (proc) => {
    proc.stdout.write(await proc.fs.read("hello.txt"));
    return 0;
  });
  const { workspaceRun, evidence } = await client.workspaceRuns.runArchive(
    await tarGz({ "hello.txt": "hi" }),
    { command: "check" },
  );
  assert(workspaceRun.status === "succeeded", `run: ${workspaceRun.status}`);
  assert(evidence.exitCode === 0, `evidence: ${evidence.exitCode}`);
  fake.reset?.();
});
