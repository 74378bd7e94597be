/**
 * The crownest-fake command (fake/bin.ts runs it): its options, the config
 * and state files, and serving until SIGINT or SIGTERM.
 *
 * @module
 */
import { defineOptions, parseCommandLine, usageLine } from "../../cmdline/options.ts";
import type { FakeOptions } from "../create-fake.ts";
import { assertState, type FakeState, stateStart, stateText } from "../state.ts";
import { type ConfigFile, parseConfigFile } from "./config-file.ts";
import { deno, readTextFile, serveFake } from "./serve.ts";
import {
  cwdUrl,
  type DefinePrograms,
  loadProgramsModule,
  readIfExists,
  removeStaleTemps,
  resolvePath,
  writeFileAtomic,
} from "./server-files.ts";

const OPTIONS = defineOptions({
  port: {
    type: "string",
    value: "N",
    parse: (text, flag) => {
      const port = Number(text);
      if (/^\d+$/.test(text) && port <= 65535) return port;
      throw new Error(`${flag} must be a port number from 0 to 65535 (got '${text}')`);
    },
    help: "port to listen on (default 8787; 0 picks a free one)",
  },
  host: { type: "string", value: "HOST", help: "address to listen on (default 127.0.0.1)" },
  "api-key": { type: "string", value: "KEY", help: "the API key to accept (default: random)" },
  config: { type: "string", value: "FILE", help: "a JSON file of FakeOptions and these settings" },
  seed: {
    type: "string",
    value: "N",
    parse: (text, flag) => {
      if (/^-?\d+$/.test(text)) return Number(text);
      throw new Error(`${flag} must be an integer (got '${text}')`);
    },
    help: "seed of everything left to chance",
  },
  clock: { type: "string", choices: ["real", "manual", "auto"], help: "the fake's clock" },
  programs: { type: "string", value: "FILE", help: "a module defining programs" },
  state: { type: "string", value: "FILE", help: "load the state from FILE, write it back on exit" },
});

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

const PROGRAM = {
  name: "crownest-fake",
  summary: "Serves the fake CrowNest service over HTTP until SIGINT or SIGTERM (exit 0).",
  options: OPTIONS,
  details: `
Prints one line once listening: the URL, the API key and the control token
(the /_fake/* routes take either as their bearer). Flags win over --config.
With --clock manual, POST /_fake/clock/advance {"ms": N} moves time.`,
};

function usageError(message: string): never {
  console.error(`crownest-fake: ${message}\n${usageLine(PROGRAM)}`);
  exit(2);
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

/** The snapshot in a --state file; a usage error (exit 2) naming the file when it is none. */
function readState(path: string, text: string): FakeState {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    const why = text.trim() === "" ? "it is empty" : (error as Error).message;
    usageError(`--state ${path} is not JSON (${why}); it was left as it is`);
  }
  try {
    assertState(state);
    stateStart(state);
  } catch (error) {
    usageError(`--state ${path}: ${(error as Error).message}; it was left as it is`);
  }
  return state;
}

async function serveFromCommandLine(): Promise<void> {
  const { values: args } = parseCommandLine(
    PROGRAM,
    deno ? deno.args : (proc?.argv.slice(2) ?? []),
    { exit },
  );
  const {
    programs,
    state,
    port: filePort,
    host,
    apiKey: fileKey,
    ...fileOptions
  } = await readConfig(args.config);
  const options: FakeOptions = fileOptions;
  if (args.seed !== undefined) options.seed = args.seed;
  if (args.clock !== undefined) options.clock = args.clock;
  const apiKey = args["api-key"] ?? fileKey;
  if (apiKey) options.apiKeys = [...(options.apiKeys ?? []), { key: apiKey }];
  const port = args.port ?? filePort ?? 8787;

  const programsPath = args.programs ? resolvePath(args.programs, cwdUrl()) : programs;
  const define: DefinePrograms | undefined = programsPath
    ? await loadProgramsModule(programsPath)
    : undefined;
  const statePath = args.state ? resolvePath(args.state, cwdUrl()) : state;
  if (statePath) {
    for (const name of await removeStaleTemps(statePath)) {
      console.error(`crownest-fake: removed ${name}, left by a save that did not finish`);
    }
    const text = await readIfExists(statePath);
    if (text !== undefined) options.state = readState(statePath, text);
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
      ? writeFileAtomic(statePath, stateText(server.fake.context)).catch((error) => {
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

/** Runs crownest-fake with the process's arguments; exits 1 with the message on an error. */
export function main(): void {
  serveFromCommandLine().catch((error) => {
    console.error(`crownest-fake: ${error instanceof Error ? error.message : String(error)}`);
    exit(1);
  });
}
