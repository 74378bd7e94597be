/**
 * `crownest runs list|get|cancel|logs|evidence`: workspace runs, their
 * output, and the evidence summary `crownest run` prints too.
 *
 * @module
 */
import type { WorkspaceRun, WorkspaceRunEvidenceBundle } from "../../src/index.ts";
import {
  type CommandContext,
  commandOptions,
  type GroupDef,
  pairsOption,
  record,
} from "../args.ts";
import { formatBytes, formatDuration, type Output, printList, printRecord } from "../output.ts";
import { clampExitCode, TIMED_OUT_EXIT_CODE } from "./exec.ts";

/**
 * The CLI's exit code for a terminal run: its command's exit code when it
 * has one; 124 when it timed out; 143 (128 + SIGTERM) when it was canceled;
 * 1 when it failed without one (extraction failed, the sandbox was lost).
 */
function runExitCode(run: WorkspaceRun): number {
  if (run.exitCode !== null) return clampExitCode(run.exitCode);
  if (run.status === "timed_out") return TIMED_OUT_EXIT_CODE;
  if (run.status === "canceled") return 128 + 15;
  return run.status === "succeeded" ? 0 : 1;
}

/**
 * The line the CLI prints when a run's exit code is not its command's own:
 * a timeout (124), a cancel (143), a failure without an exit code (1).
 */
function runEndNote(run: WorkspaceRun): string | undefined {
  if (run.exitCode !== null || run.status === "succeeded") return undefined;
  const code = runExitCode(run);
  if (run.status === "timed_out") {
    return `crownest: run ${run.id} timed out after ${formatDuration(run.timeoutMs)} (exit ${code})`;
  }
  if (run.status === "canceled") return `crownest: run ${run.id} was canceled (exit ${code})`;
  const why = run.error ? `: ${run.error.code}: ${run.error.message}` : "";
  return `crownest: run ${run.id} ${run.status} without an exit code${why} (exit ${code})`;
}

/** The exit code of a terminal run, after its end note (text output only). */
export async function endRun(out: Output, run: WorkspaceRun): Promise<number> {
  const note = runEndNote(run);
  if (note && !out.json) await out.err(note);
  return runExitCode(run);
}

/** An evidence bundle in a few aligned lines, for people. */
export function evidenceSummary(e: WorkspaceRunEvidenceBundle): string {
  const rows: [string, string][] = [
    ["command", e.command],
    ["template", `${e.template} (${e.templateVersionId})`],
  ];
  if (e.archive) {
    rows.push(["archive", `${formatBytes(e.archive.sizeBytes)}  sha256 ${e.archive.sha256}`]);
  }
  rows.push(
    ["duration", formatDuration(e.timings.durationMs)],
    ["stdout", `${formatBytes(e.outputs.stdout.sizeBytes)}  sha256 ${e.outputs.stdout.sha256}`],
    ["stderr", `${formatBytes(e.outputs.stderr.sizeBytes)}  sha256 ${e.outputs.stderr.sha256}`],
  );
  for (const a of e.artifacts) {
    rows.push(["artifact", `${a.name}  ${a.artifactId}  ${formatBytes(a.sizeBytes)}  ${a.path}`]);
  }
  for (const a of e.artifactErrors)
    rows.push(["not collected", `${a.path}: ${a.code}: ${a.message}`]);
  if (e.error) rows.push(["error", `${e.error.code}: ${e.error.message}`]);
  rows.push(["evidence", `${e.digest.algorithm}:${e.digest.value}  persisted ${e.persistedAt}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = `run ${e.workspaceRunId} ${e.status}${e.exitCode === null ? "" : `, exit code ${e.exitCode}`}`;
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n");
}

const listOptions = commandOptions({
  project: { type: "string", value: "ID", help: "only this project's" },
  status: {
    type: "string",
    value: "STATUS",
    schema: "WorkspaceRunStatus",
    help: "only this status",
  },
  metadata: pairsOption("only runs with this label"),
});

async function list(ctx: CommandContext<typeof listOptions>): Promise<number> {
  const { project, status } = ctx.options;
  const metadata = record(ctx.options.metadata);
  const runs = await ctx.client().workspaceRuns.list({
    ...(project !== undefined && { projectId: project }),
    ...(status !== undefined && { status }),
    ...(metadata && { metadata }),
  });
  await printList(
    ctx.out,
    runs,
    [
      ["ID", (r: WorkspaceRun) => r.id],
      ["STATUS", (r) => r.status],
      ["EXIT", (r) => r.exitCode],
      ["CREATED", (r) => r.createdAt],
      ["COMMAND", (r) => r.command],
    ],
    "workspace runs",
  );
  return 0;
}

async function get(ctx: CommandContext): Promise<number> {
  await printRecord(ctx.out, await ctx.client().workspaceRuns.get(ctx.positionals[0] as string));
  return 0;
}

async function cancel(ctx: CommandContext): Promise<number> {
  const run = await ctx.client().workspaceRuns.cancel(ctx.positionals[0] as string);
  if (ctx.out.json) await printRecord(ctx.out, run);
  else await ctx.out.out(`${run.id} ${run.status}`);
  return 0;
}

async function evidence(ctx: CommandContext): Promise<number> {
  const bundle = await ctx.client().workspaceRuns.evidence(ctx.positionals[0] as string);
  if (ctx.out.json) await ctx.out.emit(bundle);
  else await ctx.out.out(evidenceSummary(bundle));
  return 0;
}

async function logs(ctx: CommandContext): Promise<number> {
  const { out } = ctx;
  const id = ctx.positionals[0] as string;
  let incomplete = false;
  // From seq 0: the whole output the service still keeps, then live until the run ends.
  for await (const event of ctx.client().workspaceRuns.streamEvents(id, { afterSeq: 0 })) {
    switch (event.type) {
      case "stdout":
      case "stderr":
        if (out.json) await out.emit(event);
        else await out.write(event.type === "stderr" ? out.stderr : out.stdout, event.data);
        break;
      case "error":
        incomplete = true;
        if (out.json) await out.emit(event);
        else await out.err(`crownest: event stream: ${event.code}: ${event.message}`);
        break;
      case "terminal":
        if (out.json) await out.emit(event);
        break;
    }
  }
  return incomplete ? 1 : 0;
}

/** The runs commands. */
export const runsGroup: GroupDef = {
  name: "runs",
  summary: "list, inspect and cancel workspace runs, replay their output, read their evidence",
  commands: [
    {
      name: "list",
      summary: "Lists workspace runs, oldest first.",
      options: listOptions,
      run: list,
    },
    {
      name: "get",
      summary: "Prints a workspace run's record.",
      synopsis: "<runId>",
      positionals: [1, 1],
      run: get,
    },
    {
      name: "cancel",
      summary: "Cancels a workspace run (an ended run is returned unchanged).",
      synopsis: "<runId>",
      positionals: [1, 1],
      run: cancel,
    },
    {
      name: "logs",
      summary:
        "Replays a run's stdout and stderr from the start (to the CLI's stdout and stderr); a run still going is followed until it ends.",
      synopsis: "<runId>",
      positionals: [1, 1],
      details: `
Exit code: 0 when the output was printed; 1 on an API failure, or when the
stream reported an error event (such as stream_gap: the start of the output
is no longer kept).

With --json: NDJSON on stdout, the run's stdout and stderr events, any error
events, and the terminal event with the final run.`,
      run: logs,
    },
    {
      name: "evidence",
      summary: "Prints a terminal run's evidence bundle (a summary; the bundle with --json).",
      synopsis: "<runId>",
      positionals: [1, 1],
      run: evidence,
    },
  ],
};
