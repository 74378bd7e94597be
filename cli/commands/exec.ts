/**
 * `crownest exec <sandboxId> -- <command>`: starts a command, streams its
 * stdout and stderr live to the CLI's own, and exits with its exit code.
 * The first Ctrl-C cancels it gracefully (SIGTERM), the second forcefully
 * (SIGKILL), a third stops waiting.
 *
 * @module
 */
import type { Command, CommandId } from "../../src/index.ts";
import {
  type CommandContext,
  commandLine,
  commandOptions,
  duration,
  type GroupDef,
  pairsOption,
  record,
} from "../args.ts";
import { formatDuration } from "../output.ts";
import { INTERRUPTED_EXIT_CODE, onInterrupt } from "../signals.ts";

/** GNU timeout's exit code for a command that ran out of time. */
export const TIMED_OUT_EXIT_CODE = 124;

/** An exit code as a process may return it: 0..255 (anything else becomes 255). */
export function clampExitCode(code: number): number {
  return Number.isInteger(code) && code >= 0 && code <= 255 ? code : 255;
}

/**
 * The CLI's exit code for an ended command: its own exit code when it has
 * one; 124 when it timed out; 128 + the signal that ended it otherwise
 * (143 for SIGTERM, 137 for SIGKILL); 1 when it could not start.
 */
function commandExitCode(command: Command): number {
  if (command.exitCode !== null) return clampExitCode(command.exitCode);
  if (command.status === "timed_out") return TIMED_OUT_EXIT_CODE;
  if (command.terminationSignal === "SIGKILL") return 128 + 9;
  if (command.terminationSignal === "SIGTERM") return 128 + 15;
  return 1;
}

/**
 * The line the CLI prints when an exit code is its own rather than the
 * command's: a timeout (124) or a signal (128 + n); undefined otherwise.
 */
function commandEndNote(command: Command): string | undefined {
  const code = commandExitCode(command);
  if (command.exitCode !== null) return undefined;
  if (command.status === "timed_out") {
    return `crownest: ${command.id} timed out after ${formatDuration(command.timeoutMs)} (exit ${code})`;
  }
  if (command.terminationSignal) {
    const why = command.canceledAt ? "canceled, " : "";
    return `crownest: ${command.id} was ${why}ended by ${command.terminationSignal} (exit ${code})`;
  }
  return `crownest: ${command.id} ${command.status} without an exit code (exit ${code})`;
}

const execOptions = commandOptions({
  cwd: { type: "string", value: "DIR", help: "working directory (default /workspace)" },
  env: pairsOption("extra variable"),
  timeout: {
    type: "string",
    value: "DURATION",
    parse: duration,
    help: "time limit: ms, or with a unit (90s, 2m); default 60s, at most 10m",
  },
});

async function exec(ctx: CommandContext<typeof execOptions>): Promise<number> {
  const { out } = ctx;
  const client = ctx.client();
  const sandboxId = ctx.positionals[0] as `sbx_${string}`;
  const command = commandLine(ctx.rest ?? []);
  const { cwd, timeout: timeoutMs } = ctx.options;
  const env = record(ctx.options.env);

  let id: CommandId | undefined;
  let interrupts = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let stopWaiting: (() => void) | undefined;
  const stopped = new Promise<"stopped">((resolve) => {
    stopWaiting = () => resolve("stopped");
  });
  const cancel = (mode: "graceful" | "force"): void => {
    if (!id) return;
    const commandId = id;
    pending = pending.then(() =>
      client.commands.cancel(commandId, { mode }).catch(async (error: unknown) => {
        await out.err(`crownest: could not cancel ${commandId}: ${(error as Error).message}`);
      }),
    );
  };
  const act = (count: number): void => {
    if (count === 1) {
      void out.err(
        `\ncrownest: canceling ${id ?? "the command"} (graceful, SIGTERM); press Ctrl-C again to force`,
      );
      cancel("graceful");
    } else if (count === 2) {
      void out.err(`crownest: canceling ${id ?? "the command"} (force, SIGKILL)`);
      cancel("force");
    } else {
      void out.err("crownest: stopped waiting");
      stopWaiting?.();
    }
  };
  const removeHandler = onInterrupt((count) => {
    interrupts = count;
    act(count);
  });
  try {
    const started = await client.commands.start(sandboxId, command, {
      ...(cwd !== undefined && { cwd }),
      ...(env && { env }),
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
    id = started.id;
    if (out.json) await out.emit({ type: "command", command: started });
    // A Ctrl-C that came while the command was being started applies now.
    if (interrupts >= 1) cancel("graceful");
    if (interrupts >= 2) cancel("force");
    if (interrupts >= 3) {
      await pending;
      return INTERRUPTED_EXIT_CODE;
    }

    const follow = async (): Promise<Command> => {
      let final: Command | undefined;
      for await (const event of client.commands.streamLogs(started.id)) {
        if (event.type === "heartbeat") continue;
        if (out.json) await out.emit(event);
        if (event.type === "log") {
          if (!out.json)
            await out.write(event.stream === "stderr" ? out.stderr : out.stdout, event.data);
        } else if (event.type === "error") {
          if (!out.json) await out.err(`crownest: log stream: ${event.code}: ${event.message}`);
        } else if (event.type === "terminal") {
          final = event.command;
        }
      }
      return final ?? (await client.commands.get(started.id));
    };
    const result = await Promise.race([follow(), stopped]);
    if (result === "stopped") return INTERRUPTED_EXIT_CODE;
    await pending;
    const note = commandEndNote(result);
    if (note && !out.json) await out.err(note);
    return commandExitCode(result);
  } finally {
    removeHandler();
  }
}

/** The exec command. */
export const execGroup: GroupDef = {
  name: "exec",
  summary: "run a command in a sandbox, streaming its output live",
  commands: [
    {
      name: "",
      summary: "Runs a command in a sandbox and streams its stdout and stderr live.",
      synopsis: "<sandboxId>",
      positionals: [1, 1],
      tail: "required",
      options: execOptions,
      details: `
The words after -- are the command line: one word is sent as it is
(\`-- 'npm test && echo ok'\` runs that shell line); several words are quoted
so each reaches the program as one word.

Ctrl-C once cancels the command gracefully (SIGTERM, SIGKILL 10s later if it
is still running); twice, forcefully (SIGKILL); a third time stops waiting
(exit 130). SIGTERM to the CLI counts as Ctrl-C.

Exit code: the command's own; 124 when it timed out; 128 + the signal that
ended it when it has none (143 SIGTERM, 137 SIGKILL); 1 when it could not
start or on an API failure. A 124 or 128 + n gets one line on stderr saying
which.

With --json: NDJSON on stdout, a {"type":"command"} line with the started
record, then the log stream's events (log, error, terminal).`,
      run: exec,
    },
  ],
};
