/**
 * HttpCore: what the HTTP pipeline of one fake holds besides the services'
 * FakeCore: fault rules, idempotency records, the request journal and the
 * request IDs. The services never see these (a dependency rule keeps them
 * from importing fake/http/).
 *
 * @module
 */
import type { FakeCore } from "../core/fake-core.ts";
import type { Random } from "../core/random.ts";
import type { Faults } from "./faults.ts";
import type { IdempotencyStore } from "./idempotency.ts";
import type { Journal } from "./journal.ts";

/** FakeCore with the HTTP pipeline's parts. */
export interface HttpCore extends FakeCore {
  faults: Faults;
  idempotency: IdempotencyStore;
  /** The request journal, when the fake keeps one. */
  journal?: Journal | undefined;
  /** Seeded stream of request IDs (kept apart so requests never shift resource IDs). */
  requestIds: Random;
  /** Resets the whole fake (set by createFake; the /_fake/reset control route calls it). */
  resetFake?: () => void;
}
