// Row 2: log streaming through `commands.streamLogs`.
//
// A simulated program writes N chunks (100,000 small lines; separately
// 100 MiB in 16 KiB chunks) on the fake's auto clock, pausing on fake time
// after each batch so the stream drains it (a batch never exceeds the log's
// window: no stream_gap). Three measurements, each in its own process:
//   record  the SSE bytes the fake sends for that program, read raw;
//           then, in alternating rounds on those same bytes, (a) the SDK's
//           streamLogs over a fetch that replays them and (b)
//           eventsource-parser plus JSON.parse of each event's data (the
//           least a correct consumer does) — the ratio isolates the SDK's
//           own cost from the fake's;
//   e2e     the whole path, fake included: chunks/s, MiB/s and peak RSS (the
//           process holds only the fake, whose log window is bounded, and
//           the SDK), at full size and at a tenth, to show RSS is flat.
import { createCrowNestClient } from "@crownest/sdk";
import { createFake } from "@crownest/sdk/fake";
import { createParser } from "eventsource-parser";
import { alternate, childArgs, childResult, fmt, median, now, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;

/** The two workloads; quick mode shrinks both. */
function workloads(quick) {
  return {
    chunks: { chunks: quick ? 2_000 : 100_000, size: 64, window: 1000, batch: 500 },
    bytes: {
      chunks: ((quick ? 2 : 100) * 1048576) / 16384,
      size: 16384,
      window: 100,
      batch: 50,
    },
  };
}

/** A fake with a `bench-write` program, a client, and a started command. */
async function streamSetup({ chunks, size, window, batch }) {
  const fake = createFake({ clock: "auto", plan: { logWindow: window } });
  const line = `${"x".repeat(size - 1)}\n`;
  fake.programs.define("bench-write", async (proc) => {
    for (let i = 1; i <= chunks; i++) {
      proc.stdout.write(line);
      if (i % batch === 0) await proc.sleep(1);
    }
    return 0;
  });
  const client = createCrowNestClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
  });
  const sandbox = await client.sandboxes.create();
  const command = await sandbox.commands.start("bench-write", { timeoutMs: 600_000 });
  return { fake, client, command };
}

/** Drains an SDK log stream; throws unless every chunk arrived once, in order. */
async function drainSdk(events, expected) {
  let count = 0;
  let bytes = 0;
  for await (const e of events) {
    if (e.type === "log") {
      if (e.seq !== count + 1) throw new Error(`seq ${e.seq} after ${count}`);
      count++;
      bytes += e.data.length;
    } else if (e.type === "error") {
      throw new Error(`stream error event: ${e.code}`);
    }
  }
  if (count !== expected) throw new Error(`got ${count} chunks, expected ${expected}`);
  return bytes;
}

async function childRecord(w) {
  const { fake, command } = await streamSetup(w);
  const res = await fake.fetch(
    new Request(`${fake.baseUrl}/v1/commands/${command.id}/logs/stream`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
    }),
  );
  const recorded = [];
  let total = 0;
  for await (const chunk of res.body) {
    recorded.push(chunk);
    total += chunk.byteLength;
  }
  const replay = async () => {
    let i = 0;
    return new Response(
      new ReadableStream({
        // One chunk per pull, like a socket (a queue of 100,000 chunks
        // enqueued up front would make Node's stream queue the bottleneck).
        pull(controller) {
          if (i < recorded.length) controller.enqueue(recorded[i++]);
          else controller.close();
        },
      }),
      { headers: { "content-type": "text/event-stream" } },
    );
  };
  const client = createCrowNestClient({ apiKey: "k", baseUrl: fake.baseUrl, fetch: replay });
  const sdk = async () => {
    const start = now();
    await drainSdk(client.commands.streamLogs(command.id), w.chunks);
    return now() - start;
  };
  // The parser alone over the recorded bytes; `counts` decides whether an
  // event counts (and is where any per-event work happens).
  const timeParser = async (counts) => {
    let events = 0;
    const p = createParser({
      onEvent: (e) => {
        if (counts(e)) events++;
      },
    });
    const decoder = new TextDecoder();
    const start = now();
    for (const chunk of recorded) p.feed(decoder.decode(chunk, { stream: true }));
    const ms = now() - start;
    if (events !== w.chunks + 1) throw new Error(`parser saw ${events} events`);
    return ms;
  };
  const parser = () => timeParser(() => true);
  // The baseline: the parser plus what any consumer of these events must
  // also do, JSON.parse of each event's data; and, for the explanation,
  // that plus reading the bytes from a ReadableStream (one read per chunk).
  const parserJson = () => timeParser((e) => Boolean(JSON.parse(e.data).type));
  const parserJsonStream = async () => {
    let events = 0;
    const p = createParser({
      onEvent: (e) => {
        if (JSON.parse(e.data).type) events++;
      },
    });
    const decoder = new TextDecoder();
    const reader = (await replay()).body.getReader();
    const start = now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      p.feed(decoder.decode(value, { stream: true }));
    }
    const ms = now() - start;
    if (events !== w.chunks + 1) throw new Error(`parser saw ${events} events`);
    return ms;
  };
  await sdk();
  await parserJson();
  const r = await alternate(w.rounds, sdk, parserJson);
  // For the explanation: the parser without JSON, and with the stream reads.
  const floor = await alternate(w.rounds, parserJsonStream, parser);
  return {
    sseBytes: total,
    recordedChunks: recorded.length,
    sdkMs: median(r.a),
    parserJsonMs: median(r.b),
    parserMs: median(floor.b),
    parserJsonStreamMs: median(floor.a),
    ratio: r.ratio,
  };
}

async function childE2e(w) {
  const { client, command } = await streamSetup(w);
  const start = now();
  const bytes = await drainSdk(client.commands.streamLogs(command.id), w.chunks);
  const ms = now() - start;
  return { ms, bytes, maxRssKiB: process.resourceUsage().maxRSS };
}

export async function run({ quick }) {
  const ws = workloads(quick);
  const out = {};
  for (const [name, w] of Object.entries(ws)) {
    const rounds = quick ? 2 : name === "chunks" ? 9 : 5;
    const rec = await runChild(self, { mode: "record", w: { ...w, rounds } });
    const e2e = await runChild(self, { mode: "e2e", w });
    // Quick mode skips the run at a tenth of the size (it only shows flatness).
    const small = quick
      ? e2e
      : await runChild(self, { mode: "e2e", w: { ...w, chunks: w.chunks / 10 } });
    out[name] = { ...w, rec, e2e, small };
  }
  const { chunks: c, bytes: b } = out;
  const chunkRate = (ms, n) => fmt.rate((n / ms) * 1000, "chunks/s");
  const mibRate = (ms, bytes) => `${((bytes / 1048576 / ms) * 1000).toFixed(0)} MiB/s`;
  const flat = (r) =>
    `peak RSS ${fmt.mib(r.e2e.maxRssKiB * 1024)} (at 1/10 size: ${fmt.mib(r.small.maxRssKiB * 1024)})`;
  // The ratio is throughput: SDK / baseline = baseline time / SDK time.
  return {
    rows: [
      row({
        name: `2a. Log streaming, ${c.chunks.toLocaleString("en")} chunks (SDK on the fake's bytes)`,
        figure: chunkRate(c.rec.sdkMs, c.chunks),
        baseline: `eventsource-parser + JSON.parse ${chunkRate(c.rec.parserJsonMs, c.chunks)}`,
        ratio: 1 / c.rec.ratio,
        target: "≥ 0.8x",
        met: 1 / c.rec.ratio >= 0.8,
      }),
      row({
        name: `2b. Log streaming, ${fmt.mib(b.chunks * b.size)} in 16 KiB chunks (same)`,
        figure: mibRate(b.rec.sdkMs, b.rec.sseBytes),
        baseline: `eventsource-parser + JSON.parse ${mibRate(b.rec.parserJsonMs, b.rec.sseBytes)}`,
        ratio: 1 / b.rec.ratio,
        target: "≥ 0.8x",
        met: 1 / b.rec.ratio >= 0.8,
      }),
      row({
        name: "2c. Log streaming end to end, fake included (info)",
        figure: `${chunkRate(c.e2e.ms, c.chunks)}; ${mibRate(b.e2e.ms, b.e2e.bytes)}`,
        baseline: `${flat(b)}; chunks run ${fmt.mib(c.e2e.maxRssKiB * 1024)}`,
        ratio: b.e2e.maxRssKiB / b.small.maxRssKiB,
        target: "RSS flat",
        met: b.e2e.maxRssKiB / b.small.maxRssKiB < 1.25,
      }),
    ],
    details: out,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = childArgs();
  if (args.mode === "record") childResult(await childRecord(args.w));
  else if (args.mode === "e2e") childResult(await childE2e(args.w));
  else childResult(await run(args));
}
