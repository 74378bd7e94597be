import { createParser, type EventSourceMessage } from "eventsource-parser";
import { CrowNestApiError, clientError } from "./errors.ts";
import type { OperationId } from "./generated/contract.ts";
import { type RequestOptions, request, retryDelay, type Transport } from "./transport.ts";

/** Options of a server-sent event stream. */
export interface StreamOptions {
  /** Start after this sequence number (resume). */
  afterSeq?: number | undefined;
  /** Reconnect after a dropped connection, from the last seen seq (default true). */
  reconnect?: boolean | undefined;
}

/**
 * An SSE stream as an async iterable. It ends after the `terminal` event; a
 * connection that drops (a network error, or a body that ends before the
 * terminal event) is reopened with `afterSeq` = the last seen seq, so no
 * event is lost or repeated; consecutive failed connections (no event
 * received) are capped by maxRetries, with the same backoff as requests.
 * Error events (`stream_gap` included) are yielded, not thrown. `break`, or
 * the signal, closes the connection.
 */
export async function* sseStream<E extends { type: string }>(
  t: Transport,
  op: OperationId,
  path: Record<string, string>,
  input: StreamOptions = {},
  o: RequestOptions = {},
): AsyncGenerator<E, void, undefined> {
  const { signal } = o;
  let lastSeq = input.afterSeq;
  let failures = 0;
  for (;;) {
    const query = lastSeq === undefined ? {} : { afterSeq: lastSeq };
    const { response } = await request(
      t,
      op,
      { params: { path, query }, parseAs: "stream", sse: true },
      o,
    );
    const body = response.body;
    if (!body) throw clientError("invalid_response", "the event stream has no body");
    const reader = body.getReader();
    const queue: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (event) => queue.push(event) });
    const decoder = new TextDecoder();
    const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
    signal?.addEventListener("abort", onAbort, { once: true });
    let received = 0;
    let reason: unknown = "the stream ended before its terminal event";
    try {
      for (;;) {
        while (queue.length > 0) {
          const message = queue.shift() as EventSourceMessage;
          let event: E & { seq?: number };
          try {
            event = JSON.parse(message.data);
          } catch (cause) {
            throw clientError("invalid_response", `unparsable event: ${message.data}`, cause);
          }
          if (typeof event.seq === "number") {
            // A server that replays what we saw must not make us repeat it.
            if (lastSeq !== undefined && event.seq <= lastSeq) continue;
            lastSeq = event.seq;
          }
          received++;
          yield event;
          if (event.type === "terminal") return;
        }
        const { done, value } = await reader.read();
        if (signal?.aborted) throw clientError("aborted", "the stream was aborted", signal.reason);
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (cause) {
      if (cause instanceof CrowNestApiError) throw cause;
      if (signal?.aborted) throw clientError("aborted", "the stream was aborted", signal.reason);
      reason = cause;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      reader.cancel().catch(() => {});
    }
    failures = received > 0 ? 1 : failures + 1;
    const maxRetries = o.maxRetries ?? t.maxRetries;
    if (input.reconnect === false || failures > maxRetries) {
      throw clientError("connection_error", `the event stream dropped: ${reason}`, reason);
    }
    const delay = retryDelay(failures - 1);
    t.log?.(`reconnecting ${op} after seq ${lastSeq ?? "start"} in ${delay}ms`, {
      operation: op,
      afterSeq: lastSeq,
      delayMs: delay,
    });
    try {
      await t.sleep(delay, signal);
    } catch {
      throw clientError("aborted", "the stream was aborted", signal?.reason);
    }
  }
}
