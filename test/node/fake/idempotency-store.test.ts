// The idempotency store on its own: what it stores, what it replays, what it
// forgets. (Through HTTP: auth-idempotency-faults.test.ts.)
import { describe, expect, it } from "vitest";
import { createClock } from "../../../fake/core/clock.ts";
import { fingerprint, IdempotencyStore } from "../../../fake/http/idempotency.ts";

function counting(make: () => Response) {
  const handler = async () => {
    handler.runs++;
    return make();
  };
  handler.runs = 0;
  return handler;
}

describe("the idempotency store", () => {
  it.each([408, 429, 500, 502, 503])(
    "does not store a %i: the retry runs again",
    async (status) => {
      const store = new IdempotencyStore(createClock("manual"));
      const handler = counting(() => new Response("{}", { status }));
      expect((await store.run("key", "k", "fp", handler)).status).toBe(status);
      const again = await store.run("key", "k", "fp", handler);
      expect(handler.runs).toBe(2);
      expect(again.headers.get("idempotent-replayed")).toBeNull();
    },
  );

  it("stores a 499 and a 201", async () => {
    for (const status of [201, 499]) {
      const store = new IdempotencyStore(createClock("manual"));
      const handler = counting(() => new Response("{}", { status }));
      await store.run("key", "k", "fp", handler);
      const again = await store.run("key", "k", "fp", handler);
      expect([handler.runs, again.status]).toEqual([1, status]);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
    }
  });

  it("does not store a stream (any text/event-stream content type)", async () => {
    const store = new IdempotencyStore(createClock("manual"));
    const handler = counting(
      () =>
        new Response("data: x\n\n", {
          headers: { "content-type": "text/event-stream; charset=utf-8" },
        }),
    );
    await store.run("key", "k", "fp", handler);
    await store.run("key", "k", "fp", handler);
    expect(handler.runs).toBe(2);
  });

  it("replays the headers but not the first answer's request ID", async () => {
    const store = new IdempotencyStore(createClock("manual"));
    const handler = counting(
      () =>
        new Response("{}", {
          status: 201,
          headers: { "X-Request-Id": "req_first", "x-custom": "kept" },
        }),
    );
    const first = await store.run("key", "k", "fp", handler);
    expect(first.headers.get("x-request-id")).toBeNull();
    const again = await store.run("key", "k", "fp", handler);
    expect(again.headers.get("x-request-id")).toBeNull();
    expect(again.headers.get("x-custom")).toBe("kept");
  });

  it("answers and replays a bodiless 204", async () => {
    const store = new IdempotencyStore(createClock("manual"));
    const handler = counting(() => new Response(null, { status: 204 }));
    const first = await store.run("key", "k", "fp", handler);
    const again = await store.run("key", "k", "fp", handler);
    expect([first.status, again.status, handler.runs]).toEqual([204, 204, 1]);
    expect(first.body).toBeNull();
  });

  it("says why a reused key is refused", async () => {
    const store = new IdempotencyStore(createClock("manual"));
    await store.run("key", "k", "fp", async () => new Response("{}", { status: 201 }));
    const error = await store
      .run("key", "k", "other", async () => new Response("{}"))
      .catch((e: Error & { code: string }) => e);
    expect(error).toMatchObject({ code: "idempotency_key_reused" });
    expect((error as Error).message).toMatch(/another request/);
  });

  it("forgets everything on clear()", async () => {
    const store = new IdempotencyStore(createClock("manual"));
    const handler = counting(() => new Response("{}", { status: 201 }));
    await store.run("key", "k", "fp", handler);
    store.clear();
    await store.run("key", "k", "fp", handler);
    expect(handler.runs).toBe(2);
  });

  it("fingerprints method, path and body", () => {
    const body = new TextEncoder().encode("{}");
    const fp = fingerprint("post", "/v1/x", body);
    expect(fp).toBe(fingerprint("POST", "/v1/x", body));
    expect(fp).not.toBe(fingerprint("POST", "/v1/y", body));
    expect(fp).not.toBe(fingerprint("POST", "/v1/x", new TextEncoder().encode("{ }")));
  });
});

describe("the idempotency store's pruning", () => {
  const WINDOW = 24 * 3_600_000;
  const ok = async () => new Response("{}", { status: 201 });

  it("forgets each key once its own window has passed, oldest first", async () => {
    const clock = createClock("manual");
    const store = new IdempotencyStore(clock);
    await store.run("key", "a", "fp", ok);
    await clock.advance(1000);
    await store.run("key", "b", "fp", ok);
    store.prune();
    expect(store.size).toBe(2);
    await clock.advance(WINDOW - 1000 - 1);
    store.prune();
    expect(store.size).toBe(2);
    await clock.advance(1);
    store.prune();
    expect(store.size).toBe(1);
    await clock.advance(999);
    store.prune();
    expect(store.size).toBe(1);
    await clock.advance(1);
    store.prune();
    expect(store.size).toBe(0);
  });

  it("goes by the first key left when the first one was dropped unstored", async () => {
    const clock = createClock("manual");
    const store = new IdempotencyStore(clock);
    await store.run("key", "a", "fp", ok);
    await clock.advance(1000);
    await store.run("key", "b", "fp", ok);
    await clock.advance(1000);
    // "a" again after its window: dropped and run anew, now the newest.
    await clock.advance(WINDOW - 2000);
    await store.run("key", "c", "fp", async () => new Response("{}", { status: 503 }));
    await store.run("key", "a", "fp", ok);
    expect(store.size).toBe(2);
    await clock.advance(1000);
    store.prune();
    expect(store.size).toBe(1);
    await clock.advance(WINDOW - 1000);
    store.prune();
    expect(store.size).toBe(0);
    // Empty, then a new key: its own window again.
    await store.run("key", "d", "fp", ok);
    await clock.advance(WINDOW - 1);
    store.prune();
    expect(store.size).toBe(1);
    await clock.advance(1);
    store.prune();
    expect(store.size).toBe(0);
  });

  it("starts afresh after clear()", async () => {
    const clock = createClock("manual");
    const store = new IdempotencyStore(clock);
    await store.run("key", "a", "fp", ok);
    store.clear();
    await clock.advance(1000);
    await store.run("key", "b", "fp", ok);
    await clock.advance(WINDOW - 1);
    store.prune();
    expect(store.size).toBe(1);
  });
});
