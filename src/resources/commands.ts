import { CrowNestApiError, statusOf } from "../errors.ts";
import { call, request, splitKey } from "../operations.ts";
import { type StreamOptions, sseStream } from "../sse.ts";
import type { RequestOptions, Transport } from "../transport.ts";
import type {
  CancelCommandOptions,
  Command,
  CommandLogChunk,
  CommandLogPage,
  CommandLogStreamEvent,
  CommandLogsOptions,
  RunCommandOptions,
  StartCommandOptions,
} from "../types.ts";

/** client.commands: processes inside a sandbox. */
export interface Commands {
  /**
   * Runs the command and waits for it to exit, however long it runs (up to
   * the contract's 600000 ms). A non-zero exit code resolves normally; only a
   * timeout throws (422 `command_timed_out`, the final record in
   * `details.command`). No request is held open past the service's wait
   * budget: a command still running then is followed over its log stream to
   * its terminal event, so runtime limits on waiting for response headers
   * (Node's 300 s) never apply. Retries reuse the Idempotency-Key, so they
   * never start a second process. `onStdout` and `onStderr` get the output
   * as it comes; the result is the same.
   */
  run(
    sandboxId: string,
    command: string,
    input?: RunCommandOptions,
    options?: RequestOptions,
  ): Promise<Command>;
  /** Starts the command and returns at once (status `queued` or `starting`). */
  start(
    sandboxId: string,
    command: string,
    input?: StartCommandOptions,
    options?: RequestOptions,
  ): Promise<Command>;
  /** A command's record, as it is now (output collected so far included). */
  get(commandId: string, options?: RequestOptions): Promise<Command>;
  /** `graceful` (default, SIGTERM) or `force` (SIGKILL); idempotent by state. */
  cancel(
    commandId: string,
    input?: CancelCommandOptions,
    options?: RequestOptions,
  ): Promise<Command>;
  /**
   * Stored log chunks after `afterSeq` (default 0: from the start), at most
   * `limit` (default 50, max 100). When early chunks were trimmed, reading
   * from before them is 409 `stream_gap` (`details.firstAvailableSeq`).
   */
  logs(
    commandId: string,
    input?: CommandLogsOptions,
    options?: RequestOptions,
  ): Promise<CommandLogChunk[]>;
  /** {@link Commands.logs} with the page's `hasMore` and `nextAfterSeq`. */
  logPage(
    commandId: string,
    input?: CommandLogsOptions,
    options?: RequestOptions,
  ): Promise<CommandLogPage>;
  /**
   * Every stored chunk after `afterSeq` (default 0), page by page, until no
   * more is stored. A trimmed start throws `stream_gap` like `logs`.
   */
  allLogs(
    commandId: string,
    input?: CommandLogsOptions,
    options?: RequestOptions,
  ): AsyncIterable<CommandLogChunk>;
  /**
   * Live logs over SSE, ending after the `terminal` event; resumes after a
   * dropped connection. From the start by default: when early chunks were
   * trimmed, the first event is a `stream_gap` error event.
   */
  streamLogs(
    commandId: string,
    input?: StreamOptions,
    options?: RequestOptions,
  ): AsyncIterable<CommandLogStreamEvent>;
}

/** The error the service sends for a timed-out run, rebuilt from the final record. */
function timedOut(command: Command): CrowNestApiError {
  return new CrowNestApiError({
    status: statusOf("command_timed_out"),
    code: "command_timed_out",
    message: `the command ran past its timeout of ${command.timeoutMs} ms and was killed`,
    details: { command },
  });
}

export function commands(t: Transport): Commands {
  const sandbox = (sandboxId: string) => ({ path: { sandboxId } });
  const cmd = (commandId: string) => ({ path: { commandId } });
  const api: Commands = {
    async run(sandboxId, command, input, options) {
      const [{ onStdout, onStderr, ...body }, o] = splitKey(input, options);
      // Live output: answered 202 at once, the output comes on the stream.
      if (onStdout || onStderr) body.waitMs = 0;
      const init = { params: sandbox(sandboxId), body: { command, ...body } };
      const { data, response } = await request(t, "runCommand", init, o);
      let record = data as Command;
      if (response.status === 202) {
        // Still running after the service's wait budget: its terminal event
        // carries the final record (artifacts collected).
        for await (const event of api.streamLogs(record.id, {}, o)) {
          if (event.type === "terminal") record = event.command;
          if (event.type === "log") (event.stream === "stdout" ? onStdout : onStderr)?.(event.data);
        }
        if (record.status === "timed_out") throw timedOut(record);
      }
      return record;
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
      return (await api.logPage(commandId, input, options)).data;
    },
    logPage: (commandId, input, options) =>
      call(t, "listCommandLogs", { params: { ...cmd(commandId), query: { ...input } } }, options),
    async *allLogs(commandId, input, options) {
      let afterSeq = input?.afterSeq ?? 0;
      for (;;) {
        const page = await api.logPage(commandId, { ...input, afterSeq }, options);
        yield* page.data;
        // A page that moved nowhere ends the walk, whatever hasMore says.
        if (!page.hasMore || page.nextAfterSeq <= afterSeq) return;
        afterSeq = page.nextAfterSeq;
      }
    },
    streamLogs: (commandId, input, options) =>
      sseStream<CommandLogStreamEvent>(t, "streamCommandLogs", { commandId }, input, options),
  };
  return api;
}
