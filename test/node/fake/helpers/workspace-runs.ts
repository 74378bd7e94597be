// Helpers of the workspace-runs*.test.ts files (not a test file itself).
import { createHash } from "node:crypto";
import { packTar, type TarEntry } from "modern-tar";
import { expect } from "vitest";
import type { components } from "../../../../src/generated/openapi.ts";
import { createTestFake, type SseEvent, type TestFake } from "../../../helpers/test-fake.ts";

export type WorkspaceRun = components["schemas"]["WorkspaceRun"];
export const STORAGE = "https://storage.crownest.test";

export const sha256 = (data: Uint8Array | string): string =>
  createHash("sha256").update(data).digest("hex");

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A .tar.gz of `files` (path -> text) plus any raw entries. */
export async function tgz(
  files: Record<string, string>,
  extra: TarEntry[] = [],
): Promise<Uint8Array> {
  const entries: TarEntry[] = Object.entries(files).map(([name, body]) => ({
    header: { name, size: new TextEncoder().encode(body).length },
    body,
  }));
  return gzip(await packTar([...entries, ...extra]));
}

export type T = TestFake;

export function setup(options: Parameters<typeof createTestFake>[0] = {}): T {
  return createTestFake(options);
}

export async function createRun(t: T, body: Record<string, unknown>): Promise<WorkspaceRun> {
  const res = await t.call("POST", "/v1/workspace-runs", { body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

export function upload(t: T, id: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  return t.call("PUT", `/v1/workspace-runs/${id}/archive`, {
    raw: bytes,
    contentType: "application/gzip",
    headers: {
      "X-Archive-Sha256": sha256(bytes),
      "X-Archive-Size-Bytes": String(bytes.length),
      ...headers,
    },
  });
}

/** Creates a run for `command`, uploads `files` directly, starts it. */
export async function startedRun(
  t: T,
  files: Record<string, string>,
  body: Record<string, unknown>,
  extra: TarEntry[] = [],
): Promise<WorkspaceRun> {
  const run = await createRun(t, body);
  const up = await upload(t, run.id, await tgz(files, extra));
  expect(up.status, up.text).toBe(200);
  const started = await t.call("POST", `/v1/workspace-runs/${run.id}/start`);
  expect(started.status, started.text).toBe(202);
  return started.json;
}

/** Reads a run's event stream in the background; `until(pred)` waits for an event. */
export async function collect(t: T, runId: string, query = "") {
  const s = await t.stream("GET", `/v1/workspace-runs/${runId}/events${query}`);
  expect(s.status).toBe(200);
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: () => void }[] = [];
  const done = (async () => {
    for await (const e of s.events) {
      events.push(e);
      for (const w of [...waiters]) {
        if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    }
    return events;
  })();
  return {
    events,
    done,
    close: s.close,
    until(pred: (e: SseEvent) => boolean): Promise<void> {
      if (events.some(pred)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

/** The whole stream of an ending run (the call returns once the terminal event is sent). */
export async function allEvents(t: T, runId: string, query = ""): Promise<SseEvent[]> {
  const res = await t.call("GET", `/v1/workspace-runs/${runId}/events${query}`);
  expect(res.status).toBe(200);
  return res.events;
}

export const dataOf = (events: SseEvent[]) => events.map((e) => e.data);

/** A run's archive_progress events, in order. */
export async function archiveProgress(t: T, runId: string) {
  return dataOf(await allEvents(t, runId)).filter((e) => e.type === "archive_progress");
}
export const terminalOf = (events: SseEvent[]): WorkspaceRun => {
  const last = events.at(-1);
  expect(last?.data.type).toBe("terminal");
  return last?.data.workspaceRun;
};

/** Canonical JSON, written independently of the fake's (fine for keys that aren't integer-like). */
export function independentDigest(bundle: Record<string, unknown>): string {
  const { digest: _digest, ...body } = bundle;
  const text = JSON.stringify(body, (_key, value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
  return sha256(text);
}
