/**
 * Seeded fault rules, so SDK retries and stream resumes can be tested
 * deterministically. defineRoute applies error, latency and dropped-connection
 * rules before auth; SSE responses ask `streamCut()` when they open (fake/http/sse.ts).
 *
 * @module
 */
import {
  type ErrorCode,
  errorCodeByStatus,
  errorHttpStatus,
  type OperationId,
} from "../../src/generated/contract.ts";
import type { Random } from "../core/random.ts";
import { assertFaultRule } from "./fault-schema.ts";

/** One fault rule. */
export interface FaultRule {
  /** The operation it hits (default "*": every operation). */
  operation?: OperationId | "*";
  /** Chance of hitting a matching request, 0..1 (default 1), drawn from the seeded PRNG. */
  probability?: number;
  /** How many requests it hits before it retires (default Infinity). */
  times?: number;
  /** Answer with an error: `status` and/or `code` (each derived from the other when missing). */
  status?: number;
  /** The error code to answer with. */
  code?: ErrorCode;
  /** Error headers: Retry-After (seconds) and Retry-After-Ms. */
  retryAfterSec?: number;
  /** The `Retry-After-Ms` header of that error. */
  retryAfterMs?: number;
  /** Delay on the fake clock before answering (alone: the request then proceeds). */
  latencyMs?: number;
  /**
   * The connection drops: the fake's fetch rejects with a TypeError, like a
   * network error. "before": the handler never runs. "after": it ran and its
   * effects stay (so an idempotent retry gets the replay).
   */
  dropConnection?: "before" | "after";
  /**
   * SSE only: the response body errors after this many events. Such a rule is
   * consumed by the stream when it opens, not by the request pipeline.
   */
  cutStreamAfterEvents?: number;
}

/** The fault a request pipeline must apply. */
export interface RequestFault {
  latencyMs: number;
  dropConnection?: "before" | "after";
  error?: { status: number; code: ErrorCode; headers: Record<string, string> };
}

interface ActiveRule extends FaultRule {
  id: string;
  hits: number;
}

/** The code sent for an error status when a rule gives only `status`: the contract's first for it. */
function codeForStatus(status: number): ErrorCode {
  return errorCodeByStatus[status] ?? (status >= 500 ? "internal_error" : "invalid_request");
}

/** The fault rules of one fake. */
export class Faults {
  #rules: ActiveRule[] = [];
  #next = 1;
  readonly #random: Random;

  /** Rules drawing their probabilities from `random` (the fake's seeded PRNG). */
  constructor(random: Random) {
    this.#random = random;
  }

  /**
   * Adds a rule; returns its id. Rules are tried in the order they were added.
   * Throws FaultRuleError for an unknown field, a wrong type or an
   * out-of-range value.
   */
  add(rule: FaultRule): string {
    assertFaultRule(rule);
    const id = `fault_${this.#next++}`;
    this.#rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  /** Removes a rule; returns whether it existed. */
  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length < before;
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The active rules, with how often each has hit. */
  list(): readonly (FaultRule & { id: string; hits: number })[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  /** Draws the first matching rule of the wanted kind that fires, and consumes one of its `times`. */
  #draw(operationId: OperationId, stream: boolean): ActiveRule | undefined {
    for (const rule of this.#rules) {
      if (
        rule.operation !== undefined &&
        rule.operation !== "*" &&
        rule.operation !== operationId
      ) {
        continue;
      }
      if ((rule.cutStreamAfterEvents !== undefined) !== stream) continue;
      if (rule.hits >= (rule.times ?? Number.POSITIVE_INFINITY)) continue;
      if (rule.probability !== undefined && rule.probability < 1) {
        if (!(this.#random.next() < rule.probability)) continue;
      }
      rule.hits++;
      return rule;
    }
    return undefined;
  }

  /** The fault for a request of `operationId`, if a rule fires. */
  forRequest(operationId: OperationId): RequestFault | undefined {
    const rule = this.#draw(operationId, false);
    if (!rule) return undefined;
    const fault: RequestFault = { latencyMs: rule.latencyMs ?? 0 };
    if (rule.dropConnection) fault.dropConnection = rule.dropConnection;
    if (rule.status !== undefined || rule.code !== undefined) {
      const code = rule.code ?? codeForStatus(rule.status as number);
      const headers: Record<string, string> = {};
      if (rule.retryAfterSec !== undefined) headers["Retry-After"] = String(rule.retryAfterSec);
      if (rule.retryAfterMs !== undefined) headers["Retry-After-Ms"] = String(rule.retryAfterMs);
      fault.error = { status: rule.status ?? errorHttpStatus[code], code, headers };
    }
    return fault;
  }

  /** For SSE: after how many events this stream's body errors, if a rule fires. */
  streamCut(operationId: OperationId): number | undefined {
    return this.#draw(operationId, true)?.cutStreamAfterEvents;
  }
}

const dropped = new WeakSet<Response>();

/**
 * A response that stands for a dropped connection: the fake's fetch rejects
 * with a TypeError, and a server adapter closes the socket. Its body errors
 * too, for a caller that reads it anyway.
 */
export function droppedResponse(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new TypeError("connection dropped (fault rule)"));
    },
  });
  const res = new Response(body, { status: 502 });
  dropped.add(res);
  return res;
}

/** Whether `res` stands for a dropped connection. */
export function isDropped(res: Response): boolean {
  return dropped.has(res);
}
