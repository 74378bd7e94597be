// Row 3: the fake as a server. Requests/s of GET sandbox and POST
// commands/run (`echo`) over loopback, one load generator (autocannon, in
// this process), against Prism's mock server of the same contract and a
// bare Hono route returning the same JSON. Each server is its own process;
// servers and routes are measured in alternating order over the rounds.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import {
  childArgs,
  childResult,
  fmt,
  freePort,
  median,
  root,
  row,
  startFakeServer,
  startServer,
} from "./lib.mjs";

const CONNECTIONS = 10;

/** Requests/s of `duration` seconds of load. */
function load(url, { method = "GET", headers = {}, body, duration }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method, headers, body, connections: CONNECTIONS, pipelining: 1, duration },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
          return reject(
            new Error(
              `${method} ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
            ),
          );
        }
        resolve(result.requests.average);
      },
    );
  });
}

export async function run({ quick }) {
  const duration = quick ? 1 : 4;
  const rounds = quick ? 1 : 3;
  const dir = await mkdtemp(join(tmpdir(), "crownest-bench-"));
  const servers = [];
  let prismStarting;
  try {
    // Prism takes seconds to start: it starts first, beside the rest.
    const prismPort = await freePort();
    prismStarting = startServer(
      join(root, "node_modules", ".bin", "prism"),
      ["mock", "openapi.yaml", "-p", String(prismPort), "-h", "127.0.0.1"],
      /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/,
      { timeoutMs: 120_000 },
    );
    prismStarting.then((s) => servers.push(s)).catch(() => {});
    const fake = await startFakeServer();
    servers.push(fake);
    const auth = { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" };
    const created = await fetch(`${fake.url}/v1/sandboxes`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ ttlMs: 3_600_000 }),
    });
    const sandbox = await created.json();
    const runBody = JSON.stringify({ command: "echo hello" });
    const ran = await fetch(`${fake.url}/v1/sandboxes/${sandbox.id}/commands/run`, {
      method: "POST",
      headers: auth,
      body: runBody,
    });
    const command = await ran.json();
    if (command.stdout !== "hello\n") throw new Error(`echo gave ${JSON.stringify(command)}`);

    const bodies = join(dir, "bodies.json");
    await writeFile(bodies, JSON.stringify({ sandbox, command }));
    const hono = await startServer(
      process.execPath,
      ["scripts/bench/hono-server.mjs", bodies],
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    servers.push(hono);
    const prism = await prismStarting;

    const targets = { fake: fake.url, prism: prism.match[1], hono: hono.match[1] };
    const routes = {
      get: { path: `/v1/sandboxes/${sandbox.id}`, method: "GET" },
      run: { path: `/v1/sandboxes/${sandbox.id}/commands/run`, method: "POST", body: runBody },
    };
    const results = {};
    const order = Object.keys(targets);
    // Warm-up (JIT; not in quick mode), then rounds in alternating server order.
    for (const name of quick ? [] : order) {
      for (const r of Object.values(routes)) {
        await load(`${targets[name]}${r.path}`, { ...r, headers: auth, duration: 1 });
      }
    }
    for (let round = 0; round < rounds; round++) {
      const names = round % 2 ? [...order].reverse() : order;
      for (const [routeName, r] of Object.entries(routes)) {
        for (const name of names) {
          const rps = await load(`${targets[name]}${r.path}`, { ...r, headers: auth, duration });
          results[routeName] = results[routeName] ?? {};
          results[routeName][name] = [...(results[routeName][name] ?? []), rps];
        }
      }
    }
    const m = {};
    for (const [routeName, byServer] of Object.entries(results)) {
      m[routeName] = Object.fromEntries(Object.entries(byServer).map(([k, v]) => [k, median(v)]));
    }
    const rps = (v) => fmt.rate(v, "req/s");
    const rows = [];
    // Against bare Hono, a run does much more than a GET (a simulated process), so its goal is lower.
    for (const [routeName, label, honoGoal] of [
      ["get", "GET /v1/sandboxes/{id}", 0.5],
      ["run", "POST .../commands/run (echo)", 0.3],
    ]) {
      const r = m[routeName];
      rows.push(
        row({
          name: `3. Fake server vs Prism, ${label}`,
          figure: rps(r.fake),
          baseline: `Prism ${rps(r.prism)}`,
          ratio: r.fake / r.prism,
          target: "≥ 10x",
          met: r.fake / r.prism >= 10,
        }),
        row({
          name: `3. Fake server vs bare Hono, ${label}`,
          figure: rps(r.fake),
          baseline: `bare Hono ${rps(r.hono)}`,
          ratio: r.fake / r.hono,
          target: `≥ ${honoGoal}x`,
          met: r.fake / r.hono >= honoGoal,
        }),
      );
    }
    return { rows, details: { connections: CONNECTIONS, duration, rounds, reqPerSec: results } };
  } finally {
    await prismStarting?.catch(() => {});
    for (const s of servers) await s.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) childResult(await run(childArgs()));
