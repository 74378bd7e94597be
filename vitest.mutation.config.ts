import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of the fake: the contract
// suite and the fake's own tests (not the SDK's, the CLI's or the dashboard's,
// and not fake/server or fake/server-options, which run the built bin, or the
// sources under Deno and Bun, in a child process rather than in the runner).
export default defineConfig({
  test: {
    include: ["test/contract/**/*.test.ts", "test/node/fake/**/*.test.ts"],
    exclude: ["test/node/fake/server.test.ts", "test/node/fake/server-options.test.ts"],
    // Instrumented code on a busy machine: generous per-test timeouts.
    testTimeout: 60_000,
    // Ten runs per property (the default counts are 40 to 300): each mutant
    // runs every property that reaches it, and the fixed tours run in full.
    env: { CROWNEST_CONTRACT_RUNS: "10" },
  },
});
