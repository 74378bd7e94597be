/**
 * Forgetting on the fake's clock: ended records after the retention period,
 * download snapshots after their URL's lifetime. Due drops are swept lazily
 * (before each request, and after the control route moves the clock), never
 * by clock timers: a 24-hour timer would be the auto clock's next stop
 * whenever a request waits on nothing else, and would show in `pendingTimers()`.
 *
 * @module
 */
import type { Clock } from "./clock.ts";

interface Due {
  at: number;
  drop: () => void;
}

/** One FIFO per delay: with a constant delay on a clock that never runs backwards, each stays sorted. */
class DueQueue {
  #items: Due[] = [];
  #head = 0;

  push(due: Due): void {
    this.#items.push(due);
  }

  sweep(now: number): Due[] {
    const out: Due[] = [];
    while (this.#head < this.#items.length && (this.#items[this.#head] as Due).at <= now) {
      out.push(this.#items[this.#head++] as Due);
    }
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return out;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** When the first item is due; Infinity when there is none. */
  get firstAt(): number {
    return (this.#items[this.#head] as Due | undefined)?.at ?? Number.POSITIVE_INFINITY;
  }
}

/** The drops scheduled in one fake. */
export class Retention {
  readonly #clock: Clock;
  readonly #queues = new Map<number, DueQueue>();
  #sweeping = false;
  /** The earliest first item of the queues (each is sorted): sweep() is O(1) before then. */
  #firstAt = Number.POSITIVE_INFINITY;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Calls `drop` once `delayMs` of clock time has passed, at the next sweep. */
  after(delayMs: number, drop: () => void): void {
    let queue = this.#queues.get(delayMs);
    if (!queue) {
      queue = new DueQueue();
      this.#queues.set(delayMs, queue);
    }
    const at = this.#clock.now() + delayMs;
    queue.push({ at, drop });
    if (at < this.#firstAt) this.#firstAt = at;
  }

  /**
   * Calls `drop` once `retentionMs` have passed since `endedAt` (a restored
   * record's end, which may lie in the past: then at the next sweep; null:
   * it ends now).
   */
  afterEnded(endedAt: string | null, retentionMs: number, drop: () => void): void {
    const since = endedAt === null ? 0 : this.#clock.now() - Date.parse(endedAt);
    this.after(Math.max(0, retentionMs - since), drop);
  }

  /** Runs every drop that is due. */
  sweep(): void {
    if (this.#sweeping) return;
    const now = this.#clock.now();
    if (this.#firstAt > now) return;
    this.#sweeping = true;
    try {
      for (const queue of this.#queues.values()) for (const due of queue.sweep(now)) due.drop();
    } finally {
      this.#sweeping = false;
      // Drops may have scheduled others: learn the earliest again.
      this.#firstAt = Number.POSITIVE_INFINITY;
      for (const queue of this.#queues.values())
        this.#firstAt = Math.min(this.#firstAt, queue.firstAt);
    }
  }

  /** Drops scheduled and not yet run. */
  get pending(): number {
    let n = 0;
    for (const queue of this.#queues.values()) n += queue.size;
    return n;
  }
}
