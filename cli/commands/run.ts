/**
 * `crownest run [DIR] -- <command>`: packs a directory, runs the command on
 * it as a workspace run, streams its output live, prints the evidence
 * summary, and exits with the run's exit code.
 *
 * @module
 */
import {
  MAX_ARCHIVE_BYTES,
  type WorkspaceRunId,
  type WorkspaceRunStreamEvent,
} from "../../src/index.ts";
import {
  type CommandContext,
  commandLine,
  commandOptions,
  duration,
  type GroupDef,
  pairsOption,
  record,
} from "../args.ts";
import { CliError, formatBytes, type Output, UsageError } from "../output.ts";
import type { PackResult } from "../pack.ts";
import { ProgressLine, percent } from "../progress.ts";
import { INTERRUPTED_EXIT_CODE, onInterrupt } from "../signals.ts";
import { endRun, evidenceSummary } from "./runs.ts";

/** The refusal of an archive over the limit, with what made it big. */
function archiveTooLarge(
  packed: PackResult,
  largestEntries: (packed: PackResult) => { path: string; size: number }[],
): CliError {
  const size = packed.complete
    ? `${formatBytes(packed.sizeBytes)} (${packed.sizeBytes} bytes)`
    : `more than ${formatBytes(packed.sizeBytes)}`;
  const largest = largestEntries(packed)
    .map((e) => `${e.path} ${formatBytes(e.size)}`)
    .join(", ");
  return new CliError(
    "archive_too_large",
    `the archive of ${packed.root} is ${size} compressed; the limit is ${formatBytes(MAX_ARCHIVE_BYTES)} (${MAX_ARCHIVE_BYTES} bytes). Nothing was uploaded.`,
    {
      limit: MAX_ARCHIVE_BYTES,
      sizeBytes: packed.sizeBytes,
      sizeIsLowerBound: !packed.complete,
      fileCount: packed.fileCount,
    },
    [
      ...(largest ? [`largest entries (uncompressed): ${largest}`] : []),
      "leave files out with .gitignore (.git and node_modules are left out already)",
    ],
  );
}

async function dryRun(out: Output, packed: PackResult): Promise<void> {
  if (out.json) {
    await out.emit({
      root: packed.root,
      entries: packed.entries,
      skipped: packed.skipped,
      fileCount: packed.fileCount,
      totalBytes: packed.totalBytes,
      sizeBytes: packed.sizeBytes,
      sha256: packed.sha256,
    });
    return;
  }
  for (const e of packed.entries) {
    await out.out(e.type === "directory" ? `${e.path}/` : e.path);
  }
  for (const s of packed.skipped) await out.err(`crownest: left out ${s.path}: ${s.reason}`);
  await out.err(
    `crownest: ${packed.fileCount} files, ${formatBytes(packed.totalBytes)}, archive ${formatBytes(packed.sizeBytes)}${packed.sha256 ? ` sha256 ${packed.sha256}` : ""}`,
  );
}

const runOptions = commandOptions({
  template: {
    type: "string",
    value: "SLUG",
    schema: "Template",
    help: "template (default python-node)",
  },
  timeout: {
    type: "string",
    value: "DURATION",
    parse: duration,
    help: "command time limit: ms, or with a unit (90s, 2m); default 60s, at most 10m",
  },
  project: { type: "string", value: "ID", help: "project to run in" },
  sandbox: { type: "string", value: "ID", help: "run in this warm sandbox" },
  "keep-sandbox": { type: "boolean", help: "keep the sandbox after the run" },
  artifact: {
    type: "string",
    multiple: true,
    value: "PATH",
    help: "collect this file (relative to /workspace) after the command",
  },
  metadata: pairsOption("a label"),
  source: pairsOption("a source label (repo, commit, ...)"),
  "include-vcs": { type: "boolean", help: "pack .git (and .hg, .svn) too" },
  "include-node-modules": { type: "boolean", help: "pack node_modules directories too" },
  "no-gitignore": { type: "boolean", help: "pack files .gitignore would leave out" },
  "dry-run": {
    type: "boolean",
    help: "list what would be packed, the archive's size and sha256; send nothing",
  },
});

async function run(ctx: CommandContext<typeof runOptions>): Promise<number> {
  const { out, options } = ctx;
  const dir = ctx.positionals[0] ?? ".";
  const isDryRun = options["dry-run"];
  if (!isDryRun && (!ctx.rest || ctx.rest.length === 0)) {
    throw new UsageError("crownest run: missing -- <command>", ctx.usage);
  }
  const command = commandLine(ctx.rest ?? []);
  const { timeout: timeoutMs, template, project, sandbox } = options;
  const metadata = record(options.metadata);
  const sourceMetadata = record(options.source);
  const artifacts = (options.artifact ?? []).map((path) => ({ path }));

  const progress = new ProgressLine(out.stdout, out.interactive);
  // Loaded here: packing's dependencies are not needed by any other command.
  const { packDirectory, largestEntries } = await import("../pack.ts");
  const packed = await packDirectory(dir, {
    includeVcs: options["include-vcs"] === true,
    includeNodeModules: options["include-node-modules"] === true,
    gitignore: !options["no-gitignore"],
    onProgress: (p) =>
      progress.update(
        `packing ${p.files}/${p.totalFiles} files  ${formatBytes(p.bytesRead)} of ${formatBytes(p.totalBytes)} (${percent(p.bytesRead, p.totalBytes)})  ${formatBytes(p.compressedBytes)} compressed`,
      ),
  });
  progress.done(
    `packed ${packed.fileCount} files (${formatBytes(packed.totalBytes)}) into ${formatBytes(packed.sizeBytes)}`,
  );
  if (isDryRun) await dryRun(out, packed);
  const bytes = packed.bytes;
  if (!bytes || !packed.sha256) throw archiveTooLarge(packed, largestEntries);
  if (isDryRun) return 0;

  const runs = ctx.client().workspaceRuns;
  const abort = new AbortController();
  const signal = abort.signal;
  let id: WorkspaceRunId | undefined;
  let started = false;
  let canceling: Promise<unknown> = Promise.resolve();
  let stopWaiting: (() => void) | undefined;
  const stopped = new Promise<"stopped">((resolve) => {
    stopWaiting = () => resolve("stopped");
  });
  const removeHandler = onInterrupt((count) => {
    if (count === 1 && started && id) {
      const runId = id;
      void out.err(`\ncrownest: canceling ${runId}; press Ctrl-C again to stop waiting`);
      canceling = runs.cancel(runId).catch(async (error: unknown) => {
        await out.err(`crownest: could not cancel ${runId}: ${(error as Error).message}`);
      });
    } else if (count === 1) {
      // runArchive cancels the run it created when its signal aborts.
      abort.abort(new Error("interrupted"));
    } else {
      void out.err("crownest: stopped waiting");
      stopWaiting?.();
    }
  });

  const sizeBytes = packed.sizeBytes;
  const onEvent = async (event: WorkspaceRunStreamEvent): Promise<void> => {
    if (!started) {
      // The first event comes once the upload is done and the run started.
      started = true;
      progress.done(`uploaded ${formatBytes(sizeBytes)}`);
    }
    if (event.type === "heartbeat") return;
    if (out.json) await out.emit(event);
    switch (event.type) {
      case "stdout":
      case "stderr":
        progress.done();
        if (!out.json) {
          await out.write(event.type === "stderr" ? out.stderr : out.stdout, event.data);
        }
        break;
      case "archive_progress":
        if (event.phase === "extracted") progress.done();
        else {
          progress.update(
            `${event.phase} ${event.filesExtracted} files (${percent(event.bytesProcessed, event.totalBytes)})`,
          );
        }
        break;
      case "status":
        if (event.status !== "ready") progress.done();
        break;
      case "artifact_collected":
        if (!out.json) {
          await out.err(
            `crownest: collected ${event.artifact.name} (${event.artifact.artifactId})`,
          );
        }
        break;
      case "artifact_error":
        if (!out.json) {
          await out.err(`crownest: not collected ${event.path}: ${event.code}: ${event.message}`);
        }
        break;
      case "error":
        if (!out.json) await out.err(`crownest: event stream: ${event.code}: ${event.message}`);
        break;
      case "terminal":
        progress.done();
        break;
    }
  };

  try {
    const running = ctx.withUploadProgress(
      sizeBytes,
      (sent) =>
        progress.update(
          `uploading ${formatBytes(sent)} of ${formatBytes(sizeBytes)} (${percent(sent, sizeBytes)})`,
        ),
      () =>
        runs.runArchive(
          bytes,
          {
            command,
            ...(template !== undefined && { template }),
            ...(project !== undefined && { projectId: project }),
            ...(sandbox !== undefined && { sandboxId: sandbox as string }),
            ...(options["keep-sandbox"] && { keepSandbox: true }),
            ...(timeoutMs !== undefined && { timeoutMs }),
            ...(metadata && { metadata }),
            ...(sourceMetadata && { sourceMetadata }),
            ...(artifacts.length > 0 && { artifacts }),
            onCreated: async (record) => {
              id = record.id;
              if (out.json) await out.emit({ type: "workspace_run", workspaceRun: record });
              else
                await out.err(
                  `crownest: workspace run ${record.id} (${record.template}): ${command}`,
                );
            },
            onEvent,
          },
          { signal },
        ),
    );
    running.catch(() => {}); // raced below; a stop may leave it unawaited
    let result: Awaited<typeof running> | "stopped";
    try {
      result = await Promise.race([running, stopped]);
    } catch (error) {
      if (!signal.aborted) throw error;
      progress.done();
      await out.err(
        id
          ? `crownest: interrupted; canceled ${id} before it started`
          : "crownest: interrupted before the run was created",
      );
      return INTERRUPTED_EXIT_CODE;
    }
    if (result === "stopped") {
      abort.abort(new Error("stopped waiting"));
      return INTERRUPTED_EXIT_CODE;
    }
    await canceling;
    const { workspaceRun, evidence } = result;
    if (out.json) await out.emit({ type: "evidence", evidence });
    else await out.err(`\n${evidenceSummary(evidence)}`);
    return await endRun(out, workspaceRun);
  } finally {
    removeHandler();
  }
}

/** The run command. */
export const runGroup: GroupDef = {
  name: "run",
  summary: "pack a directory and run a command on it as a workspace run",
  commands: [
    {
      name: "",
      summary:
        "Packs DIR (default .) into a .tar.gz, runs the command on it as a workspace run, streams its output live, prints the evidence summary, and exits with the run's exit code.",
      synopsis: "[DIR]",
      positionals: [0, 1],
      tail: "optional",
      options: runOptions,
      details: `
Packing honours .gitignore files (nested ones too, and those of the git work
tree around DIR), and leaves out .git and node_modules unless asked. Archives
are at most 8 MiB compressed: a bigger one is refused before anything is sent,
with its size and largest entries. When stdout is a terminal, packing and
upload progress is shown.

The command's stdout and stderr stream to the CLI's; the CLI's own notes and
the evidence summary go to stderr.

Ctrl-C before the run starts stops there (a created run is canceled); after,
the first Ctrl-C cancels the run and keeps streaming until it ends, the
second stops waiting (exit 130).

Exit code: the command's own; 124 when it timed out; 143 when it was
canceled; 1 when it failed without an exit code (extraction failed, the
sandbox was lost) or on an API failure. When the exit code is not the
command's own, one line on stderr says why.

The archive is reproducible: the same files, contents and executable bits
give the same bytes (and sha256, which --dry-run prints) on any runtime,
machine or clone.

With --json: NDJSON on stdout, a {"type":"workspace_run"} line with the
created record, the run's events (status, archive_progress, stdout, stderr,
artifact_collected, artifact_error, error, terminal), and a
{"type":"evidence"} line with the evidence bundle. --dry-run --json prints one
document: the entries, what was left out, and the sizes.`,
      run,
    },
  ],
};
