// The SDK's smoke test on Deno, against the in-process fake. `npm run
// test:deno` grants no env permission for CROWNEST_*: the client must neither
// crash nor prompt when it looks for CROWNEST_API_KEY.
import { CrowNestApiError, createCrowNestClient } from "../../src/index.ts";
import { check } from "../shared/check.ts";
import { sdkSmoke } from "../shared/sdk-smoke.ts";

Deno.test("without env permission the client is created and reports permission_denied", async () => {
  const state = Deno.permissions.querySync({ name: "env", variable: "CROWNEST_API_KEY" }).state;
  check(state !== "granted", `this test needs CROWNEST_API_KEY not granted, got ${state}`);
  const client = createCrowNestClient({ fetch: () => Promise.reject(new Error("unreachable")) });
  const error = await client.projects.list().catch((e) => e);
  check(error instanceof CrowNestApiError, `expected CrowNestApiError, got ${error}`);
  check(error.code === "permission_denied", `code ${error.code}`);
});

Deno.test("SDK smoke against the fake", sdkSmoke);
