/**
 * The machinery the contract properties share: the run configuration (runs,
 * seed, replay path from the environment), property checking that prints the
 * replay command, the "real" side of a model run (an SDK client over the
 * target, whose every response is checked against the contract and whose
 * operations are recorded), outcomes and their comparison with predictions,
 * and the trace of a run.
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";
import { type ErrorCode, errorHttpStatus, type OperationId } from "../../src/generated/contract.ts";
import { CrowNestApiError, type CrowNestClient, createCrowNestClient } from "../../src/index.ts";
import { operationOf, responseProblems } from "./contract-check.ts";
import type { Model, Prediction } from "./model.ts";
import type { Control, Target } from "./target.ts";

// ---- configuration ------------------------------------------------------------

const env = process.env;

/** Runs per property: `--runs N` (CROWNEST_CONTRACT_RUNS) or the property's default. */
export function runsFor(defaultRuns: number): number {
  const n = Number(env.CROWNEST_CONTRACT_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
}

/** How long a property may take, from its run count (vitest's per-test timeout). */
export function timeoutFor(defaultRuns: number, msPerRun: number): number {
  return Math.max(30_000, runsFor(defaultRuns) * msPerRun * 4);
}

function replayCommand(
  name: string,
  seed: number,
  path: string | undefined,
  replayPath: string | undefined,
): string {
  const test = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pathArg = path ? ` --path "${path}"` : "";
  // Command sequences replay with their own path as well (fc.commands' replayPath).
  const replayArg = replayPath ? ` --replay-path "${replayPath}"` : "";
  return `npm run test:contract -- --seed ${seed}${pathArg}${replayArg} --test "${test}"`;
}

/**
 * Checks an async property with the run's parameters (`--runs`, and `--seed`
 * / `--path` to replay). A failure throws fast-check's report (seed, path,
 * counterexample) followed by the exact command that replays it.
 */
export async function checkProperty<T>(
  name: string,
  property: fc.IAsyncProperty<T>,
  defaultRuns: number,
  params: fc.Parameters<T> = {},
  /** false: ignore --seed and --path (for a property that is not being replayed). */
  replayable = true,
): Promise<void> {
  const seed =
    replayable && env.CROWNEST_CONTRACT_SEED ? Number(env.CROWNEST_CONTRACT_SEED) : undefined;
  const path = (replayable && env.CROWNEST_CONTRACT_PATH) || undefined;
  const details = await fc.check(property, {
    numRuns: runsFor(defaultRuns),
    ...params,
    ...(seed !== undefined && { seed }),
    ...(path !== undefined && { path, endOnFailure: true }),
    // --no-shrink: report the first failure as found (sweeps over many seeds).
    ...(env.CROWNEST_CONTRACT_NO_SHRINK === "1" && { endOnFailure: true }),
  });
  if (!details.failed) return;
  const report = fc.defaultReportMessage(details) ?? "the property failed";
  const replayPath = /replayPath="([^"]+)"/.exec(report)?.[1];
  const replay = replayCommand(
    name,
    details.seed,
    details.counterexamplePath ?? undefined,
    replayPath,
  );
  const cause = details.errorInstance;
  console.error(`contract property "${name}" failed. Replay it with:\n  ${replay}`);
  const why = cause instanceof Error ? `${cause.stack ?? cause.message}` : String(cause);
  throw new Error(`${report}\n\nReplay: ${replay}\n\nCaused by: ${why}`, { cause });
}

// ---- the real side of a run ---------------------------------------------------

/** One step of a run's trace: the command and its outcome (IDs aliased, times dropped). */
export interface TraceEntry {
  command: string;
  outcome: unknown;
}

/** What the commands act on besides the model. */
export interface Real {
  readonly target: Target;
  readonly client: CrowNestClient;
  /** Plain HTTP (signed URLs), through the same contract checks and records. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly faultMode: boolean;
  /** Tags the run's sandboxes and runs (metadata `ct`), to tell them apart on a shared target. */
  readonly tag: string;
  readonly trace: TraceEntry[];
  /** Every operation requested during the run. */
  readonly observedOps: Set<OperationId>;
  /** The operations of the current command. */
  stepOps: OperationId[];
  /** Contract violations seen in responses (each fails the current command). */
  readonly violations: string[];
  /** The SDK's retry delays. */
  readonly delays: number[];
  /** How often each kind of fault rule hit (fault mode), read before the audit clears them. */
  readonly faultHits: Record<string, number>;
  /** Clients with narrower keys, by their scopes. */
  readonly narrowClients: Map<string, CrowNestClient>;
  readonly aliases: Map<string, string>;
  /** A client of this run (same checks and records) with another API key. */
  clientFor(apiKey: string): CrowNestClient;
}

/** The retry budget in fault mode: above the total hits of every fault rule together. */
export const FAULT_MODE_MAX_RETRIES = 16;

/** A fetch that records operations and checks every response against the contract. */
function observingFetch(
  real: Pick<Real, "observedOps" | "violations"> & { stepOps: OperationId[] },
  target: Target,
  hint: { delay: number | undefined },
): (request: Request) => Promise<Response> {
  const basePath = new URL(target.baseUrl).pathname.replace(/\/+$/, "");
  return async (request) => {
    const op = operationOf(request.method, request.url, basePath);
    if (op) {
      real.observedOps.add(op);
      real.stepOps.push(op);
    }
    hint.delay = undefined;
    const res = await target.fetch(request);
    const problems = await responseProblems(op, res);
    if (problems.length > 0) {
      const where = `${request.method} ${new URL(request.url).pathname} -> ${res.status}`;
      real.violations.push(`${where}: ${problems.join("; ")}`);
    }
    const ms = res.headers.get("retry-after-ms");
    const sec = res.headers.get("retry-after");
    if (!res.ok && ms) hint.delay = Number(ms);
    else if (!res.ok && sec) hint.delay = Number(sec) * 1000;
    return res;
  };
}

export interface RealOptions {
  faults?: boolean;
  /** Wraps the observing fetch (the concurrency property's scheduler). */
  wrapFetch?: (fetch: (request: Request) => Promise<Response>) => (r: Request) => Promise<Response>;
  tag?: string;
}

/** The real side of a run over `target`. */
export function createReal(target: Target, options: RealOptions = {}): Real {
  const hint: { delay: number | undefined } = { delay: undefined };
  const real = {
    target,
    faultMode: options.faults ?? false,
    tag: options.tag ?? "t",
    trace: [] as TraceEntry[],
    observedOps: new Set<OperationId>(),
    stepOps: [] as OperationId[],
    violations: [] as string[],
    delays: [] as number[],
    faultHits: {} as Record<string, number>,
    narrowClients: new Map<string, CrowNestClient>(),
    aliases: new Map<string, string>(),
  } as Omit<Real, "client" | "fetch" | "clientFor"> as Real;
  const observed = observingFetch(real, target, hint);
  const fetch = options.wrapFetch ? options.wrapFetch(observed) : observed;
  const sleep = async (ms: number): Promise<void> => {
    // The SDK honours the server's hint; without one, its backoff stays within 8 s.
    if (hint.delay !== undefined && hint.delay <= 60_000 && ms !== hint.delay) {
      real.violations.push(`a retry waited ${ms} ms although the response asked for ${hint.delay}`);
    }
    if (!(ms >= 0 && ms <= 60_000)) real.violations.push(`a retry waited ${ms} ms`);
    hint.delay = undefined;
    real.delays.push(ms);
  };
  const makeClient = (apiKey: string) =>
    createCrowNestClient({
      apiKey,
      baseUrl: target.baseUrl,
      fetch,
      sleep,
      maxRetries: real.faultMode ? FAULT_MODE_MAX_RETRIES : 2,
    });
  Object.assign(real, { client: makeClient(target.apiKey), fetch, clientFor: makeClient });
  return real;
}

/** A client of the same run whose key has only `scopes` (and `projectIds`): needs the "keys" control. */
export function narrowClient(
  real: Real,
  scopes: readonly string[],
  projectIds?: string[],
): CrowNestClient {
  const id = JSON.stringify([scopes, projectIds]);
  let client = real.narrowClients.get(id);
  if (!client) {
    const fake = real.target.fake;
    if (!fake) throw new Error("narrower API keys need the in-process fake");
    const key = fake.createApiKey({ scopes, ...(projectIds && { projectIds }) });
    client = real.clientFor(key);
    real.narrowClients.set(id, client);
  }
  return client;
}

/** A client whose key the target doesn't know. */
export function unknownKeyClient(real: Real): CrowNestClient {
  return real.clientFor("cn_test_not_a_key_of_this_service");
}

// ---- outcomes -----------------------------------------------------------------

/** How a call ended: a value, or the typed error it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: CrowNestApiError };

/**
 * Runs a call; anything thrown that is not a CrowNestApiError fails the test
 * (the SDK's promise: every failure is typed).
 */
export async function attempt<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!(error instanceof CrowNestApiError)) {
      throw new Error(`the SDK threw something other than a CrowNestApiError: ${error}`, {
        cause: error,
      });
    }
    return { ok: false, error };
  }
}

function describeError(e: CrowNestApiError): string {
  return `${e.code} (${e.status}): ${e.message}`;
}

/** Asserts the call failed with `code` (and the contract's status for it). */
export function expectError(o: Outcome<unknown>, code: ErrorCode, label: string): void {
  if (o.ok) {
    throw new Error(
      `${label}: expected ${code}, got success: ${JSON.stringify(o.value)?.slice(0, 400)}`,
    );
  }
  expect(o.error.code, `${label}: ${describeError(o.error)}`).toBe(code);
  expect(o.error.status, label).toBe(errorHttpStatus[code]);
  // The envelope's message is for people: a required field that says something.
  expect(o.error.message.trim(), `${label}: the error's message`).not.toBe("");
  expect(o.error.requestId, `${label}: requestId`).toBeTypeOf("string");
}

/** Asserts the call succeeded; returns its value. */
export function expectSuccess<T>(o: Outcome<T>, label: string): T {
  if (!o.ok) throw new Error(`${label}: expected success, got ${describeError(o.error)}`);
  return o.value;
}

/**
 * Compares an outcome with a prediction: the same error code, or success
 * (the value is returned for the caller's finer checks; undefined on error).
 */
export function expectPrediction<T>(
  o: Outcome<T>,
  p: Prediction<unknown>,
  label: string,
): T | undefined {
  if (p.ok) return expectSuccess(o, label);
  expectError(o, p.code, label);
  return undefined;
}

/** The trace form of an outcome. */
export function outcomeSummary(o: Outcome<unknown>, value?: (v: unknown) => unknown): unknown {
  return o.ok ? { ok: value ? value(o.value) : o.value } : { error: o.error.code };
}

// ---- commands -------------------------------------------------------------------

/**
 * A command of the model runs. Each declares the operations it may call
 * (`ops`) and the fake controls it needs (`needs`); a command that calls an
 * undeclared operation fails.
 */
export abstract class ContractCommand implements fc.AsyncCommand<Model, Real> {
  static readonly ops: readonly OperationId[] = [];
  static readonly needs: readonly Control[] = [];

  get ops(): readonly OperationId[] {
    return (this.constructor as typeof ContractCommand).ops;
  }

  abstract check(m: Readonly<Model>): boolean;
  /** Runs the command against both sides and compares; returns the trace form of the outcome. */
  protected abstract exec(m: Model, r: Real): Promise<unknown>;
  abstract toString(): string;

  async run(m: Model, r: Real): Promise<void> {
    r.stepOps = [];
    const outcome = await this.exec(m, r);
    for (const op of r.stepOps) {
      if (!this.ops.includes(op)) throw new Error(`${this} called ${op}, which it doesn't declare`);
    }
    expect(r.violations, `contract violations during ${this}`).toEqual([]);
    r.trace.push({ command: this.toString(), outcome: sanitize(outcome, r.aliases) });
  }
}

const ID = /\b(?:sbx|cmd|art|prv|wsr|upl)_[A-Za-z0-9]+/g;
/** Fields that differ between equal runs (times, signatures, request IDs). */
const VOLATILE =
  /At$|^url$|^uploadUrl$|^requestId$|^digest$|^timings$|^durationMs$|^ct$|^headers$|^token$/;

/** A value with IDs replaced by aliases in order of appearance and volatile fields dropped. */
export function sanitize(value: unknown, aliases: Map<string, string>): unknown {
  if (typeof value === "string") {
    return value.replace(ID, (id) => {
      let alias = aliases.get(id);
      if (!alias) {
        alias = `${id.slice(0, 3)}#${aliases.size + 1}`;
        aliases.set(id, alias);
      }
      return alias;
    });
  }
  if (Array.isArray(value)) return value.map((v) => sanitize(v, aliases));
  if (value instanceof Uint8Array) return `bytes(${value.byteLength})`;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (VOLATILE.test(k) || v === undefined || typeof v === "function") continue;
      out[k] = sanitize(v, aliases);
    }
    return out;
  }
  return value;
}
