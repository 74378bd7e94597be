// SSE iterators against hand-made streams: parsing across any chunking,
// resume from the last seq after drops, caps, reconnect: false, break, abort.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrowNestApiError } from "../../../src/index.ts";
import { apiError, KEY, sse, stubClient, stubFetch } from "./helpers/fetch-stubs.ts";

const enc = new TextEncoder();
const log = (seq: number) =>
  ["log", { type: "log", stream: "stdout", data: `line ${seq}\n`, seq, createdAt: "t" }, seq] as [
    string,
    unknown,
    number,
  ];
const terminal: [string, unknown] = ["terminal", { type: "terminal", command: { id: "cmd_1" } }];

/** A streaming Response from byte chunks, optionally failing after them; records cancel. */
function streamResponse(chunks: string[], opts: { fail?: boolean; hang?: boolean } = {}) {
  const state = { canceled: false };
  let next = 0;
  // Pull-based, so the chunks are read before the error (an error drops queued chunks).
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk !== undefined) controller.enqueue(enc.encode(chunk));
      else if (opts.fail) controller.error(new TypeError("network error"));
      else if (opts.hang) return new Promise(() => {});
      else controller.close();
    },
    cancel() {
      state.canceled = true;
    },
  });
  const response = new Response(body, { headers: { "content-type": "text/event-stream" } });
  return { response, state };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("SSE parsing", () => {
  it("yields the same events whatever the chunking of the bytes", async () => {
    const text = sse([log(1), log(2), ["heartbeat", { type: "heartbeat" }], log(3), terminal]);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), text.length];
          const chunks = points.slice(1).map((end, i) => text.slice(points[i], end));
          const { client } = stubClient(async () => streamResponse(chunks).response);
          const events = await collect(client.commands.streamLogs("cmd_1"));
          expect(events.map((e) => e.type)).toEqual(["log", "log", "heartbeat", "log", "terminal"]);
          expect(events.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([1, 2, 3]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("ends after the terminal event without reading further", async () => {
    const { response, state } = streamResponse([sse([log(1), terminal])], { hang: true });
    const { client } = stubClient(async () => response);
    const events = await collect(client.commands.streamLogs("cmd_1"));
    expect(events.map((e) => e.type)).toEqual(["log", "terminal"]);
    expect(state.canceled).toBe(true);
  });

  it("yields error events (stream_gap) to the caller", async () => {
    const gap = {
      type: "error",
      code: "stream_gap",
      message: "gap",
      details: { requestedAfterSeq: 0, firstAvailableSeq: 5 },
    };
    const { client } = stubClient(
      async () => streamResponse([sse([["error", gap], log(5), terminal])]).response,
    );
    const events = await collect(client.commands.streamLogs("cmd_1", { afterSeq: 0 }));
    expect(events[0]).toEqual(gap);
    expect(events.map((e) => e.type)).toEqual(["error", "log", "terminal"]);
  });

  it("any other error event ends the stream and is thrown, a retryable code too, on one connection", async () => {
    const failure = { type: "error", code: "internal_error", message: "the log store failed" };
    const stub = stubFetch(() => streamResponse([sse([log(1), ["error", failure]])]).response);
    const { client } = stubClient(stub.fetch);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of client.commands.streamLogs("cmd_1")) seen.push(event.type);
    })();
    await expect(reading).rejects.toMatchObject({ status: 500, code: "internal_error" });
    expect(seen).toEqual(["log"]);
    expect(stub.requests).toHaveLength(1);
  });

  it("an error event carries its code's status, also a code that is not its status's first", async () => {
    // errorCodeByStatus names one code per status; 409 and 429 have several.
    for (const [code, status] of [
      ["sandbox_destroyed", 409],
      ["quota_exceeded", 429],
      ["invalid_state", 409],
    ] as const) {
      const failure = { type: "error", code, message: "ended" };
      const { client } = stubClient(
        async () => streamResponse([sse([log(1), ["error", failure]])]).response,
      );
      await expect(collect(client.commands.streamLogs("cmd_1"))).rejects.toMatchObject({
        status,
        code,
      });
    }
  });

  it("an unparsable event is invalid_response", async () => {
    const { client } = stubClient(
      async () => streamResponse(["event: log\ndata: {oops\n\n"]).response,
    );
    await expect(collect(client.commands.streamLogs("cmd_1"))).rejects.toMatchObject({
      code: "invalid_response",
    });
  });

  it("an error status when opening throws, after the usual retries for 5xx", async () => {
    const stub = stubFetch((_, i) =>
      i === 0 ? apiError(503, "service_unavailable") : apiError(404, "not_found"),
    );
    const { client } = stubClient(stub.fetch);
    await expect(collect(client.commands.streamLogs("cmd_1"))).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });
});

describe("SSE resume", () => {
  it("reconnects after a network error from the last seen seq: nothing lost or repeated", async () => {
    const stub = stubFetch((request, i) => {
      const after = Number(new URL(request.url).searchParams.get("afterSeq") ?? 0);
      if (i === 0) return streamResponse([sse([log(1), log(2)])], { fail: true }).response;
      if (i === 1) return streamResponse([sse([log(after + 1)])], { fail: true }).response;
      return streamResponse([sse([log(after + 1), log(after + 2), terminal])]).response;
    });
    const lines: string[] = [];
    const { client, delays } = stubClient(stub.fetch, { logger: (m) => lines.push(m) });
    const events = await collect(client.commands.streamLogs("cmd_1"));
    expect(events.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stub.requests.map((r) => new URL(r.url).searchParams.get("afterSeq"))).toEqual([
      null,
      "2",
      "3",
    ]);
    expect(delays).toHaveLength(2);
    expect(lines.filter((l) => l.includes("reconnecting")).join("\n")).toContain("after seq 2");
  });

  it("reconnects when the body ends before the terminal event, starting at the caller's afterSeq", async () => {
    const stub = stubFetch((_, i) =>
      i === 0
        ? streamResponse([sse([log(8)])]).response
        : streamResponse([sse([log(9), terminal])]).response,
    );
    const { client } = stubClient(stub.fetch);
    const events = await collect(client.commands.streamLogs("cmd_1", { afterSeq: 7 }));
    expect(events.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([8, 9]);
    expect(stub.requests.map((r) => new URL(r.url).searchParams.get("afterSeq"))).toEqual([
      "7",
      "8",
    ]);
  });

  it("drops events a server repeats (seq at or below the last seen)", async () => {
    const stub = stubFetch((_, i) =>
      i === 0
        ? streamResponse([sse([log(1), log(2)])], { fail: true }).response
        : streamResponse([sse([log(2), log(3), terminal])]).response,
    );
    const { client } = stubClient(stub.fetch);
    const events = await collect(client.commands.streamLogs("cmd_1"));
    expect(events.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("reconnects with backoff until reconnectTimeoutMs passes without progress, whatever maxRetries", async () => {
    const stub = stubFetch(() => streamResponse([], { fail: true }).response);
    const delays: number[] = [];
    const sleep = (ms: number) => {
      delays.push(ms);
      return new Promise<void>((resolve) => setTimeout(resolve, ms)); // real-time: the reconnect budget is wall time
    };
    const { client } = stubClient(stub.fetch, { maxRetries: 0, sleep });
    const started = Date.now();
    const error = await collect(
      client.commands.streamLogs("cmd_1", { reconnectTimeoutMs: 400 }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(CrowNestApiError);
    expect(error.code).toBe("connection_error");
    expect(error.message).toContain("within 400 ms");
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stub.requests.length).toBeGreaterThan(1);
    // Full-jitter backoff, capped by what is left of the budget.
    delays.forEach((ms, i) => {
      expect(ms).toBeLessThanOrEqual(Math.min(400, 500 * 2 ** i));
    });
  });

  it("a stream that can't be opened (refused, 503) is retried within the client's budget, then resumes", async () => {
    const stub = stubFetch((request, i) => {
      if (i === 0) return streamResponse([sse([log(1)])], { fail: true }).response;
      if (i === 1) throw new TypeError("fetch failed");
      if (i === 2) return apiError(503, "service_unavailable");
      const after = new URL(request.url).searchParams.get("afterSeq");
      expect(after).toBe("1");
      return streamResponse([sse([log(2), terminal])]).response;
    });
    const { client, delays } = stubClient(stub.fetch, { streamReconnectTimeoutMs: 5000 });
    const events = await collect(client.commands.streamLogs("cmd_1"));
    expect(events.filter((e) => e.type === "log").map((e) => e.seq)).toEqual([1, 2]);
    expect(stub.requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it("the client's streamReconnectTimeoutMs bounds a stream that never opens", async () => {
    const stub = stubFetch(() => {
      throw new TypeError("fetch failed");
    });
    const { client } = stubClient(stub.fetch, {
      streamReconnectTimeoutMs: 150,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), // real-time: the reconnect budget is wall time
    });
    const error = await collect(client.commands.streamLogs("cmd_1")).catch((e) => e);
    expect(error).toMatchObject({ code: "connection_error" });
    expect(error.message).toContain("within 150 ms");
    expect(error.message).toContain("fetch failed");
  });

  it("reconnect: false throws on the first drop", async () => {
    const stub = stubFetch(() => streamResponse([sse([log(1)])], { fail: true }).response);
    const { client } = stubClient(stub.fetch);
    const seen: number[] = [];
    const error = await (async () => {
      for await (const event of client.workspaceRuns.streamEvents("wsr_1", { reconnect: false })) {
        if ("seq" in event) seen.push(event.seq);
      }
    })().catch((e) => e);
    expect(seen).toEqual([1]);
    expect(error).toMatchObject({ code: "connection_error" });
    expect(stub.requests).toHaveLength(1);
  });
});

describe("SSE closing", () => {
  it("break closes the connection", async () => {
    const { response, state } = streamResponse([sse([log(1), log(2)])], { hang: true });
    const { client } = stubClient(async () => response);
    for await (const event of client.commands.streamLogs("cmd_1")) {
      if (event.type === "log") break;
    }
    expect(state.canceled).toBe(true);
  });

  it("an abort while waiting for events closes the connection: code aborted", async () => {
    const { response, state } = streamResponse([sse([log(1)])], { hang: true });
    const { client } = stubClient(async () => response);
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of client.commands.streamLogs(
        "cmd_1",
        {},
        { signal: controller.signal },
      )) {
        seen.push(event.type);
        controller.abort();
      }
    })().catch((e) => e);
    expect(seen).toEqual(["log"]);
    expect(error).toMatchObject({ code: "aborted" });
    expect(state.canceled).toBe(true);
  });
});
