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
 *   expires between two calls of a test. "Idle" means nothing holds the clock:
 *   a running program holds it except while it is parked on fake time
 *   (`proc.sleep`, `proc.waitForSignal`), so a program awaiting real work (a
 *   file read, a real timer) never sees fake time race ahead.
 *
 * A request that waits on fake time while the clock stands still for
 * `stallTimeoutMs` of real time with timers pending (a manual clock nobody
 * advances) fails with ClockStallError instead of hanging silently.
 *
 * @module
 */
import { ClockStallError } from "./clock-stall.ts";
import type { Clock, ClockMode, PendingTimer } from "./clock-types.ts";
import { RealClock, sleepOn } from "./real-clock.ts";

export type { Clock, ClockMode, PendingTimer };
export { ClockStallError };

/** Options of createClock(). */
export interface ClockOptions {
  /** Where a manual or auto clock starts (epoch ms; default CLOCK_START_MS). */
  start?: number;
  /**
   * Real milliseconds a request may wait on fake time while the clock stands
   * still with timers pending before it fails with ClockStallError (default
   * 2000; 0 turns the check off). The error comes within 1.25 times this, so
   * keep it well under the test runner's timeout (5000 ms in vitest and bun
   * test). An auto clock held by a program this long logs a warning naming it
   * instead.
   */
  stallTimeoutMs?: number;
}

/** Where manual and auto clocks start: 2026-01-01T00:00:00.000Z. */
export const CLOCK_START_MS: number = Date.UTC(2026, 0, 1);

/** Default of ClockOptions.stallTimeoutMs. */
const DEFAULT_STALL_TIMEOUT_MS = 2_000;

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * One real macrotask turn: setImmediate where the runtime has it (Node, Bun,
 * Deno 2), else setTimeout(0). Node clamps setTimeout(0) to 1 ms, during
 * which the process sits idle: with it, every step of the auto clock cost a
 * millisecond of real time.
 */
const macrotask: (fn: () => void) => void =
  (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ??
  ((fn) => setTimeout(fn, 0));

/**
 * Lets everything that is ready run: a real macrotask turn runs only once the
 * microtask queue is empty, so chained promises of any depth have settled.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => macrotask(resolve));
}

/** The real-time timer functions (the stall watchdog is the one thing measured in real time). */
type RealTimer = ReturnType<typeof setTimeout>;
function realTimer(ms: number, fn: () => void): RealTimer {
  const handle = setTimeout(fn, ms);
  // Node and Bun: a watchdog must not keep a script alive.
  (handle as { unref?: () => void }).unref?.();
  return handle;
}

/**
 * Creates a clock. The second argument is the start of a manual or auto
 * clock (epoch ms) or ClockOptions.
 */
export function createClock(
  mode: ClockMode = "manual",
  options: number | ClockOptions = {},
): Clock {
  const o = typeof options === "number" ? { start: options } : options;
  if (!["real", "manual", "auto"].includes(mode)) {
    throw new TypeError(`clock must be "auto", "manual" or "real", not ${JSON.stringify(mode)}`);
  }
  if (mode === "real") return new RealClock();
  return new VirtualClock(
    mode,
    o.start ?? CLOCK_START_MS,
    o.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
  );
}

/** A wait watched for a stall. */
interface Watch {
  fakeSince: number;
  realSince: number;
  reject: (error: unknown) => void;
}

class VirtualClock implements Clock {
  readonly mode: ClockMode;
  #start: number;
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  #waiting = 0;
  #busy = 0;
  /** Labels of the current holders (programs), for stall warnings. */
  #holders = new Map<number, string>();
  #holdSeq = 0;
  #stallMs: number;
  #watched = new Set<Watch>();
  #watchdog: RealTimer | undefined;
  /** The held-clock warning is given once per clock. */
  #warned = false;
  #onQuiet: (() => void)[] = [];
  #autoRunning = false;
  /** Serialises advance() calls and the auto loop so time never runs backwards. */
  #queue: Promise<void> = Promise.resolve();

  constructor(mode: ClockMode, start: number, stallMs: number) {
    this.mode = mode;
    this.#start = start;
    this.#now = start;
    this.#stallMs = stallMs;
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
    const watched = this.#watch(p);
    if (this.mode !== "auto") return watched;
    this.#waiting++;
    this.#kick();
    return watched.finally(() => {
      this.#waiting--;
    });
  }

  /**
   * `p`, or ClockStallError once the clock stood still for the stall timeout
   * with timers pending and nothing holding it. Held by a program instead:
   * one warning naming it, and the wait goes on (real work may be slow).
   * One real timer checks every watched wait, so a wait costs no timer.
   */
  #watch<T>(p: Promise<T>): Promise<T> {
    if (!(this.#stallMs > 0)) return p;
    return new Promise<T>((resolve, reject) => {
      const watch: Watch = { fakeSince: this.#now, realSince: performance.now(), reject };
      this.#watched.add(watch);
      this.#armWatchdog();
      p.then(resolve, reject).finally(() => this.#watched.delete(watch));
    });
  }

  #armWatchdog(): void {
    if (this.#watchdog !== undefined) return;
    this.#watchdog = realTimer(Math.max(10, this.#stallMs / 4), () => {
      this.#watchdog = undefined;
      const realNow = performance.now();
      for (const w of this.#watched) {
        if (this.#now !== w.fakeSince || this.#timers.length === 0) {
          w.fakeSince = this.#now;
          w.realSince = realNow;
        } else if (realNow - w.realSince < this.#stallMs) {
          // Not long enough yet.
        } else if (this.#busy > 0) {
          if (!this.#warned) console.warn(this.#heldMessage());
          this.#warned = true;
        } else {
          this.#watched.delete(w);
          w.reject(new ClockStallError(this.#stallMs, this.#timers.length, this.mode));
        }
      }
      if (this.#watched.size > 0) this.#armWatchdog();
    });
  }

  #heldMessage(): string {
    const who = [...new Set(this.#holders.values())].join(", ") || "the fake's own work";
    return (
      `crownest fake: the ${this.mode} clock has been held for ${this.#stallMs} ms of real time ` +
      `by ${who}, with ${this.#timers.length} timer(s) pending. A program holds the clock until ` +
      "it returns or awaits proc.sleep() or proc.waitForSignal()."
    );
  }

  busy<T>(p: Promise<T>): Promise<T> {
    const release = this.hold();
    return p.finally(release);
  }

  hold(label = "the fake's own work"): () => void {
    this.#busy++;
    const id = this.#holdSeq++;
    this.#holders.set(id, label);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#holders.delete(id);
      if (--this.#busy > 0) return;
      for (const resolve of this.#onQuiet.splice(0)) resolve();
      if (this.#waiting > 0) this.#kick();
    };
  }

  /** Settles, then waits until nothing holds the clock (warning once if that takes long). */
  async #quiet(): Promise<void> {
    await settle();
    let warn: RealTimer | undefined;
    try {
      while (this.#busy > 0) {
        if (!warn && this.#stallMs > 0) {
          warn = realTimer(this.#stallMs, () => console.warn(this.#heldMessage()));
        }
        await new Promise<void>((resolve) => this.#onQuiet.push(resolve));
        await settle();
      }
    } finally {
      if (warn) clearTimeout(warn);
    }
  }

  pendingTimers(): number {
    return this.#timers.length;
  }

  pending(): readonly PendingTimer[] {
    return [...this.#timers]
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((t) => ({ at: t.at, inMs: t.at - this.#now }));
  }

  next(): Promise<number | null> {
    const run = this.#queue.then(async () => {
      await this.#quiet();
      const t = this.#next(Number.POSITIVE_INFINITY);
      if (!t) return null;
      await this.#advanceTo(t.at);
      return this.#now;
    });
    this.#queue = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  runAll(options: { maxTimers?: number } = {}): Promise<number> {
    const max = options.maxTimers ?? 10_000;
    const run = this.#queue.then(async () => {
      let fired = 0;
      await this.#quiet();
      for (;;) {
        const t = this.#next(Number.POSITIVE_INFINITY);
        if (!t) return fired;
        if (fired >= max) {
          throw new Error(
            `clock.runAll(): still ${this.#timers.length} timer(s) pending after ${max} fired ` +
              "(something re-arms its timer, e.g. an open log stream's heartbeat); use advance(ms)",
          );
        }
        this.#fire(t);
        fired++;
        await this.#quiet();
      }
    });
    this.#queue = run.then(
      () => {},
      () => {},
    );
    return run;
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
