// The SDK against hostile stub servers on 127.0.0.1 (node:http): redirects,
// silent and flapping streams, oversized and unparsable events, bad bodies,
// refused connections and unusable configuration. The same cases run on Deno
// and Bun (test/deno, test/bun).
import { describe, test } from "vitest";
import { startStub } from "../../helpers/stub-server.ts";
import { envBaseUrlChecked, failureCases, hostileCases } from "../../shared/sdk-hostile.ts";

describe("the SDK against hostile servers", () => {
  for (const [name, run] of Object.entries(hostileCases)) {
    test(name, () => run(startStub), 20_000);
  }
});

describe("every failure is a typed CrowNestApiError", () => {
  for (const [name, run] of Object.entries(failureCases)) {
    test(name, () => run(startStub), 20_000);
  }
});

test("a bad CROWNEST_BASE_URL is named when the client is built", () => {
  envBaseUrlChecked(process.env);
});
