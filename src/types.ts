/**
 * The public record types, each an alias of the contract's generated schema
 * (src/generated/openapi.ts), so no shape is written twice.
 *
 * @module
 */
import type { components } from "./generated/openapi.ts";

type S = components["schemas"];

export type Sandbox = S["Sandbox"];
export type SandboxStatus = S["SandboxStatus"];
export type Template = S["Template"];
export type Command = S["Command"];
export type CommandStatus = S["CommandStatus"];
export type CommandLogChunk = S["CommandLogChunk"];
/** One page of stored log chunks: `hasMore` and `nextAfterSeq` tell how to read on. */
export type CommandLogPage = S["CommandLogChunkList"];
export type CommandLogStreamEvent = S["CommandLogStreamEvent"];
export type FileStat = S["FileStat"];
export type FileEncoding = S["FileEncoding"];
export type DownloadUrl = S["DownloadUrl"];
export type Artifact = S["Artifact"];
export type Preview = S["Preview"];
export type Project = S["Project"];
export type WorkspaceRun = S["WorkspaceRun"];
export type WorkspaceRunStatus = S["WorkspaceRunStatus"];
export type WorkspaceRunArchive = S["WorkspaceRunArchive"];
export type WorkspaceRunArchiveResult = S["WorkspaceRunArchiveResult"];
export type WorkspaceRunArchiveTransfer = S["WorkspaceRunArchiveTransfer"];
export type WorkspaceRunStreamEvent = S["WorkspaceRunStreamEvent"];
export type WorkspaceRunEvidenceBundle = S["WorkspaceRunEvidenceBundle"];
export type ErrorCode = S["ErrorCode"];
export type ClientErrorCode = S["ClientErrorCode"];
export type SandboxId = S["SandboxId"];
export type CommandId = S["CommandId"];
export type ArtifactId = S["ArtifactId"];
export type PreviewId = S["PreviewId"];
export type ProjectId = S["ProjectId"];
export type WorkspaceRunId = S["WorkspaceRunId"];
export type UploadId = S["UploadId"];

// Inputs are Partial: openapi-typescript marks fields with a default as
// required, which is right for responses but not for what callers send.

/** An optional idempotency key, accepted in inputs as well as in the request options. */
export interface WithIdempotencyKey {
  /** Replays the first response for 24 h when the call is repeated; generated per call when omitted. */
  idempotencyKey?: string | undefined;
}

/** sandboxes.create's input. */
export type CreateSandboxInput = Partial<S["CreateSandboxRequest"]> & WithIdempotencyKey;
/** sandboxes.list's input. */
export interface ListSandboxesInput {
  /** Add destroyed and failed sandboxes. */
  includeEnded?: boolean;
  projectId?: ProjectId;
}
/** commands.run's input. */
export type RunCommandOptions = Partial<Omit<S["RunCommandRequest"], "command">> &
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
export type StartCommandOptions = Partial<Omit<S["StartCommandRequest"], "command">> &
  WithIdempotencyKey;
/** commands.cancel's input. */
export type CancelCommandOptions = Partial<S["CancelCommandRequest"]> & WithIdempotencyKey;
/** commands.logs's input. */
export interface CommandLogsOptions {
  afterSeq?: number;
  /** Default 50, at most 100. */
  limit?: number;
}
/** files.write's input. */
export type WriteFileOptions = Partial<Omit<S["WriteFileRequest"], "path" | "content">>;
/** workspaceRuns.create's input. */
export type CreateWorkspaceRunInput = Pick<S["CreateWorkspaceRunRequest"], "command"> &
  Partial<Omit<S["CreateWorkspaceRunRequest"], "command">> &
  WithIdempotencyKey;
/** workspaceRuns.list's input. */
export interface ListWorkspaceRunsInput {
  /** Every pair must match (`metadata[key]=value`). */
  metadata?: Record<string, string>;
  projectId?: ProjectId;
  status?: WorkspaceRunStatus;
}
