/**
 * A sequenced, windowed event log with live subscribers: the store behind
 * command logs and workspace-run events. Sequence numbers start at 1 and have
 * no gaps; only the last `window` events are kept, so memory stays bounded
 * however much a process writes.
 *
 * @module
 */

/** What `since()` returns: `gap` is true when events after `afterSeq` were already dropped. */
export interface EventLogSlice<E> {
  gap: boolean;
  events: E[];
}

interface Subscriber<E> {
  onEvent: (e: E) => void;
  onClose?: () => void;
}

/** A sequenced log keeping the last `window` events. */
export class EventLog<E extends { seq: number }> {
  readonly window: number;
  #events: E[] = [];
  // Index of the oldest retained event in #events: trimming by moving a head
  // index and compacting now and then keeps append O(1) amortised.
  #head = 0;
  #lastSeq = 0;
  #closed = false;
  #subscribers = new Set<Subscriber<E>>();

  /** @param window how many of the newest events to keep (at least 1). */
  constructor(window: number) {
    this.window = Math.max(1, Math.floor(window));
  }

  /** Appends the event `make(seq)` with the next seq and tells the subscribers. Throws once closed. */
  append(make: (seq: number) => E): E {
    if (this.#closed) throw new Error("EventLog is closed");
    const event = make(this.#lastSeq + 1);
    if (event.seq !== this.#lastSeq + 1) throw new Error("EventLog: make() must use the seq given");
    this.#lastSeq = event.seq;
    this.#events.push(event);
    if (this.#events.length - this.#head > this.window) this.#head++;
    if (this.#head >= this.window) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
    for (const s of [...this.#subscribers]) s.onEvent(event);
    return event;
  }

  /** The seq of the newest event ever appended (0 when none). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The seq of the oldest retained event; `lastSeq + 1` when the log is empty. */
  get firstRetainedSeq(): number {
    return this.#events[this.#head]?.seq ?? this.#lastSeq + 1;
  }

  /** How many events are held in memory (at most `window`). */
  get size(): number {
    return this.#events.length - this.#head;
  }

  /** Live subscribers (tests check that a disconnected stream unsubscribed). */
  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** True once `close()` was called: no more events will come. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Retained events with seq > `afterSeq`, oldest first, at most `limit`.
   * `gap` is true when some event after `afterSeq` has left the window; the
   * events then start at the oldest retained one.
   */
  since(afterSeq: number, limit: number = Number.POSITIVE_INFINITY): EventLogSlice<E> {
    const first = this.firstRetainedSeq;
    const gap = afterSeq < first - 1;
    const from = this.#head + Math.max(0, afterSeq + 1 - first);
    const to = Math.min(this.#events.length, from + limit);
    return { gap, events: from < to ? this.#events.slice(from, to) : [] };
  }

  /**
   * Calls `onEvent` for every event appended from now on and `onClose` when
   * the log closes (at once if it already is). Returns the unsubscribe function.
   */
  subscribe(onEvent: (e: E) => void, onClose?: () => void): () => void {
    const sub: Subscriber<E> = onClose ? { onEvent, onClose } : { onEvent };
    if (this.#closed) {
      onClose?.();
      return () => {};
    }
    this.#subscribers.add(sub);
    return () => {
      this.#subscribers.delete(sub);
    };
  }

  /**
   * A log holding `events` (oldest first, consecutive seqs ending at
   * `lastSeq`), closed unless told otherwise, as a snapshot of the fake
   * restores it.
   */
  static restore<E extends { seq: number }>(
    window: number,
    events: readonly E[],
    lastSeq: number,
    closed = true,
  ): EventLog<E> {
    const log = new EventLog<E>(window);
    log.#events = events.slice(-log.window);
    log.#lastSeq = Math.max(lastSeq, events.at(-1)?.seq ?? 0);
    log.#closed = closed;
    return log;
  }

  /** Marks the log finished; subscribers get `onClose` and are dropped. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const subs = [...this.#subscribers];
    this.#subscribers.clear();
    for (const s of subs) s.onClose?.();
  }
}
