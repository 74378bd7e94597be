// fake.fetch and its request's signal: an abort before the answer rejects
// with the signal's reason, whether it comes from a timer while the app waits
// on the fake's clock or from code running right after the call; an answer
// delivered first stands; no listener is left on the caller's signal.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";

function setup() {
  const fake = createFake({ clock: "manual" });
  const get = (path: string, signal?: AbortSignal) =>
    fake.fetch(`${fake.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
      ...(signal ? { signal } : {}),
    });
  return { fake, get };
}

describe("fake.fetch and the request's signal", () => {
  it("rejects with the reason when a timer aborts while the app waits on the fake's clock", async () => {
    const { fake, get } = setup();
    // A manual clock that nobody advances: the answer never comes.
    fake.faults.add({ operation: "listSandboxes", latencyMs: 5000 });
    const controller = new AbortController();
    const reason = new Error("gave up");
    const answer = get("/v1/sandboxes", controller.signal);
    setTimeout(() => controller.abort(reason), 20);
    await expect(answer).rejects.toBe(reason);
    expect(getEventListeners(controller.signal, "abort")).toEqual([]);
  });

  it("rejects with the reason when code running right after the call aborts", async () => {
    const { get } = setup();
    for (const delay of [0, 1, 3]) {
      const controller = new AbortController();
      const reason = new Error(`aborted after ${delay} microtasks`);
      const answer = get("/v1/sandboxes", controller.signal);
      let turns = delay;
      const later = (): void => {
        if (turns-- > 0) queueMicrotask(later);
        else controller.abort(reason);
      };
      later();
      await expect(answer, `after ${delay}`).rejects.toBe(reason);
    }
  });

  it("rejects an already aborted signal without asking the app", async () => {
    const { fake, get } = setup();
    const reason = new Error("before");
    await expect(get("/v1/sandboxes", AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(fake.requests.list()).toEqual([]);
  });

  it("delivers an answer that came first, and leaves no listener on a signal used for many calls", async () => {
    const { fake, get } = setup();
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) {
      expect((await get("/v1/sandboxes", controller.signal)).status).toBe(200);
    }
    // A slow one too: it waits on the clock until advanced.
    fake.faults.add({ operation: "listSandboxes", latencyMs: 5000, times: 1 });
    const slow = get("/v1/sandboxes", controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.clock.advance(5000);
    expect((await slow).status).toBe(200);
    controller.abort(new Error("after the answers"));
    expect(getEventListeners(controller.signal, "abort")).toEqual([]);
    expect(fake.requests.list()).toHaveLength(21);
  });
});
