/**
 * GENERATED FILE: DO NOT EDIT.
 * Generated from openapi.yaml by openapi-typescript (scripts/generate.mjs).
 * Edit openapi.yaml, then run `npm run generate`.
 */

/** The contract's routes: each path's operations, by method. */
export interface paths {
    /** `/v1/sandboxes`: listSandboxes (GET), createSandbox (POST). */
    "/v1/sandboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sandboxes
         * @description Live sandboxes (status `running`) of the projects the key can see; `includeEnded=true` adds `destroyed` and `failed` ones. A `projectId` the key can't see gives an empty list.
         */
        get: operations["listSandboxes"];
        put?: never;
        /**
         * Create a sandbox
         * @description Creates a running sandbox. The TTL defaults to 300000 ms (or the plan's
         *     maximum when that is lower); `expiresAt` reflects the resolved TTL.
         *     `templateVersionId` pins an immutable template version; given alone it
         *     also selects the template, given with a `template` of another slug it
         *     is `invalid_request`. Errors: `sandbox_ttl_exceeded` when `ttlMs` is
         *     over the plan's maximum, `quota_exceeded` at the plan's live-sandbox
         *     limit.
         */
        post: operations["createSandbox"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}`: getSandbox (GET), killSandbox (DELETE). */
    "/v1/sandboxes/{sandboxId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        /** Get a sandbox */
        get: operations["getSandbox"];
        put?: never;
        post?: never;
        /**
         * Kill a sandbox
         * @description Destroys the sandbox and returns its record with status `destroyed`.
         *     Idempotent by state: killing a destroyed or failed sandbox returns it
         *     unchanged. Its running commands end `killed` (`killedReason`
         *     `sandbox_destroyed`) and its active previews are revoked.
         */
        delete: operations["killSandbox"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/commands/run`: runCommand (POST). */
    "/v1/sandboxes/{sandboxId}/commands/run": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a command and wait for it to exit
         * @description Runs the command and answers when it has ended, with the full record
         *     (`exitCode`, `stdout`, `stderr`). A non-zero exit code, a cancel or a
         *     kill is not an error: check `status` and `exitCode`. Only a timeout is:
         *     422 `command_timed_out` with the final record in `details.command`.
         *     The wait is bounded: a command still running after the service's wait
         *     budget (`x-limits.runWaitMs`, 60 seconds; well under the response
         *     header limits of common HTTP clients and proxies) is answered 202 with
         *     its still-running record. Follow it to its end with streamCommandLogs
         *     (the `terminal` event carries the final record, collected artifacts
         *     included) or getCommand. A replay of the same Idempotency-Key returns
         *     that same 202 record, so a retried run never starts a second process.
         *     `waitMs` shortens the wait (0: answer 202 at once, for live output).
         *     `collect` exports files as artifacts after the command ends (scope
         *     `artifact:create` required when it is given); `collectOn` `success`
         *     (default) collects only on exit code 0.
         */
        post: operations["runCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/commands`: startCommand (POST). */
    "/v1/sandboxes/{sandboxId}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a command
         * @description Starts the command and answers at once (202) with status `queued` or
         *     `starting`; follow it with getCommand or streamCommandLogs. Doesn't
         *     accept `collect` or `collectOn`. At the plan's limit of running
         *     commands per sandbox: 429 `quota_exceeded`.
         */
        post: operations["startCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/commands/{commandId}`: getCommand (GET). */
    "/v1/commands/{commandId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        /** Get a command */
        get: operations["getCommand"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/commands/{commandId}/cancel`: cancelCommand (POST). */
    "/v1/commands/{commandId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a command
         * @description `graceful` (default) sends SIGTERM: the process may clean up and exit
         *     with a code of its own; one that has not exited `cancelGraceMs`
         *     (10000 ms, see Limits) later gets SIGKILL. `force` sends SIGKILL. The command ends `canceled`, with
         *     `cancelMode`, `canceledAt` and `terminationSignal` set. Idempotent by
         *     state: cancelling an ended command returns it unchanged, and a second
         *     graceful cancel while the first is pending changes nothing (a `force`
         *     one escalates).
         */
        post: operations["cancelCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/commands/{commandId}/logs`: listCommandLogs (GET). */
    "/v1/commands/{commandId}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        /**
         * List stored log chunks
         * @description Chunks with `seq` greater than `afterSeq`, oldest first, at most
         *     `limit`. No `afterSeq` means `afterSeq=0`: from the start. An
         *     `afterSeq` that is before the retention window (0 included, once
         *     early chunks were trimmed) is 409 `stream_gap` (details:
         *     `requestedAfterSeq`, `firstAvailableSeq`): ask again with
         *     `afterSeq=firstAvailableSeq-1` to read what is retained. `hasMore`
         *     says whether more chunks are stored after this page; read on with
         *     `afterSeq=nextAfterSeq`.
         */
        get: operations["listCommandLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/commands/{commandId}/logs/stream`: streamCommandLogs (GET). */
    "/v1/commands/{commandId}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        /**
         * Stream logs over server-sent events
         * @description `log` events (with `id: <seq>`) as output arrives, `heartbeat` events
         *     while the command is quiet, and one `terminal` event with the final
         *     command, after which the stream ends. See the conventions for resume
         *     and `stream_gap`.
         */
        get: operations["streamCommandLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/files`: listFiles (GET), deleteFile (DELETE). */
    "/v1/sandboxes/{sandboxId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        /**
         * List a directory
         * @description The entries of a directory (not recursive), sorted by name. A file path is 400 `not_a_directory`.
         */
        get: operations["listFiles"];
        put?: never;
        post?: never;
        /**
         * Delete a file or an empty directory
         * @description There is no recursive delete; a non-empty directory is 409 `directory_not_empty`. `/workspace` itself can't be deleted (400 `invalid_request`). Takes an Idempotency-Key, so a retry after a dropped connection replays the first answer instead of reporting `not_found`.
         */
        delete: operations["deleteFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/files/content`: readFile (GET), writeFile (PUT). */
    "/v1/sandboxes/{sandboxId}/files/content": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        /**
         * Read a file
         * @description Files over 262144 bytes are 413 `file_too_large`; use createFileDownloadUrl for them. A directory is 400 `is_a_directory`. Reading as `utf8` a file that isn't valid UTF-8 is 400 `invalid_request` (read it as `base64`).
         */
        get: operations["readFile"];
        /**
         * Write a file
         * @description Writes the whole file and returns its stat record. The decoded content
         *     is at most 262144 bytes (413 `file_too_large`). A missing parent
         *     directory is 404 `not_found` unless `createParents`; an existing file
         *     with `overwrite: false` is 409 `already_exists`; a directory at the
         *     path is 400 `is_a_directory`. Takes an Idempotency-Key, so a retry
         *     after a dropped connection replays the first answer instead of
         *     reporting `already_exists`.
         */
        put: operations["writeFile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/files/stat`: statFile (GET). */
    "/v1/sandboxes/{sandboxId}/files/stat": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        /** Stat a file or directory */
        get: operations["statFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/files/mkdir`: makeDirectory (POST). */
    "/v1/sandboxes/{sandboxId}/files/mkdir": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a directory
         * @description Without `parents` a missing parent is 404 `not_found` and an existing entry is 409 `already_exists`; with `parents` missing parents are made and an existing directory is fine (like `mkdir -p`).
         */
        post: operations["makeDirectory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/files/move`: moveFile (POST). */
    "/v1/sandboxes/{sandboxId}/files/move": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move or rename a file or directory
         * @description An existing destination is 409 `already_exists` unless `overwrite` (a directory is never overwritten). Moving a directory into itself is 400 `invalid_request`.
         */
        post: operations["moveFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/files/download-url`: createFileDownloadUrl (POST). */
    "/v1/sandboxes/{sandboxId}/files/download-url": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a short-lived download URL for a file of any size
         * @description The URL is on the API origin, valid for 15 minutes, and needs the API key (`authMode` `api_key`). The file's bytes are those at the time of this call.
         */
        post: operations["createFileDownloadUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/file-downloads/{token}`: downloadFile (GET). */
    "/v1/file-downloads/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: components["parameters"]["SignedToken"];
            };
            cookie?: never;
        };
        /**
         * Download a file through a signed URL
         * @description The target of createFileDownloadUrl. Needs the API key as well as a valid, unexpired token (403 `url_expired`, 403 `invalid_signature`).
         */
        get: operations["downloadFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/artifacts`: listArtifacts (GET), createArtifact (POST). */
    "/v1/sandboxes/{sandboxId}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        /**
         * List a sandbox's artifacts
         * @description The sandbox's artifacts that are not deleted, oldest first. Works after the sandbox is destroyed.
         */
        get: operations["listArtifacts"];
        put?: never;
        /**
         * Export a workspace file as an artifact
         * @description Copies the file's bytes to durable storage. `name` defaults to the file's base name. A directory is 400 `is_a_directory`; artifacts are at most 104857600 bytes (413 `file_too_large`).
         */
        post: operations["createArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/artifacts/{artifactId}`: getArtifact (GET), deleteArtifact (DELETE). */
    "/v1/artifacts/{artifactId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        /**
         * Get an artifact
         * @description Deleted artifacts are still returned, with `deletedAt` set.
         */
        get: operations["getArtifact"];
        put?: never;
        post?: never;
        /**
         * Delete an artifact
         * @description Idempotent by state; returns the artifact with `deletedAt` set. Its content is gone (409 `invalid_state` on download).
         */
        delete: operations["deleteArtifact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/artifacts/{artifactId}/content`: downloadArtifact (GET). */
    "/v1/artifacts/{artifactId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        /** Download an artifact's bytes */
        get: operations["downloadArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/artifacts/{artifactId}/download-url`: createArtifactDownloadUrl (POST). */
    "/v1/artifacts/{artifactId}/download-url": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a short-lived signed download URL for an artifact
         * @description The URL is valid for 15 minutes and carries its own signature (`authMode` `none`); send no Authorization header to it.
         */
        post: operations["createArtifactDownloadUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/artifact-downloads/{token}`: downloadSignedArtifact (GET). */
    "/v1/artifact-downloads/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: components["parameters"]["SignedToken"];
            };
            cookie?: never;
        };
        /**
         * Download an artifact through a signed URL
         * @description The target of createArtifactDownloadUrl. The token alone authorises (403 `url_expired`, 403 `invalid_signature`); a request carrying an Authorization header is 400 `invalid_request`, as object stores refuse two auth mechanisms.
         */
        get: operations["downloadSignedArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/sandboxes/{sandboxId}/previews`: listPreviews (GET), createPreview (POST). */
    "/v1/sandboxes/{sandboxId}/previews": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        /**
         * List a sandbox's previews
         * @description Active and revoked previews, oldest first.
         */
        get: operations["listPreviews"];
        put?: never;
        /**
         * Expose a sandbox port at a preview URL
         * @description One active preview exists per sandbox and port; creating it again returns the existing one with 200 instead of 201.
         */
        post: operations["createPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/previews/{previewId}`: getPreview (GET). */
    "/v1/previews/{previewId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                previewId: components["parameters"]["PreviewIdPath"];
            };
            cookie?: never;
        };
        /** Get a preview */
        get: operations["getPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/previews/{previewId}/revoke`: revokePreview (POST). */
    "/v1/previews/{previewId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                previewId: components["parameters"]["PreviewIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a preview
         * @description Idempotent; returns the preview with `revokedAt` set.
         */
        post: operations["revokePreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/projects`: listProjects (GET). */
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the projects the key can access */
        get: operations["listProjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs`: listWorkspaceRuns (GET), createWorkspaceRun (POST). */
    "/v1/workspace-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workspace runs
         * @description Runs of the projects the key can see, oldest first, filtered by project, status and metadata (`metadata[key]=value`, every pair must match).
         */
        get: operations["listWorkspaceRuns"];
        put?: never;
        /**
         * Create a workspace run
         * @description Creates a run in `awaiting_archive`. `template` defaults to
         *     `python-node`. Requesting `artifacts` needs the scopes
         *     `artifact:create` and `file:read` as well (403 `forbidden`). A given
         *     `sandboxId` must be a sandbox the key can see (404 `not_found`), in
         *     the run's project (400 `invalid_request`), and running (409
         *     `sandbox_destroyed`); the run then uses it and its template.
         */
        post: operations["createWorkspaceRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}`: getWorkspaceRun (GET). */
    "/v1/workspace-runs/{workspaceRunId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        /** Get a workspace run */
        get: operations["getWorkspaceRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/archive`: uploadWorkspaceRunArchive (PUT). */
    "/v1/workspace-runs/{workspaceRunId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Upload the run's archive directly
         * @description The raw `.tar.gz` bytes, at most 8388608 (413 `archive_too_large`,
         *     also when `X-Archive-Size-Bytes` or Content-Length declares more:
         *     size limits are 413, never 400).
         *     The body must match `X-Archive-Sha256` and `X-Archive-Size-Bytes`
         *     (422 `checksum_mismatch`) and start with the gzip magic bytes (422
         *     `invalid_archive`). Moves the run from `awaiting_archive` to `ready`;
         *     in any other status it is 409 `invalid_state`.
         */
        put: operations["uploadWorkspaceRunArchive"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/archive-transfers`: createArchiveTransfer (POST). */
    "/v1/workspace-runs/{workspaceRunId}/archive-transfers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a staged upload target for the run's archive
         * @description Returns an upload URL valid for 15 minutes. The URL is either on the
         *     API origin (send the API key) or on a storage origin (send no
         *     Authorization header: the URL's signature authorises). Clients tell
         *     them apart by comparing the URL's origin with the API's. Only for runs
         *     in `awaiting_archive` (409 `invalid_state`). A `sizeBytes` over
         *     8388608 is 413 `archive_too_large` (size limits are 413, never 400).
         */
        post: operations["createArchiveTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/archive-uploads/{uploadId}`: uploadArchiveTransfer (PUT). */
    "/v1/archive-uploads/{uploadId}": {
        parameters: {
            query: {
                /** @description The URL's signature, as issued in `uploadUrl`. */
                token: string;
            };
            header?: never;
            path: {
                uploadId: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Upload bytes to a staged transfer target
         * @description The target of a transfer's `uploadUrl`. On the API origin the API key
         *     is required as well as the token; on a storage origin
         *     (`https://storage.crownest.dev`) the token alone authorises and a
         *     request carrying an Authorization header is 400 `invalid_request`.
         *     At most `maxSizeBytes` (413 `archive_too_large`); an expired URL is
         *     403 `url_expired`; a Content-Type other than `application/gzip` is
         *     415 `unsupported_media_type`. Uploading again before finalize
         *     replaces the bytes.
         */
        put: operations["uploadArchiveTransfer"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/archive/finalize`: finalizeArchive (POST). */
    "/v1/workspace-runs/{workspaceRunId}/archive/finalize": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a staged upload and attach it to the run
         * @description Checks the uploaded bytes against `sha256` and `sizeBytes` (and the
         *     values the transfer was created with): 422 `checksum_mismatch`. A
         *     transfer with no bytes yet is 409 `invalid_state`. Moves the run from
         *     `awaiting_archive` to `ready`.
         */
        post: operations["finalizeArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/start`: startWorkspaceRun (POST). */
    "/v1/workspace-runs/{workspaceRunId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start extraction and the command
         * @description Only from `ready` (409 `invalid_state`). Boots a sandbox of the run's
         *     template (or takes the given one), extracts the archive into
         *     `/workspace` (an entry escaping it fails the run with
         *     `path_outside_workspace`; a corrupt archive with `invalid_archive`),
         *     runs the command there with the run's `timeoutMs`, collects the
         *     requested artifacts, persists the evidence bundle, and destroys the
         *     sandbox unless `keepSandbox`.
         */
        post: operations["startWorkspaceRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/events`: streamWorkspaceRunEvents (GET). */
    "/v1/workspace-runs/{workspaceRunId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        /**
         * Stream a run's events over server-sent events
         * @description `status`, `archive_progress`, `stdout`, `stderr`, `artifact_collected`
         *     and `artifact_error` events share one sequence (`id: <seq>`), from the
         *     run's creation on; `heartbeat` while quiet; one `terminal` event with
         *     the final run, after which the stream ends. A stream opened before the
         *     run starts waits for it. See the conventions for resume and
         *     `stream_gap`.
         */
        get: operations["streamWorkspaceRunEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/cancel`: cancelWorkspaceRun (POST). */
    "/v1/workspace-runs/{workspaceRunId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a workspace run
         * @description From `awaiting_archive`, `ready` or `running` the run ends `canceled` (a running command is cancelled gracefully). Idempotent by state: an ended run is returned unchanged.
         */
        post: operations["cancelWorkspaceRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    /** `/v1/workspace-runs/{workspaceRunId}/evidence`: getWorkspaceRunEvidence (GET). */
    "/v1/workspace-runs/{workspaceRunId}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        /**
         * Get the run's evidence bundle
         * @description Durable proof of the run, once it is terminal and the bundle is persisted; before that 409 `evidence_not_ready`.
         */
        get: operations["getWorkspaceRunEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
/** The contract's webhooks (none). */
export type webhooks = Record<string, never>;
/** The contract's reusable parts: schemas, responses, parameters and headers. */
export interface components {
    /** The contract's schemas, by name. */
    schemas: {
        OrgId: `org_${string}`;
        ProjectId: `prj_${string}`;
        SandboxId: `sbx_${string}`;
        CommandId: `cmd_${string}`;
        ArtifactId: `art_${string}`;
        PreviewId: `prv_${string}`;
        WorkspaceRunId: `wsr_${string}`;
        UploadId: `upl_${string}`;
        TemplateVersionId: `tplv_${string}`;
        /**
         * Format: date-time
         * @description RFC 3339, UTC, millisecond precision.
         */
        Timestamp: string;
        /** @description Small string labels; at most 16 keys of 1 to 64 characters, values at most 512 characters. */
        Metadata: {
            [key: string]: string;
        };
        /**
         * @description A curated template's slug.
         * @enum {string}
         */
        Template: "python" | "node" | "python-node" | "base";
        /** @description Lowercase hex SHA-256 digest. */
        Sha256: string;
        /** @description An archive's size; archives are at most 8 MiB. A value over the maximum is 413 `archive_too_large` (`x-too-large`), not 400. */
        ArchiveSizeBytes: number;
        /**
         * Format: binary
         * @description Raw bytes.
         */
        Binary: string;
        /**
         * Format: binary
         * @description An archive's raw `.tar.gz` bytes. Never empty; an empty body is a missing one (400 `invalid_request`).
         */
        ArchiveBytes: string;
        /**
         * @description A path inside `/workspace`: absolute (`/workspace/app/a.txt`) or
         *     relative to it (`app/a.txt`). It is normalised; one that leaves
         *     `/workspace` (`..`, another absolute path, `/workspace2`, percent- or
         *     backslash-encoded forms) is 400 `path_outside_workspace`.
         */
        WorkspacePath: string;
        /**
         * @description Maximum runtime in milliseconds.
         * @default 60000
         */
        TimeoutMs: number;
        /** @description A file to collect. A relative `path` is resolved against the command's `cwd` (for workspace runs, `/workspace`). */
        CollectSpec: {
            path: components["schemas"]["WorkspacePath"];
            /** @description The artifact's name; the file's base name when omitted. */
            name?: string;
        };
        /** @description An artifact made from a file a command or run asked to collect. */
        ArtifactRef: {
            artifactId: components["schemas"]["ArtifactId"];
            path: string;
            name: string;
        };
        /** @description A file that could not be collected. */
        CollectError: {
            path: string;
            name?: string;
            code: components["schemas"]["ErrorCode"];
            message: string;
        };
        /**
         * @description Every error code the service sends. `x-http-status` gives the one
         *     HTTP status each is sent with; `x-retryable` lists the codes a client
         *     may retry (with the same Idempotency-Key).
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "reserved_env_key" | "path_outside_workspace" | "sandbox_ttl_exceeded" | "not_a_directory" | "is_a_directory" | "unauthorized" | "forbidden" | "url_expired" | "invalid_signature" | "not_found" | "method_not_allowed" | "request_timeout" | "invalid_state" | "sandbox_destroyed" | "directory_not_empty" | "already_exists" | "idempotency_key_reused" | "evidence_not_ready" | "stream_gap" | "file_too_large" | "archive_too_large" | "request_too_large" | "unsupported_media_type" | "command_timed_out" | "checksum_mismatch" | "invalid_archive" | "rate_limited" | "quota_exceeded" | "internal_error" | "service_unavailable" | "upstream_timeout";
        /**
         * @description Never sent by the service: the codes SDKs give failures that have no
         *     HTTP response. `connection_error`: the request could not be sent or the
         *     connection dropped; `timeout`: the client's own per-request timeout
         *     fired; `aborted`: the caller's AbortSignal fired; `invalid_response`:
         *     the response could not be parsed (or was a redirect, which clients
         *     never follow); `missing_api_key`: no key was configured;
         *     `invalid_config`: a client option (the base URL, the key, a header)
         *     is unusable; `permission_denied`: the runtime refused an environment
         *     read or a connection (Deno without `--allow-env` / `--allow-net`).
         *     None of these but `connection_error` is retried.
         * @enum {string}
         */
        ClientErrorCode: "connection_error" | "timeout" | "aborted" | "invalid_response" | "missing_api_key" | "invalid_config" | "permission_denied";
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description What went wrong, for a person; never empty. Clients branch on `code`, not on this text. */
                message: string;
                /** @description Code-specific facts, e.g. `command` for `command_timed_out`, `firstAvailableSeq` for `stream_gap`, `limit` for quota and size errors, `issues` for `invalid_request`. `ErrorDetailsByCode` lists them by code. */
                details?: {
                    [key: string]: unknown;
                };
            };
        };
        /**
         * @description The error envelope's `details`, by error code, for the codes that
         *     declare some (the client codes' too, where SDKs add some). A code not
         *     listed may carry details of its own; every details object may hold
         *     fields not listed here. SDKs type their errors' details from this
         *     table.
         */
        ErrorDetailsByCode: {
            invalid_request?: {
                /** @description What failed validation (at most 20), when a schema did. */
                issues?: {
                    /** @description Where in the request the problem is (a JSON pointer). */
                    path: string;
                    message: string;
                }[];
            } & {
                [key: string]: unknown;
            };
            sandbox_ttl_exceeded?: {
                /** @description The plan's maximum TTL, in ms. */
                limit?: number;
            } & {
                [key: string]: unknown;
            };
            reserved_env_key?: {
                /** @description The reserved variable's name. */
                key?: string;
            } & {
                [key: string]: unknown;
            };
            path_outside_workspace?: {
                /** @description The path as given. */
                path?: string;
            } & {
                [key: string]: unknown;
            };
            forbidden?: {
                /** @description The scopes the API key lacks for the operation. */
                missingScopes?: string[];
            } & {
                [key: string]: unknown;
            };
            url_expired?: {
                /** Format: date-time */
                expiredAt?: string;
            } & {
                [key: string]: unknown;
            };
            method_not_allowed?: {
                /** @description The methods the path has. */
                allowed?: string[];
            } & {
                [key: string]: unknown;
            };
            evidence_not_ready?: {
                status?: components["schemas"]["WorkspaceRunStatus"];
            } & {
                [key: string]: unknown;
            };
            stream_gap?: {
                /** @description The resume point asked for. */
                requestedAfterSeq: number;
                /** @description The oldest retained sequence number; read on from just before it. */
                firstAvailableSeq: number;
            } & {
                [key: string]: unknown;
            };
            file_too_large?: {
                /** @description The limit that was passed, in bytes. */
                limit?: number;
                /**
                 * @description Which limit, for writes into a sandbox.
                 * @enum {string}
                 */
                reason?: "file" | "workspace";
                /** @description The file's size, when known. */
                sizeBytes?: number;
            } & {
                [key: string]: unknown;
            };
            archive_too_large?: {
                /** @description The largest archive, in bytes. */
                limit?: number;
                /** @description The archive's size, when known. */
                sizeBytes?: number;
            } & {
                [key: string]: unknown;
            };
            request_too_large?: {
                /** @description The largest body, in bytes. */
                limit?: number;
            } & {
                [key: string]: unknown;
            };
            unsupported_media_type?: {
                /** @description The media type the operation takes. */
                expected?: string;
            } & {
                [key: string]: unknown;
            };
            command_timed_out?: {
                command: components["schemas"]["Command"];
            } & {
                [key: string]: unknown;
            };
            quota_exceeded?: {
                /** @description The quota that was reached. */
                limit: number;
            } & {
                [key: string]: unknown;
            };
            invalid_response?: {
                /** @description Where a redirect pointed (clients follow none). */
                redirectOrigin?: string;
            } & {
                [key: string]: unknown;
            };
        };
        /**
         * @description `running` -> `destroyed` (killed, or its TTL expired) | `failed` (it
         *     could not boot or crashed). `destroyed` and `failed` are terminal.
         * @enum {string}
         */
        SandboxStatus: "running" | "destroyed" | "failed";
        Sandbox: {
            id: components["schemas"]["SandboxId"];
            orgId: components["schemas"]["OrgId"];
            projectId: components["schemas"]["ProjectId"];
            template: components["schemas"]["Template"];
            templateVersionId: components["schemas"]["TemplateVersionId"];
            status: components["schemas"]["SandboxStatus"];
            metadata: components["schemas"]["Metadata"];
            /** @description The resolved lifetime. */
            ttlMs: number;
            createdAt: components["schemas"]["Timestamp"];
            expiresAt: components["schemas"]["Timestamp"];
            /** @description When it became `destroyed` or `failed`. */
            endedAt: components["schemas"]["Timestamp"] | null;
            /** @description Why it ended. */
            endedReason: ("killed" | "ttl_expired" | "failed") | null;
        };
        CreateSandboxRequest: {
            /** @description Default `base` (or the template of `templateVersionId`). */
            template?: components["schemas"]["Template"];
            templateVersionId?: components["schemas"]["TemplateVersionId"];
            /** @description Requested lifetime; plan-limited (`sandbox_ttl_exceeded`). Default 300000. */
            ttlMs?: number;
            metadata?: components["schemas"]["Metadata"];
            projectId?: components["schemas"]["ProjectId"];
        };
        SandboxList: {
            data: components["schemas"]["Sandbox"][];
        };
        /**
         * @description `queued` -> `starting` -> `running` -> `exited` (it ended by itself,
         *     any exit code) | `failed` (it could not start, e.g. `cwd` is missing) |
         *     `canceled` (cancelCommand) | `timed_out` (past `timeoutMs`: SIGKILL) |
         *     `killed` (its sandbox was destroyed). A cancel, timeout or kill can
         *     also end a `queued` or `starting` command. The last five are terminal.
         * @enum {string}
         */
        CommandStatus: "queued" | "starting" | "running" | "exited" | "failed" | "canceled" | "timed_out" | "killed";
        /**
         * @description `not_requested` (no `collect`), `pending` (the command has not ended),
         *     `skipped` (`collectOn` `success` and a non-zero exit), `succeeded`
         *     (every file), `partial` (some), `failed` (none).
         * @enum {string}
         */
        CollectStatus: "succeeded" | "partial" | "failed" | "skipped" | "pending" | "not_requested";
        Command: {
            id: components["schemas"]["CommandId"];
            sandboxId: components["schemas"]["SandboxId"];
            command: string;
            cwd: string;
            /** @description The names of the extra variables it was given. Values are ephemeral and never persisted or returned. */
            env: {
                [key: string]: "[redacted]";
            };
            status: components["schemas"]["CommandStatus"];
            /** @description The process's exit code; null while it runs, and when it was ended by a signal it did not handle. */
            exitCode: number | null;
            /** @description Combined stdout, at most 1 MiB (`stdoutTruncated` when cut; every chunk stays in the logs within the retention window). */
            stdout: string;
            /** @description Combined stderr, at most 1 MiB. */
            stderr: string;
            stdoutTruncated: boolean;
            stderrTruncated: boolean;
            timeoutMs: number;
            createdAt: components["schemas"]["Timestamp"];
            startedAt: components["schemas"]["Timestamp"] | null;
            finishedAt: components["schemas"]["Timestamp"] | null;
            durationMs: number | null;
            collectStatus: components["schemas"]["CollectStatus"];
            collectErrors: components["schemas"]["CollectError"][];
            collectedArtifacts: components["schemas"]["ArtifactRef"][];
            cancelMode: ("graceful" | "force") | null;
            canceledAt: components["schemas"]["Timestamp"] | null;
            /** @description Why it was canceled, set with `canceledAt`. `requested`, by cancelCommand; `service_restarted`, it was unfinished when the service restarted (crownest-fake restored from its state file), and ended with it. */
            cancelReason: ("requested" | "service_restarted") | null;
            killedReason: "sandbox_destroyed" | null;
            terminationSignal: ("SIGTERM" | "SIGKILL") | null;
        };
        /** @description Extra environment variables; keys match `^[A-Za-z_][A-Za-z0-9_]*$`, and keys starting with `CROWNEST` in any case (`crownest_x` too) are 400 `reserved_env_key`. At most 64 keys. */
        CommandEnv: {
            [key: string]: string;
        };
        StartCommandRequest: {
            command: string;
            cwd?: components["schemas"]["WorkspacePath"];
            env?: components["schemas"]["CommandEnv"];
            timeoutMs?: components["schemas"]["TimeoutMs"];
        };
        RunCommandRequest: {
            command: string;
            cwd?: components["schemas"]["WorkspacePath"];
            env?: components["schemas"]["CommandEnv"];
            timeoutMs?: components["schemas"]["TimeoutMs"];
            collect?: components["schemas"]["CollectSpec"][];
            /**
             * @default success
             * @enum {string}
             */
            collectOn?: "success" | "always";
            /**
             * @description How long to wait for the end before answering 202 with the
             *     running record; default, and at most, `x-limits.runWaitMs`. 0
             *     answers 202 at once: follow the command on streamCommandLogs for
             *     its output as it comes (its `terminal` event carries the final
             *     record, as after any 202).
             */
            waitMs?: number;
        };
        CancelCommandRequest: {
            /**
             * @default graceful
             * @enum {string}
             */
            mode?: "graceful" | "force";
        };
        /** @enum {string} */
        LogStream: "stdout" | "stderr";
        CommandLogChunk: {
            commandId: components["schemas"]["CommandId"];
            createdAt: components["schemas"]["Timestamp"];
            data: string;
            /** @description 1, 2, 3, ... per command, with no gaps. */
            seq: number;
            stream: components["schemas"]["LogStream"];
        };
        CommandLogChunkList: {
            data: components["schemas"]["CommandLogChunk"][];
            /** @description More chunks are stored after this page (a running command may still add more when it is false). */
            hasMore: boolean;
            /** @description The `afterSeq` of the next page; the last chunk's `seq`, or the request's `afterSeq` (0 when none) for an empty page. */
            nextAfterSeq: number;
        };
        CommandLogEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "log";
            stream: components["schemas"]["LogStream"];
            data: string;
            seq: number;
            createdAt: components["schemas"]["Timestamp"];
        };
        HeartbeatEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "heartbeat";
        };
        CommandTerminalEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "terminal";
            command: components["schemas"]["Command"];
        };
        StreamErrorEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "error";
            code: components["schemas"]["ErrorCode"];
            message: string;
            details?: {
                [key: string]: unknown;
            };
        };
        /** @description One server-sent event of streamCommandLogs (its `data:` JSON). */
        CommandLogStreamEvent: components["schemas"]["CommandLogEvent"] | components["schemas"]["HeartbeatEvent"] | components["schemas"]["CommandTerminalEvent"] | components["schemas"]["StreamErrorEvent"];
        /**
         * @default utf8
         * @enum {string}
         */
        FileEncoding: "utf8" | "base64";
        FileStat: {
            /** @description Absolute, normalised path under /workspace. */
            path: string;
            name: string;
            /** @enum {string} */
            type: "file" | "directory";
            /** @description The file's size; 0 for directories. */
            sizeBytes: number;
            modifiedAt: components["schemas"]["Timestamp"];
        };
        FileStatList: {
            data: components["schemas"]["FileStat"][];
        };
        FileContent: {
            path: string;
            content: string;
            encoding: components["schemas"]["FileEncoding"];
            sizeBytes: number;
        };
        WriteFileRequest: {
            path: components["schemas"]["WorkspacePath"];
            /** @description At most 262144 bytes once decoded. */
            content: string;
            encoding?: components["schemas"]["FileEncoding"];
            /** @default false */
            createParents?: boolean;
            /** @default true */
            overwrite?: boolean;
        };
        MakeDirectoryRequest: {
            path: components["schemas"]["WorkspacePath"];
            /** @default false */
            parents?: boolean;
        };
        MoveFileRequest: {
            fromPath: components["schemas"]["WorkspacePath"];
            toPath: components["schemas"]["WorkspacePath"];
            /** @default false */
            overwrite?: boolean;
        };
        FileDownloadUrlRequest: {
            path: components["schemas"]["WorkspacePath"];
        };
        DownloadUrl: {
            /** Format: uri */
            url: string;
            /** @constant */
            method: "GET";
            /** @description Headers to send with the request (besides Authorization for `api_key`). */
            headers: {
                [key: string]: string;
            };
            /**
             * @description `api_key`: send the API key as bearer; `none`: send no Authorization header.
             * @enum {string}
             */
            authMode: "api_key" | "none";
            expiresAt: components["schemas"]["Timestamp"];
        };
        Artifact: {
            id: components["schemas"]["ArtifactId"];
            sandboxId: components["schemas"]["SandboxId"];
            projectId: components["schemas"]["ProjectId"];
            /** @description The source path inside /workspace. */
            path: string;
            name: string;
            sizeBytes: number;
            sha256: components["schemas"]["Sha256"];
            contentType: string;
            createdAt: components["schemas"]["Timestamp"];
            deletedAt: components["schemas"]["Timestamp"] | null;
            /** @description The command whose `collect` made it. */
            commandId: components["schemas"]["CommandId"] | null;
            /** @description The workspace run that collected it. */
            workspaceRunId: components["schemas"]["WorkspaceRunId"] | null;
        };
        CreateArtifactRequest: {
            path: components["schemas"]["WorkspacePath"];
            name?: string;
        };
        ArtifactList: {
            data: components["schemas"]["Artifact"][];
        };
        Preview: {
            id: components["schemas"]["PreviewId"];
            sandboxId: components["schemas"]["SandboxId"];
            port: number;
            /** @constant */
            authMode: "authenticated";
            /**
             * Format: uri
             * @description Like `https://p-a1b2c3.preview.crownest.dev`.
             */
            url: string;
            /**
             * @description `active` -> `revoked` (revokePreview, or its sandbox ended).
             * @enum {string}
             */
            status: "active" | "revoked";
            createdAt: components["schemas"]["Timestamp"];
            revokedAt: components["schemas"]["Timestamp"] | null;
        };
        CreatePreviewRequest: {
            port: number;
            /**
             * @description Only `authenticated` in v1.
             * @default authenticated
             * @constant
             */
            authMode?: "authenticated";
        };
        PreviewList: {
            data: components["schemas"]["Preview"][];
        };
        Project: {
            id: components["schemas"]["ProjectId"];
            orgId: components["schemas"]["OrgId"];
            name: string;
            createdAt: components["schemas"]["Timestamp"];
        };
        ProjectList: {
            data: components["schemas"]["Project"][];
        };
        /**
         * @description `awaiting_archive` -> `ready` (archive uploaded or finalized) ->
         *     `running` (startWorkspaceRun) -> `succeeded` (exit code 0) | `failed`
         *     (non-zero exit, extraction failure, or its sandbox ended) | `canceled`
         *     | `timed_out`. `awaiting_archive` and `ready` can also go straight to
         *     `canceled`. The last four are terminal.
         * @enum {string}
         */
        WorkspaceRunStatus: "awaiting_archive" | "ready" | "running" | "succeeded" | "failed" | "canceled" | "timed_out";
        WorkspaceRunArchive: {
            sha256: components["schemas"]["Sha256"];
            sizeBytes: components["schemas"]["ArchiveSizeBytes"];
            /** @enum {string} */
            source: "direct" | "transfer";
            uploadId: components["schemas"]["UploadId"] | null;
            uploadedAt: components["schemas"]["Timestamp"];
            /** @description Regular files extracted; null before extraction. */
            extractedFiles: number | null;
        };
        WorkspaceRun: {
            id: components["schemas"]["WorkspaceRunId"];
            orgId: components["schemas"]["OrgId"];
            projectId: components["schemas"]["ProjectId"];
            status: components["schemas"]["WorkspaceRunStatus"];
            command: string;
            template: components["schemas"]["Template"];
            templateVersionId: components["schemas"]["TemplateVersionId"];
            /** @description The sandbox it runs in; null until started (unless one was given). */
            sandboxId: components["schemas"]["SandboxId"] | null;
            keepSandbox: boolean;
            timeoutMs: number;
            metadata: components["schemas"]["Metadata"];
            sourceMetadata: components["schemas"]["Metadata"];
            /** @description The files requested for collection. */
            artifacts: components["schemas"]["CollectSpec"][];
            archive: components["schemas"]["WorkspaceRunArchive"] | null;
            exitCode: number | null;
            /** @description Why a run failed without an exit code of its own (extraction, sandbox loss). */
            error: {
                code: components["schemas"]["ErrorCode"];
                message: string;
            } | null;
            stdoutBytes: number;
            stderrBytes: number;
            collectedArtifacts: components["schemas"]["ArtifactRef"][];
            createdAt: components["schemas"]["Timestamp"];
            startedAt: components["schemas"]["Timestamp"] | null;
            finishedAt: components["schemas"]["Timestamp"] | null;
            durationMs: number | null;
        };
        CreateWorkspaceRunRequest: {
            /** @description Shell command to run in /workspace after extraction. */
            command: string;
            projectId?: components["schemas"]["ProjectId"];
            /** @default python-node */
            template?: components["schemas"]["Template"];
            templateVersionId?: components["schemas"]["TemplateVersionId"];
            sandboxId?: components["schemas"]["SandboxId"];
            /** @default false */
            keepSandbox?: boolean;
            timeoutMs?: components["schemas"]["TimeoutMs"];
            metadata?: components["schemas"]["Metadata"];
            sourceMetadata?: components["schemas"]["Metadata"];
            /** @description Explicit relative paths to collect after the command ends. */
            artifacts?: components["schemas"]["CollectSpec"][];
        };
        WorkspaceRunList: {
            data: components["schemas"]["WorkspaceRun"][];
        };
        WorkspaceRunArchiveResult: {
            archive: components["schemas"]["WorkspaceRunArchive"];
            workspaceRun: components["schemas"]["WorkspaceRun"];
        };
        CreateArchiveTransferRequest: {
            sha256: components["schemas"]["Sha256"];
            sizeBytes: components["schemas"]["ArchiveSizeBytes"];
        };
        WorkspaceRunArchiveTransfer: {
            id: components["schemas"]["UploadId"];
            workspaceRunId: components["schemas"]["WorkspaceRunId"];
            /** Format: uri */
            uploadUrl: string;
            /** @constant */
            method: "PUT";
            /** @description Headers to send with the upload (e.g. Content-Type). */
            headers: {
                [key: string]: string;
            };
            expiresAt: components["schemas"]["Timestamp"];
            /** @constant */
            maxSizeBytes: 8388608;
            sha256: components["schemas"]["Sha256"];
            sizeBytes: components["schemas"]["ArchiveSizeBytes"];
        };
        ArchiveUploadReceipt: {
            uploadId: components["schemas"]["UploadId"];
            sizeBytes: number;
            sha256: components["schemas"]["Sha256"];
        };
        FinalizeArchiveRequest: {
            uploadId: components["schemas"]["UploadId"];
            sha256: components["schemas"]["Sha256"];
            sizeBytes: components["schemas"]["ArchiveSizeBytes"];
        };
        WorkspaceRunStatusEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "status";
            seq: number;
            status: components["schemas"]["WorkspaceRunStatus"];
            createdAt: components["schemas"]["Timestamp"];
        };
        WorkspaceRunArchiveProgressEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "archive_progress";
            seq: number;
            /** @enum {string} */
            phase: "verifying" | "extracting" | "extracted";
            /** @description Compressed archive bytes consumed so far. */
            bytesProcessed: number;
            totalBytes: number;
            filesExtracted: number;
            createdAt: components["schemas"]["Timestamp"];
        };
        WorkspaceRunOutputEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "stdout" | "stderr";
            seq: number;
            data: string;
            createdAt: components["schemas"]["Timestamp"];
        };
        WorkspaceRunArtifactCollectedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "artifact_collected";
            seq: number;
            artifact: components["schemas"]["ArtifactRef"];
            createdAt: components["schemas"]["Timestamp"];
        };
        WorkspaceRunArtifactErrorEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "artifact_error";
            seq: number;
            path: string;
            name?: string;
            code: components["schemas"]["ErrorCode"];
            message: string;
            createdAt: components["schemas"]["Timestamp"];
        };
        WorkspaceRunTerminalEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "terminal";
            workspaceRun: components["schemas"]["WorkspaceRun"];
        };
        /** @description One server-sent event of streamWorkspaceRunEvents (its `data:` JSON). */
        WorkspaceRunStreamEvent: components["schemas"]["WorkspaceRunStatusEvent"] | components["schemas"]["WorkspaceRunArchiveProgressEvent"] | components["schemas"]["WorkspaceRunOutputEvent"] | components["schemas"]["WorkspaceRunArtifactCollectedEvent"] | components["schemas"]["WorkspaceRunArtifactErrorEvent"] | components["schemas"]["HeartbeatEvent"] | components["schemas"]["WorkspaceRunTerminalEvent"] | components["schemas"]["StreamErrorEvent"];
        OutputDigest: {
            sizeBytes: number;
            sha256: components["schemas"]["Sha256"];
        };
        /**
         * @description Durable proof of a terminal run. `digest` is the SHA-256 of the
         *     bundle without its `digest` field, serialised as RFC 8785 canonical
         *     JSON (object keys sorted by UTF-16 code units at every level, no
         *     insignificant whitespace, ECMAScript number formatting), so anyone
         *     can recompute it.
         */
        WorkspaceRunEvidenceBundle: {
            workspaceRunId: components["schemas"]["WorkspaceRunId"];
            projectId: components["schemas"]["ProjectId"];
            status: components["schemas"]["WorkspaceRunStatus"];
            exitCode: number | null;
            error: {
                code: components["schemas"]["ErrorCode"];
                message: string;
            } | null;
            command: string;
            template: components["schemas"]["Template"];
            templateVersionId: components["schemas"]["TemplateVersionId"];
            /** @description The archive the run executed; null when it was canceled before one was attached. */
            archive: {
                sha256: components["schemas"]["Sha256"];
                sizeBytes: components["schemas"]["ArchiveSizeBytes"];
            } | null;
            metadata: components["schemas"]["Metadata"];
            sourceMetadata: components["schemas"]["Metadata"];
            timings: {
                createdAt: components["schemas"]["Timestamp"];
                startedAt: components["schemas"]["Timestamp"] | null;
                finishedAt: components["schemas"]["Timestamp"];
                durationMs: number | null;
            };
            outputs: {
                stdout: components["schemas"]["OutputDigest"];
                stderr: components["schemas"]["OutputDigest"];
            };
            artifacts: {
                artifactId: components["schemas"]["ArtifactId"];
                path: string;
                name: string;
                sizeBytes: number;
                sha256: components["schemas"]["Sha256"];
            }[];
            artifactErrors: components["schemas"]["CollectError"][];
            persistedAt: components["schemas"]["Timestamp"];
            digest: {
                /** @constant */
                algorithm: "sha256";
                value: components["schemas"]["Sha256"];
            };
        };
    };
    /** The contract's shared responses (the error answers), by name. */
    responses: {
        /** @description The request is malformed or breaks a rule: `invalid_request`, `reserved_env_key`, `path_outside_workspace`, `sandbox_ttl_exceeded`, `not_a_directory`, `is_a_directory`. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing or unknown API key: `unauthorized`. */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The key lacks a scope (`forbidden`), or a signed URL is expired or forged (`url_expired`, `invalid_signature`). */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource visible to this key: `not_found`. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The resource's state forbids the operation: `invalid_state`, `sandbox_destroyed`, `directory_not_empty`, `already_exists`, `idempotency_key_reused`, `evidence_not_ready`, `stream_gap`. */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Over a size limit: `file_too_large`, `archive_too_large`, `request_too_large`. */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body's Content-Type is not the one the operation takes: `unsupported_media_type`. */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Well-formed, but the outcome is a failure: `command_timed_out` (details.command holds the final record), `checksum_mismatch`, `invalid_archive`. */
        Unprocessable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `rate_limited` (with Retry-After / Retry-After-Ms: retry later) or `quota_exceeded` (a plan limit: retrying doesn't help until something is freed). */
        TooManyRequests: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                "Retry-After-Ms": components["headers"]["RetryAfterMs"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The service failed or is unavailable: `internal_error` (500), `service_unavailable` (503, may carry Retry-After / Retry-After-Ms), `upstream_timeout` (504). Safe to retry with the same Idempotency-Key. */
        ServerError: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                "Retry-After-Ms": components["headers"]["RetryAfterMs"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    /** The contract's shared parameters, by name. */
    parameters: {
        /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
        IdempotencyKey: string;
        SandboxIdPath: components["schemas"]["SandboxId"];
        CommandIdPath: components["schemas"]["CommandId"];
        ArtifactIdPath: components["schemas"]["ArtifactId"];
        PreviewIdPath: components["schemas"]["PreviewId"];
        WorkspaceRunIdPath: components["schemas"]["WorkspaceRunId"];
        SignedToken: string;
        /** @description Resume after this sequence number. */
        AfterSeq: number;
        /** @description The SSE reconnection header; same meaning as `afterSeq`. */
        LastEventId: string;
    };
    /** The contract's shared request bodies (none). */
    requestBodies: never;
    /** The contract's shared response headers, by name. */
    headers: {
        /** @description Identifies the request in the service's logs; quote it in support requests. */
        RequestId: string;
        /** @description `true` when the response is the replay of an earlier request with the same Idempotency-Key (stored error responses are replayed too: every 4xx but 401 and the retryable 408 and 429). */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
        /** @description Milliseconds to wait before retrying; more precise than Retry-After. */
        RetryAfterMs: number;
        /** @description The body's size in bytes. */
        ContentLength: number;
    };
    /** The contract's shared path items (none). */
    pathItems: never;
}
/** Schema definitions outside components (none). */
export type $defs = Record<string, never>;
/** The contract's operations, by operationId: parameters, request body and responses. */
export interface operations {
    /** List sandboxes (`GET /v1/sandboxes`). */
    listSandboxes: {
        parameters: {
            query?: {
                includeEnded?: boolean;
                projectId?: components["schemas"]["ProjectId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sandboxes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SandboxList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Create a sandbox (`POST /v1/sandboxes`). */
    createSandbox: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateSandboxRequest"];
            };
        };
        responses: {
            /** @description The new sandbox. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sandbox"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get a sandbox (`GET /v1/sandboxes/{sandboxId}`). */
    getSandbox: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sandbox, whatever its status. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sandbox"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Kill a sandbox (`DELETE /v1/sandboxes/{sandboxId}`). */
    killSandbox: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sandbox record. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sandbox"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Run a command and wait for it to exit (`POST /v1/sandboxes/{sandboxId}/commands/run`). */
    runCommand: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCommandRequest"];
            };
        };
        responses: {
            /** @description The ended command. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            /** @description The command, still running when the wait budget ran out. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Start a command (`POST /v1/sandboxes/{sandboxId}/commands`). */
    startCommand: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartCommandRequest"];
            };
        };
        responses: {
            /** @description The started command. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get a command (`GET /v1/commands/{commandId}`). */
    getCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command's current state. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Cancel a command (`POST /v1/commands/{commandId}/cancel`). */
    cancelCommand: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CancelCommandRequest"];
            };
        };
        responses: {
            /** @description The command after the cancel request. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Command"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** List stored log chunks (`GET /v1/commands/{commandId}/logs`). */
    listCommandLogs: {
        parameters: {
            query?: {
                afterSeq?: number;
                limit?: number;
            };
            header?: never;
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chunks. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandLogChunkList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Stream logs over server-sent events (`GET /v1/commands/{commandId}/logs/stream`). */
    streamCommandLogs: {
        parameters: {
            query?: {
                /** @description Resume after this sequence number. */
                afterSeq?: components["parameters"]["AfterSeq"];
            };
            header?: {
                /** @description The SSE reconnection header; same meaning as `afterSeq`. */
                "Last-Event-ID"?: components["parameters"]["LastEventId"];
            };
            path: {
                commandId: components["parameters"]["CommandIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["CommandLogStreamEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** List a directory (`GET /v1/sandboxes/{sandboxId}/files`). */
    listFiles: {
        parameters: {
            query?: {
                path?: components["schemas"]["WorkspacePath"];
            };
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileStatList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Delete a file or an empty directory (`DELETE /v1/sandboxes/{sandboxId}/files`). */
    deleteFile: {
        parameters: {
            query: {
                path: components["schemas"]["WorkspacePath"];
            };
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Read a file (`GET /v1/sandboxes/{sandboxId}/files/content`). */
    readFile: {
        parameters: {
            query: {
                path: components["schemas"]["WorkspacePath"];
                encoding?: components["schemas"]["FileEncoding"];
            };
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file's content. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileContent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Write a file (`PUT /v1/sandboxes/{sandboxId}/files/content`). */
    writeFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WriteFileRequest"];
            };
        };
        responses: {
            /** @description The written file. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileStat"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Stat a file or directory (`GET /v1/sandboxes/{sandboxId}/files/stat`). */
    statFile: {
        parameters: {
            query: {
                path: components["schemas"]["WorkspacePath"];
            };
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stat record. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileStat"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Make a directory (`POST /v1/sandboxes/{sandboxId}/files/mkdir`). */
    makeDirectory: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MakeDirectoryRequest"];
            };
        };
        responses: {
            /** @description The directory. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileStat"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Move or rename a file or directory (`POST /v1/sandboxes/{sandboxId}/files/move`). */
    moveFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveFileRequest"];
            };
        };
        responses: {
            /** @description The entry at its new path. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileStat"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get a short-lived download URL for a file of any size (`POST /v1/sandboxes/{sandboxId}/files/download-url`). */
    createFileDownloadUrl: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FileDownloadUrlRequest"];
            };
        };
        responses: {
            /** @description The signed URL. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadUrl"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Download a file through a signed URL (`GET /v1/file-downloads/{token}`). */
    downloadFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: components["parameters"]["SignedToken"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file's bytes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Content-Length": components["headers"]["ContentLength"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** List a sandbox's artifacts (`GET /v1/sandboxes/{sandboxId}/artifacts`). */
    listArtifacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifacts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Export a workspace file as an artifact (`POST /v1/sandboxes/{sandboxId}/artifacts`). */
    createArtifact: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateArtifactRequest"];
            };
        };
        responses: {
            /** @description The new artifact. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get an artifact (`GET /v1/artifacts/{artifactId}`). */
    getArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifact. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Delete an artifact (`DELETE /v1/artifacts/{artifactId}`). */
    deleteArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deleted artifact. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Download an artifact's bytes (`GET /v1/artifacts/{artifactId}/content`). */
    downloadArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifact's bytes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Content-Length": components["headers"]["ContentLength"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get a short-lived signed download URL for an artifact (`POST /v1/artifacts/{artifactId}/download-url`). */
    createArtifactDownloadUrl: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                artifactId: components["parameters"]["ArtifactIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed URL. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadUrl"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Download an artifact through a signed URL (`GET /v1/artifact-downloads/{token}`). */
    downloadSignedArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: components["parameters"]["SignedToken"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifact's bytes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Content-Length": components["headers"]["ContentLength"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Binary"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** List a sandbox's previews (`GET /v1/sandboxes/{sandboxId}/previews`). */
    listPreviews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The previews. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Expose a sandbox port at a preview URL (`POST /v1/sandboxes/{sandboxId}/previews`). */
    createPreview: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                sandboxId: components["parameters"]["SandboxIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePreviewRequest"];
            };
        };
        responses: {
            /** @description The existing active preview for this port. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            /** @description The new preview. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get a preview (`GET /v1/previews/{previewId}`). */
    getPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                previewId: components["parameters"]["PreviewIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preview. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Revoke a preview (`POST /v1/previews/{previewId}/revoke`). */
    revokePreview: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                previewId: components["parameters"]["PreviewIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked preview. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** List the projects the key can access (`GET /v1/projects`). */
    listProjects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The projects. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** List workspace runs (`GET /v1/workspace-runs`). */
    listWorkspaceRuns: {
        parameters: {
            query?: {
                projectId?: components["schemas"]["ProjectId"];
                status?: components["schemas"]["WorkspaceRunStatus"];
                metadata?: components["schemas"]["Metadata"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRunList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Create a workspace run (`POST /v1/workspace-runs`). */
    createWorkspaceRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWorkspaceRunRequest"];
            };
        };
        responses: {
            /** @description The new run. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRun"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get a workspace run (`GET /v1/workspace-runs/{workspaceRunId}`). */
    getWorkspaceRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRun"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Upload the run's archive directly (`PUT /v1/workspace-runs/{workspaceRunId}/archive`). */
    uploadWorkspaceRunArchive: {
        parameters: {
            query?: never;
            header: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                "X-Archive-Sha256": components["schemas"]["Sha256"];
                "X-Archive-Size-Bytes": components["schemas"]["ArchiveSizeBytes"];
            };
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/gzip": components["schemas"]["ArchiveBytes"];
            };
        };
        responses: {
            /** @description The stored archive and the run. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRunArchiveResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Create a staged upload target for the run's archive (`POST /v1/workspace-runs/{workspaceRunId}/archive-transfers`). */
    createArchiveTransfer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateArchiveTransferRequest"];
            };
        };
        responses: {
            /** @description The transfer target. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRunArchiveTransfer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Upload bytes to a staged transfer target (`PUT /v1/archive-uploads/{uploadId}`). */
    uploadArchiveTransfer: {
        parameters: {
            query: {
                /** @description The URL's signature, as issued in `uploadUrl`. */
                token: string;
            };
            header?: never;
            path: {
                uploadId: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/gzip": components["schemas"]["ArchiveBytes"];
            };
        };
        responses: {
            /** @description The bytes are stored; finalize the transfer next. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchiveUploadReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Verify a staged upload and attach it to the run (`POST /v1/workspace-runs/{workspaceRunId}/archive/finalize`). */
    finalizeArchive: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FinalizeArchiveRequest"];
            };
        };
        responses: {
            /** @description The attached archive and the run. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRunArchiveResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Start extraction and the command (`POST /v1/workspace-runs/{workspaceRunId}/start`). */
    startWorkspaceRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run, now `running`. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRun"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Stream a run's events over server-sent events (`GET /v1/workspace-runs/{workspaceRunId}/events`). */
    streamWorkspaceRunEvents: {
        parameters: {
            query?: {
                /** @description Resume after this sequence number. */
                afterSeq?: components["parameters"]["AfterSeq"];
            };
            header?: {
                /** @description The SSE reconnection header; same meaning as `afterSeq`. */
                "Last-Event-ID"?: components["parameters"]["LastEventId"];
            };
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["WorkspaceRunStreamEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Cancel a workspace run (`POST /v1/workspace-runs/{workspaceRunId}/cancel`). */
    cancelWorkspaceRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run after the cancel request. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRun"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    /** Get the run's evidence bundle (`GET /v1/workspace-runs/{workspaceRunId}/evidence`). */
    getWorkspaceRunEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceRunId: components["parameters"]["WorkspaceRunIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The evidence bundle. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceRunEvidenceBundle"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
}
