/**
 * The clock's interface, apart from its implementations (clock.ts: manual and
 * auto; real-clock.ts: real), so each side imports it without importing the
 * other. See clock.ts for how the modes move time.
 *
 * @module
 */
/** How the clock moves. */
export type ClockMode = "real" | "manual" | "auto";

/** The fake's clock. */
export interface Clock {
  /** How this clock moves. */
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
   * while any such promise is pending); returns `p`'s outcome. On a manual
   * or auto clock that stands still with timers pending for the stall
   * timeout, it rejects with ClockStallError instead. A pass-through on a
   * real clock.
   */
  waitFor<T>(p: Promise<T>): Promise<T>;
  /**
   * Marks `p` as real asynchronous work the fake is doing (hashing with
   * crypto.subtle, decompressing): it settles on later macrotasks, so it would
   * look like idleness: neither the auto loop nor `advance()` moves time
   * until it is done. `p` must not itself wait on fake time (it would never
   * settle). Returns `p`'s outcome. Simulated programs need no such marking:
   * a running program holds the clock unless parked on fake time.
   */
  busy<T>(p: Promise<T>): Promise<T>;
  /**
   * Holds the clock, like `busy()` without a promise: until the returned
   * function is called, neither the auto loop nor `advance()` moves time.
   * `label` names the holder in stall warnings. Releasing twice is harmless.
   */
  hold(label?: string): () => void;
  /** How many timers are pending (handy in tests). */
  pendingTimers(): number;
  /** The pending timers, soonest first: when each is due (epoch ms) and in how many ms. */
  pending(): readonly PendingTimer[];
  /**
   * Moves time to the next pending timer and fires every timer due then;
   * returns the new time, or null when no timer is pending. Rejects on a real clock.
   */
  next(): Promise<number | null>;
  /**
   * Fires timers in time order until none is pending, moving time as it goes;
   * returns how many fired. Timers that re-arm themselves (log stream
   * heartbeats) would run forever: past `maxTimers` (default 10000) it rejects.
   */
  runAll(options?: { maxTimers?: number }): Promise<number>;
  /** Cancels every timer and, unless real, puts time back to the start. */
  reset(): void;
}

/** A pending timer, as `pending()` lists it. */
export interface PendingTimer {
  /** When it is due (epoch ms of the clock). */
  at: number;
  /** How far ahead of now. */
  inMs: number;
}
