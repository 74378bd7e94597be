// The model-based contract property: random sequences of commands covering
// every operation of the contract, run through the SDK against the target
// (the in-process fake, or CROWNEST_CONTRACT_BASE_URL), each step compared
// with the reference model's prediction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OperationId, operations } from "../../src/generated/contract.ts";
import {
  ALL_COMMANDS,
  commandsArbitrary,
  describeSkipped,
  genContext,
  prologue,
  selectCommands,
} from "./commands/index.ts";
import { edgeTour } from "./edges.ts";
import { checkProperty, timeoutFor } from "./harness.ts";
import { audit, cleanup, runModel, setupRun } from "./runner.ts";
import { controlsOf, describeTarget, targetConfig } from "./target.ts";
import { tour } from "./tour.ts";

const config = targetConfig();
const controls = controlsOf(config);
const { available, skipped } = selectCommands(controls);
const ctx = genContext(config);

const ALL_OPERATIONS = (Object.keys(operations) as OperationId[]).sort();

if (skipped.length > 0) {
  console.log(
    `contract tests against ${describeTarget(config)}: skipping the commands that need the fake's controls: ${describeSkipped(skipped)}`,
  );
}

describe(`the contract, through the SDK, against ${describeTarget(config)}`, () => {
  it("the commands cover every operation of the contract", () => {
    const covered = new Set(available.filter((s) => s.coverage).flatMap((s) => s.ops));
    expect([...covered].sort()).toEqual(ALL_OPERATIONS);
    // And the declarations name operations of the contract only.
    for (const spec of ALL_COMMANDS)
      for (const op of spec.ops) expect(ALL_OPERATIONS).toContain(op);
  });

  it("a fixed tour of the commands calls every operation", async () => {
    const { model, real } = await setupRun(7);
    try {
      for (const command of tour(controls)) {
        expect(command.check(model), `${command} can run at this point of the tour`).toBe(true);
        await command.run(model, real);
      }
      expect([...real.observedOps].sort()).toEqual(ALL_OPERATIONS);
      await audit(model, real);
    } finally {
      await cleanup(model, real);
    }
  }, 60_000);

  it("a fixed tour of the edges: limits at and past their bounds, defaults, pages, repeats", async () => {
    const { model, real, target } = await setupRun(7);
    try {
      for (const command of edgeTour(target.limits)) {
        expect(command.check(model), `${command} can run at this point of the tour`).toBe(true);
        await command.run(model, real);
      }
      await audit(model, real);
    } finally {
      await cleanup(model, real);
    }
  }, 60_000);

  const RUNS = 50;
  it(
    "model run: every SDK result matches the model's prediction",
    async () => {
      await checkProperty(
        "model run: every SDK result matches the model's prediction",
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.boolean(),
          commandsArbitrary(ctx, 50),
          async (seed, empty, cmds) => {
            await runModel(seed, cmds, { prologue: empty ? [] : prologue() });
          },
        ),
        RUNS,
      );
    },
    timeoutFor(RUNS, 600),
  );
});
