/**
 * The real clock (wall-clock time, real timers) and the sleep both clocks share.
 *
 * @module
 */
import type { Clock, ClockMode, PendingTimer } from "./clock-types.ts";

/** Wall-clock time and real timers, for a server people poke by hand. */
export class RealClock implements Clock {
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

  hold(): () => void {
    return () => {};
  }

  pendingTimers(): number {
    return this.#handles.size;
  }

  pending(): readonly PendingTimer[] {
    return [];
  }

  next(): Promise<number | null> {
    return Promise.reject(new Error("clock.next() needs a manual or auto clock"));
  }

  runAll(): Promise<number> {
    return Promise.reject(new Error("clock.runAll() needs a manual or auto clock"));
  }

  reset(): void {
    for (const handle of this.#handles) clearTimeout(handle);
    this.#handles.clear();
  }
}

/** Resolves after `ms` of `clock` time; rejects with `signal.reason` when aborted. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
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
