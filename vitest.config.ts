import { defineConfig } from "vitest/config";

// Vitest owns test/node (and later test/contract) only: test/deno and test/bun
// use their runtimes' own APIs and are run by `deno test` and `bun test`.
export default defineConfig({
  test: {
    include: ["test/node/**/*.test.ts", "test/contract/**/*.test.ts"],
  },
});
