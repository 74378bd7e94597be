# Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
"""The contract's tables: error codes and statuses, limits, operation routes."""

from __future__ import annotations

from typing import Final, Literal, TypedDict

ErrorCode = Literal[
    "invalid_request",
    "reserved_env_key",
    "path_outside_workspace",
    "sandbox_ttl_exceeded",
    "not_a_directory",
    "is_a_directory",
    "unauthorized",
    "forbidden",
    "url_expired",
    "invalid_signature",
    "not_found",
    "method_not_allowed",
    "request_timeout",
    "invalid_state",
    "sandbox_destroyed",
    "directory_not_empty",
    "already_exists",
    "idempotency_key_reused",
    "evidence_not_ready",
    "stream_gap",
    "file_too_large",
    "archive_too_large",
    "request_too_large",
    "unsupported_media_type",
    "command_timed_out",
    "checksum_mismatch",
    "invalid_archive",
    "rate_limited",
    "quota_exceeded",
    "internal_error",
    "service_unavailable",
    "upstream_timeout",
]

ClientErrorCode = Literal[
    "connection_error",
    "timeout",
    "aborted",
    "invalid_response",
    "missing_api_key",
    "invalid_config",
    "permission_denied",
]

OperationId = Literal[
    "listSandboxes",
    "createSandbox",
    "getSandbox",
    "killSandbox",
    "runCommand",
    "startCommand",
    "getCommand",
    "cancelCommand",
    "listCommandLogs",
    "streamCommandLogs",
    "listFiles",
    "deleteFile",
    "readFile",
    "writeFile",
    "statFile",
    "makeDirectory",
    "moveFile",
    "createFileDownloadUrl",
    "downloadFile",
    "listArtifacts",
    "createArtifact",
    "getArtifact",
    "deleteArtifact",
    "downloadArtifact",
    "createArtifactDownloadUrl",
    "downloadSignedArtifact",
    "listPreviews",
    "createPreview",
    "getPreview",
    "revokePreview",
    "listProjects",
    "listWorkspaceRuns",
    "createWorkspaceRun",
    "getWorkspaceRun",
    "uploadWorkspaceRunArchive",
    "createArchiveTransfer",
    "uploadArchiveTransfer",
    "finalizeArchive",
    "startWorkspaceRun",
    "streamWorkspaceRunEvents",
    "cancelWorkspaceRun",
    "getWorkspaceRunEvidence",
]


class OperationRoute(TypedDict):
    method: str
    path: str
    scopes: list[str]
    idempotent: bool
    responseContentType: str | None


OPERATION_ROUTES: Final[dict[str, OperationRoute]] = {
    "listSandboxes": {
        "method": "GET",
        "path": "/v1/sandboxes",
        "scopes": [
            "sandbox:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "createSandbox": {
        "method": "POST",
        "path": "/v1/sandboxes",
        "scopes": [
            "sandbox:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "getSandbox": {
        "method": "GET",
        "path": "/v1/sandboxes/{sandboxId}",
        "scopes": [
            "sandbox:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "killSandbox": {
        "method": "DELETE",
        "path": "/v1/sandboxes/{sandboxId}",
        "scopes": [
            "sandbox:delete",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "runCommand": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/commands/run",
        "scopes": [
            "command:run",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "startCommand": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/commands",
        "scopes": [
            "command:run",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "getCommand": {
        "method": "GET",
        "path": "/v1/commands/{commandId}",
        "scopes": [
            "command:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "cancelCommand": {
        "method": "POST",
        "path": "/v1/commands/{commandId}/cancel",
        "scopes": [
            "command:run",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "listCommandLogs": {
        "method": "GET",
        "path": "/v1/commands/{commandId}/logs",
        "scopes": [
            "command:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "streamCommandLogs": {
        "method": "GET",
        "path": "/v1/commands/{commandId}/logs/stream",
        "scopes": [
            "command:read",
        ],
        "idempotent": False,
        "responseContentType": "text/event-stream",
    },
    "listFiles": {
        "method": "GET",
        "path": "/v1/sandboxes/{sandboxId}/files",
        "scopes": [
            "file:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "deleteFile": {
        "method": "DELETE",
        "path": "/v1/sandboxes/{sandboxId}/files",
        "scopes": [
            "file:write",
        ],
        "idempotent": True,
        "responseContentType": None,
    },
    "readFile": {
        "method": "GET",
        "path": "/v1/sandboxes/{sandboxId}/files/content",
        "scopes": [
            "file:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "writeFile": {
        "method": "PUT",
        "path": "/v1/sandboxes/{sandboxId}/files/content",
        "scopes": [
            "file:write",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "statFile": {
        "method": "GET",
        "path": "/v1/sandboxes/{sandboxId}/files/stat",
        "scopes": [
            "file:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "makeDirectory": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/files/mkdir",
        "scopes": [
            "file:write",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "moveFile": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/files/move",
        "scopes": [
            "file:write",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "createFileDownloadUrl": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/files/download-url",
        "scopes": [
            "file:read",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "downloadFile": {
        "method": "GET",
        "path": "/v1/file-downloads/{token}",
        "scopes": [
            "file:read",
        ],
        "idempotent": False,
        "responseContentType": "application/octet-stream",
    },
    "listArtifacts": {
        "method": "GET",
        "path": "/v1/sandboxes/{sandboxId}/artifacts",
        "scopes": [
            "artifact:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "createArtifact": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/artifacts",
        "scopes": [
            "artifact:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "getArtifact": {
        "method": "GET",
        "path": "/v1/artifacts/{artifactId}",
        "scopes": [
            "artifact:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "deleteArtifact": {
        "method": "DELETE",
        "path": "/v1/artifacts/{artifactId}",
        "scopes": [
            "artifact:delete",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "downloadArtifact": {
        "method": "GET",
        "path": "/v1/artifacts/{artifactId}/content",
        "scopes": [
            "artifact:read",
        ],
        "idempotent": False,
        "responseContentType": "application/octet-stream",
    },
    "createArtifactDownloadUrl": {
        "method": "POST",
        "path": "/v1/artifacts/{artifactId}/download-url",
        "scopes": [
            "artifact:read",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "downloadSignedArtifact": {
        "method": "GET",
        "path": "/v1/artifact-downloads/{token}",
        "scopes": [],
        "idempotent": False,
        "responseContentType": "application/octet-stream",
    },
    "listPreviews": {
        "method": "GET",
        "path": "/v1/sandboxes/{sandboxId}/previews",
        "scopes": [
            "preview:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "createPreview": {
        "method": "POST",
        "path": "/v1/sandboxes/{sandboxId}/previews",
        "scopes": [
            "preview:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "getPreview": {
        "method": "GET",
        "path": "/v1/previews/{previewId}",
        "scopes": [
            "preview:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "revokePreview": {
        "method": "POST",
        "path": "/v1/previews/{previewId}/revoke",
        "scopes": [
            "preview:revoke",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "listProjects": {
        "method": "GET",
        "path": "/v1/projects",
        "scopes": [
            "project:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "listWorkspaceRuns": {
        "method": "GET",
        "path": "/v1/workspace-runs",
        "scopes": [
            "workspace_run:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "createWorkspaceRun": {
        "method": "POST",
        "path": "/v1/workspace-runs",
        "scopes": [
            "workspace_run:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "getWorkspaceRun": {
        "method": "GET",
        "path": "/v1/workspace-runs/{workspaceRunId}",
        "scopes": [
            "workspace_run:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "uploadWorkspaceRunArchive": {
        "method": "PUT",
        "path": "/v1/workspace-runs/{workspaceRunId}/archive",
        "scopes": [
            "workspace_run:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "createArchiveTransfer": {
        "method": "POST",
        "path": "/v1/workspace-runs/{workspaceRunId}/archive-transfers",
        "scopes": [
            "workspace_run:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "uploadArchiveTransfer": {
        "method": "PUT",
        "path": "/v1/archive-uploads/{uploadId}",
        "scopes": [
            "workspace_run:create",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
    "finalizeArchive": {
        "method": "POST",
        "path": "/v1/workspace-runs/{workspaceRunId}/archive/finalize",
        "scopes": [
            "workspace_run:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "startWorkspaceRun": {
        "method": "POST",
        "path": "/v1/workspace-runs/{workspaceRunId}/start",
        "scopes": [
            "workspace_run:create",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "streamWorkspaceRunEvents": {
        "method": "GET",
        "path": "/v1/workspace-runs/{workspaceRunId}/events",
        "scopes": [
            "workspace_run:read",
        ],
        "idempotent": False,
        "responseContentType": "text/event-stream",
    },
    "cancelWorkspaceRun": {
        "method": "POST",
        "path": "/v1/workspace-runs/{workspaceRunId}/cancel",
        "scopes": [
            "workspace_run:cancel",
        ],
        "idempotent": True,
        "responseContentType": "application/json",
    },
    "getWorkspaceRunEvidence": {
        "method": "GET",
        "path": "/v1/workspace-runs/{workspaceRunId}/evidence",
        "scopes": [
            "workspace_run:read",
        ],
        "idempotent": False,
        "responseContentType": "application/json",
    },
}

# The one HTTP status each error code is sent with (ErrorCode x-http-status).
ERROR_HTTP_STATUS: Final[dict[str, int]] = {
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
    "upstream_timeout": 504,
}

# The first code the contract lists for each status: the code of an error
# answer without an envelope (say a proxy's HTML page).
ERROR_CODE_BY_STATUS: Final[dict[int, str]] = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    409: "invalid_state",
    413: "file_too_large",
    415: "unsupported_media_type",
    422: "command_timed_out",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
    504: "upstream_timeout",
}

# Codes a client may retry with the same Idempotency-Key (ErrorCode x-retryable).
RETRYABLE_ERROR_CODES: Final[frozenset[str]] = frozenset(
    {
        "request_timeout",
        "rate_limited",
        "internal_error",
        "service_unavailable",
        "upstream_timeout",
    }
)

# Codes of failures with no HTTP response (ClientErrorCode).
CLIENT_ERROR_CODES: Final[frozenset[str]] = frozenset(
    {
        "connection_error",
        "timeout",
        "aborted",
        "invalid_response",
        "missing_api_key",
        "invalid_config",
        "permission_denied",
    }
)

# Legal status transitions of each resource (x-transitions); [] marks a terminal status.
STATUS_TRANSITIONS: Final[dict[str, dict[str, list[str]]]] = {
    "SandboxStatus": {
        "running": [
            "destroyed",
            "failed",
        ],
        "destroyed": [],
        "failed": [],
    },
    "CommandStatus": {
        "queued": [
            "starting",
            "failed",
            "canceled",
            "timed_out",
            "killed",
        ],
        "starting": [
            "running",
            "failed",
            "canceled",
            "timed_out",
            "killed",
        ],
        "running": [
            "exited",
            "failed",
            "canceled",
            "timed_out",
            "killed",
        ],
        "exited": [],
        "failed": [],
        "canceled": [],
        "timed_out": [],
        "killed": [],
    },
    "WorkspaceRunStatus": {
        "awaiting_archive": [
            "ready",
            "canceled",
        ],
        "ready": [
            "running",
            "canceled",
        ],
        "running": [
            "succeeded",
            "failed",
            "canceled",
            "timed_out",
        ],
        "succeeded": [],
        "failed": [],
        "canceled": [],
        "timed_out": [],
    },
}

# The service's bounds (x-limits, plus schema maxima and defaults).
LIMITS: Final[dict[str, int]] = {
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
    "maxLogPageSize": 100,
}

MAX_FILE_BYTES: Final = 104857600
MAX_WORKSPACE_BYTES: Final = 268435456
MAX_LOG_CHUNK_BYTES: Final = 16384
COMMAND_OUTPUT_CAP_BYTES: Final = 1048576
RUN_OUTPUT_CAP_BYTES: Final = 16777216
MAX_TRANSFERS_PER_RUN: Final = 8
MAX_LIST_ITEMS: Final = 1000
RETENTION_MS: Final = 86400000
IDEMPOTENCY_WINDOW_MS: Final = 86400000
HEARTBEAT_INTERVAL_MS: Final = 15000
MAX_EVENT_BYTES: Final = 16777216
RUN_WAIT_MS: Final = 60000
CANCEL_GRACE_MS: Final = 10000
MAX_JSON_BODY_BYTES: Final = 1048576
STREAM_RECONNECT_TIMEOUT_MS: Final = 30000
DIRECT_UPLOAD_MAX_BYTES: Final = 1048576
MAX_DIRECT_FILE_BYTES: Final = 262144
MAX_ARCHIVE_BYTES: Final = 8388608
DEFAULT_TIMEOUT_MS: Final = 60000
MAX_TIMEOUT_MS: Final = 600000
DEFAULT_LOG_PAGE_SIZE: Final = 50
MAX_LOG_PAGE_SIZE: Final = 100

# The clients' defaults (x-client-defaults; the base URL is the first server's).
CLIENT_DEFAULT_BASE_URL: Final = "https://api.crownest.dev"
CLIENT_DEFAULT_TIMEOUT_MS: Final = 660000
CLIENT_DEFAULT_MAX_RETRIES: Final = 2
CLIENT_DEFAULT_RETRY_BASE_DELAY_MS: Final = 500
CLIENT_DEFAULT_RETRY_MAX_DELAY_MS: Final = 8000
CLIENT_DEFAULT_RETRY_MAX_HINT_MS: Final = 60000
CLIENT_DEFAULT_STREAM_IDLE_TIMEOUT_MS: Final = 45000
