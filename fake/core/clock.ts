/**
 * The fake's only source of time. Everything time-dependent in the fake (TTL
 * expiry, command timeouts, sleeps, heartbeats, signed-URL expiry, idempotency
 * windows, fault latency) reads this clock, never Date.now or global timers.
 *
 * - `real`: wall-clock time and real timers (for a server people poke by hand).
 * - `manual`: time moves only when a test calls `advance(ms)`.
 * - `auto`: like manual, but while some request waits on fake time (it is
 *   inside `waitFor()`) and the fake is otherwise idle, time jumps to the next
 *   timer. With no request waiting, time stands still, so a sandbox's TTL never
 *   expires between two calls of a test.
 *
 * @module
 */

/** How the clock moves. */
export type ClockMode = "real" | "manual" | "auto";

/** The fake's clock. */
export interface Clock {
  readonly mode: ClockMode;
  /** Epoch milliseconds; manual and auto clocks start at 2026-01-01T00:00:00.000Z. */
  now(): number;
  /** RFC 3339 UTC with milliseconds, of `ms` (default: now). */
  iso(ms?: number): string;
  /**
   * Moves time forward by `ms`, firing due timers in time order (ties in the
   * order they were set), letting the fake settle between them, so timers set
   * while advancing fire too when they fall within the window. Rejects on a
   * real clock.
   */
  advance(ms: number): Promise<void>;
  /** Resolves after `ms` of clock time; rejects with `signal.reason` when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` after `ms` of clock time; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
  /**
   * Marks `p` as "a request is waiting on fake time" (auto mode jumps time
   * while any such promise is pending); returns `p`'s outcome. A no-op in
   * manual and real modes.
   */
  waitFor<T>(p: Promise<T>): Promise<T>;
  /**
   * Marks `p` as real asynchronous work the fake is doing (hashing with
   * crypto.subtle, decompressing): it settles on later macrotasks, so it would
   * look like idleness: neither the auto loop nor `advance()` moves time
   * until it is done. `p` must not itself wait on fake time (it would never
   * settle). Returns `p`'s outcome.
   */
  busy<T>(p: Promise<T>): Promise<T>;
  /** How many timers are pending (handy in tests). */
  pendingTimers(): number;
  /** Cancels every timer and, unless real, puts time back to the start. */
  reset(): void;
}

/** Where manual and auto clocks start: 2026-01-01T00:00:00.000Z. */
export const CLOCK_START_MS: number = Date.UTC(2026, 0, 1);

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * One real macrotask turn: setImmediate where the runtime has it (Node, Bun,
 * Deno 2), else setTimeout(0). Node clamps setTimeout(0) to 1 ms, during
 * which the process sits idle: with it, every step of the auto clock cost a
 * millisecond of real time (BENCHMARKS.md, row 6).
 */
const macrotask: (fn: () => void) => void =
  (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ??
  ((fn) => setTimeout(fn, 0));

/**
 * Lets everything that is ready run: a real macrotask turn runs only once the
 * microtask queue is empty, so chained promises of any depth have settled.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => macrotask(resolve));
}

/** Creates a clock. `start` sets the starting time of a manual or auto clock. */
export function createClock(mode: ClockMode = "manual", start: number = CLOCK_START_MS): Clock {
  return mode === "real" ? new RealClock() : new VirtualClock(mode, start);
}

class VirtualClock implements Clock {
  readonly mode: ClockMode;
  #start: number;
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  #waiting = 0;
  #busy = 0;
  #onQuiet: (() => void)[] = [];
  #autoRunning = false;
  /** Serialises advance() calls and the auto loop so time never runs backwards. */
  #queue: Promise<void> = Promise.resolve();

  constructor(mode: ClockMode, start: number) {
    this.mode = mode;
    this.#start = start;
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  iso(ms: number = this.#now): string {
    return new Date(ms).toISOString();
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.push(timer);
    if (this.#waiting > 0) this.#kick();
    return () => {
      const i = this.#timers.indexOf(timer);
      if (i >= 0) this.#timers.splice(i, 1);
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  advance(ms: number): Promise<void> {
    if (!(ms >= 0)) return Promise.reject(new RangeError(`advance(${ms}): ms must be >= 0`));
    const run = this.#queue.then(() => this.#advanceTo(this.#now + ms));
    this.#queue = run.catch(() => {});
    return run;
  }

  waitFor<T>(p: Promise<T>): Promise<T> {
    if (this.mode !== "auto") return p;
    this.#waiting++;
    this.#kick();
    return p.finally(() => {
      this.#waiting--;
    });
  }

  busy<T>(p: Promise<T>): Promise<T> {
    this.#busy++;
    return p.finally(() => {
      if (--this.#busy > 0) return;
      for (const resolve of this.#onQuiet.splice(0)) resolve();
      if (this.#waiting > 0) this.#kick();
    });
  }

  /** Settles, then waits until no busy() work is in flight. */
  async #quiet(): Promise<void> {
    await settle();
    while (this.#busy > 0) {
      await new Promise<void>((resolve) => this.#onQuiet.push(resolve));
      await settle();
    }
  }

  pendingTimers(): number {
    return this.#timers.length;
  }

  reset(): void {
    this.#timers = [];
    this.#now = this.#start;
  }

  #next(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  #fire(t: Timer): void {
    this.#timers.splice(this.#timers.indexOf(t), 1);
    this.#now = Math.max(this.#now, t.at);
    try {
      t.fn();
    } catch (error) {
      // A failing timer callback is a bug in the fake; surface it without
      // stopping the clock for everyone else.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  async #advanceTo(target: number): Promise<void> {
    await this.#quiet();
    for (;;) {
      const t = this.#next(target);
      if (!t) break;
      this.#fire(t);
      await this.#quiet();
    }
    this.#now = Math.max(this.#now, target);
    await this.#quiet();
  }

  /** Starts the auto loop if it isn't running. */
  #kick(): void {
    if (this.mode !== "auto" || this.#autoRunning) return;
    this.#autoRunning = true;
    const loop = async (): Promise<void> => {
      try {
        for (;;) {
          // Let the fake do everything it can without time moving.
          await settle();
          // Nothing waits on time, or real work is in flight: busy() kicks us
          // again when that work is done.
          if (this.#waiting === 0 || this.#busy > 0) return;
          const t = this.#next(Number.POSITIVE_INFINITY);
          // No timer: nothing fake time can unblock; setTimer kicks us again.
          if (!t) return;
          this.#fire(t);
        }
      } finally {
        this.#autoRunning = false;
      }
    };
    const run = this.#queue.then(loop);
    this.#queue = run.catch(() => {});
  }
}

class RealClock implements Clock {
  readonly mode: ClockMode = "real";
  #handles = new Set<ReturnType<typeof setTimeout>>();

  now(): number {
    return Date.now();
  }

  iso(ms: number = Date.now()): string {
    return new Date(ms).toISOString();
  }

  advance(_ms: number): Promise<void> {
    return Promise.reject(new Error("clock.advance() needs a manual or auto clock"));
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  setTimer(ms: number, fn: () => void): () => void {
    const handle = setTimeout(
      () => {
        this.#handles.delete(handle);
        fn();
      },
      Math.max(0, ms),
    );
    this.#handles.add(handle);
    // Node and Bun: a pending TTL must not keep a script alive.
    (handle as { unref?: () => void }).unref?.();
    return () => {
      clearTimeout(handle);
      this.#handles.delete(handle);
    };
  }

  waitFor<T>(p: Promise<T>): Promise<T> {
    return p;
  }

  busy<T>(p: Promise<T>): Promise<T> {
    return p;
  }

  pendingTimers(): number {
    return this.#handles.size;
  }

  reset(): void {
    for (const handle of this.#handles) clearTimeout(handle);
    this.#handles.clear();
  }
}

function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
