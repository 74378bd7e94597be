import { lookupEnv, readEnv } from "./env.ts";
import { type CrowNestApiError, clientError } from "./errors.ts";
import {
  clientLimits,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
} from "./generated/contract.ts";
import { type Artifacts, artifacts } from "./resources/artifacts.ts";
import { type Commands, commands } from "./resources/commands.ts";
import { type Files, files } from "./resources/files.ts";
import { type Previews, previews } from "./resources/previews.ts";
import { type Projects, projects } from "./resources/projects.ts";
import { type Sandboxes, sandboxes } from "./resources/sandboxes.ts";
import { type WorkspaceRuns, workspaceRuns } from "./resources/workspace-runs.ts";
import { sleep } from "./retry-timing.ts";
import type { FetchLike, Logger, Transport } from "./transport.ts";

export { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS };

/** Options of {@link createCrowNestClient}. */
export interface ClientOptions {
  /**
   * Default: env `CROWNEST_API_KEY`. Without one, calls throw
   * `missing_api_key`; when the runtime refused to read the variable (Deno
   * without --allow-env), `permission_denied`.
   */
  apiKey?: string | undefined;
  /**
   * An http(s) origin, optionally with a path prefix, without `/v1`.
   * Default: env `CROWNEST_BASE_URL`, then https://api.crownest.dev; when
   * the runtime refused to read the variable, calls throw
   * `permission_denied` rather than fall back to production. An unusable
   * URL throws `invalid_config` here, when the client is built.
   */
  baseUrl?: string | undefined;
  /**
   * Where `CROWNEST_API_KEY`, `CROWNEST_BASE_URL` and `CROWNEST_LOG` are read
   * (default: the runtime's environment). A CLI or a test passes its own.
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /**
   * How the caller's users set the key and the base URL, named in the
   * errors about them (default `apiKey to createCrowNestClient` and
   * `baseUrl to createCrowNestClient`; a CLI passes `--api-key`, `--base-url`).
   */
  optionNames?: { apiKey?: string; baseUrl?: string } | undefined;
  /** The fetch to use: the global one by default, or e.g. the fake's `fetch`. */
  fetch?: FetchLike | undefined;
  /** Per-attempt timeout in ms (default 660000). */
  timeoutMs?: number | undefined;
  /** Retries of failed attempts (default 2). */
  maxRetries?: number | undefined;
  /** Extra headers sent to the API (never to other origins). An invalid name or value throws `invalid_config` here. */
  headers?: Record<string, string> | undefined;
  /**
   * A stream that receives no byte for this long (heartbeats included) is
   * dropped and reopened (default: 3 heartbeat intervals, 45000 ms).
   */
  streamIdleTimeoutMs?: number | undefined;
  /**
   * How long a dropped stream keeps reconnecting, with backoff, while no
   * connection makes progress, before it throws `connection_error` (default:
   * the contract's `streamReconnectTimeoutMs`, 30000): a service restart or
   * a network blip is outlasted.
   */
  streamReconnectTimeoutMs?: number | undefined;
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
  /** Create, list, get and kill sandboxes. */
  readonly sandboxes: Sandboxes;
  /** Run and start commands, cancel them, read and stream their output. */
  readonly commands: Commands;
  /** Files inside a sandbox's /workspace. */
  readonly files: Files;
  /** Sandbox files exported to durable storage. */
  readonly artifacts: Artifacts;
  /** Public URLs to a sandbox's ports. */
  readonly previews: Previews;
  /** The projects the API key can see. */
  readonly projects: Projects;
  /** Run one command on an uploaded archive, with evidence of what ran. */
  readonly workspaceRuns: WorkspaceRuns;
}

/**
 * Creates a client. Nothing is sent until a method is called; a missing or
 * unreadable API key is reported then (`missing_api_key`,
 * `permission_denied`, `invalid_config`), so a client can be created before
 * its configuration is complete. An invalid base URL or header throws
 * `invalid_config` at once.
 */
export function createCrowNestClient(options: ClientOptions = {}): CrowNestClient {
  let blocked: CrowNestApiError | undefined;
  const { env } = options;
  const keyOption = options.optionNames?.apiKey ?? "apiKey to createCrowNestClient";
  const urlOption = options.optionNames?.baseUrl ?? "baseUrl to createCrowNestClient";
  let apiKey = options.apiKey;
  if (apiKey === undefined) {
    const read = lookupEnv("CROWNEST_API_KEY", env);
    if (read.denied) blocked = deniedEnv("CROWNEST_API_KEY", read.flag, keyOption);
    else apiKey = read.value;
  }
  if (apiKey !== undefined && !validHeaderValue(apiKey)) {
    // The key itself is never quoted: only what is wrong with it.
    blocked ??= clientError(
      "invalid_config",
      "the API key has a character no HTTP header can carry",
    );
  }
  let rawBaseUrl = options.baseUrl;
  if (rawBaseUrl === undefined) {
    const read = lookupEnv("CROWNEST_BASE_URL", env);
    // Never fall back to production when the environment could not be read.
    if (read.denied) blocked ??= deniedEnv("CROWNEST_BASE_URL", read.flag, urlOption);
    else rawBaseUrl = read.value;
  }
  const baseUrl = checkBaseUrl(
    rawBaseUrl ?? DEFAULT_BASE_URL,
    options.baseUrl === undefined
      ? "CROWNEST_BASE_URL"
      : (options.optionNames?.baseUrl ?? "baseUrl"),
  );
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) || !validHeaderValue(value)) {
      throw clientError(
        "invalid_config",
        `the header option "${name.slice(0, 64)}" is not a valid HTTP header name and value`,
      );
    }
  }
  const fetchImpl: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const sink =
    typeof options.logger === "function"
      ? options.logger
      : options.logger
        ? options.logger.debug.bind(options.logger)
        : readEnv("CROWNEST_LOG", env) === "debug"
          ? console.debug
          : undefined;
  const t: Transport = {
    apiKey,
    keyOption,
    baseUrl,
    blocked,
    streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    streamReconnectTimeoutMs:
      options.streamReconnectTimeoutMs ?? clientLimits.streamReconnectTimeoutMs,
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    headers: lowerCaseNames(options.headers),
    sleep: options.sleep ?? sleep,
    // Belt and braces: no logged string may carry the key, whatever a message quotes.
    log:
      sink &&
      ((message, data) =>
        sink(`crownest: ${apiKey ? message.replaceAll(apiKey, "[redacted]") : message}`, data)),
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

/** Headers with their names in lower case, so a call's own override them whatever their case. */
function lowerCaseNames(headers: Record<string, string> = {}): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

/** A header value fetch accepts: Latin-1, with no CR, LF or NUL. */
function validHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 10 || c === 13 || c > 0xff) return false;
  }
  return true;
}

function deniedEnv(name: string, flag: string, option: string): CrowNestApiError {
  return clientError(
    "permission_denied",
    `the runtime refused to read ${name}: run Deno with ${flag} (or pass ${option})`,
  );
}

/**
 * The base URL without a trailing slash, or `invalid_config` naming what is
 * wrong: no http(s) scheme, credentials, a query, or a trailing `/v1` (the
 * SDK adds it to every path).
 */
function checkBaseUrl(raw: string, source: string): string {
  const fail = (why: string) =>
    clientError(
      "invalid_config",
      `${source} ${why}; expected an http(s) URL such as ${DEFAULT_BASE_URL}`,
    );
  const noScheme = "has no http(s) scheme (is the https:// missing?)";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail(noScheme);
  }
  if (!/^https?:$/.test(url.protocol)) throw fail(noScheme);
  if (url.username || url.password || url.search || url.hash) {
    throw fail("has credentials, a query or a fragment");
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/v1$/i.test(path)) throw fail("ends in /v1, which the SDK adds itself");
  return url.origin + path;
}
