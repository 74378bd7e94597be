/**
 * `@crownest/sdk/fake`: an in-memory fake of the CrowNest service, for
 * deterministic tests with no network and no real clock.
 *
 * ```ts
 * import { createFake } from "@crownest/sdk/fake";
 * const fake = createFake();                 // auto clock, seed 1
 * const client = fake.client();              // the SDK, configured for this fake
 * const sandbox = await client.sandboxes.create();
 * await client.commands.run(sandbox.id, "sleep 60");   // fake time: returns at once
 * fake.requests.list({ operationId: "createSandbox" }); // what the code under test sent
 * ```
 *
 * @module
 */
export type {
  ApiKeyConfig,
  ApiKeyRecord,
  ConfigOptions,
  PlanLimits,
  Project,
  ResolvedConfig,
  Role,
  TemplateSlug,
  TemplateVersion,
} from "./config.ts";
export { ALL_SCOPES, DEFAULT_PLAN, TEMPLATE_VERSIONS } from "./config.ts";
export type { FakeContext, SandboxEndReason } from "./context.ts";
export type { Clock, ClockMode, ClockOptions, PendingTimer } from "./core/clock.ts";
export { CLOCK_START_MS, ClockStallError, createClock } from "./core/clock.ts";
export { ApiError } from "./core/errors.ts";
export {
  createFake,
  type Fake,
  type FakeOptions,
  type FetchFn,
} from "./create-fake.ts";
export { FAULT_RULE_SCHEMA, FaultRuleError } from "./http/fault-schema.ts";
export type { FaultRule } from "./http/faults.ts";
export { Faults } from "./http/faults.ts";
export type { JournalEntry, JournalFilter, RequestJournal } from "./http/journal.ts";
export type { FakeApp } from "./http/route.ts";
export type {
  FileStat,
  Proc,
  ProcFs,
  ProcSignal,
  ProcStream,
  ProgramHandler,
  ProgramMatcher,
  Programs,
} from "./process/programs.ts";
export { type FakeServer, type ServeFakeOptions, serveFake } from "./server/serve.ts";
export type { FakeState } from "./state.ts";
