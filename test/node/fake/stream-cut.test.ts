// A cut-stream fault (`cutStreamAfterEvents: N`) delivers N whole events,
// then an abrupt end with no terminal event: read with raw clients over HTTP
// (crownest-fake, node:http) and in process (fake.fetch's body reader).
// The MSW path is in msw.test.ts.
import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../../fake/index.ts";
import { FAKE_BIN, startFake } from "../../../scripts/start-fake.mjs";
import { ensureBuilt } from "../../helpers/build.ts";
import { eventsOf, FIVE_LINES, rawClient, readRaw } from "../../shared/raw-sse.ts";

describe("over HTTP (crownest-fake), read with node:http", () => {
  let child: ChildProcess | undefined;
  let url = "";
  let headers: Record<string, string> = {};

  beforeAll(async () => {
    await ensureBuilt(FAKE_BIN);
    const server = await startFake({ args: ["--port", "0"] });
    child = server.child;
    url = server.url;
    headers = { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" };
  }, 180_000);

  afterAll(() => {
    child?.kill("SIGKILL");
  });

  const post = async (path: string, body: object) => {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    expect(res.ok, await res.clone().text()).toBe(true);
    return (await res.json()) as { id: string };
  };

  /** Reads a response until it ends: its text and how it ended. */
  const read = (path: string) =>
    new Promise<{ text: string; ended: string }>((resolve, reject) => {
      const req = request(`${url}${path}`, { headers, agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ text, ended: "end" }));
        res.on("error", (error) => resolve({ text, ended: error.message }));
      });
      req.setTimeout(10_000, () => req.destroy(new Error("no end within 10 s")));
      req.on("error", reject);
      req.end();
    });

  for (const n of [1, 2, 3]) {
    it(`cutStreamAfterEvents: ${n} delivers ${n} whole log events, then an abrupt end`, async () => {
      const sandbox = await post("/v1/sandboxes", {});
      const command = await post(`/v1/sandboxes/${sandbox.id}/commands`, {
        command: FIVE_LINES,
      });
      await post("/_fake/faults", {
        operation: "streamCommandLogs",
        times: 1,
        cutStreamAfterEvents: n,
      });
      const { text, ended } = await read(`/v1/commands/${command.id}/logs/stream`);
      expect(eventsOf(text)).toEqual({ names: Array(n).fill("log"), partial: false });
      expect(ended).toBe("aborted");
    });
  }

  it("the same when every event is there at once (the command ended before the stream opened)", async () => {
    const sandbox = await post("/v1/sandboxes", {});
    const ended = await post(`/v1/sandboxes/${sandbox.id}/commands/run`, {
      command: "echo 1; echo 2; echo 3; echo 4",
    });
    await post("/_fake/faults", {
      operation: "streamCommandLogs",
      times: 1,
      cutStreamAfterEvents: 2,
    });
    const { text, ended: how } = await read(`/v1/commands/${ended.id}/logs/stream`);
    expect(eventsOf(text)).toEqual({ names: ["log", "log"], partial: false });
    expect(how).toBe("aborted");
  });
});

describe("in process (fake.fetch), read with the body's reader", () => {
  for (const n of [1, 2, 3]) {
    it(`cutStreamAfterEvents: ${n} delivers ${n} whole log events, then the body errors`, async () => {
      // The auto clock: each 200 ms sleep passes while the reader waits.
      const fake = createFake({ clock: "auto" });
      const raw = rawClient(fake.fetch, fake.baseUrl, fake.apiKey);
      const sandbox = await raw.post("/v1/sandboxes", {});
      const command = await raw.post(`/v1/sandboxes/${sandbox.id}/commands`, {
        command: FIVE_LINES,
      });
      fake.faults.add({ operation: "streamCommandLogs", times: 1, cutStreamAfterEvents: n });
      const got = await readRaw(await raw.stream(`/v1/commands/${command.id}/logs/stream`));
      expect(got).toMatchObject({ names: Array(n).fill("log"), partial: false });
      expect(got.ended).toMatch(/stream cut by a fault rule/);
    });
  }
});
