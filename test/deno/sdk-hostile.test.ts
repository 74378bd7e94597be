// The SDK's hostile-server, failure and environment cases on Deno, against
// stub servers on 127.0.0.1 (Deno.serve). `npm run test:deno` grants env
// access to no CROWNEST_* variable and net access to 127.0.0.1 only.
import { CrowNestApiError, createCrowNestClient } from "../../src/index.ts";
import { check } from "../shared/check.ts";
import {
  failureCases,
  hostileCases,
  runPastWaitBudget,
  startWebStub,
} from "../shared/sdk-hostile.ts";

for (const [name, run] of Object.entries({ ...hostileCases, ...failureCases })) {
  Deno.test({ name, sanitizeResources: false, sanitizeOps: false, fn: () => run(startWebStub) });
}

async function failure(p: Promise<unknown>): Promise<CrowNestApiError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  check(error instanceof CrowNestApiError, `expected a CrowNestApiError, got ${error}`);
  return error;
}

Deno.test("a key set but not readable is permission_denied naming the flag", async () => {
  const state = Deno.permissions.querySync({ name: "env", variable: "CROWNEST_API_KEY" }).state;
  check(state !== "granted", `this test needs CROWNEST_API_KEY not granted, got ${state}`);
  const client = createCrowNestClient({ fetch: () => Promise.reject(new Error("unreachable")) });
  const error = await failure(client.projects.list());
  check(error.code === "permission_denied" && !error.retryable, `code ${error.code}`);
  check(error.message.includes("--allow-env=CROWNEST_API_KEY"), error.message);
});

Deno.test("an unreadable CROWNEST_BASE_URL never falls back to production", async () => {
  let sent = 0;
  const client = createCrowNestClient({
    apiKey: "cn_test_deno_key",
    fetch: () => {
      sent++;
      return Promise.resolve(new Response("{}"));
    },
  });
  const error = await failure(client.projects.list());
  check(error.code === "permission_denied", `code ${error.code}`);
  check(error.message.includes("--allow-env=CROWNEST_BASE_URL"), error.message);
  check(sent === 0, `${sent} requests were sent`);
});

Deno.test("a refused connection is permission_denied, not retried", async () => {
  const delays: number[] = [];
  const client = createCrowNestClient({
    apiKey: "cn_test_deno_key",
    baseUrl: "http://localhost:8123",
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
  const error = await failure(client.projects.list());
  check(error.code === "permission_denied" && !error.retryable, `code ${error.code}`);
  check(error.message.includes("--allow-net=localhost:8123"), error.message);
  check(delays.length === 0, `retried ${delays.length} times`);
});

Deno.test({
  name: "commands.run follows a command past the wait budget to its end",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: runPastWaitBudget,
});
