// Fault runs: the model run again, with the fake's seeded fault rules on
// (5xx, 429 with Retry-After, connections dropped before and after the
// handler, SSE streams cut). Invariants: every call succeeds or throws a
// typed CrowNestApiError (the harness fails on anything else), the model's
// predictions hold (retries are invisible; replays return the first answer),
// no log chunk or run event is lost or repeated across cut streams, no
// resource is created twice (the audit at the end), and each retry waits
// what the server's Retry-After asked.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandsArbitrary, genContext, prologue } from "./commands/index.ts";
import { checkProperty, timeoutFor } from "./harness.ts";
import { runModel } from "./runner.ts";
import { controlsOf, describeTarget, targetConfig } from "./target.ts";

const config = targetConfig();
const available = controlsOf(config).has("faults");

if (!available) {
  console.log(
    `contract tests against ${describeTarget(config)}: skipping the fault runs (they need the fake's fault rules)`,
  );
}

describe.runIf(available)("fault runs against the in-process fake", () => {
  const RUNS = 40;
  it(
    "under faults every call succeeds or fails as the model says, with no duplicate and no lost chunk",
    async () => {
      const hits: Record<string, number> = {};
      let retries = 0;
      await checkProperty(
        "under faults every call succeeds or fails as the model says, with no duplicate and no lost chunk",
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          commandsArbitrary(genContext(config), 50),
          async (seed, cmds) => {
            const real = await runModel(seed, cmds, { faults: true, prologue: prologue() });
            retries += real.delays.length;
            for (const [kind, n] of Object.entries(real.faultHits))
              hits[kind] = (hits[kind] ?? 0) + n;
          },
        ),
        RUNS,
      );
      // Every kind of fault did happen, and the SDK retried.
      for (const kind of [
        "503",
        "429",
        "500",
        "504",
        "dropped before",
        "dropped after",
        "stream cut",
      ]) {
        expect(hits[kind] ?? 0, `faults of kind ${kind}`).toBeGreaterThan(0);
      }
      expect(retries, "the SDK retried").toBeGreaterThan(0);
    },
    timeoutFor(RUNS, 800),
  );
});
