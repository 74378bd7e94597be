// @ts-check
// Mutation testing of the fake (`npm run test:mutation`, outside `npm test`):
// StrykerJS mutates the fake's file system, idempotency store, services and
// routes; the killing tests are the contract suite (test/contract) and the
// fake's own tests (test/node/fake/), see vitest.mutation.config.ts.
// Incremental: a rerun tests only the mutants whose code or covering tests
// changed (reports/mutation/incremental.json, kept out of git). MUTATION.md
// has the scores and the survivors.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.mutation.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    "fake/core/vfs.ts",
    "fake/http/idempotency.ts",
    "fake/services/**/*.ts",
    "fake/routes/**/*.ts",
  ],
  coverageAnalysis: "perTest",
  // Static mutants (code run outside any one test: module load, beforeAll
  // fixtures, the fake set up at describe time) would each need the whole
  // suite (about 100 s here); they are left out of the score (MUTATION.md).
  ignoreStatic: true,
  // The machine is small and shared: two test processes at most.
  concurrency: 2,
  // A mutant that makes a property loop forever is a timeout (counted as
  // killed): allowed 1.5 times the unmutated run's time plus 10 s.
  timeoutMS: 10_000,
  timeoutFactor: 1.5,
  incremental: true,
  incrementalFile: "reports/mutation/incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  ignorePatterns: ["dist", "coverage", "test-output", "reports", "test/deno", "test/bun"],
  cleanTempDir: "always",
};
