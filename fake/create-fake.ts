/**
 * createFake(): one fake CrowNest service, answering through `fetch` with no
 * network. The package entry, fake/index.ts, re-exports it.
 *
 * @module
 */
import { type ClientOptions, type CrowNestClient, createCrowNestClient } from "../src/index.ts";
import { createApp } from "./app.ts";
import {
  ALL_SCOPES,
  type ApiKeyConfig,
  type ConfigOptions,
  defaultApiKey,
  type ResolvedConfig,
  resolveConfig,
  type TemplateVersion,
} from "./config.ts";
import { createContext, type FakeContext } from "./context.ts";
import { Auth } from "./core/auth.ts";
import { type Clock, createClock } from "./core/clock.ts";
import { createRandom } from "./core/random.ts";
import { Faults, isDropped } from "./http/faults.ts";
import { Journal, type RequestJournal } from "./http/journal.ts";
import type { FakeApp } from "./http/route.ts";
import { onOrigin } from "./http/stages.ts";
import { type Programs, programsFor } from "./process/programs.ts";
import { assertState, exportState, type FakeState, importState, stateStart } from "./state.ts";

/** Options of createFake(). Every field is optional. */
export interface FakeOptions extends ConfigOptions {
  /** Start from this snapshot (`fake.snapshot()`); reset() comes back to it. */
  state?: FakeState;
}

/** A fetch function. */
export type FetchFn = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** One fake CrowNest service. */
export interface Fake {
  /**
   * Answers like the service, with no network: usable as the SDK's `fetch`.
   * Serves the API origin (`baseUrl`) and the storage origin; any other origin
   * rejects like an unknown host. A dropped-connection fault rejects with a
   * TypeError, like a network error.
   */
  readonly fetch: FetchFn;
  /** The Hono app (after reset(), the new one). */
  readonly app: FakeApp;
  /** An API key with every scope on every project. */
  readonly apiKey: string;
  /** The API origin, e.g. "https://api.crownest.test". */
  readonly baseUrl: string;
  /** The storage origin of self-signed transfer URLs, or null. */
  readonly storageOrigin: string | null;
  /** The fake's clock: `advance`, `next`, `runAll`, `pending` (see `ClockMode`). */
  readonly clock: Clock;
  /** Seeded fault rules: add(rule) -> id, remove(id), clear(). */
  readonly faults: Faults;
  /**
   * The request journal: the last `journalSize` requests made to this fake
   * (operationId, method, path, params, query, JSON body, status, JSON
   * response, fake time). `list(filter)`, `last(filter)`, `clear()`.
   */
  readonly requests: RequestJournal;
  /**
   * Simulated programs: `define(matcher, async (proc) => exitCode)`. They are
   * matched against each simple command of a command line, before the built-in
   * shell commands. They outlive reset().
   */
  readonly programs: Programs;
  /** The resolved configuration (org, projects, plan, templates). */
  readonly config: ResolvedConfig;
  /** The templates' versions (an older and a current one each). */
  readonly templates: readonly TemplateVersion[];
  /** The current state, for white-box tests and extensions. */
  readonly context: FakeContext;
  /**
   * The SDK's client for this fake: its API key, base URL and fetch. Retry
   * and reconnect waits take no real time: on the auto clock they pass as
   * fake time, on a manual or real clock at once. `options` override any of it.
   */
  client(options?: ClientOptions): CrowNestClient;
  /**
   * The whole state as JSON (sandboxes and their files, commands and logs,
   * artifacts, previews, workspace runs, the clock): a fixture for
   * `createFake({ state })`. See docs/testing-with-the-fake.md, "Fixtures and persistence".
   */
  snapshot(): FakeState;
  /** Adds an API key (e.g. for scope and visibility tests); returns the key string. */
  createApiKey(options?: Partial<ApiKeyConfig>): string;
  /**
   * Back to the initial state: every resource and idempotency record is gone,
   * fault rules are cleared, the PRNG is re-seeded, a manual or auto clock is
   * back at its start with no timers, the request journal is empty (with
   * `options.state`: back to that snapshot). API keys made with createApiKey and
   * user-defined programs stay.
   */
  reset(): void;
}

/** Creates a fake CrowNest service. */
export function createFake(options: FakeOptions = {}): Fake {
  const state = options.state;
  if (state !== undefined) assertState(state);
  const clock = createClock(options.clock ?? "auto", {
    ...(state === undefined ? {} : { start: stateStart(state) }),
    ...(options.clockStallTimeoutMs === undefined
      ? {}
      : { stallTimeoutMs: options.clockStallTimeoutMs }),
  });
  const config = resolveConfig(options, clock.iso());
  const random = createRandom(config.seed);
  const faults = new Faults(random.derive("faults"));
  const auth = new Auth(config, random.derive("created-keys"));
  const journal = new Journal(clock, options.journalSize);
  const shared = { config, clock, random, faults, auth, journal };

  let ctx: FakeContext;
  let app: FakeApp;
  const build = (): void => {
    ctx = createContext(shared);
    ctx.resetFake = reset;
    app = createApp(ctx);
    if (state !== undefined) importState(ctx, state);
  };
  const reset = (): void => {
    // End the old state cleanly first: listeners settle whatever waits on it.
    ctx.sandboxes.endAll();
    clock.reset();
    random.reset();
    faults.clear();
    journal.clear();
    build();
  };
  build();

  const origins = [...new Set([config.baseUrl, config.storageOrigin].filter((o) => o !== null))];
  const onAnyOrigin = (href: string): boolean => {
    for (const origin of origins) if (onOrigin(href, origin)) return true;
    return false;
  };
  const fetch: FetchFn = async (input, init) => {
    // A Request on its own is served as is: a copy costs a Request and a signal per call.
    const request =
      input instanceof Request && init === undefined ? input : new Request(input, init);
    const href = request.url;
    if (!onAnyOrigin(href)) {
      const origin = new URL(href).origin;
      throw new TypeError(`fetch failed: the fake serves ${origins.join(" and ")}, not ${origin}`);
    }
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const res = await answerOrAbort(Promise.resolve(app.fetch(request)), signal);
    if (isDropped(res)) {
      throw new TypeError("fetch failed", { cause: new Error("connection dropped (fault rule)") });
    }
    return res;
  };

  // The key with every scope on every project; made when the configured keys have none.
  const fullKey =
    config.apiKeys.find(
      (k) =>
        ALL_SCOPES.every((s) => k.scopes.has(s)) &&
        config.projects.every((p) => k.projectIds.includes(p.id)),
    )?.key ?? auth.createKey({ key: defaultApiKey(config.seed) }).key;
  const fake: Fake = {
    fetch,
    get app() {
      return app;
    },
    apiKey: fullKey,
    baseUrl: config.baseUrl,
    storageOrigin: config.storageOrigin,
    clock,
    faults,
    requests: journal,
    programs: programsFor(config),
    config,
    templates: config.templates,
    get context() {
      return ctx;
    },
    client: (opts) =>
      createCrowNestClient({
        apiKey: fullKey,
        baseUrl: config.baseUrl,
        fetch,
        sleep: (ms, signal) =>
          clock.mode === "auto" ? clock.waitFor(clock.sleep(ms, signal)) : abortable(signal),
        ...opts,
      }),
    createApiKey: (opts) => auth.createKey(opts).key,
    snapshot: () => exportState(ctx),
    reset,
  };
  return fake;
}

/** Microtask turns an answer gets before fake.fetch listens for an abort (a GET takes about 10). */
const QUICK_TURNS = 32;

/**
 * The app's answer, or the signal's reason if it aborts first. Listening on
 * a request's fresh AbortSignal costs more than the fake takes to answer a
 * simple request, and most answers come within a few microtask turns, while
 * only code of those turns can abort (no timer or I/O runs in between): an
 * abort then is seen when the answer is. Only an answer that takes longer (a
 * wait on the fake's clock, a streamed body, a program) is raced with a listener.
 */
async function answerOrAbort(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  let settled = false;
  let value: Response | undefined;
  let failure: unknown;
  answer.then(
    (res) => {
      settled = true;
      value = res;
    },
    (error: unknown) => {
      settled = true;
      failure = error;
    },
  );
  for (let turn = 0; turn < QUICK_TURNS && !settled; turn++) await undefined;
  if (signal.aborted) throw signal.reason;
  if (settled) {
    if (value === undefined) throw failure;
    return value;
  }
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<Response>((resolve, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort);
      answer.then(resolve, reject);
    });
  } finally {
    signal.removeEventListener("abort", onAbort as () => void);
  }
}

/** Resolves at once, or rejects when `signal` is already aborted. */
function abortable(signal?: AbortSignal): Promise<void> {
  return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
}
