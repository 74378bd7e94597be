import { createParser, type EventSourceMessage } from "eventsource-parser";
import { CrowNestApiError, type CrowNestApiErrorInit, clientError, statusOf } from "./errors.ts";
import { causedError } from "./failures.ts";
import { clientLimits, type OperationId } from "./generated/contract.ts";
import { request } from "./operations.ts";
import { retryDelay } from "./retry-timing.ts";
import { abortedError, answerHeaders, type RequestOptions, type Transport } from "./transport.ts";

/** Options of a server-sent event stream. */
export interface StreamOptions {
  /** Start after this sequence number (resume). Default 0: from the start. */
  afterSeq?: number | undefined;
  /** Reconnect after a dropped connection, from the last seen seq (default true). */
  reconnect?: boolean | undefined;
  /**
   * No byte for this long (heartbeats included) drops the connection and
   * reopens it (default: the client's `streamIdleTimeoutMs`, 3 heartbeat
   * intervals).
   */
  idleTimeoutMs?: number | undefined;
  /**
   * How long a dropped stream keeps reconnecting, with backoff, while no
   * connection makes progress (default: the client's
   * `streamReconnectTimeoutMs`, 30000): long enough for a service restart.
   */
  reconnectTimeoutMs?: number | undefined;
}

/**
 * An SSE stream as an async iterable. It ends after the `terminal` event; a
 * connection that drops (a network error, a body that ends before the
 * terminal event, or one silent for `idleTimeoutMs`) or can't be opened
 * (refused, 5xx, 429) is reopened with `afterSeq` = the last seen seq, so no
 * event is lost or repeated. Reconnects back off and go on for
 * `reconnectTimeoutMs` without progress (`maxRetries` is for single calls);
 * then the stream throws `connection_error`. Progress is a new seq, or a
 * connection that stayed alive for an idle window. One event is at most the
 * contract's `maxEventBytes` (`invalid_response` beyond). Any other 4xx on
 * opening is thrown, not retried. A `stream_gap` error event is yielded;
 * any other error event is thrown as that code's error. `break`, or the
 * signal, closes the connection.
 */
export async function* sseStream<E extends { type: string }>(
  t: Transport,
  op: OperationId,
  path: Record<string, string>,
  input: StreamOptions = {},
  o: RequestOptions = {},
): AsyncGenerator<E, void, undefined> {
  const idleMs = input.idleTimeoutMs ?? t.streamIdleTimeoutMs;
  const outage: Outage = { since: 0, failures: 0 };
  let lastSeq = input.afterSeq;
  for (;;) {
    const seqAtOpen = lastSeq;
    const opened = Date.now();
    const connection = { open: false, lastByte: opened };
    let reason: unknown = "the stream ended before its terminal event";
    try {
      // This loop, not the request, retries the opening too: one policy for the outage.
      const query = lastSeq === undefined ? {} : { afterSeq: lastSeq };
      const init = { params: { path, query }, sse: true };
      const { response } = await request(t, op, init, { ...o, maxRetries: 0 });
      connection.open = true;
      for await (const event of readEvents<E & { seq?: number }>(
        response,
        op,
        idleMs,
        o.signal,
        connection,
      )) {
        if (typeof event.seq === "number") {
          // A server that replays what we saw must not make us repeat it.
          if (lastSeq !== undefined && event.seq <= lastSeq) continue;
          lastSeq = event.seq;
        }
        yield event;
        if (event.type === "terminal") return;
      }
    } catch (cause) {
      if (o.signal?.aborted) throw abortedError(o.signal);
      // A failed opening that a retry may fix (refused, 5xx, 429) is a drop
      // too; an error event, once open, ends the stream whatever its code.
      if (cause instanceof CrowNestApiError && (connection.open || !cause.retryable)) throw cause;
      reason = cause;
    }
    // Progress: a connection that advanced the seq or stayed alive (bytes) for
    // an idle window. Heartbeats alone are none: a server that sends one and
    // closes, over and over, runs out the budget.
    const progressed = lastSeq !== seqAtOpen || connection.lastByte - opened >= idleMs;
    const delay = reconnectDelay(t, op, input, outage, progressed, reason);
    t.log?.(`reconnecting ${op} after seq ${lastSeq ?? "start"} in ${delay}ms`, {
      operation: op,
      afterSeq: lastSeq,
      delayMs: delay,
    });
    try {
      await t.sleep(delay, o.signal);
    } catch {
      throw abortedError(o.signal as AbortSignal);
    }
  }
}

/** The current run of connections without progress: when it began, and its length. */
interface Outage {
  since: number;
  failures: number;
}

/**
 * The wait before the next reconnect, with backoff (or the answer's retry
 * hint); `connection_error` once the outage has lasted `reconnectTimeoutMs`
 * (or at once with `reconnect: false`).
 */
function reconnectDelay(
  t: Transport,
  op: OperationId,
  input: StreamOptions,
  outage: Outage,
  progressed: boolean,
  reason: unknown,
): number {
  const budgetMs = input.reconnectTimeoutMs ?? t.streamReconnectTimeoutMs;
  const now = Date.now();
  if (outage.failures === 0 || progressed) {
    outage.since = now;
    outage.failures = 0;
  }
  const left = budgetMs - (now - outage.since);
  if (input.reconnect === false || left <= 0) {
    const within = input.reconnect === false ? "" : ` and did not come back within ${budgetMs} ms`;
    throw causedError(
      "connection_error",
      `the event stream of ${op} dropped${within}`,
      reason,
      t.apiKey,
    );
  }
  return Math.min(retryDelay(outage.failures++, answerHeaders.get(reason as object)), left);
}

/**
 * The events of one connection, checked: JSON data with a type, at most the
 * contract's `maxEventBytes` each; an error event other than `stream_gap` is
 * thrown as its code's error. Ends when the body ends; rejects with why (a
 * string) when no byte came for `idleMs`. The signal, or the consumer
 * leaving, closes the connection.
 */
async function* readEvents<E extends { type: string }>(
  response: Response,
  op: OperationId,
  idleMs: number,
  signal: AbortSignal | undefined,
  connection: { lastByte: number },
): AsyncGenerator<E, void, undefined> {
  if (!response.body) throw clientError("invalid_response", "the event stream has no body");
  const reader = response.body.getReader();
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const queue: EventSourceMessage[] = [];
  // Bytes fed since the parser last completed an event or a comment: the
  // most it can be holding, so one endless line can't exhaust memory.
  let pending = 0;
  const parser = createParser({
    onEvent: (event) => {
      pending = 0;
      queue.push(event);
    },
    onComment: () => {
      pending = 0;
    },
  });
  const decoder = new TextDecoder();
  try {
    for (;;) {
      for (let message = queue.shift(); message; message = queue.shift()) {
        yield eventOf<E>(op, message);
      }
      const { done, value } = await readWithin(reader, idleMs);
      if (signal?.aborted) throw abortedError(signal);
      if (done) return;
      connection.lastByte = Date.now();
      pending += value.byteLength;
      if (pending > clientLimits.maxEventBytes) {
        throw clientError(
          "invalid_response",
          `${op} sent an event over ${clientLimits.maxEventBytes} bytes; the stream was closed`,
        );
      }
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.cancel().catch(() => {});
  }
}

/** One message's event: JSON with a type; an error other than a gap is thrown. */
function eventOf<E extends { type: string }>(op: OperationId, message: EventSourceMessage): E {
  let event: E;
  try {
    event = JSON.parse(message.data);
  } catch {
    throw clientError(
      "invalid_response",
      `${op} sent an event whose data is not JSON (${message.data.length} characters)`,
    );
  }
  if (typeof event !== "object" || event === null || typeof event.type !== "string") {
    throw clientError("invalid_response", `${op} sent an event without a type`);
  }
  // Any error but a gap ends the stream: the service can't go on.
  const e = event as unknown as CrowNestApiErrorInit;
  if (event.type === "error" && e.code !== "stream_gap") {
    throw new CrowNestApiError({ ...e, status: statusOf(e.code) });
  }
  return event;
}

/** One read; rejects with why (a string) when no byte came for `idleMs`. */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(`no data for ${idleMs} ms (heartbeats stopped)`), idleMs);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}
