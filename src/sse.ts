import { createParser, type EventSourceMessage } from "eventsource-parser";
import { CrowNestApiError, type CrowNestApiErrorInit, clientError, statusOf } from "./errors.ts";
import { causedError } from "./failures.ts";
import { clientLimits, type OperationId } from "./generated/contract.ts";
import {
  abortedError,
  answerHeaders,
  type RequestOptions,
  request,
  retryDelay,
  type Transport,
} from "./transport.ts";

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
  const { signal } = o;
  const idleMs = input.idleTimeoutMs ?? t.streamIdleTimeoutMs;
  const budgetMs = input.reconnectTimeoutMs ?? t.streamReconnectTimeoutMs;
  let lastSeq = input.afterSeq;
  // When the current run of connections without progress began, and its length.
  let outage = 0;
  let failures = 0;
  const aborted = () => abortedError(signal as AbortSignal);
  for (;;) {
    const query = lastSeq === undefined ? {} : { afterSeq: lastSeq };
    const seqAtOpen = lastSeq;
    const opened = Date.now();
    let lastByte = opened;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const onAbort = () => reader?.cancel(signal?.reason).catch(() => {});
    signal?.addEventListener("abort", onAbort, { once: true });
    let reason: unknown = "the stream ended before its terminal event";
    try {
      // This loop, not the request, retries the opening too: one policy for the outage.
      const { response } = await request(
        t,
        op,
        { params: { path, query }, parseAs: "stream", sse: true },
        { ...o, maxRetries: 0 },
      );
      const body = response.body;
      if (!body) throw clientError("invalid_response", "the event stream has no body");
      reader = body.getReader();
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
      for (;;) {
        while (queue.length > 0) {
          const message = queue.shift() as EventSourceMessage;
          let event: E & { seq?: number };
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
          if (typeof event.seq === "number") {
            // A server that replays what we saw must not make us repeat it.
            if (lastSeq !== undefined && event.seq <= lastSeq) continue;
            lastSeq = event.seq;
          }
          yield event;
          if (event.type === "terminal") return;
        }
        const { done, value } = await readWithin(reader, idleMs);
        if (signal?.aborted) throw aborted();
        if (done) break;
        lastByte = Date.now();
        pending += value.byteLength;
        if (pending > clientLimits.maxEventBytes) {
          throw clientError(
            "invalid_response",
            `${op} sent an event over ${clientLimits.maxEventBytes} bytes; the stream was closed`,
          );
        }
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (cause) {
      if (signal?.aborted) throw aborted();
      // A failed opening that a retry may fix (refused, 5xx, 429) is a drop
      // too; an error event, once open, ends the stream whatever its code.
      if (cause instanceof CrowNestApiError && (reader || !cause.retryable)) throw cause;
      reason = cause;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      reader?.cancel().catch(() => {});
    }
    // A new outage begins after a connection that advanced the seq or stayed
    // alive (bytes) for an idle window. Heartbeats alone are no progress: a
    // server that sends one and closes, over and over, runs out the budget.
    const now = Date.now();
    if (failures === 0 || lastSeq !== seqAtOpen || lastByte - opened >= idleMs) {
      outage = now;
      failures = 0;
    }
    const left = budgetMs - (now - outage);
    if (input.reconnect === false || left <= 0) {
      const within =
        input.reconnect === false ? "" : ` and did not come back within ${budgetMs} ms`;
      throw causedError(
        "connection_error",
        `the event stream of ${op} dropped${within}`,
        reason,
        t.apiKey,
      );
    }
    const delay = Math.min(retryDelay(failures, answerHeaders.get(reason as object)), left);
    failures++;
    t.log?.(`reconnecting ${op} after seq ${lastSeq ?? "start"} in ${delay}ms`, {
      operation: op,
      afterSeq: lastSeq,
      delayMs: delay,
    });
    try {
      await t.sleep(delay, signal);
    } catch {
      throw aborted();
    }
  }
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
