/**
 * `crownest logs <commandId>`: a command's stored output, or with --follow
 * its live output until it ends.
 *
 * @module
 */
import { limits } from "../../src/generated/contract.ts";
import { type CommandContext, commandOptions, type GroupDef, wholeNumber } from "../args.ts";
import type { Output } from "../output.ts";

/** The API's largest page of log chunks. */
const PAGE = limits.maxLogPageSize;

/** One piece of output: its text to the CLI's stdout or stderr, or an NDJSON log event. */
async function printLog(
  out: Output,
  event: { stream: string; data: string; seq: number; createdAt: string },
): Promise<void> {
  if (out.json) {
    const { stream, data, seq, createdAt } = event;
    await out.emit({ type: "log", stream, data, seq, createdAt });
  } else await out.write(event.stream === "stderr" ? out.stderr : out.stdout, event.data);
}

const logsOptions = commandOptions({
  follow: { type: "boolean", short: "f", help: "keep streaming until the command ends" },
  "after-seq": {
    type: "string",
    value: "N",
    parse: wholeNumber,
    help: "start after the chunk with this sequence number (chunks are 1, 2, 3, ...)",
  },
});

async function logs(ctx: CommandContext<typeof logsOptions>): Promise<number> {
  const { out } = ctx;
  const id = ctx.positionals[0] as string;
  let afterSeq = ctx.options["after-seq"];
  const commands = ctx.client().commands;
  if (!ctx.options.follow) {
    for (;;) {
      const page = await commands.logs(id, {
        ...(afterSeq !== undefined && { afterSeq }),
        limit: PAGE,
      });
      for (const chunk of page) await printLog(out, chunk);
      const last = page.at(-1);
      if (!last || page.length < PAGE) return 0;
      afterSeq = last.seq;
    }
  }
  let incomplete = false;
  for await (const event of commands.streamLogs(id, { afterSeq })) {
    if (event.type === "log") await printLog(out, event);
    else if (event.type === "error") {
      incomplete = true;
      if (out.json) await out.emit(event);
      else await out.err(`crownest: log stream: ${event.code}: ${event.message}`);
    } else if (event.type === "terminal" && out.json) await out.emit(event);
  }
  return incomplete ? 1 : 0;
}

/** The logs command. */
export const logsGroup: GroupDef = {
  name: "logs",
  summary: "print a command's output, or follow it live",
  commands: [
    {
      name: "",
      summary:
        "Prints a command's stored output (stdout to stdout, stderr to stderr); --follow streams it until the command ends.",
      synopsis: "<commandId>",
      positionals: [1, 1],
      options: logsOptions,
      details: `
Exit code: 0 when the output was printed; 1 on an API failure, such as
stream_gap (409) when the chunks after --after-seq are no longer kept, or when
the followed stream reported an error event.

With --json: NDJSON on stdout, one {"type":"log"} line per chunk (stream,
data, seq, createdAt); --follow adds the stream's error events and the
terminal event with the final command.`,
      run: logs,
    },
  ],
};
