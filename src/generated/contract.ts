// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
import type { components } from "./openapi.ts";

export type ErrorCode = components["schemas"]["ErrorCode"];
export type ClientErrorCode = components["schemas"]["ClientErrorCode"];
export type OperationId =
  | "listSandboxes"
  | "createSandbox"
  | "getSandbox"
  | "killSandbox"
  | "runCommand"
  | "startCommand"
  | "getCommand"
  | "cancelCommand"
  | "listCommandLogs"
  | "streamCommandLogs"
  | "listFiles"
  | "deleteFile"
  | "readFile"
  | "writeFile"
  | "statFile"
  | "makeDirectory"
  | "moveFile"
  | "createFileDownloadUrl"
  | "downloadFile"
  | "listArtifacts"
  | "createArtifact"
  | "getArtifact"
  | "deleteArtifact"
  | "downloadArtifact"
  | "createArtifactDownloadUrl"
  | "downloadSignedArtifact"
  | "listPreviews"
  | "createPreview"
  | "getPreview"
  | "revokePreview"
  | "listProjects"
  | "listWorkspaceRuns"
  | "createWorkspaceRun"
  | "getWorkspaceRun"
  | "uploadWorkspaceRunArchive"
  | "createArchiveTransfer"
  | "uploadArchiveTransfer"
  | "finalizeArchive"
  | "startWorkspaceRun"
  | "streamWorkspaceRunEvents"
  | "cancelWorkspaceRun"
  | "getWorkspaceRunEvidence";

/** What each operation needs, read from the contract. */
export interface OperationInfo {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH";
  readonly path: string;
  readonly scopes: readonly string[];
  readonly authOptional: boolean;
  readonly idempotencyKey: boolean;
  readonly successStatus: readonly number[];
  readonly requestContentType: string | null;
  readonly responseContentType: string | null;
}

export const operations: Readonly<Record<OperationId, OperationInfo>> = {
  "listSandboxes": {
    "method": "GET",
    "path": "/v1/sandboxes",
    "scopes": [
      "sandbox:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "createSandbox": {
    "method": "POST",
    "path": "/v1/sandboxes",
    "scopes": [
      "sandbox:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      201
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "getSandbox": {
    "method": "GET",
    "path": "/v1/sandboxes/{sandboxId}",
    "scopes": [
      "sandbox:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "killSandbox": {
    "method": "DELETE",
    "path": "/v1/sandboxes/{sandboxId}",
    "scopes": [
      "sandbox:delete"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "runCommand": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/commands/run",
    "scopes": [
      "command:run"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200,
      202
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "startCommand": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/commands",
    "scopes": [
      "command:run"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      202
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "getCommand": {
    "method": "GET",
    "path": "/v1/commands/{commandId}",
    "scopes": [
      "command:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "cancelCommand": {
    "method": "POST",
    "path": "/v1/commands/{commandId}/cancel",
    "scopes": [
      "command:run"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "listCommandLogs": {
    "method": "GET",
    "path": "/v1/commands/{commandId}/logs",
    "scopes": [
      "command:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "streamCommandLogs": {
    "method": "GET",
    "path": "/v1/commands/{commandId}/logs/stream",
    "scopes": [
      "command:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "text/event-stream"
  },
  "listFiles": {
    "method": "GET",
    "path": "/v1/sandboxes/{sandboxId}/files",
    "scopes": [
      "file:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "deleteFile": {
    "method": "DELETE",
    "path": "/v1/sandboxes/{sandboxId}/files",
    "scopes": [
      "file:write"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      204
    ],
    "requestContentType": null,
    "responseContentType": null
  },
  "readFile": {
    "method": "GET",
    "path": "/v1/sandboxes/{sandboxId}/files/content",
    "scopes": [
      "file:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "writeFile": {
    "method": "PUT",
    "path": "/v1/sandboxes/{sandboxId}/files/content",
    "scopes": [
      "file:write"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "statFile": {
    "method": "GET",
    "path": "/v1/sandboxes/{sandboxId}/files/stat",
    "scopes": [
      "file:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "makeDirectory": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/files/mkdir",
    "scopes": [
      "file:write"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "moveFile": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/files/move",
    "scopes": [
      "file:write"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "createFileDownloadUrl": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/files/download-url",
    "scopes": [
      "file:read"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "downloadFile": {
    "method": "GET",
    "path": "/v1/file-downloads/{token}",
    "scopes": [
      "file:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/octet-stream"
  },
  "listArtifacts": {
    "method": "GET",
    "path": "/v1/sandboxes/{sandboxId}/artifacts",
    "scopes": [
      "artifact:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "createArtifact": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/artifacts",
    "scopes": [
      "artifact:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      201
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "getArtifact": {
    "method": "GET",
    "path": "/v1/artifacts/{artifactId}",
    "scopes": [
      "artifact:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "deleteArtifact": {
    "method": "DELETE",
    "path": "/v1/artifacts/{artifactId}",
    "scopes": [
      "artifact:delete"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "downloadArtifact": {
    "method": "GET",
    "path": "/v1/artifacts/{artifactId}/content",
    "scopes": [
      "artifact:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/octet-stream"
  },
  "createArtifactDownloadUrl": {
    "method": "POST",
    "path": "/v1/artifacts/{artifactId}/download-url",
    "scopes": [
      "artifact:read"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "downloadSignedArtifact": {
    "method": "GET",
    "path": "/v1/artifact-downloads/{token}",
    "scopes": [],
    "authOptional": true,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/octet-stream"
  },
  "listPreviews": {
    "method": "GET",
    "path": "/v1/sandboxes/{sandboxId}/previews",
    "scopes": [
      "preview:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "createPreview": {
    "method": "POST",
    "path": "/v1/sandboxes/{sandboxId}/previews",
    "scopes": [
      "preview:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200,
      201
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "getPreview": {
    "method": "GET",
    "path": "/v1/previews/{previewId}",
    "scopes": [
      "preview:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "revokePreview": {
    "method": "POST",
    "path": "/v1/previews/{previewId}/revoke",
    "scopes": [
      "preview:revoke"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "listProjects": {
    "method": "GET",
    "path": "/v1/projects",
    "scopes": [
      "project:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "listWorkspaceRuns": {
    "method": "GET",
    "path": "/v1/workspace-runs",
    "scopes": [
      "workspace_run:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "createWorkspaceRun": {
    "method": "POST",
    "path": "/v1/workspace-runs",
    "scopes": [
      "workspace_run:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      201
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "getWorkspaceRun": {
    "method": "GET",
    "path": "/v1/workspace-runs/{workspaceRunId}",
    "scopes": [
      "workspace_run:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "uploadWorkspaceRunArchive": {
    "method": "PUT",
    "path": "/v1/workspace-runs/{workspaceRunId}/archive",
    "scopes": [
      "workspace_run:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/gzip",
    "responseContentType": "application/json"
  },
  "createArchiveTransfer": {
    "method": "POST",
    "path": "/v1/workspace-runs/{workspaceRunId}/archive-transfers",
    "scopes": [
      "workspace_run:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      201
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "uploadArchiveTransfer": {
    "method": "PUT",
    "path": "/v1/archive-uploads/{uploadId}",
    "scopes": [
      "workspace_run:create"
    ],
    "authOptional": true,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": "application/gzip",
    "responseContentType": "application/json"
  },
  "finalizeArchive": {
    "method": "POST",
    "path": "/v1/workspace-runs/{workspaceRunId}/archive/finalize",
    "scopes": [
      "workspace_run:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": "application/json",
    "responseContentType": "application/json"
  },
  "startWorkspaceRun": {
    "method": "POST",
    "path": "/v1/workspace-runs/{workspaceRunId}/start",
    "scopes": [
      "workspace_run:create"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      202
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "streamWorkspaceRunEvents": {
    "method": "GET",
    "path": "/v1/workspace-runs/{workspaceRunId}/events",
    "scopes": [
      "workspace_run:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "text/event-stream"
  },
  "cancelWorkspaceRun": {
    "method": "POST",
    "path": "/v1/workspace-runs/{workspaceRunId}/cancel",
    "scopes": [
      "workspace_run:cancel"
    ],
    "authOptional": false,
    "idempotencyKey": true,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  },
  "getWorkspaceRunEvidence": {
    "method": "GET",
    "path": "/v1/workspace-runs/{workspaceRunId}/evidence",
    "scopes": [
      "workspace_run:read"
    ],
    "authOptional": false,
    "idempotencyKey": false,
    "successStatus": [
      200
    ],
    "requestContentType": null,
    "responseContentType": "application/json"
  }
};

/**
 * What the SDK sends an operation by, one string each (its bundle carries no
 * scope or status lists): "METHOD /path", then " key" when it takes an
 * Idempotency-Key and " raw" when it answers anything but JSON.
 */
export const operationRoutes: Readonly<Record<OperationId, string>> = {
  "listSandboxes": "GET /v1/sandboxes",
  "createSandbox": "POST /v1/sandboxes key",
  "getSandbox": "GET /v1/sandboxes/{sandboxId}",
  "killSandbox": "DELETE /v1/sandboxes/{sandboxId}",
  "runCommand": "POST /v1/sandboxes/{sandboxId}/commands/run key",
  "startCommand": "POST /v1/sandboxes/{sandboxId}/commands key",
  "getCommand": "GET /v1/commands/{commandId}",
  "cancelCommand": "POST /v1/commands/{commandId}/cancel key",
  "listCommandLogs": "GET /v1/commands/{commandId}/logs",
  "streamCommandLogs": "GET /v1/commands/{commandId}/logs/stream raw",
  "listFiles": "GET /v1/sandboxes/{sandboxId}/files",
  "deleteFile": "DELETE /v1/sandboxes/{sandboxId}/files key raw",
  "readFile": "GET /v1/sandboxes/{sandboxId}/files/content",
  "writeFile": "PUT /v1/sandboxes/{sandboxId}/files/content key",
  "statFile": "GET /v1/sandboxes/{sandboxId}/files/stat",
  "makeDirectory": "POST /v1/sandboxes/{sandboxId}/files/mkdir key",
  "moveFile": "POST /v1/sandboxes/{sandboxId}/files/move key",
  "createFileDownloadUrl": "POST /v1/sandboxes/{sandboxId}/files/download-url key",
  "downloadFile": "GET /v1/file-downloads/{token} raw",
  "listArtifacts": "GET /v1/sandboxes/{sandboxId}/artifacts",
  "createArtifact": "POST /v1/sandboxes/{sandboxId}/artifacts key",
  "getArtifact": "GET /v1/artifacts/{artifactId}",
  "deleteArtifact": "DELETE /v1/artifacts/{artifactId}",
  "downloadArtifact": "GET /v1/artifacts/{artifactId}/content raw",
  "createArtifactDownloadUrl": "POST /v1/artifacts/{artifactId}/download-url key",
  "downloadSignedArtifact": "GET /v1/artifact-downloads/{token} raw",
  "listPreviews": "GET /v1/sandboxes/{sandboxId}/previews",
  "createPreview": "POST /v1/sandboxes/{sandboxId}/previews key",
  "getPreview": "GET /v1/previews/{previewId}",
  "revokePreview": "POST /v1/previews/{previewId}/revoke key",
  "listProjects": "GET /v1/projects",
  "listWorkspaceRuns": "GET /v1/workspace-runs",
  "createWorkspaceRun": "POST /v1/workspace-runs key",
  "getWorkspaceRun": "GET /v1/workspace-runs/{workspaceRunId}",
  "uploadWorkspaceRunArchive": "PUT /v1/workspace-runs/{workspaceRunId}/archive key",
  "createArchiveTransfer": "POST /v1/workspace-runs/{workspaceRunId}/archive-transfers key",
  "uploadArchiveTransfer": "PUT /v1/archive-uploads/{uploadId}",
  "finalizeArchive": "POST /v1/workspace-runs/{workspaceRunId}/archive/finalize key",
  "startWorkspaceRun": "POST /v1/workspace-runs/{workspaceRunId}/start key",
  "streamWorkspaceRunEvents": "GET /v1/workspace-runs/{workspaceRunId}/events raw",
  "cancelWorkspaceRun": "POST /v1/workspace-runs/{workspaceRunId}/cancel key",
  "getWorkspaceRunEvidence": "GET /v1/workspace-runs/{workspaceRunId}/evidence"
};

/** The one HTTP status each error code is sent with (ErrorCode x-http-status). */
export const errorHttpStatus: Readonly<Record<ErrorCode, number>> = {
  "invalid_request": 400,
  "reserved_env_key": 400,
  "path_outside_workspace": 400,
  "sandbox_ttl_exceeded": 400,
  "not_a_directory": 400,
  "is_a_directory": 400,
  "unauthorized": 401,
  "forbidden": 403,
  "url_expired": 403,
  "invalid_signature": 403,
  "not_found": 404,
  "method_not_allowed": 405,
  "request_timeout": 408,
  "invalid_state": 409,
  "sandbox_destroyed": 409,
  "directory_not_empty": 409,
  "already_exists": 409,
  "idempotency_key_reused": 409,
  "evidence_not_ready": 409,
  "stream_gap": 409,
  "file_too_large": 413,
  "archive_too_large": 413,
  "request_too_large": 413,
  "unsupported_media_type": 415,
  "command_timed_out": 422,
  "checksum_mismatch": 422,
  "invalid_archive": 422,
  "rate_limited": 429,
  "quota_exceeded": 429,
  "internal_error": 500,
  "service_unavailable": 503,
  "upstream_timeout": 504
};

/**
 * The first code the contract lists for each status: the clients' code for
 * an error answer without an envelope (say a proxy's HTML page).
 */
export const errorCodeByStatus: Readonly<Record<number, ErrorCode>> = {
  "400": "invalid_request",
  "401": "unauthorized",
  "403": "forbidden",
  "404": "not_found",
  "405": "method_not_allowed",
  "408": "request_timeout",
  "409": "invalid_state",
  "413": "file_too_large",
  "415": "unsupported_media_type",
  "422": "command_timed_out",
  "429": "rate_limited",
  "500": "internal_error",
  "503": "service_unavailable",
  "504": "upstream_timeout"
};

/** Codes a client may retry with the same Idempotency-Key (ErrorCode x-retryable). */
export const retryableErrorCodes: readonly ErrorCode[] = [
  "request_timeout",
  "rate_limited",
  "internal_error",
  "service_unavailable",
  "upstream_timeout"
];

/** The service's bounds (the root x-limits table; see "Limits" and the conventions in the contract). */
export const limits: {
  readonly maxFileBytes: number;
  readonly maxWorkspaceBytes: number;
  /** The largest log chunk `data`, in bytes of UTF-8 (longer output is split). */
  readonly maxLogChunkBytes: number;
  readonly commandOutputCapBytes: number;
  readonly runOutputCapBytes: number;
  readonly maxTransfersPerRun: number;
  readonly maxListItems: number;
  readonly retentionMs: number;
  readonly idempotencyWindowMs: number;
  /** How often a quiet stream sends a heartbeat. */
  readonly heartbeatIntervalMs: number;
  /** The largest server-sent event, in bytes. */
  readonly maxEventBytes: number;
  /** How long runCommand waits before answering 202 with the running record. */
  readonly runWaitMs: number;
  /** How long a graceful cancel waits after SIGTERM before SIGKILL. */
  readonly cancelGraceMs: number;
  /** The largest JSON request body (413 request_too_large past it). */
  readonly maxJsonBodyBytes: number;
  /** How long a client reopens a dropped stream, with backoff, while no connection makes progress. */
  readonly streamReconnectTimeoutMs: number;
  /** The largest archive a client uploads in one request; a larger one goes through a staged transfer. */
  readonly directUploadMaxBytes: number;
  /** The largest file readFile and writeFile handle directly, in bytes (FileContent sizeBytes maximum). */
  readonly maxDirectFileBytes: number;
  /** The largest workspace archive, in bytes (ArchiveSizeBytes maximum). */
  readonly maxArchiveBytes: number;
  /** A command's or run's timeout when none is given (TimeoutMs default). */
  readonly defaultTimeoutMs: number;
  /** The longest timeout a command or run may ask for (TimeoutMs maximum). */
  readonly maxTimeoutMs: number;
  /** listCommandLogs' page without a `limit` (its default). */
  readonly defaultLogPageSize: number;
  /** listCommandLogs' largest `limit` (its maximum). */
  readonly maxLogPageSize: number;
} = {
  "maxFileBytes": 104857600,
  "maxWorkspaceBytes": 268435456,
  "maxLogChunkBytes": 16384,
  "commandOutputCapBytes": 1048576,
  "runOutputCapBytes": 16777216,
  "maxTransfersPerRun": 8,
  "maxListItems": 1000,
  "retentionMs": 86400000,
  "idempotencyWindowMs": 86400000,
  "heartbeatIntervalMs": 15000,
  "maxEventBytes": 16777216,
  "runWaitMs": 60000,
  "cancelGraceMs": 10000,
  "maxJsonBodyBytes": 1048576,
  "streamReconnectTimeoutMs": 30000,
  "directUploadMaxBytes": 1048576,
  "maxDirectFileBytes": 262144,
  "maxArchiveBytes": 8388608,
  "defaultTimeoutMs": 60000,
  "maxTimeoutMs": 600000,
  "defaultLogPageSize": 50,
  "maxLogPageSize": 100
};

/** The limits the SDK reads: apart, so its bundle carries no other. */
export const clientLimits: Pick<typeof limits, "maxEventBytes" | "streamReconnectTimeoutMs" | "maxDirectFileBytes" | "maxArchiveBytes" | "directUploadMaxBytes"> = {
  "maxEventBytes": 16777216,
  "streamReconnectTimeoutMs": 30000,
  "maxDirectFileBytes": 262144,
  "maxArchiveBytes": 8388608,
  "directUploadMaxBytes": 1048576
};

/** The default base URL: the contract's first server. */
export const DEFAULT_BASE_URL: string = "https://api.crownest.dev";
/** The default per-attempt timeout: above the longest command (600000 ms). */
export const DEFAULT_TIMEOUT_MS: number = 660000;
/** The default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES: number = 2;
/** The first retry's longest wait; it doubles each try (random below it: jitter). */
export const DEFAULT_RETRY_BASE_DELAY_MS: number = 500;
/** The longest wait between retries without a hint. */
export const DEFAULT_RETRY_MAX_DELAY_MS: number = 8000;
/** The longest Retry-After-Ms or Retry-After hint waited; a longer one falls back to backoff. */
export const DEFAULT_RETRY_MAX_HINT_MS: number = 60000;
/** No byte on a stream (heartbeats included) for this long: it is dropped and reopened. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS: number = 45000;

/** Legal status transitions of each resource (x-transitions); [] marks a terminal status. */
export const statusTransitions: {
  readonly SandboxStatus: Readonly<Record<components["schemas"]["SandboxStatus"], readonly components["schemas"]["SandboxStatus"][]>>;
  readonly CommandStatus: Readonly<Record<components["schemas"]["CommandStatus"], readonly components["schemas"]["CommandStatus"][]>>;
  readonly WorkspaceRunStatus: Readonly<Record<components["schemas"]["WorkspaceRunStatus"], readonly components["schemas"]["WorkspaceRunStatus"][]>>;
} = {
  "SandboxStatus": {
    "running": [
      "destroyed",
      "failed"
    ],
    "destroyed": [],
    "failed": []
  },
  "CommandStatus": {
    "queued": [
      "starting",
      "failed",
      "canceled",
      "timed_out",
      "killed"
    ],
    "starting": [
      "running",
      "failed",
      "canceled",
      "timed_out",
      "killed"
    ],
    "running": [
      "exited",
      "failed",
      "canceled",
      "timed_out",
      "killed"
    ],
    "exited": [],
    "failed": [],
    "canceled": [],
    "timed_out": [],
    "killed": []
  },
  "WorkspaceRunStatus": {
    "awaiting_archive": [
      "ready",
      "canceled"
    ],
    "ready": [
      "running",
      "canceled"
    ],
    "running": [
      "succeeded",
      "failed",
      "canceled",
      "timed_out"
    ],
    "succeeded": [],
    "failed": [],
    "canceled": [],
    "timed_out": []
  }
};
