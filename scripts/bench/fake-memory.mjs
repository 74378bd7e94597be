// Row 4: the fake's memory under load, in a process of its own (run with
// --expose-gc): 10,000 live sandboxes made through the API, then one command
// writing 1,000,000 log chunks, far past the log's retention window (1,000
// chunks by default). RSS and heap are sampled after a full GC every 10% of
// the chunks: they must stay under 512 MiB and flat as the count grows.
import { createFake } from "@crownest/sdk/fake";
import { childArgs, childResult, fmt, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;
const MiB = 1048576;

async function child({ sandboxes, chunks }) {
  const fake = createFake({ plan: { maxLiveSandboxes: sandboxes + 1 } });
  const headers = { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" };
  const post = async (path, body) => {
    const res = await fake.fetch(`${fake.baseUrl}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const sample = () => {
    globalThis.gc();
    const { rss, heapUsed } = process.memoryUsage();
    return { rss, heapUsed };
  };
  const base = sample();
  let first;
  for (let i = 0; i < sandboxes; i++) {
    const s = await post("/v1/sandboxes", { metadata: { n: String(i) } });
    first ??= s;
  }
  const afterSandboxes = sample();

  const samples = [];
  const line = `${"log line of the benchmark ".repeat(3)}\n`;
  fake.programs.define("bench-flood", (proc) => {
    const step = chunks / 10;
    for (let i = 1; i <= chunks; i++) {
      proc.stdout.write(line);
      if (i % step === 0) samples.push({ chunks: i, ...sample() });
    }
    return 0;
  });
  const command = await post(`/v1/sandboxes/${first.id}/commands`, { command: "bench-flood" });
  const state = fake.context.commands.runtime.get(command.id);
  const done = await state.done;
  if (done.exitCode !== 0) throw new Error(`bench-flood ended ${done.status}`);
  if (state.log.lastSeq !== chunks || state.log.size > fake.config.plan.logWindow) {
    throw new Error(`log kept ${state.log.size} of ${state.log.lastSeq}`);
  }
  return {
    base,
    afterSandboxes,
    samples,
    window: fake.config.plan.logWindow,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
}

export async function run({ quick }) {
  const args = quick
    ? { sandboxes: 1_000, chunks: 100_000 }
    : { sandboxes: 10_000, chunks: 1_000_000 };
  const r = await runChild(self, { child: args }, { nodeArgs: ["--expose-gc"] });
  // Growth from 20% of the chunks (the window long full) to all of them.
  const from = r.samples[1];
  const to = r.samples.at(-1);
  const growth = to.heapUsed - from.heapUsed;
  const rssGrowth = to.rss - from.rss;
  const met = r.maxRss < 512 * MiB && growth < 8 * MiB;
  return {
    rows: [
      row({
        name: `4. Fake memory: ${args.sandboxes.toLocaleString("en")} sandboxes + ${args.chunks.toLocaleString("en")} log chunks`,
        figure: `peak RSS ${fmt.mib(r.maxRss)}; heap ${fmt.mib(to.heapUsed)}`,
        baseline: `heap ${from.chunks.toLocaleString("en")}→${to.chunks.toLocaleString("en")} chunks: ${growth >= 0 ? "+" : ""}${fmt.mib(growth)} (RSS ${rssGrowth >= 0 ? "+" : ""}${fmt.mib(rssGrowth)})`,
        ratio: r.maxRss / (512 * MiB),
        target: "< 512 MiB, flat",
        met,
      }),
    ],
    details: { ...args, ...r },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = childArgs();
  childResult(args.child ? await child(args.child) : await run(args));
}
