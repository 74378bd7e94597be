// Row 9: the fake as a long-lived server. One process (run with --expose-gc)
// serves the fake over loopback HTTP (dist/fake/serve.js, manual clock) and
// drives it: 100,000 commands (`commands/run`, each with an Idempotency-Key)
// in sandboxes of 1,000 commands, every 100th command started and then
// force-canceled, every sandbox killed at the end of its batch. Then the
// clock moves 25 hours through the control route (past the 24-hour
// retention and idempotency window). The heap after a full GC must be back
// at its baseline (measured after a warm-up): sustained load runs flat.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { childArgs, childResult, fmt, root, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;
const MiB = 1048576;
const CONCURRENCY = 8;

async function child({ commands, perSandbox }) {
  const { serveFake } = await import(pathToFileURL(join(root, "dist/fake/serve.js")).href);
  const server = await serveFake({ port: 0, hostname: "127.0.0.1", clock: "manual" });
  const { url, fake } = server;
  const auth = { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" };
  const call = async (method, path, body, headers = {}, retry = true) => {
    const init = {
      method,
      headers: { ...auth, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    // A keep-alive socket the server closed while a long GC paused us: send it again.
    const res = await fetch(`${url}${path}`, init).catch((error) => {
      if (!retry) throw error;
      return fetch(`${url}${path}`, init);
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  let n = 0;
  const batch = async (count) => {
    const sandbox = await call("POST", "/v1/sandboxes", {});
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const key = { "idempotency-key": `soak-${n++}` };
        if (i % 100 === 99) {
          const started = await call(
            "POST",
            `/v1/sandboxes/${sandbox.id}/commands`,
            { command: "sleep 1000" },
            key,
          );
          await call("POST", `/v1/commands/${started.id}/cancel`, { mode: "force" });
        } else {
          await call(
            "POST",
            `/v1/sandboxes/${sandbox.id}/commands/run`,
            { command: `echo ${i}` },
            key,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await call("DELETE", `/v1/sandboxes/${sandbox.id}`);
  };
  const advance = (ms) => call("POST", "/_fake/clock/advance", { ms });
  const holdings = () => ({
    sandboxes: fake.context.sandboxes.size,
    commands: fake.context.commands.size,
    idempotencyKeys: fake.context.idempotency.size,
  });

  // Warm-up (JIT, connection pool), then forget it: the baseline.
  await batch(perSandbox);
  await advance(25 * 3_600_000);
  const base = heap();
  const t0 = performance.now();
  for (let done = 0; done < commands; done += perSandbox) await batch(perSandbox);
  const seconds = (performance.now() - t0) / 1000;
  const loaded = heap();
  const held = holdings();
  await advance(25 * 3_600_000);
  const after = heap();
  const left = holdings();
  await server.close();
  return { base, loaded, after, held, left, seconds, commands };
}

export async function run({ quick }) {
  const args = quick
    ? { commands: 5_000, perSandbox: 500 }
    : { commands: 100_000, perSandbox: 1_000 };
  const r = await runChild(
    self,
    { child: args },
    { nodeArgs: ["--expose-gc"], timeoutMs: 1_800_000 },
  );
  const growth = r.after - r.base;
  const met = growth < 4 * MiB && r.left.commands === 0 && r.left.sandboxes === 0;
  return {
    rows: [
      row({
        name: `9. Soak: ${args.commands.toLocaleString("en")} commands over HTTP, kills, clock +25 h`,
        figure: `heap after ${fmt.mib(r.after)} (held under load ${fmt.mib(r.loaded)})`,
        baseline: `heap before ${fmt.mib(r.base)}; ${(args.commands / r.seconds).toFixed(0)} commands/s`,
        ratio: r.after / r.base,
        target: "back to baseline (< +4 MiB)",
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
