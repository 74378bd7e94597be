#!/usr/bin/env node
/**
 * crownest-fake: the fake CrowNest service over HTTP.
 *
 *     crownest-fake [--port 8787] [--host 127.0.0.1] [--api-key KEY]
 *                   [--config FILE] [--seed N] [--clock real|manual|auto]
 *                   [--programs FILE] [--state FILE]
 *
 * Prints one line once listening, `crownest-fake listening on
 * http://127.0.0.1:PORT (api key KEY) (control token TOKEN)`, and exits 0 on
 * SIGINT or SIGTERM. KEY is random unless `--api-key` or the config gives
 * keys; the /_fake/* control routes take it or TOKEN as their bearer.
 * `--port 0` picks a free port. `--config` is a JSON file of FakeOptions and
 * the settings below (unknown keys are errors); flags win over it.
 * `--programs FILE` loads a module whose default export receives `programs`
 * and defines them (JavaScript on Node; TypeScript too on Deno and Bun).
 * `--state FILE` starts from the snapshot in FILE when it exists and writes
 * the state back on exit. With `--clock manual`, `POST /_fake/clock/advance
 * {"ms": N}` moves time; `POST /_fake/reset` resets the state. Runs on Node
 * (dist/fake/bin.js), Deno (`deno run -A fake/bin.ts`) and Bun (`bun fake/bin.ts`).
 *
 * @module
 */
import { type ConfigFile, parseConfigFile } from "./config-file.ts";
import type { FakeOptions } from "./index.ts";
import { deno, readTextFile, serveFake } from "./serve.ts";
import {
  cwdUrl,
  type DefinePrograms,
  loadProgramsModule,
  readIfExists,
  resolvePath,
  writeFileAtomic,
} from "./server-files.ts";
import type { FakeState } from "./state.ts";

const USAGE =
  "usage: crownest-fake [--port 8787] [--host 127.0.0.1] [--api-key KEY] [--config FILE] [--seed N] [--clock real|manual|auto] [--programs FILE] [--state FILE]";

const FLAGS = ["port", "host", "api-key", "config", "seed", "clock", "programs", "state"];
const CLOCKS = ["real", "manual", "auto"];

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

function usageError(message: string): never {
  console.error(`crownest-fake: ${message}\n${USAGE}`);
  exit(2);
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
    if (!name || !FLAGS.includes(name)) usageError(`unknown argument ${arg}`);
    const value = m?.[2] ?? args[++i];
    if (value === undefined) usageError(`${arg} needs a value`);
    out[name] = value;
  }
  return out;
}

/** The config file, with its paths made absolute; {} without --config. */
async function readConfig(path: string | undefined): Promise<ConfigFile> {
  if (path === undefined) return {};
  let config: ConfigFile;
  try {
    config = parseConfigFile(await readTextFile(path), path);
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const dir = new URL(".", new URL(resolvePath(path), "file:///"));
  if (config.programs) config.programs = resolvePath(config.programs, dir);
  if (config.state) config.state = resolvePath(config.state, dir);
  return config;
}

async function main(): Promise<void> {
  const args = parseArgs(deno ? deno.args : (proc?.argv.slice(2) ?? []));
  const {
    programs,
    state,
    port: filePort,
    host,
    apiKey: fileKey,
    ...fileOptions
  } = await readConfig(args.config);
  const options: FakeOptions = fileOptions;
  if (args.seed !== undefined) options.seed = Number(args.seed);
  if (args.clock !== undefined) {
    if (!CLOCKS.includes(args.clock)) usageError("--clock must be real, manual or auto");
    options.clock = args.clock as FakeOptions["clock"] & string;
  }
  const apiKey = args["api-key"] ?? fileKey;
  if (apiKey) options.apiKeys = [...(options.apiKeys ?? []), { key: apiKey }];
  const port = args.port === undefined ? (filePort ?? 8787) : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usageError(`bad --port ${args.port}`);

  const programsPath = args.programs ? resolvePath(args.programs, cwdUrl()) : programs;
  const define: DefinePrograms | undefined = programsPath
    ? await loadProgramsModule(programsPath)
    : undefined;
  const statePath = args.state ? resolvePath(args.state, cwdUrl()) : state;
  if (statePath) {
    const text = await readIfExists(statePath);
    if (text !== undefined) options.state = JSON.parse(text) as FakeState;
  }

  const server = await serveFake({
    ...options,
    port,
    hostname: args.host ?? host ?? "127.0.0.1",
    setup: async (fake) => {
      await define?.(fake.programs);
    },
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const save = statePath
      ? writeFileAtomic(statePath, JSON.stringify(server.fake.snapshot())).catch((error) => {
          console.error(`crownest-fake: could not write ${statePath}: ${error}`);
        })
      : Promise.resolve();
    save
      .then(() => server.close())
      .then(
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
