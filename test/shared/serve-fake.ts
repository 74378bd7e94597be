// serveFake on the runtime's own server (Deno.serve, Bun.serve), over real
// HTTP on 127.0.0.1: the cases Deno and Bun share. Runtime-neutral.
import { serveFake } from "../../fake/index.ts";
import { createCrowNestClient } from "../../src/index.ts";
import { check } from "./check.ts";
import { FIVE_LINES, rawClient, readRaw } from "./raw-sse.ts";

/** setup(fake) runs before the first request; url, fake.apiKey; close() stops listening. */
export async function serveFakeLifecycle(runtime: string): Promise<void> {
  const seen: string[] = [];
  const server = await serveFake({
    port: 0,
    clock: "auto",
    setup: (fake) => {
      seen.push(fake.baseUrl);
      fake.programs.define("greet", async (proc) => {
        proc.stdout.write(`hello ${proc.argv[1]}\n`);
      });
    },
  });
  let closed = false;
  try {
    check(server.url === `http://127.0.0.1:${server.port}`, server.url);
    check(seen.length === 1 && seen[0] === server.url, `setup saw ${seen}`);
    check(/^cn_test_[0-9a-f]{32}$/.test(server.fake.apiKey), "a random key");
    const client = createCrowNestClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
    const sandbox = await client.sandboxes.create();
    const ran = await client.commands.run(sandbox.id, `greet ${runtime}`);
    check(ran.stdout === `hello ${runtime}\n` && ran.exitCode === 0, JSON.stringify(ran));
    await server.close();
    closed = true;
    const after = await fetch(`${server.url}/v1/projects`).then(
      () => "answered",
      () => "refused",
    );
    check(after === "refused", `after close(): ${after}`);
  } finally {
    if (!closed) await server.close();
  }
}

/** A cut-stream fault delivers N whole events, then an abrupt end. */
export async function cutStreamDeliversWholeEvents(): Promise<void> {
  const server = await serveFake({ port: 0, clock: "auto" });
  try {
    const raw = rawClient(fetch, server.url, server.fake.apiKey);
    const sandbox = await raw.post("/v1/sandboxes", {});
    for (const n of [1, 2, 3]) {
      // On the auto clock every line is there when the stream opens: one batch.
      const command = await raw.post(`/v1/sandboxes/${sandbox.id}/commands/run`, {
        command: FIVE_LINES,
      });
      server.fake.faults.add({ operation: "streamCommandLogs", times: 1, cutStreamAfterEvents: n });
      const got = await readRaw(await raw.stream(`/v1/commands/${command.id}/logs/stream`));
      check(!got.partial, `N=${n}: a partial event`);
      check(
        got.names.length === n && got.names.every((name) => name === "log"),
        `N=${n}: ${got.names}`,
      );
      check(got.ended !== "end", `N=${n}: the stream ended cleanly`);
    }
  } finally {
    await server.close();
  }
}
