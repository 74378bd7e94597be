// A manual clock nobody moves, as a new user meets it: the SDK gives the
// fake's explanation (409 invalid_state, details.clockStalled) within a test
// runner's default 5 s timeout, on a plain call and on the stream path, at the
// first stall and not retried. Runtime-neutral: Node (vitest) and Bun run it
// with no timeout override.
import { createFake } from "../../fake/index.ts";
import { CrowNestApiError } from "../../src/index.ts";
import { check } from "./check.ts";

async function stalled(p: Promise<unknown>, what: string): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  check(error instanceof CrowNestApiError, `${what}: expected a CrowNestApiError, got ${error}`);
  const text = `${what}: ${error.status} ${error.code}: ${error.message}`;
  check(error.status === 409 && error.code === "invalid_state", text);
  check(error.details?.clockStalled === true, `${text} (details ${JSON.stringify(error.details)})`);
  check(/manual clock stalled/.test(error.message), text);
}

/** commands.run("sleep 1") on a manual clock nobody moves. */
export async function runOnAStalledClock(): Promise<void> {
  const fake = createFake({ clock: "manual" });
  const client = fake.client();
  const sandbox = await client.sandboxes.create();
  await stalled(client.commands.run(sandbox.id, "sleep 1"), "commands.run");
  check(fake.context.unexpectedErrors.length === 0, "the fake logged no unexpected error");
}

/** streamLogs of a sleeping command on a manual clock nobody moves: one connection. */
export async function streamOnAStalledClock(): Promise<void> {
  const fake = createFake({ clock: "manual" });
  const client = fake.client();
  const sandbox = await client.sandboxes.create();
  const command = await client.commands.start(sandbox.id, "echo started; sleep 1");
  const seen: string[] = [];
  const drain = async () => {
    for await (const event of client.commands.streamLogs(command.id)) seen.push(event.type);
  };
  await stalled(drain(), "streamLogs");
  check(seen.includes("log"), `the output before the stall was delivered: ${seen}`);
  const opened = fake.requests.list({ operationId: "streamCommandLogs" }).length;
  check(opened === 1, `the stream was opened ${opened} times (not retried)`);
}

/**
 * commands.run past the service's wait budget (1 s here): the test moves the
 * clock once, over the budget, so the call is answered 202 and follows the
 * stream, where the clock then stands still.
 */
export async function runFollowingAStalledStream(): Promise<void> {
  const fake = createFake({ clock: "manual", runWaitMs: 1000 });
  const client = fake.client();
  const sandbox = await client.sandboxes.create();
  const running = client.commands.run(sandbox.id, "sleep 5");
  running.catch(() => {});
  // The sleep's timer and the wait budget's.
  while (fake.clock.pendingTimers() < 2) await new Promise((r) => setTimeout(r, 5));
  await fake.clock.advance(1000);
  await stalled(running, "commands.run past its wait budget");
  const ran = fake.requests.list({ operationId: "runCommand" });
  check(ran.length === 1 && ran[0]?.status === 202, `runCommand answered ${ran[0]?.status}`);
  const opened = fake.requests.list({ operationId: "streamCommandLogs" }).length;
  check(opened === 1, `the stream was opened ${opened} times (not retried)`);
}
