// Determinism: the same seed gives the same run (commands and outcomes, with
// IDs aliased and times dropped), so a failure replays; and a failure says
// how to replay it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandsArbitrary, genContext, prologue } from "./commands/index.ts";
import { checkProperty, type TraceEntry } from "./harness.ts";
import { runModel } from "./runner.ts";
import { controlsOf, targetConfig } from "./target.ts";

const config = targetConfig();
const ctx = genContext(config);

/** The traces of a few model runs from one fast-check seed. */
async function traces(seed: number, faults: boolean): Promise<TraceEntry[][]> {
  const out: TraceEntry[][] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      commandsArbitrary(ctx, 30, undefined),
      async (fakeSeed, cmds) => {
        const real = await runModel(fakeSeed, cmds, { faults, prologue: prologue() });
        out.push(real.trace);
      },
    ),
    { seed, numRuns: 4 },
  );
  return out;
}

describe("determinism", () => {
  it("the same seed gives the same trace", async () => {
    const first = await traces(20260101, false);
    expect(first.flat().length, "the runs did something").toBeGreaterThan(10);
    expect(await traces(20260101, false)).toEqual(first);
  }, 60_000);

  it.runIf(controlsOf(config).has("faults"))(
    "the same seed gives the same trace under faults",
    async () => {
      const first = await traces(777, true);
      expect(await traces(777, true)).toEqual(first);
    },
    60_000,
  );

  it("a failing property reports its seed, path and the command that replays it", async () => {
    // A property that fails on purpose, to see what a failure prints.
    const failing = checkProperty(
      "deliberately failing example",
      fc.asyncProperty(fc.nat(), async (n) => {
        expect(n).toBeLessThan(3);
      }),
      50,
      {},
      false,
    );
    await expect(failing).rejects.toThrow(
      /seed: -?\d+, path: "[\d:]+"[\s\S]*Replay: npm run test:contract -- --seed -?\d+ --path "[\d:]+" --test "deliberately failing example"/,
    );
  });
});
