// Row 1: SDK call overhead. `sandboxes.get` through the SDK against a raw
// fetch plus JSON parse of the same route, sequential calls, in alternating
// rounds: in-process against the fake's fetch, and over loopback HTTP to
// crownest-fake (a separate process, real clock).
import { createCrowNestClient } from "@crownest/sdk";
import { createFake } from "@crownest/sdk/fake";
import { alternate, childArgs, childResult, fmt, row, startFakeServer, timeCalls } from "./lib.mjs";

export async function run({ quick }) {
  const rounds = quick ? 4 : 40;
  const results = {};

  // In-process: the fake's own fetch, no port.
  {
    const fake = createFake();
    const client = createCrowNestClient({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
    });
    const { id } = await client.sandboxes.create();
    const url = `${fake.baseUrl}/v1/sandboxes/${id}`;
    const headers = { authorization: `Bearer ${fake.apiKey}` };
    const sdk = () => client.sandboxes.get(id);
    const raw = async () => {
      const res = await fake.fetch(new Request(url, { headers }));
      const body = await res.json();
      if (body.id !== id) throw new Error("wrong body");
    };
    results.inProcess = await measure(quick ? 50 : 500, sdk, raw, rounds);
  }

  // Loopback HTTP to crownest-fake.
  const server = await startFakeServer();
  try {
    const client = createCrowNestClient({ apiKey: server.apiKey, baseUrl: server.url });
    const { id } = await client.sandboxes.create({ ttlMs: 3_600_000 });
    const url = `${server.url}/v1/sandboxes/${id}`;
    const headers = { authorization: `Bearer ${server.apiKey}` };
    const sdk = () => client.sandboxes.get(id);
    const raw = async () => {
      const res = await fetch(url, { headers });
      const body = await res.json();
      if (body.id !== id) throw new Error("wrong body");
    };
    results.loopback = await measure(quick ? 25 : 250, sdk, raw, rounds);
  } finally {
    await server.stop();
  }

  const { inProcess: ip, loopback: lo } = results;
  return {
    rows: [
      row({
        name: "1. SDK call overhead, loopback (sandboxes.get)",
        figure: `${fmt.us(lo.sdkUs)}/call`,
        baseline: `raw fetch + JSON.parse ${fmt.us(lo.rawUs)}/call`,
        ratio: lo.ratio,
        target: "≤ 1.10x",
        met: lo.ratio <= 1.1,
      }),
      row({
        name: "1b. SDK call overhead, in-process fake (info)",
        figure: `${fmt.us(ip.sdkUs)}/call`,
        baseline: `raw fake.fetch + JSON.parse ${fmt.us(ip.rawUs)}/call`,
        ratio: ip.ratio,
        target: "—",
        met: null,
      }),
    ],
    details: results,
  };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

if (import.meta.url === `file://${process.argv[1]}`) childResult(await run(childArgs()));

/** Warms both up, then times `n` calls of each in alternating rounds: µs per call and the ratio. */
async function measure(n, sdk, raw, rounds) {
  await timeCalls(n, sdk);
  await timeCalls(n, raw);
  const r = await alternate(
    rounds,
    () => timeCalls(n, sdk),
    () => timeCalls(n, raw),
  );
  return { sdkUs: (median(r.a) / n) * 1000, rawUs: (median(r.b) / n) * 1000, ratio: r.ratio };
}
