// Row 9: the fake as a long-lived server. One process (run with --expose-gc)
// serves the fake over loopback HTTP (dist/fake/server/serve.js, manual clock) and
// drives it: 100,000 commands (`commands/run`, each with an Idempotency-Key)
// in sandboxes of 1,000 commands, every 100th command started and then
// force-canceled, every sandbox killed at the end of its batch. Then the
// clock moves 25 hours through the control route (past the 24-hour
// retention and idempotency window). The heap after a full GC must be back
// at its baseline (measured after a warm-up): sustained load runs flat.
// Row 9b: the same in process, as a unit test drives it: the SDK over
// `fake.fetch` (manual clock), sandboxes of `commands.run`, each killed, the
// clock +25 h, two calls. Nothing there yields to the event loop, so the
// runtime's per-request finalizers have not run when the heap is read: what
// a call's signal still references stays; the figure is read then, and
// again once the loop turned.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { childArgs, childResult, fmt, root, row, runChild } from "./lib.mjs";

const self = new URL(import.meta.url).pathname;
const MiB = 1048576;
const CONCURRENCY = 8;

async function child({ commands, perSandbox }) {
  const { serveFake } = await import(pathToFileURL(join(root, "dist/fake/server/serve.js")).href);
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

async function inProcessChild({ sandboxes, perSandbox }) {
  const { createFake } = await import(pathToFileURL(join(root, "dist/fake/index.js")).href);
  const fake = createFake({ clock: "manual" });
  const client = fake.client();
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  // Finalizers run in a task after the GC that found their objects dead.
  const turn = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const load = async (count) => {
    for (let s = 0; s < count; s++) {
      const sandbox = await client.sandboxes.create();
      for (let i = 0; i < perSandbox; i++) await client.commands.run(sandbox.id, `echo ${i}`);
      await client.sandboxes.kill(sandbox.id);
    }
    await fake.clock.advance(25 * 3_600_000);
    await client.sandboxes.list();
    await client.sandboxes.list();
  };
  // The warm-up, once the loop turned, is the baseline.
  await load(1);
  await turn();
  const base = heap();
  const t0 = performance.now();
  await load(sandboxes);
  const seconds = (performance.now() - t0) / 1000;
  const after = heap();
  const left = fake.context.commands.size + fake.context.sandboxes.size;
  await turn();
  const turned = heap();
  return { base, after, turned, left, seconds, commands: sandboxes * perSandbox };
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
  const inArgs = quick ? { sandboxes: 4, perSandbox: 500 } : { sandboxes: 10, perSandbox: 2_000 };
  const p = await runChild(
    self,
    { inProcess: inArgs },
    { nodeArgs: ["--expose-gc"], timeoutMs: 600_000 },
  );
  // Per command, what stays until the event loop turns (~5 KiB when every
  // response stayed reachable from its call's signal).
  const perCommand = (p.after - p.base) / p.commands;
  const inMet = perCommand < 2048 && p.turned - p.base < 4 * MiB && p.left === 0;
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
      row({
        name: `9b. Soak in process: ${p.commands.toLocaleString("en")} commands.run over fake.fetch, kills, clock +25 h`,
        figure: `heap after ${fmt.mib(p.after)} (${(perCommand / 1024).toFixed(1)} KiB a command until the event loop turns; then ${fmt.mib(p.turned)})`,
        baseline: `heap before ${fmt.mib(p.base)}; ${(p.commands / p.seconds).toFixed(0)} commands/s`,
        ratio: p.after / p.base,
        target: "< 2 KiB a command before the loop turns; back to baseline (< +4 MiB) after",
        met: inMet,
      }),
    ],
    details: { ...args, ...r, inProcess: { ...inArgs, ...p } },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = childArgs();
  childResult(
    args.child
      ? await child(args.child)
      : args.inProcess
        ? await inProcessChild(args.inProcess)
        : await run(args),
  );
}
