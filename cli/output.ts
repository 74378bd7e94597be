/**
 * Output of the crownest CLI: text for people, JSON for scripts, errors in
 * one shape, and writes that respect a slow pipe's backpressure.
 *
 * @module
 */
import { CrowNestApiError } from "../src/index.ts";

/** A writable end the CLI prints to (process.stdout or process.stderr, or a test double). */
export interface Sink {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  once(event: "drain", listener: () => void): unknown;
  isTTY?: boolean | undefined;
}

/** Where a command prints, and how. */
export class Output {
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** `--json`: one JSON document (or NDJSON events for streams) on stdout. */
  readonly json: boolean;

  constructor(stdout: Sink, stderr: Sink, json: boolean) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.json = json;
  }

  /** Whether stdout is a terminal (and not --json): progress is shown then. */
  get interactive(): boolean {
    return this.stdout.isTTY === true && !this.json;
  }

  /** Writes to a sink, waiting for it to drain when its buffer is full. */
  async write(sink: Sink, chunk: string | Uint8Array): Promise<void> {
    if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once("drain", resolve));
  }

  /** A line on stdout. */
  out(line: string): Promise<void> {
    return this.write(this.stdout, `${line}\n`);
  }

  /** A line on stderr. */
  err(line: string): Promise<void> {
    return this.write(this.stderr, `${line}\n`);
  }

  /** One JSON document (or one NDJSON event) on stdout. */
  emit(value: unknown): Promise<void> {
    return this.write(this.stdout, `${JSON.stringify(value)}\n`);
  }

  /** Waits until everything written so far has been handed to the OS. */
  async flush(): Promise<void> {
    await Promise.all(
      [this.stdout, this.stderr].map(
        (sink) => new Promise<void>((resolve) => sink.write("", () => resolve())),
      ),
    );
  }
}

/** A failure the CLI reports as `error: <code>: <message>` (exit 1). */
export class CliError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  /** Extra lines printed after the error line (hints). */
  readonly hints: string[];

  constructor(code: string, message: string, details?: Record<string, unknown>, hints?: string[]) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.details = details;
    this.hints = hints ?? [];
  }
}

/**
 * Bad usage: unknown command or option, missing argument, a bad option value
 * (exit 2; the message and where to find the help on stderr).
 */
export class UsageError extends Error {
  /** The command line that prints the help concerned (`crownest files put --help`). */
  readonly help: string;

  constructor(message: string, help: string) {
    super(message);
    this.name = "UsageError";
    this.help = help;
  }
}

const addedHints = new WeakMap<object, string[]>();

/** Adds hint lines (printed after the error line) to an error of any kind; returns it. */
export function withHints<E extends object>(error: E, hints: string[]): E {
  addedHints.set(error, [...(addedHints.get(error) ?? []), ...hints]);
  return error;
}

interface ErrorReport {
  code: string;
  message: string;
  status?: number;
  details?: Record<string, unknown>;
  requestId?: string;
}

function report(error: unknown): { report: ErrorReport; hints: string[] } {
  const { report: r, hints } = reportOf(error);
  const added = typeof error === "object" && error !== null ? addedHints.get(error) : undefined;
  return { report: r, hints: [...hints, ...(added ?? [])] };
}

function reportOf(error: unknown): { report: ErrorReport; hints: string[] } {
  if (error instanceof CrowNestApiError) {
    return {
      report: {
        code: error.code,
        message: error.message,
        // A failure before any HTTP answer (no key, no connection) has no status.
        ...(error.status !== null && { status: error.status }),
        ...(error.details && { details: error.details }),
        ...(error.requestId && { requestId: error.requestId }),
      },
      hints: [],
    };
  }
  if (error instanceof CliError) {
    return {
      report: {
        code: error.code,
        message: error.message,
        ...(error.details && { details: error.details }),
      },
      hints: error.hints,
    };
  }
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === "string" ? e.code : "internal_error";
  const message = typeof e?.message === "string" ? e.message : String(error);
  return { report: { code, message }, hints: [] };
}

/**
 * Prints a failure on stderr: `error: <code>: <message>` (then the request id
 * and validation issues, when there are some), or with --json the error
 * envelope `{"error": {...}}` as one line.
 */
export async function printError(out: Output, error: unknown): Promise<void> {
  const { report: r, hints } = report(error);
  if (out.json) {
    await out.write(out.stderr, `${JSON.stringify({ error: r })}\n`);
    return;
  }
  const lines = [`error: ${r.code}: ${r.message}`];
  const issues = r.details?.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      const i = issue as { path?: unknown; message?: unknown };
      // An issue the message already states is not repeated.
      if (typeof i.message === "string" && r.message.includes(i.message)) continue;
      lines.push(`  ${typeof i.path === "string" && i.path ? `${i.path}: ` : ""}${i.message}`);
    }
  }
  lines.push(...hints.map((h) => `  ${h}`));
  if (r.requestId) lines.push(`  request id: ${r.requestId}`);
  await out.err(lines.join("\n"));
}

// ---- formatting ---------------------------------------------------------------

/** 1536 -> "1.5 KiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** 1234 -> "1.2s"; 125000 -> "2m5s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "-";
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "-";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Rows as aligned columns (two spaces apart), with a header row. */
export function table(headers: string[], rows: unknown[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  return cells
    .map((row) =>
      row
        .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** A record as `key  value` lines, keys aligned; nested values as compact JSON, null as "-". */
function keyValues(record: object): string {
  const entries = Object.entries(record).filter(([, v]) => typeof v !== "function");
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`).join("\n");
}

/** Prints a record: JSON with --json, else key-value lines. */
export async function printRecord(out: Output, record: object): Promise<void> {
  if (out.json) await out.emit(record);
  else await out.out(keyValues(record));
}

/**
 * Prints a list: the array as JSON with --json; else a table, or a note on
 * stderr when it is empty (so stdout stays empty).
 */
export async function printList<T>(
  out: Output,
  items: readonly T[],
  columns: [string, (item: T) => unknown][],
  noun: string,
): Promise<void> {
  if (out.json) return out.emit(items);
  if (items.length === 0) return out.err(`no ${noun}`);
  await out.out(
    table(
      columns.map(([h]) => h),
      items.map((item) => columns.map(([, get]) => get(item))),
    ),
  );
}
