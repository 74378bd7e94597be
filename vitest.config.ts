import { defineConfig } from "vitest/config";

// Vitest owns test/node (and later test/contract) only: test/deno and test/bun
// use their runtimes' own APIs and are run by `deno test` and `bun test`.
export default defineConfig({
  test: {
    include: [
      "test/node/**/*.test.ts",
      "test/contract/**/*.test.ts",
      // The slow real-time contract tests, only on request (`test:contract --slow`).
      ...(process.env.CROWNEST_CONTRACT_SLOW === "1" ? ["test/contract/**/*.slow-test.ts"] : []),
    ],
  },
});
