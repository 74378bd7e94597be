// Testing with the fake, on `deno test` (`npm run test:examples`).
// In your project the imports are "@crownest/sdk" and "@crownest/sdk/fake".
import { deepStrictEqual as equal } from "node:assert/strict";
import { createFake } from "../../fake/index.ts";

Deno.test("auto clock (the default): fake time passes by itself while a call waits on it", async () => {
  const fake = createFake();
  const client = fake.client();
  const sandbox = await client.sandboxes.create({ template: "python" });
  const cmd = await client.commands.run(sandbox.id, "sleep 30 && echo done");
  equal(cmd.stdout, "done\n");
  equal(fake.clock.iso(), "2026-01-01T00:00:30.000Z");
});

Deno.test("programs may do real async work: the clock waits for them", async () => {
  const fake = createFake();
  fake.programs.define("pytest -q", async (proc) => {
    // Real work: a real timer and Web Crypto. No wrapping needed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode("x"));
    proc.stdout.write(`${new Uint8Array(digest).length} passed\n`);
    await proc.sleep(5_000); // fake time
    return 0;
  });
  const client = fake.client();
  const sandbox = await client.sandboxes.create();
  const cmd = await client.commands.run(sandbox.id, "pytest -q", { timeoutMs: 10_000 });
  equal([cmd.status, cmd.exitCode, cmd.stdout], ["exited", 0, "32 passed\n"]);
});

Deno.test("manual clock: nothing moves until the test says so", async () => {
  const fake = createFake({ clock: "manual" });
  const client = fake.client();
  const sandbox = await client.sandboxes.create({ ttlMs: 60_000 });
  const started = await client.commands.start(sandbox.id, "sleep 10; echo woke");
  equal(
    fake.clock.pending().map((t) => t.inMs),
    [10_000, 60_000, 60_000],
  );
  await fake.clock.next(); // to the 10 s sleep
  equal((await client.commands.get(started.id)).stdout, "woke\n");
  await fake.clock.runAll(); // the sandbox's TTL
  equal((await client.sandboxes.get(sandbox.id)).status, "destroyed");
});

Deno.test("faults: the SDK retries a 503, and the journal shows both attempts", async () => {
  const fake = createFake();
  fake.faults.add({ operation: "listProjects", status: 503, retryAfterMs: 1000, times: 1 });
  const projects = await fake.client().projects.list();
  equal(projects.length, 1);
  const calls = fake.requests.list({ operationId: "listProjects" });
  equal(
    calls.map((c) => c.status),
    [503, 200],
  );
});

Deno.test("the request journal: exactly one sandbox was created, with this metadata", async () => {
  const fake = createFake();
  await fake.client().sandboxes.create({ metadata: { pr: "42" } });
  const created = fake.requests.list({ operationId: "createSandbox" });
  equal(created.length, 1);
  equal(created[0]?.body, { metadata: { pr: "42" } });
  equal(created[0]?.status, 201);
});

Deno.test("fixtures: start from a snapshot", async () => {
  const setup = createFake();
  const sandbox = await setup.client().sandboxes.create();
  await setup.client().files.write(sandbox.id, "data.csv", "a,b\n1,2\n");
  const fixture = JSON.stringify(setup.snapshot()); // e.g. saved to a file

  const fake = createFake({ state: JSON.parse(fixture) });
  equal(await fake.client().files.read(sandbox.id, "data.csv"), "a,b\n1,2\n");
});
