"""Each method's request, built once for both faces: the seed's keywords to the REST names."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

from ._config import Config, origin_of
from ._core import Call, Prepared, prepare_raw, retry_delay, signed_url
from ._errors import CrowNestApiError
from ._generated.contract import DIRECT_UPLOAD_MAX_BYTES as DIRECT_UPLOAD_MAX_BYTES
from ._generated.contract import MAX_ARCHIVE_BYTES, MAX_DIRECT_FILE_BYTES, STATUS_TRANSITIONS


def sha256_hex(data: bytes) -> str:
    # hashlib loads OpenSSL: imported when an archive is hashed, not with the package.
    import hashlib

    return hashlib.sha256(data).hexdigest()


def body(**fields: Any) -> dict[str, Any]:
    """A JSON body without the fields left at None."""
    return {k: v for k, v in fields.items() if v is not None}


def create_sandbox(
    template: str | None,
    template_version_id: str | None,
    ttl_ms: int | None,
    metadata: Mapping[str, str] | None,
    project_id: str | None,
    idempotency_key: str | None,
    timeout: float | None,
) -> Call:
    json = body(
        template=template,
        templateVersionId=template_version_id,
        ttlMs=ttl_ms,
        metadata=dict(metadata) if metadata is not None else None,
        projectId=project_id,
    )
    return Call("createSandbox", json=json, idempotency_key=idempotency_key, timeout=timeout)


def sandbox(op: str, sandbox_id: str, timeout: float | None, **extra: Any) -> Call:
    return Call(op, path={"sandboxId": sandbox_id}, timeout=timeout, **extra)


def list_sandboxes(
    include_ended: bool | None, project_id: str | None, timeout: float | None
) -> Call:
    query = body(includeEnded=include_ended, projectId=project_id)
    return Call("listSandboxes", query=query, timeout=timeout)


def command_body(
    command: str,
    cwd: str | None,
    env: Mapping[str, str] | None,
    timeout_ms: int | None,
    **more: Any,
) -> dict[str, Any]:
    return body(
        command=command,
        cwd=cwd,
        env=dict(env) if env is not None else None,
        timeoutMs=timeout_ms,
        **more,
    )


def run_command(
    sandbox_id: str,
    command: str,
    cwd: str | None,
    env: Mapping[str, str] | None,
    timeout_ms: int | None,
    collect: Sequence[Mapping[str, str]] | None,
    collect_on: str | None,
    idempotency_key: str | None,
    timeout: float | None,
    wait_ms: int | None = None,
) -> Call:
    json = command_body(
        command,
        cwd,
        env,
        timeout_ms,
        collect=[dict(c) for c in collect] if collect is not None else None,
        collectOn=collect_on,
        waitMs=wait_ms,
    )
    return sandbox("runCommand", sandbox_id, timeout, json=json, idempotency_key=idempotency_key)


def start_command(
    sandbox_id: str,
    command: str,
    cwd: str | None,
    env: Mapping[str, str] | None,
    timeout_ms: int | None,
    idempotency_key: str | None,
    timeout: float | None,
) -> Call:
    json = command_body(command, cwd, env, timeout_ms)
    return sandbox("startCommand", sandbox_id, timeout, json=json, idempotency_key=idempotency_key)


def command(op: str, command_id: str, timeout: float | None, **extra: Any) -> Call:
    return Call(op, path={"commandId": command_id}, timeout=timeout, **extra)


def cancel_command(command_id: str, mode: str | None, timeout: float | None) -> Call:
    return command("cancelCommand", command_id, timeout, json=body(mode=mode))


def command_logs(
    command_id: str, after_seq: int | None, limit: int | None, timeout: float | None
) -> Call:
    return command(
        "listCommandLogs", command_id, timeout, query=body(afterSeq=after_seq, limit=limit)
    )


def still_running(record: Mapping[str, Any]) -> bool:
    """Whether a command record's status can still change (the contract lists transitions)."""
    status = record.get("status")
    return isinstance(status, str) and bool(STATUS_TRANSITIONS["CommandStatus"].get(status))


def timed_out(record: Mapping[str, Any]) -> CrowNestApiError:
    """The error the service sends for a timed-out run, rebuilt from the final record."""
    return CrowNestApiError(
        status=422,
        code="command_timed_out",
        message=f"the command ran past its timeout of {record.get('timeoutMs')} ms and was killed",
        details={"command": dict(record)},
    )


def at_path(op: str, sandbox_id: str, path: str, timeout: float | None, **query: Any) -> Call:
    return sandbox(op, sandbox_id, timeout, query=body(path=path, **query))


def write_file(
    sandbox_id: str,
    path: str,
    content: str | bytes,
    create_parents: bool | None,
    encoding: str | None,
    overwrite: bool | None,
    timeout: float | None,
) -> Call:
    if isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
        if len(data) > MAX_DIRECT_FILE_BYTES:
            raise CrowNestApiError(
                status=None,
                code="file_too_large",
                message=(
                    f"files.write takes at most {MAX_DIRECT_FILE_BYTES} bytes, got {len(data)}; "
                    "use workspace_runs.run_archive for larger files"
                ),
                details={"limit": MAX_DIRECT_FILE_BYTES, "sizeBytes": len(data)},
            )
        text = base64.b64encode(data).decode("ascii")
        encoding = "base64"
    elif isinstance(content, str):
        text = content
    else:
        raise TypeError(f"content must be str or bytes, not {type(content).__name__}")
    json = body(
        path=path,
        content=text,
        encoding=encoding,
        createParents=create_parents,
        overwrite=overwrite,
    )
    return sandbox("writeFile", sandbox_id, timeout, json=json)


def read_too_large(error: CrowNestApiError, path: str) -> CrowNestApiError:
    """files.read's file_too_large, saying what to use instead; other errors as they are."""
    if error.code != "file_too_large":
        return error
    size = (error.details or {}).get("sizeBytes", "over")
    return CrowNestApiError(
        status=error.status,
        code=error.code,
        message=(
            f"{path} is {size} bytes, more than files.read takes ({MAX_DIRECT_FILE_BYTES}): "
            "use files.download"
        ),
        details=error.details,
        request_id=error.request_id,
    )


def download_file(
    config: Config, signed: Mapping[str, Any], path: str, timeout: float | None
) -> Prepared:
    """files.download's GET of its signed URL: the key only when asked for, on the API's origin."""
    url, auth = signed_url(config, signed["url"], signed.get("authMode"), path)
    return prepare_raw(
        config,
        method=signed.get("method", "GET"),
        url=url,
        headers=signed.get("headers"),
        content=None,
        auth=auth,
        parse="bytes",
        timeout=timeout,
        label="downloadFile",
    )


def artifact(op: str, artifact_id: str, timeout: float | None, **extra: Any) -> Call:
    return Call(op, path={"artifactId": artifact_id}, timeout=timeout, **extra)


def preview(op: str, preview_id: str, timeout: float | None) -> Call:
    return Call(op, path={"previewId": preview_id}, timeout=timeout)


def run(op: str, workspace_run_id: str, timeout: float | None, **extra: Any) -> Call:
    return Call(op, path={"workspaceRunId": workspace_run_id}, timeout=timeout, **extra)


def create_workspace_run(
    command: str,
    project_id: str | None,
    template: str | None,
    template_version_id: str | None,
    sandbox_id: str | None,
    keep_sandbox: bool | None,
    timeout_ms: int | None,
    metadata: Mapping[str, str] | None,
    source_metadata: Mapping[str, str] | None,
    artifacts: Sequence[Mapping[str, str]] | None,
    idempotency_key: str | None,
    timeout: float | None,
) -> Call:
    json = body(
        command=command,
        projectId=project_id,
        template=template,
        templateVersionId=template_version_id,
        sandboxId=sandbox_id,
        keepSandbox=keep_sandbox,
        timeoutMs=timeout_ms,
        metadata=dict(metadata) if metadata is not None else None,
        sourceMetadata=dict(source_metadata) if source_metadata is not None else None,
        artifacts=[dict(a) for a in artifacts] if artifacts is not None else None,
    )
    return Call("createWorkspaceRun", json=json, idempotency_key=idempotency_key, timeout=timeout)


def upload_archive(
    workspace_run_id: str,
    data: bytes,
    sha256: str | None,
    size_bytes: int | None,
    idempotency_key: str | None,
    timeout: float | None,
) -> Call:
    headers = {
        "content-type": "application/gzip",
        "x-archive-sha256": sha256 or sha256_hex(data),
        "x-archive-size-bytes": str(size_bytes if size_bytes is not None else len(data)),
    }
    return run(
        "uploadWorkspaceRunArchive",
        workspace_run_id,
        timeout,
        content=bytes(data),
        headers=headers,
        idempotency_key=idempotency_key,
    )


def upload_to_transfer(
    config: Config, transfer: Mapping[str, Any], data: bytes, timeout: float | None
) -> Prepared:
    """The archive's PUT to a transfer's URL: storage URLs carry their own signature, so only
    the API's own origin gets the key."""
    url, _ = signed_url(config, transfer["uploadUrl"], None, "the archive transfer")
    return prepare_raw(
        config,
        method=transfer.get("method", "PUT"),
        url=url,
        headers=transfer.get("headers"),
        content=bytes(data),
        auth=origin_of(url) == config.origin,
        parse="none",
        timeout=timeout,
        label="uploadArchiveTransfer",
    )


def list_workspace_runs(
    project_id: str | None,
    status: str | None,
    metadata: Mapping[str, str] | None,
    timeout: float | None,
) -> Call:
    query = body(projectId=project_id, status=status, metadata=metadata)
    return Call("listWorkspaceRuns", query=query, timeout=timeout)


def archive_bytes(data_or_path: bytes | str | Any) -> bytes:
    """run_archive's archive: bytes, or a .tar.gz file's path; refused over the contract's limit."""
    if isinstance(data_or_path, (bytes, bytearray, memoryview)):
        data = bytes(data_or_path)
    else:
        with open(data_or_path, "rb") as f:
            data = f.read(MAX_ARCHIVE_BYTES + 1)
    if len(data) > MAX_ARCHIVE_BYTES:
        raise CrowNestApiError(
            status=None,
            code="archive_too_large",
            message=f"the archive is over {MAX_ARCHIVE_BYTES} bytes, the limit",
            details={"limit": MAX_ARCHIVE_BYTES, "sizeBytes": len(data)},
        )
    return data


def step_key(key: str | None, step: str) -> str | None:
    """One Idempotency-Key per step of run_archive, derived from the caller's."""
    return f"{key}:{step}" if key else None


def with_run_id(error: CrowNestApiError, workspace_run_id: str) -> CrowNestApiError:
    """The error with the run's id in details.workspaceRunId."""
    return CrowNestApiError(
        status=error.status,
        code=error.code,
        message=f"{error.message} (workspace run {workspace_run_id})",
        details={**(error.details or {}), "workspaceRunId": workspace_run_id},
        request_id=error.request_id,
    )


def evidence_wait(
    error: CrowNestApiError, attempt: int, max_retries: int, workspace_run_id: str
) -> float:
    """run_archive's wait before asking again for a bundle stored a little after the terminal
    state: evidence_not_ready within the retry budget; else the error, naming the run."""
    if error.code != "evidence_not_ready" or attempt >= max_retries:
        raise with_run_id(error, workspace_run_id) from None
    return retry_delay(attempt)
