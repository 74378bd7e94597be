import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["examples/vitest/**/*.test.ts"],
    // Serves one fake over HTTP for the run (served-fake.test.ts uses it).
    globalSetup: ["examples/vitest/global-setup.ts"],
  },
});
