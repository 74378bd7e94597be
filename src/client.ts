import createClient from "openapi-fetch";
import { readEnv } from "./env.ts";
import type { paths } from "./generated/openapi.ts";
import { type Artifacts, artifacts } from "./resources/artifacts.ts";
import { type Commands, commands } from "./resources/commands.ts";
import { type Files, files } from "./resources/files.ts";
import { type Previews, previews } from "./resources/previews.ts";
import { type Projects, projects } from "./resources/projects.ts";
import { type Sandboxes, sandboxes } from "./resources/sandboxes.ts";
import { type WorkspaceRuns, workspaceRuns } from "./resources/workspace-runs.ts";
import { type FetchLike, type Logger, sleep, type Transport } from "./transport.ts";

/** The default base URL. */
export const DEFAULT_BASE_URL: string = "https://api.crownest.dev";
/** The default per-attempt timeout: above the 600000 ms maximum command time. */
export const DEFAULT_TIMEOUT_MS: number = 660_000;
/** The default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES: number = 2;

/** Options of {@link createCrowNestClient}. */
export interface ClientOptions {
  /** Default: env `CROWNEST_API_KEY`. Without one, calls throw `missing_api_key`. */
  apiKey?: string | undefined;
  /** Default: env `CROWNEST_BASE_URL`, then https://api.crownest.dev. */
  baseUrl?: string | undefined;
  /** The fetch to use: the global one by default, or e.g. the fake's `fetch`. */
  fetch?: FetchLike | undefined;
  /** Per-attempt timeout in ms (default 660000). */
  timeoutMs?: number | undefined;
  /** Retries of failed attempts (default 2). */
  maxRetries?: number | undefined;
  /** Extra headers sent to the API (never to other origins). */
  headers?: Record<string, string> | undefined;
  /**
   * Debug logging of requests, retries and stream reconnects (the API key is
   * never logged). Default: console.debug when env `CROWNEST_LOG=debug`.
   */
  logger?: Logger | undefined;
  /**
   * How to wait before a retry or a reconnect (default: a timer). Tests can
   * pass a function that records the delays and resolves at once.
   */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** The CrowNest client. */
export interface CrowNestClient {
  readonly sandboxes: Sandboxes;
  readonly commands: Commands;
  readonly files: Files;
  readonly artifacts: Artifacts;
  readonly previews: Previews;
  readonly projects: Projects;
  readonly workspaceRuns: WorkspaceRuns;
}

/**
 * Creates a client. Nothing is sent until a method is called; a missing API
 * key is reported then (`missing_api_key`), so a client can be created before
 * its configuration is complete.
 */
export function createCrowNestClient(options: ClientOptions = {}): CrowNestClient {
  const apiKey = options.apiKey ?? readEnv("CROWNEST_API_KEY");
  const baseUrl = (options.baseUrl ?? readEnv("CROWNEST_BASE_URL") ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    "",
  );
  const fetchImpl: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const sink =
    typeof options.logger === "function"
      ? options.logger
      : options.logger
        ? options.logger.debug.bind(options.logger)
        : readEnv("CROWNEST_LOG") === "debug"
          ? console.debug
          : undefined;
  const t: Transport = {
    apiKey,
    baseUrl,
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    headers: { ...options.headers },
    sleep: options.sleep ?? sleep,
    // Belt and braces: no logged string may carry the key, whatever a message quotes.
    log:
      sink &&
      ((message, data) =>
        sink(`crownest: ${apiKey ? message.replaceAll(apiKey, "[redacted]") : message}`, data)),
    client: createClient<paths>({ baseUrl }) as unknown as Transport["client"],
  };
  const resources = {
    commands: commands(t),
    files: files(t),
    artifacts: artifacts(t),
    previews: previews(t),
  };
  return Object.freeze({
    ...resources,
    sandboxes: sandboxes(t, resources),
    projects: projects(t),
    workspaceRuns: workspaceRuns(t),
  });
}
