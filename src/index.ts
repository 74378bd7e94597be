/**
 * `@crownest/sdk`: the CrowNest client for Node 20+, Deno 2 and Bun 1.
 *
 * @module
 */

export type { components, operations, paths } from "./generated/openapi.ts";

/** The package's version. */
export const VERSION: string = "0.1.0";
