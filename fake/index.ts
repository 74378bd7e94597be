/**
 * `@crownest/sdk/fake`: an in-memory fake of the CrowNest service. Placeholder
 * entry point; the Hono app comes next.
 *
 * @module
 */

/** What the fake implements so far; it grows into the whole API. */
export const FAKE_STATUS: "placeholder" = "placeholder";
