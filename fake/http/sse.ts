/**
 * Server-sent events from an {@link EventLog}: replay from a resume point,
 * live events, heartbeats on the fake clock, one terminal event, then the end.
 *
 * The body is a pull stream with no buffer (highWaterMark 0): events are read
 * from the log only when the client asks for the next one, so a slow client
 * costs no memory and the log's window decides what it can still get (a
 * `stream_gap` error event says when it fell behind). While the client waits,
 * the wait is inside `clock.waitFor()`, so the auto clock moves time on.
 *
 * @module
 */
import { limits, type OperationId } from "../../src/generated/contract.ts";
import { ApiError } from "../core/errors.ts";
import type { EventLog } from "../core/event-log.ts";

/** One event's JSON (`data:`); its `type` is also the SSE `event:` name. */
export interface SseEvent {
  type: string;
  [key: string]: unknown;
}

/** The part of the fake's clock the stream needs. */
export interface SseClock {
  now(): number;
  setTimer(ms: number, fn: () => void): () => void;
  waitFor<T>(p: Promise<T>): Promise<T>;
}

/** What `sseResponse` needs from the fake (its FakeCore will do). */
export interface SseContext {
  clock: SseClock;
  /** Fault rules: asked once, when the stream opens, whether to cut it after N events. */
  faults?: { streamCut(operationId: OperationId): number | undefined };
}

/** Options of {@link sseResponse}. */
export interface SseOptions<E extends { seq: number }> {
  /** The operation serving the stream (for fault rules and messages). */
  operationId: OperationId;
  log: EventLog<E>;
  /** Resume after this seq; undefined: from the start (stream_gap first when trimmed). */
  afterSeq?: number | undefined;
  /** Maps a stored event to its wire form; default: the event itself (it must have `type`). */
  toEvent?: (e: E) => SseEvent;
  /** The terminal event, built when it is sent (after the log closed and was drained). */
  terminal: () => SseEvent;
  /** Default 15000 ms of fake time. */
  heartbeatMs?: number;
  /**
   * The body errors (like a dropped connection) after this many events.
   * Default: what the fault rules say (`ctx.faults.streamCut(operationId)`).
   */
  cutAfterEvents?: number | undefined;
  headers?: Record<string, string>;
}

// Events per pull: bounds the work (and the chunk queue) of one read.
const BATCH = 100;

/** Real time a cut waits for the events before it to be written. */
const CUT_FLUSH_MS = 20;

/** Formats one SSE event; `id` only for events that advance the sequence. */
function formatSseEvent(event: SseEvent, id?: number): string {
  const idLine = id === undefined ? "" : `id: ${id}\n`;
  return `${idLine}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The resume point of a stream request: `afterSeq` query wins over the
 * `Last-Event-ID` header (both already validated against the contract).
 */
export function resumeAfterSeq(
  afterSeq: unknown,
  lastEventId: string | null | undefined,
): number | undefined {
  if (afterSeq !== undefined && afterSeq !== null && afterSeq !== "") return Number(afterSeq);
  if (lastEventId) return Number(lastEventId);
  return undefined;
}

/** Builds the `text/event-stream` response for a log; see the module doc. */
export function sseResponse<E extends { seq: number }>(
  ctx: SseContext,
  opts: SseOptions<E>,
): Response {
  const { clock } = ctx;
  const { log, heartbeatMs = limits.heartbeatIntervalMs } = opts;
  const cutAfterEvents = opts.cutAfterEvents ?? ctx.faults?.streamCut(opts.operationId);
  const toEvent = opts.toEvent ?? ((e: E) => e as unknown as SseEvent);
  const encoder = new TextEncoder();
  // No resume point reads from the start: trimmed events begin with stream_gap.
  let cursor = opts.afterSeq ?? 0;
  let sent = 0;
  let lastEmitAt = clock.now();
  let finished = false;
  // Set while a pull is waiting: wakes it and releases its subscription and timer.
  let stopWaiting: (() => void) | undefined;

  const ready = (): { text: string; last: boolean }[] => {
    const out: { text: string; last: boolean }[] = [];
    const { gap, events } = log.since(cursor, BATCH);
    if (gap) {
      const firstAvailableSeq = log.firstRetainedSeq;
      out.push({
        text: formatSseEvent({
          type: "error",
          code: "stream_gap",
          message: `events after seq ${cursor} are no longer retained; continuing from seq ${firstAvailableSeq}`,
          details: { requestedAfterSeq: cursor, firstAvailableSeq },
        }),
        last: false,
      });
      cursor = firstAvailableSeq - 1;
    }
    for (const e of events) {
      out.push({ text: formatSseEvent(toEvent(e), e.seq), last: false });
      cursor = e.seq;
    }
    if (out.length > 0) return out;
    if (log.closed && cursor >= log.lastSeq) {
      return [{ text: formatSseEvent(opts.terminal()), last: true }];
    }
    if (clock.now() - lastEmitAt >= heartbeatMs) {
      return [{ text: formatSseEvent({ type: "heartbeat" }), last: false }];
    }
    return out;
  };

  const nextChange = (): Promise<void> =>
    new Promise<void>((resolve) => {
      let settled = false;
      let unsubscribe = (): void => {};
      let cancelTimer = (): void => {};
      const wake = (): void => {
        if (settled) return;
        settled = true;
        stopWaiting = undefined;
        unsubscribe();
        cancelTimer();
        resolve();
      };
      stopWaiting = wake;
      // subscribe() calls `wake` at once when the log is already closed.
      unsubscribe = log.subscribe(wake, wake);
      if (settled) return;
      cancelTimer = clock.setTimer(Math.max(0, lastEmitAt + heartbeatMs - clock.now()), wake);
    });

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (!finished) {
          if (cutAfterEvents !== undefined && sent >= cutAfterEvents) {
            finished = true;
            // A server errors the response at once, dropping what it was
            // given but has not written yet (Bun's server drops it, or Bun's
            // fetch after it; one event-loop turn was not enough under load):
            // a short real pause first, so the N events reach the client.
            await new Promise<void>((resolve) => setTimeout(resolve, CUT_FLUSH_MS));
            controller.error(new TypeError(`${opts.operationId}: stream cut by a fault rule`));
            return;
          }
          const batch = ready();
          if (batch.length === 0) {
            try {
              await clock.waitFor(nextChange());
            } catch (error) {
              stopWaiting?.();
              if (!(error instanceof ApiError)) throw error;
              // A clock nobody moves (ClockStallError): the stream says why and ends.
              finished = true;
              const { code, message, details } = error;
              controller.enqueue(
                encoder.encode(formatSseEvent({ type: "error", code, message, details })),
              );
              controller.close();
            }
            continue;
          }
          for (const { text, last } of batch) {
            if (cutAfterEvents !== undefined && sent >= cutAfterEvents) break;
            controller.enqueue(encoder.encode(text));
            sent++;
            lastEmitAt = clock.now();
            if (last) {
              finished = true;
              controller.close();
            }
          }
          return;
        }
      },
      cancel() {
        finished = true;
        stopWaiting?.();
      },
    },
    { highWaterMark: 0 },
  );

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      ...opts.headers,
    },
  });
}
