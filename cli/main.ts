/**
 * The crownest CLI's entry: resolves the command line, builds the SDK client
 * from `--base-url`/`--api-key` (or env CROWNEST_BASE_URL/CROWNEST_API_KEY),
 * runs the command, and maps failures to exit codes: 1 for an API or local
 * failure (`error: <code>: <message>` on stderr, the error envelope with
 * --json), 2 for bad usage (the error and `run 'crownest <cmd> --help'`).
 *
 * @module
 */
import {
  CrowNestApiError,
  type CrowNestClient,
  createCrowNestClient,
  VERSION,
} from "../src/index.ts";
import { type CommandContext, commandHelp, type GroupDef, helpCommand, resolve } from "./args.ts";
import { checkChoices, choicesOf } from "./choices.ts";
import { artifactsGroup } from "./commands/artifacts.ts";
import { execGroup } from "./commands/exec.ts";
import { filesGroup } from "./commands/files.ts";
import { logsGroup } from "./commands/logs.ts";
import { previewsGroup } from "./commands/previews.ts";
import { projectsGroup } from "./commands/projects.ts";
import { runGroup } from "./commands/run.ts";
import { runsGroup } from "./commands/runs.ts";
import { sandboxesGroup } from "./commands/sandboxes.ts";
import { localFileError } from "./local-files.ts";
import { CliError, Output, printError, type Sink, UsageError } from "./output.ts";

/** Every command group, in help order. */
export const GROUPS: GroupDef[] = [
  sandboxesGroup,
  execGroup,
  logsGroup,
  filesGroup,
  artifactsGroup,
  previewsGroup,
  projectsGroup,
  runGroup,
  runsGroup,
];

/** Where main() reads and writes (process's by default). */
export interface MainIo {
  stdout: Sink;
  stderr: Sink;
  env: Record<string, string | undefined>;
}

const UPLOAD_PIECE = 64 * 1024;

interface UploadWatch {
  sizeBytes: number;
  onProgress: (sent: number) => void;
}

/**
 * The client's fetch: the global one, except while an upload is watched,
 * when a PUT's body is handed over in 64 KiB pieces as the connection takes
 * them, each one reported (Content-Length kept).
 */
function watchingFetch(watch: () => UploadWatch | undefined) {
  return (request: Request): Promise<Response> => {
    const w = watch();
    if (!w || request.method !== "PUT" || !request.body) return fetch(request);
    const reader = request.body.getReader();
    let pending: Uint8Array | undefined;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (!pending || pending.byteLength === 0) {
            const next = await reader.read();
            if (next.done) return controller.close();
            pending = next.value;
          }
          const piece = pending.subarray(0, UPLOAD_PIECE);
          pending = pending.subarray(piece.byteLength);
          sent += piece.byteLength;
          controller.enqueue(piece);
          w.onProgress(sent);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    const headers = new Headers(request.headers);
    if (!headers.has("content-length")) headers.set("content-length", String(w.sizeBytes));
    const init = {
      method: request.method,
      headers,
      body,
      signal: request.signal,
      // The SDK's no-redirect policy must survive the re-wrapped request.
      redirect: request.redirect,
      duplex: "half",
    };
    return fetch(new Request(request.url, init as RequestInit));
  };
}

/** Runs the CLI with `argv` (no node and script words); resolves to the exit code. */
export async function main(argv: string[], io?: MainIo): Promise<number> {
  const { stdout, stderr, env } = io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
  const dd = argv.indexOf("--");
  const json = (dd < 0 ? argv : argv.slice(0, dd)).includes("--json");
  const out = new Output(stdout, stderr, json);
  const usageFailure = async (error: UsageError): Promise<number> => {
    // Named after the command concerned: `crownest files put: ...`.
    const message = error.message.startsWith("crownest")
      ? error.message
      : `${error.help.replace(/ --help$/, "")}: ${error.message}`;
    if (json) await printError(out, new CliError("usage_error", message));
    else await out.err(`${message}\nrun '${error.help}'`);
    return 2;
  };

  let code: number;
  try {
    const resolved = resolve(argv, GROUPS);
    if (resolved.kind === "help") {
      const { group, command } = resolved;
      const withChoices =
        group && command && Object.values(command.options ?? {}).some((o) => "schema" in o);
      await out.out(
        withChoices ? commandHelp(group, command, await choicesOf(command)) : resolved.text,
      );
      code = 0;
    } else if (resolved.kind === "version") {
      await out.out(VERSION);
      code = 0;
    } else {
      let client: CrowNestClient | undefined;
      let upload: UploadWatch | undefined;
      const ctx: CommandContext = {
        options: resolved.values,
        positionals: resolved.positionals,
        rest: resolved.rest,
        out,
        env,
        usage: "",
        client: () => {
          if (client) return client;
          const { "api-key": keyOption, "base-url": urlOption } = ctx.options;
          // The SDK reads the environment (and reports a missing or unreadable key) itself.
          try {
            client = createCrowNestClient({
              apiKey: keyOption || undefined,
              baseUrl: urlOption || undefined,
              env,
              optionNames: { apiKey: "--api-key", baseUrl: "--base-url" },
              fetch: watchingFetch(() => upload),
            });
          } catch (error) {
            // The SDK's check of --base-url, reported as the usage error it is.
            if (urlOption && error instanceof CrowNestApiError && error.code === "invalid_config") {
              throw new UsageError(error.message, ctx.usage);
            }
            throw error;
          }
          return client;
        },
        withUploadProgress: async (sizeBytes, onProgress, fn) => {
          if (!out.interactive) return fn();
          upload = { sizeBytes, onProgress };
          try {
            return await fn();
          } finally {
            upload = undefined;
          }
        },
      };
      ctx.usage = helpCommand(resolved.group, resolved.command);
      await checkChoices(resolved.command, resolved.values, ctx.usage);
      code = await resolved.command.run(ctx);
    }
  } catch (error) {
    if (error instanceof UsageError) code = await usageFailure(error);
    else {
      await printError(out, localFileError(error) ?? error);
      code = 1;
    }
  }
  await out.flush();
  return code;
}
