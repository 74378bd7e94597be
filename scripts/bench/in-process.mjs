// Row 10: the in-process test suite, what people's unit tests pay per call.
// Sequential GETs of one sandbox, in alternating rounds, in this process:
//   a. the SDK's `sandboxes.get` over `fake.fetch`, against a raw
//      `fake.fetch` plus `json()` of the same route (the SDK's own cost);
//   c. (info) what any client that can time out or be aborted pays on top
//      of that raw call: a fresh AbortController's signal on the Request and
//      a timer per call, and the body read as bytes then parsed (the SDK's
//      floor on this runtime);
//   b. a raw `fake.fetch` GET plus `json()`, against a bare Hono app
//      answering the same JSON on the same route (the fake's own cost:
//      auth, rate limit, clock, validation, the sandbox's view).
import { createCrowNestClient } from "@crownest/sdk";
import { createFake } from "@crownest/sdk/fake";
import { Hono } from "hono";
import { alternate, childArgs, childResult, fmt, median, row, timeCalls } from "./lib.mjs";

/** Warms both up, then times `n` calls of each in alternating rounds: µs per call and the ratio. */
async function measure(n, rounds, a, b) {
  await timeCalls(n, a);
  await timeCalls(n, b);
  const r = await alternate(
    rounds,
    () => timeCalls(n, a),
    () => timeCalls(n, b),
  );
  return { aUs: (median(r.a) / n) * 1000, bUs: (median(r.b) / n) * 1000, ratio: r.ratio };
}

export async function run({ quick, rounds = quick ? 4 : 40, n = quick ? 50 : 1000 }) {
  const fake = createFake();
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  const { id } = await client.sandboxes.create({ ttlMs: 3_600_000 });
  const url = `${fake.baseUrl}/v1/sandboxes/${id}`;
  const headers = { authorization: `Bearer ${fake.apiKey}` };
  const rawGet = (fetch) => async () => {
    const res = await fetch(new Request(url, { headers }));
    const body = await res.json();
    if (body.id !== id) throw new Error("wrong body");
  };
  const sdk = async () => {
    if ((await client.sandboxes.get(id)).id !== id) throw new Error("wrong body");
  };
  const raw = rawGet(fake.fetch);
  const decoder = new TextDecoder();
  const abortable = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const init = { headers, signal: controller.signal, redirect: "manual" };
      const res = await fake.fetch(new Request(url, init));
      const body = JSON.parse(decoder.decode(await res.arrayBuffer()));
      if (body.id !== id) throw new Error("wrong body");
    } finally {
      clearTimeout(timer);
    }
  };
  const json = await (await fake.fetch(new Request(url, { headers }))).json();
  const bare = new Hono().get("/v1/sandboxes/:id", (c) => c.json(json));
  const hono = rawGet((req) => bare.fetch(req));

  const sdkVsRaw = await measure(n, rounds, sdk, raw);
  const floorVsRaw = await measure(n, rounds, abortable, raw);
  const fakeVsHono = await measure(n, rounds, raw, hono);
  return {
    rows: [
      row({
        name: "10a. In-process test suite: SDK sandboxes.get over fake.fetch",
        figure: `${fmt.us(sdkVsRaw.aUs)}/call`,
        baseline: `raw fake.fetch + json() ${fmt.us(sdkVsRaw.bUs)}/call`,
        ratio: sdkVsRaw.ratio,
        target: "≤ 1.25x",
        met: sdkVsRaw.ratio <= 1.25,
      }),
      row({
        name: "10c. In-process floor: raw fake.fetch with a per-call signal and timer (info)",
        figure: `${fmt.us(floorVsRaw.aUs)}/call`,
        baseline: `raw fake.fetch + json() ${fmt.us(floorVsRaw.bUs)}/call`,
        ratio: floorVsRaw.ratio,
        target: "—",
        met: null,
      }),
      row({
        name: "10b. In-process test suite: fake.fetch GET",
        figure: `${fmt.us(fakeVsHono.aUs)}/call`,
        baseline: `bare Hono app, same JSON ${fmt.us(fakeVsHono.bUs)}/call`,
        ratio: fakeVsHono.ratio,
        target: "≤ 1.5x",
        met: fakeVsHono.ratio <= 1.5,
      }),
    ],
    details: { n, rounds, sdkVsRaw, floorVsRaw, fakeVsHono },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) childResult(await run(childArgs()));
