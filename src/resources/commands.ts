import { type StreamOptions, sseStream } from "../sse.ts";
import { call, type RequestOptions, splitKey, type Transport } from "../transport.ts";
import type {
  CancelCommandOptions,
  Command,
  CommandId,
  CommandLogChunk,
  CommandLogStreamEvent,
  CommandLogsOptions,
  RunCommandOptions,
  SandboxId,
  StartCommandOptions,
} from "../types.ts";

/** client.commands: processes inside a sandbox. */
export interface Commands {
  /**
   * Runs the command and waits for it to exit. A non-zero exit code resolves
   * normally; only a timeout throws (422 `command_timed_out`, the final record
   * in `details.command`).
   */
  run(
    sandboxId: SandboxId,
    command: string,
    input?: RunCommandOptions,
    options?: RequestOptions,
  ): Promise<Command>;
  /** Starts the command and returns at once (status `queued` or `starting`). */
  start(
    sandboxId: SandboxId,
    command: string,
    input?: StartCommandOptions,
    options?: RequestOptions,
  ): Promise<Command>;
  get(commandId: CommandId, options?: RequestOptions): Promise<Command>;
  /** `graceful` (default, SIGTERM) or `force` (SIGKILL); idempotent by state. */
  cancel(
    commandId: CommandId,
    input?: CancelCommandOptions,
    options?: RequestOptions,
  ): Promise<Command>;
  /** Stored log chunks after `afterSeq`, at most `limit` (default 50, max 100). */
  logs(
    commandId: CommandId,
    input?: CommandLogsOptions,
    options?: RequestOptions,
  ): Promise<CommandLogChunk[]>;
  /** Live logs over SSE, ending after the `terminal` event; resumes after a dropped connection. */
  streamLogs(
    commandId: CommandId,
    input?: StreamOptions,
    options?: RequestOptions,
  ): AsyncIterable<CommandLogStreamEvent>;
}

export function commands(t: Transport): Commands {
  const sandbox = (sandboxId: SandboxId) => ({ path: { sandboxId } });
  const cmd = (commandId: CommandId) => ({ path: { commandId } });
  return {
    run(sandboxId, command, input, options) {
      const [body, o] = splitKey(input, options);
      return call(t, "runCommand", { params: sandbox(sandboxId), body: { command, ...body } }, o);
    },
    start(sandboxId, command, input, options) {
      const [body, o] = splitKey(input, options);
      return call(t, "startCommand", { params: sandbox(sandboxId), body: { command, ...body } }, o);
    },
    get: (commandId, options) => call(t, "getCommand", { params: cmd(commandId) }, options),
    cancel(commandId, input, options) {
      const [body, o] = splitKey(input, options);
      return call(t, "cancelCommand", { params: cmd(commandId), body }, o);
    },
    async logs(commandId, input, options) {
      const params = { ...cmd(commandId), query: { ...input } };
      return (await call(t, "listCommandLogs", { params }, options)).data;
    },
    streamLogs: (commandId, input, options) =>
      sseStream<CommandLogStreamEvent>(t, "streamCommandLogs", { commandId }, input, options),
  };
}
