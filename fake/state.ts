/**
 * Snapshots of a fake's state, as JSON: `fake.snapshot()` takes one,
 * `createFake({ state })` starts from one (and `reset()` goes back to it),
 * `crownest-fake --state FILE` keeps one across restarts.
 *
 * A snapshot holds the clock, the position of the ID stream (so new IDs never
 * collide with restored ones), sandboxes with their files, commands with
 * their logs, artifacts with their bytes, previews and workspace runs with
 * their events and evidence. Left out: idempotency records, download URLs'
 * file copies and archive uploads in flight. A command or run that had not
 * ended comes back canceled: its program can't be carried over.
 *
 * @module
 */
import { fromBase64 as base64ToBytes, toBase64 as bytesToBase64 } from "../src/bytes.ts";
import type { FakeContext } from "./context.ts";
import type { CommandSnapshot } from "./process/restored.ts";
import type { Artifact } from "./services/artifacts.ts";
import type { Preview } from "./services/previews.ts";
import type { Sandbox } from "./services/sandboxes.ts";
import type { RunSnapshot } from "./services/workspace-runs/index.ts";

/** Bytes in a snapshot. */
export interface Base64 {
  base64: string;
}

/** A snapshot of a fake's state (JSON: every value survives JSON.stringify and JSON.parse). */
export interface FakeState {
  /** Marks the JSON as a fake's snapshot. */
  format: "crownest-fake-state";
  /** The snapshot format's version. */
  version: 1;
  /** The seed of the fake it came from. */
  seed: number;
  /** The clock's mode and time. */
  clock: { mode: string; now: string };
  /** Position of the resource ID stream. */
  ids: number;
  /** Sandboxes with their files (null for an ended sandbox, whose files are gone). */
  sandboxes: {
    record: Sandbox;
    files: { path: string; type: "file" | "directory"; modifiedAt: number; data?: Base64 }[] | null;
    rootModifiedAt: number | null;
  }[];
  /** Commands with their logs. */
  commands: CommandSnapshot[];
  /** Artifacts with their bytes. */
  artifacts: { record: Artifact; bytes: Base64 | null }[];
  /** Previews. */
  previews: Preview[];
  /** Workspace runs with their events and evidence. */
  runs: RunSnapshot[];
}

function toBase64(bytes: Uint8Array): Base64 {
  return { base64: bytesToBase64(bytes) };
}

function fromBase64(value: Base64): Uint8Array {
  return base64ToBytes(value.base64);
}

/** The state of `ctx`, its bytes as `bytes(data)` makes them. */
function stateWith(ctx: FakeContext, bytes: (data: Uint8Array) => Base64): FakeState {
  return {
    format: "crownest-fake-state",
    version: 1,
    seed: ctx.config.seed,
    clock: { mode: ctx.clock.mode, now: ctx.clock.iso() },
    ids: ctx.random.save(),
    sandboxes: ctx.sandboxes.exportState().map((s) => ({
      ...s,
      files: s.files?.map(({ data, ...e }) => (data ? { ...e, data: bytes(data) } : e)) ?? null,
    })),
    commands: ctx.commands.exportState(),
    artifacts: ctx.artifacts.exportState().map((a) => ({
      record: a.record,
      bytes: a.bytes ? bytes(a.bytes) : null,
    })),
    previews: ctx.previews.exportState(),
    runs: ctx.runs.exportState(),
  };
}

/** The state of `ctx` as JSON. */
export function exportState(ctx: FakeContext): FakeState {
  return JSON.parse(JSON.stringify(stateWith(ctx, toBase64)));
}

// Bytes per base64 piece of the text: a multiple of 3, so pieces concatenate.
const PIECE_BYTES = 3 * 65_536;

/**
 * The state of `ctx` as the JSON text of exportState(), in pieces. It is
 * taken when called (the bytes copied, not yet encoded); each piece is made
 * when asked for, so a writer that awaits each one lets the event loop run
 * between them: 16 MiB of files is ~90 pieces of a few ms, not seconds in
 * one go.
 */
export function stateText(ctx: FakeContext): Iterable<string> {
  const blobs: Uint8Array[] = [];
  // Where bytes go: a string no value of the state holds by chance (a NUL and a nonce).
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const skeleton = JSON.stringify(
    stateWith(ctx, (data) => {
      blobs.push(data);
      return { base64: `\u0000${nonce}:${blobs.length - 1}` };
    }),
  );
  // JSON writes the NUL as \u0000; the capture is the blob's index.
  const parts = skeleton.split(new RegExp(`"\\\\u0000${nonce}:(\\d+)"`));
  return (function* () {
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        yield parts[i] as string;
        continue;
      }
      const data = blobs[Number(parts[i])] as Uint8Array;
      yield '"';
      for (let at = 0; at < data.length; at += PIECE_BYTES) {
        yield bytesToBase64(data.subarray(at, at + PIECE_BYTES));
      }
      yield '"';
    }
  })();
}

/** Throws a clear error unless `state` looks like a snapshot this fake can load. */
export function assertState(state: unknown): asserts state is FakeState {
  const s = state as Partial<FakeState> | null;
  if (!s || typeof s !== "object" || s.format !== "crownest-fake-state") {
    throw new TypeError('not a snapshot of the fake (its "format" must be "crownest-fake-state")');
  }
  if (s.version !== 1) throw new TypeError(`snapshot version ${s.version} is not supported (1 is)`);
  for (const key of ["sandboxes", "commands", "artifacts", "previews", "runs"] as const) {
    if (!Array.isArray(s[key])) throw new TypeError(`snapshot: "${key}" must be an array`);
  }
  if (typeof s.ids !== "number" || typeof s.clock?.now !== "string") {
    throw new TypeError('snapshot: "ids" must be a number and "clock.now" a time');
  }
}

/** The clock start a snapshot asks for (epoch ms). */
export function stateStart(state: FakeState): number {
  const ms = Date.parse(state.clock.now);
  if (Number.isNaN(ms)) throw new TypeError(`snapshot: bad clock.now ${state.clock.now}`);
  return ms;
}

/** Loads `state` into a fresh context. */
export function importState(ctx: FakeContext, state: FakeState): void {
  ctx.random.restore(state.ids);
  ctx.sandboxes.importState(
    state.sandboxes.map((s) => ({
      ...s,
      files:
        s.files?.map(({ data, ...e }) => (data ? { ...e, data: fromBase64(data) } : e)) ?? null,
    })),
  );
  ctx.commands.importState(state.commands);
  ctx.artifacts.importState(
    state.artifacts.map((a) => ({ record: a.record, bytes: a.bytes ? fromBase64(a.bytes) : null })),
  );
  ctx.previews.importState(state.previews);
  ctx.runs.importState(state.runs);
}
