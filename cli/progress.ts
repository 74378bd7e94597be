/**
 * A one-line progress display for terminals: rewritten in place, at most
 * ten times a second, cut to the terminal's width. Disabled (a no-op) when
 * stdout is not a terminal, so piped output stays clean.
 *
 * @module
 */
import type { Sink } from "./output.ts";

const CLEAR_LINE = "\r\x1b[2K";

/** The progress line. */
export class ProgressLine {
  readonly #sink: Sink & { columns?: number };
  readonly #enabled: boolean;
  #last = 0;
  #shown = false;

  constructor(sink: Sink, enabled: boolean) {
    this.#sink = sink;
    this.#enabled = enabled;
  }

  /** Shows `text` (throttled unless `force`). */
  update(text: string, force = false): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (!force && this.#shown && now - this.#last < 100) return;
    this.#last = now;
    const width = Math.max(20, (this.#sink.columns || 80) - 1);
    this.#sink.write(`${CLEAR_LINE}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    this.#shown = true;
  }

  /** Clears the line, leaving `text` as a finished line when given. */
  done(text?: string): void {
    if (!this.#enabled) return;
    if (this.#shown || text) this.#sink.write(`${CLEAR_LINE}${text ? `${text}\n` : ""}`);
    this.#shown = false;
  }
}

/** "37%" of done/total (100% when total is 0). */
export function percent(done: number, total: number): string {
  return `${total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100))}%`;
}
