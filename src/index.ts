/**
 * `@crownest/sdk`: the CrowNest client for Node 20+, Deno 2 and Bun 1.
 *
 * ```ts
 * import { createCrowNestClient } from "@crownest/sdk";
 * const client = createCrowNestClient(); // CROWNEST_API_KEY
 * await using sandbox = await client.sandboxes.create({ template: "python" });
 * const result = await sandbox.commands.run("python -V");
 * console.log(result.exitCode, result.stdout);
 * ```
 *
 * @module
 */

export {
  type ClientOptions,
  type CrowNestClient,
  createCrowNestClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
} from "./client.ts";
export {
  CrowNestApiError,
  type CrowNestApiErrorInit,
  type CrowNestErrorCode,
  type CrowNestErrorOf,
  type ErrorDetails,
  isCrowNestError,
} from "./errors.ts";
export type { components, operations, paths } from "./generated/openapi.ts";
export type {
  Bound,
  SandboxArtifacts,
  SandboxCommands,
  SandboxFiles,
  SandboxHandle,
  SandboxPreviews,
} from "./handle.ts";
export type { Artifacts } from "./resources/artifacts.ts";
export type { Commands } from "./resources/commands.ts";
export type { FileContentInput, Files } from "./resources/files.ts";
export type { Previews } from "./resources/previews.ts";
export type { Projects } from "./resources/projects.ts";
export type { Sandboxes } from "./resources/sandboxes.ts";
export {
  type ArchiveDigest,
  DIRECT_UPLOAD_MAX_BYTES,
  MAX_ARCHIVE_BYTES,
  type RunArchiveInput,
  type RunArchiveResult,
  type WorkspaceRuns,
} from "./resources/workspace-runs.ts";
export type { StreamOptions } from "./sse.ts";
export type { FetchLike, Logger, RequestOptions } from "./transport.ts";
export type * from "./types.ts";

/** The SDK's version, kept equal to package.json and deno.json. */
export const VERSION: string = "0.1.0";
