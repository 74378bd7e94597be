/**
 * The public record types, each an alias of the contract's generated schema
 * (src/generated/openapi.ts), so no shape is written twice.
 *
 * @module
 */
import type { components } from "./generated/openapi.ts";

/** A sandbox's record: its status, template, metadata and expiry. */
export type Sandbox = components["schemas"]["Sandbox"];
/** Where a sandbox is in its life: `running`, then `destroyed` or `failed`. */
export type SandboxStatus = components["schemas"]["SandboxStatus"];
/** A sandbox template: the images a sandbox starts from (`python`, `node`, `python-node`, `base`). */
export type Template = components["schemas"]["Template"];
/** A command's record: status, exit code, collected output and artifacts. */
export type Command = components["schemas"]["Command"];
/** Where a command is in its life: `queued`, `starting`, `running`, then `exited`, `failed`, `canceled`, `timed_out` or `killed`. */
export type CommandStatus = components["schemas"]["CommandStatus"];
/** One chunk of a command's output, with its stream (`stdout` or `stderr`) and `seq`. */
export type CommandLogChunk = components["schemas"]["CommandLogChunk"];
/** One page of stored log chunks: `hasMore` and `nextAfterSeq` tell how to read on. */
export type CommandLogPage = components["schemas"]["CommandLogChunkList"];
/** An event of `commands.streamLogs`: `log`, `heartbeat`, `terminal` (with the final record) or `error`. */
export type CommandLogStreamEvent = components["schemas"]["CommandLogStreamEvent"];
/** A file's or directory's stat record, as the Files API returns it. */
export type FileStat = components["schemas"]["FileStat"];
/** How file content travels: `utf8` or `base64`. */
export type FileEncoding = components["schemas"]["FileEncoding"];
/** A signed download URL, with its expiry and how to authenticate (`authMode`). */
export type DownloadUrl = components["schemas"]["DownloadUrl"];
/** An artifact: a sandbox file exported to durable storage. */
export type Artifact = components["schemas"]["Artifact"];
/** A preview: a public URL to a port of a sandbox. */
export type Preview = components["schemas"]["Preview"];
/** A project the API key can see. */
export type Project = components["schemas"]["Project"];
/** A workspace run's record: an archive run as a command in a fresh sandbox. */
export type WorkspaceRun = components["schemas"]["WorkspaceRun"];
/** Where a workspace run is in its life: `awaiting_archive`, `ready`, `running`, then an ended status. */
export type WorkspaceRunStatus = components["schemas"]["WorkspaceRunStatus"];
/** The archive a workspace run received: its size and sha256. */
export type WorkspaceRunArchive = components["schemas"]["WorkspaceRunArchive"];
/** The answer to a direct archive upload. */
export type WorkspaceRunArchiveResult = components["schemas"]["WorkspaceRunArchiveResult"];
/** A staged archive transfer: where to upload a large archive. */
export type WorkspaceRunArchiveTransfer = components["schemas"]["WorkspaceRunArchiveTransfer"];
/** An event of `workspaceRuns.streamEvents`, ending with `terminal`. */
export type WorkspaceRunStreamEvent = components["schemas"]["WorkspaceRunStreamEvent"];
/** A run's evidence bundle: what ran, on what archive, with which outcome, and its digest. */
export type WorkspaceRunEvidenceBundle = components["schemas"]["WorkspaceRunEvidenceBundle"];
/** The error codes the service sends, in the error envelope's `code`. */
export type ErrorCode = components["schemas"]["ErrorCode"];
/** The codes the SDK gives failures that have no HTTP response (`connection_error`, `timeout`, ...). */
export type ClientErrorCode = components["schemas"]["ClientErrorCode"];
/** A sandbox's id (`sbx_...`). */
export type SandboxId = components["schemas"]["SandboxId"];
/** A command's id (`cmd_...`). */
export type CommandId = components["schemas"]["CommandId"];
/** An artifact's id (`art_...`). */
export type ArtifactId = components["schemas"]["ArtifactId"];
/** A preview's id (`prv_...`). */
export type PreviewId = components["schemas"]["PreviewId"];
/** A project's id (`prj_...`). */
export type ProjectId = components["schemas"]["ProjectId"];
/** A workspace run's id (`wsr_...`). */
export type WorkspaceRunId = components["schemas"]["WorkspaceRunId"];
/** A staged archive upload's id (`upl_...`). */
export type UploadId = components["schemas"]["UploadId"];

// Inputs are Partial: openapi-typescript marks fields with a default as
// required, which is right for responses but not for what callers send.
// Their ids are plain strings, as read from a database or a command line;
// records keep the precise `sbx_${string}` types.

/** The ids an input may name, as plain strings. */
export interface IdInputs {
  /** The project (`prj_...`); default: the first one the API key can see. */
  projectId?: string;
  /** An immutable template version (`tplv_...`) to pin. */
  templateVersionId?: string;
}

/** An optional idempotency key, accepted in inputs as well as in the request options. */
export interface WithIdempotencyKey {
  /** Replays the first response for 24 h when the call is repeated; generated per call when omitted. */
  idempotencyKey?: string | undefined;
}

/** sandboxes.create's input. */
export type CreateSandboxInput = Omit<
  Partial<components["schemas"]["CreateSandboxRequest"]>,
  keyof IdInputs
> &
  IdInputs &
  WithIdempotencyKey;
/** sandboxes.list's input. */
export interface ListSandboxesInput {
  /** Add destroyed and failed sandboxes. */
  includeEnded?: boolean;
  /** Only this project's sandboxes. */
  projectId?: string;
}
/** commands.run's input. */
export type RunCommandOptions = Partial<
  Omit<components["schemas"]["RunCommandRequest"], "command">
> &
  WithIdempotencyKey & {
    /**
     * Each stdout chunk as it comes, while the call waits (the call then
     * follows the command's log stream; a cut stream resumes, so no chunk
     * is lost or repeated). A replay of the same idempotency key delivers
     * the output again, from the start.
     */
    onStdout?: ((data: string) => void) | undefined;
    /** Each stderr chunk as it comes; see `onStdout`. */
    onStderr?: ((data: string) => void) | undefined;
  };
/** commands.start's input. */
export type StartCommandOptions = Partial<
  Omit<components["schemas"]["StartCommandRequest"], "command">
> &
  WithIdempotencyKey;
/** commands.cancel's input. */
export type CancelCommandOptions = Partial<components["schemas"]["CancelCommandRequest"]> &
  WithIdempotencyKey;
/** commands.logs's input. */
export interface CommandLogsOptions {
  /** Chunks after this `seq` (default 0: from the start). */
  afterSeq?: number;
  /** Default 50, at most 100. */
  limit?: number;
}
/** files.write's input. */
export type WriteFileOptions = Partial<
  Omit<components["schemas"]["WriteFileRequest"], "path" | "content">
>;
/** workspaceRuns.create's input. */
export type CreateWorkspaceRunInput = Pick<
  components["schemas"]["CreateWorkspaceRunRequest"],
  "command"
> &
  Partial<
    Omit<
      components["schemas"]["CreateWorkspaceRunRequest"],
      "command" | "sandboxId" | keyof IdInputs
    >
  > &
  IdInputs & {
    /** A running sandbox (`sbx_...`) of the run's project: the run uses it, and its template. */
    sandboxId?: string;
  } & WithIdempotencyKey;
/** workspaceRuns.list's input. */
export interface ListWorkspaceRunsInput {
  /** Every pair must match (`metadata[key]=value`). */
  metadata?: Record<string, string>;
  /** Only this project's runs. */
  projectId?: string;
  /** Only runs in this status. */
  status?: WorkspaceRunStatus;
}
