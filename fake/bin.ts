#!/usr/bin/env node
/**
 * crownest-fake: the fake CrowNest service over HTTP.
 *
 *     crownest-fake [--port 8787] [--host 127.0.0.1] [--api-key KEY]
 *                   [--config FILE] [--seed N] [--clock real|manual]
 *
 * Prints one line once listening, `crownest-fake listening on
 * http://127.0.0.1:PORT (api key KEY) (control token TOKEN)`, and exits 0 on
 * SIGINT or SIGTERM. KEY is random unless `--api-key` or the config gives
 * keys; the /_fake/* control routes take it or TOKEN as their bearer.
 * `--port 0` picks a free port. `--config` is a JSON file of FakeOptions.
 * With `--clock manual`, `POST /_fake/clock/advance {"ms": N}` moves time;
 * `POST /_fake/reset` resets the state. Runs on Node (dist/fake/bin.js),
 * Deno (`deno run -A fake/bin.ts`) and Bun (`bun fake/bin.ts`).
 *
 * @module
 */
import type { FakeOptions } from "./config.ts";
import { deno, readTextFile, serveFake } from "./serve.ts";

const USAGE =
  "usage: crownest-fake [--port 8787] [--host 127.0.0.1] [--api-key KEY] [--config FILE] [--seed N] [--clock real|manual]";

interface NodeProcess {
  argv: string[];
  exit(code: number): never;
  on(signal: string, fn: () => void): void;
}
const proc = (globalThis as { process?: NodeProcess }).process;

function exit(code: number): never {
  if (deno) deno.exit(code);
  return (proc as NodeProcess).exit(code);
}

function parseArgs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (!name || !["port", "host", "api-key", "config", "seed", "clock"].includes(name)) {
      console.error(`crownest-fake: unknown argument ${arg}\n${USAGE}`);
      exit(2);
    }
    const value = m?.[2] ?? args[++i];
    if (value === undefined) {
      console.error(`crownest-fake: ${arg} needs a value\n${USAGE}`);
      exit(2);
    }
    out[name] = value;
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(deno ? deno.args : (proc?.argv.slice(2) ?? []));
  const options: FakeOptions = args.config ? JSON.parse(await readTextFile(args.config)) : {};
  if (args.seed !== undefined) options.seed = Number(args.seed);
  if (args.clock !== undefined) {
    if (args.clock !== "real" && args.clock !== "manual") {
      console.error(`crownest-fake: --clock must be real or manual\n${USAGE}`);
      exit(2);
    }
    options.clock = args.clock;
  }
  const apiKey = args["api-key"];
  if (apiKey) options.apiKeys = [...(options.apiKeys ?? []), { key: apiKey }];
  const port = Number(args.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`crownest-fake: bad --port ${args.port}`);
    exit(2);
  }
  const server = await serveFake({ ...options, port, hostname: args.host ?? "127.0.0.1" });
  const stop = (): void => {
    server.close().then(
      () => exit(0),
      () => exit(0),
    );
  };
  if (deno) {
    deno.addSignalListener("SIGINT", stop);
    deno.addSignalListener("SIGTERM", stop);
  } else {
    proc?.on("SIGINT", stop);
    proc?.on("SIGTERM", stop);
  }
  console.log(
    `crownest-fake listening on ${server.url} (api key ${apiKey ?? server.fake.apiKey}) (control token ${server.fake.config.controlToken})`,
  );
}

main().catch((error) => {
  console.error(`crownest-fake: ${error instanceof Error ? error.message : String(error)}`);
  exit(1);
});
