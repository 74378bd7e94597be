/**
 * The error of a clock nobody moves (see ClockOptions.stallTimeoutMs).
 *
 * @module
 */
import type { ClockMode } from "./clock-types.ts";
import { ApiError } from "./errors.ts";

/**
 * A request waited on fake time, but the clock stood still for
 * `stallTimeoutMs` of real time with timers pending: nobody advanced a
 * manual clock. Answered as 409 invalid_state with `details.clockStalled`.
 */
export class ClockStallError extends ApiError {
  /** An error for a wait of `waitedMs` with `pendingTimers` timers pending. */
  constructor(waitedMs: number, pendingTimers: number, mode: ClockMode) {
    super(
      "invalid_state",
      `the fake's ${mode} clock stalled: a request waited ${waitedMs} ms of real time on fake time ` +
        `while ${pendingTimers} timer(s) were pending and time did not move. ` +
        'Move it with fake.clock.advance(ms), next() or runAll(), or use createFake({ clock: "auto" }).',
      { clockStalled: true, pendingTimers, waitedMs },
    );
    this.name = "ClockStallError";
  }
}
