"""CrowNest: the sync client (httpx.Client), every resource of seed 000 plus workspace runs."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from . import _requests as rq
from ._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Config, resolve_config
from ._core import Call
from ._errors import CrowNestApiError
from ._handle import SandboxHandle
from ._transport_sync import SyncTransport

if TYPE_CHECKING:
    from .types import (
        Artifact,
        Command,
        CommandLogChunk,
        CommandLogStreamEvent,
        DownloadUrl,
        FileStat,
        OutputCallback,
        Preview,
        Project,
        RunArchiveResult,
        Sandbox,
        WorkspaceRun,
        WorkspaceRunArchiveResult,
        WorkspaceRunArchiveTransfer,
        WorkspaceRunEvidenceBundle,
        WorkspaceRunStreamEvent,
    )


class Sandboxes:
    """client.sandboxes: sandbox lifecycle."""

    def __init__(self, client: CrowNest) -> None:
        self._client = client
        self._t = client._transport

    def create(
        self,
        *,
        template: str | None = None,
        template_version_id: str | None = None,
        ttl_ms: int | None = None,
        metadata: Mapping[str, str] | None = None,
        project_id: str | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> SandboxHandle:
        """Creates a running sandbox; expiresAt reflects the resolved TTL."""
        call = rq.create_sandbox(
            template, template_version_id, ttl_ms, metadata, project_id, idempotency_key, timeout
        )
        return SandboxHandle(self._t.call(call), self._client)

    def get(self, sandbox_id: str, *, timeout: float | None = None) -> SandboxHandle:
        return SandboxHandle(
            self._t.call(rq.sandbox("getSandbox", sandbox_id, timeout)), self._client
        )

    def list(
        self,
        *,
        include_ended: bool | None = None,
        project_id: str | None = None,
        timeout: float | None = None,
    ) -> list[Sandbox]:
        """Live sandboxes (include_ended adds destroyed and failed ones)."""
        data: list[Sandbox] = self._t.call(rq.list_sandboxes(include_ended, project_id, timeout))[
            "data"
        ]
        return data

    def kill(self, sandbox_id: str, *, timeout: float | None = None) -> Sandbox:
        """Destroys the sandbox and returns its record (status destroyed); idempotent by state."""
        result: Sandbox = self._t.call(rq.sandbox("killSandbox", sandbox_id, timeout))
        return result


class Commands:
    """client.commands: processes inside a sandbox. A non-zero exit code doesn't raise."""

    def __init__(self, client: CrowNest) -> None:
        self._t = client._transport

    def run(
        self,
        sandbox_id: str,
        command: str,
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        collect: Sequence[Mapping[str, str]] | None = None,
        collect_on: str | None = None,
        idempotency_key: str | None = None,
        on_stdout: OutputCallback | None = None,
        on_stderr: OutputCallback | None = None,
        timeout: float | None = None,
    ) -> Command:
        """Runs the command and waits for it to exit; returns the full command record.

        A command still running after the service's wait budget (a 202) is
        followed over its log stream to its terminal event. Retries reuse the
        Idempotency-Key, so they never start a second process. on_stdout and
        on_stderr get each output chunk as it comes (the call is answered
        at once and followed on the stream); the record is the same.
        """
        live = on_stdout is not None or on_stderr is not None
        call = rq.run_command(
            sandbox_id,
            command,
            cwd,
            env,
            timeout_ms,
            collect,
            collect_on,
            idempotency_key,
            timeout,
            wait_ms=0 if live else None,
        )
        record: Command = self._t.call(call)
        if rq.still_running(record):
            for event in self.stream_logs(record["id"], timeout=timeout):
                if event["type"] == "terminal":
                    record = event["command"]
                elif event["type"] == "log" and live:
                    deliver = on_stdout if event["stream"] == "stdout" else on_stderr
                    if deliver is not None:
                        deliver(event["data"])
            if record.get("status") == "timed_out":
                raise rq.timed_out(record)
        return record

    def start(
        self,
        sandbox_id: str,
        command: str,
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> Command:
        """Starts the command and returns at once (status queued or starting)."""
        call = rq.start_command(sandbox_id, command, cwd, env, timeout_ms, idempotency_key, timeout)
        result: Command = self._t.call(call)
        return result

    def get(self, command_id: str, *, timeout: float | None = None) -> Command:
        result: Command = self._t.call(rq.command("getCommand", command_id, timeout))
        return result

    def cancel(
        self, command_id: str, *, mode: str | None = None, timeout: float | None = None
    ) -> Command:
        """mode "graceful" (default, SIGTERM) or "force" (SIGKILL); idempotent by state."""
        result: Command = self._t.call(rq.cancel_command(command_id, mode, timeout))
        return result

    def logs(
        self,
        command_id: str,
        *,
        after_seq: int | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> list[CommandLogChunk]:
        """Stored log chunks after after_seq, at most limit (default 50, max 100)."""
        data: list[CommandLogChunk] = self._t.call(
            rq.command_logs(command_id, after_seq, limit, timeout)
        )["data"]
        return data

    def stream_logs(
        self,
        command_id: str,
        *,
        after_seq: int | None = None,
        reconnect_timeout: float | None = None,
        timeout: float | None = None,
    ) -> Generator[CommandLogStreamEvent, None, None]:
        """Live events (log, heartbeat, terminal, error) until the terminal one.

        A dropped connection, or a failed opening a retry may fix (refused, 5xx,
        429), is reopened with backoff after the last seq seen, so nothing is lost
        or repeated, for reconnect_timeout seconds without progress (default: the
        client's stream_reconnect_timeout, 30). stream_gap comes as an error event;
        any other error event ends the stream, raised as that code's error.
        """
        return self._t.stream(
            "streamCommandLogs", {"commandId": command_id}, after_seq, timeout, reconnect_timeout
        )


class Files:
    """client.files: files inside /workspace (direct reads and writes up to 256 KiB)."""

    def __init__(self, client: CrowNest) -> None:
        self._t = client._transport

    def read(
        self,
        sandbox_id: str,
        path: str,
        *,
        encoding: str | None = None,
        timeout: float | None = None,
    ) -> str:
        """The file's content, as text ("utf8", default) or "base64"; over 256 KiB use download."""
        call = rq.at_path("readFile", sandbox_id, path, timeout, encoding=encoding)
        try:
            return str((self._t.call(call))["content"])
        except CrowNestApiError as error:
            raise rq.read_too_large(error, path) from None

    def write(
        self,
        sandbox_id: str,
        path: str,
        content: str | bytes,
        *,
        create_parents: bool | None = None,
        encoding: str | None = None,
        overwrite: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        """Writes the whole file (bytes are sent base64-encoded); returns its stat record."""
        call = rq.write_file(
            sandbox_id, path, content, create_parents, encoding, overwrite, timeout
        )
        result: FileStat = self._t.call(call)
        return result

    def delete(self, sandbox_id: str, path: str, *, timeout: float | None = None) -> None:
        """Deletes a file or an empty directory (directory_not_empty otherwise)."""
        self._t.call(rq.at_path("deleteFile", sandbox_id, path, timeout))

    def list(
        self, sandbox_id: str, path: str = "/workspace", *, timeout: float | None = None
    ) -> list[FileStat]:
        data: list[FileStat] = self._t.call(rq.at_path("listFiles", sandbox_id, path, timeout))[
            "data"
        ]
        return data

    def stat(self, sandbox_id: str, path: str, *, timeout: float | None = None) -> FileStat:
        result: FileStat = self._t.call(rq.at_path("statFile", sandbox_id, path, timeout))
        return result

    def mkdir(
        self,
        sandbox_id: str,
        path: str,
        *,
        parents: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        call = rq.sandbox(
            "makeDirectory", sandbox_id, timeout, json=rq.body(path=path, parents=parents)
        )
        result: FileStat = self._t.call(call)
        return result

    def move(
        self,
        sandbox_id: str,
        from_path: str,
        to_path: str,
        *,
        overwrite: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        json = rq.body(fromPath=from_path, toPath=to_path, overwrite=overwrite)
        result: FileStat = self._t.call(rq.sandbox("moveFile", sandbox_id, timeout, json=json))
        return result

    def download_url(
        self, sandbox_id: str, path: str, *, timeout: float | None = None
    ) -> DownloadUrl:
        """A short-lived signed URL for a file of any size ({"url", "method", "authMode"})."""
        call = rq.sandbox("createFileDownloadUrl", sandbox_id, timeout, json={"path": path})
        result: DownloadUrl = self._t.call(call)
        return result

    def download(self, sandbox_id: str, path: str, *, timeout: float | None = None) -> bytes:
        """A file of any size, through its signed URL (the key goes only to the API's origin)."""
        signed = self.download_url(sandbox_id, path, timeout=timeout)
        return bytes(self._t.send(rq.download_file(self._t.config, signed, path, timeout)))


class Artifacts:
    """client.artifacts: workspace files exported to durable storage (they outlive the sandbox)."""

    def __init__(self, client: CrowNest) -> None:
        self._t = client._transport

    def create(
        self,
        sandbox_id: str,
        path: str,
        name: str | None = None,
        idempotency_key: str | None = None,
        *,
        timeout: float | None = None,
    ) -> Artifact:
        """Exports the file at path; name defaults to its base name."""
        call = rq.sandbox(
            "createArtifact",
            sandbox_id,
            timeout,
            json=rq.body(path=path, name=name),
            idempotency_key=idempotency_key,
        )
        result: Artifact = self._t.call(call)
        return result

    def get(self, artifact_id: str, *, timeout: float | None = None) -> Artifact:
        result: Artifact = self._t.call(rq.artifact("getArtifact", artifact_id, timeout))
        return result

    def list(self, sandbox_id: str, *, timeout: float | None = None) -> list[Artifact]:
        data: list[Artifact] = self._t.call(rq.sandbox("listArtifacts", sandbox_id, timeout))[
            "data"
        ]
        return data

    def download(self, artifact_id: str, *, timeout: float | None = None) -> bytes:
        """The artifact's bytes."""
        call = rq.artifact("downloadArtifact", artifact_id, timeout, parse="bytes")
        return bytes(self._t.call(call))

    def download_url(self, artifact_id: str, *, timeout: float | None = None) -> DownloadUrl:
        """{"url", "method", "headers", "authMode"} of a short-lived signed download."""
        call = rq.artifact("createArtifactDownloadUrl", artifact_id, timeout)
        result: DownloadUrl = self._t.call(call)
        return result

    def delete(self, artifact_id: str, *, timeout: float | None = None) -> Artifact:
        """Idempotent by state; returns the artifact with deletedAt set."""
        call = rq.artifact("deleteArtifact", artifact_id, timeout)
        result: Artifact = self._t.call(call)
        return result


class Previews:
    """client.previews: authenticated URLs for services listening in a sandbox."""

    def __init__(self, client: CrowNest) -> None:
        self._t = client._transport

    def create(
        self,
        sandbox_id: str,
        port: int,
        auth_mode: str | None = None,
        *,
        timeout: float | None = None,
    ) -> Preview:
        """One active preview per sandbox and port: creating it again returns the existing one."""
        json = rq.body(port=port, authMode=auth_mode)
        result: Preview = self._t.call(rq.sandbox("createPreview", sandbox_id, timeout, json=json))
        return result

    def get(self, preview_id: str, *, timeout: float | None = None) -> Preview:
        result: Preview = self._t.call(rq.preview("getPreview", preview_id, timeout))
        return result

    def list(self, sandbox_id: str, *, timeout: float | None = None) -> list[Preview]:
        data: list[Preview] = self._t.call(rq.sandbox("listPreviews", sandbox_id, timeout))["data"]
        return data

    def revoke(self, preview_id: str, *, timeout: float | None = None) -> Preview:
        """Idempotent; returns the preview with revokedAt set."""
        result: Preview = self._t.call(rq.preview("revokePreview", preview_id, timeout))
        return result


class Projects:
    """client.projects."""

    def __init__(self, client: CrowNest) -> None:
        self._t = client._transport

    def list(self, *, timeout: float | None = None) -> list[Project]:
        """The projects the API key can access."""
        data: list[Project] = self._t.call(Call("listProjects", timeout=timeout))["data"]
        return data


class WorkspaceRuns:
    """client.workspace_runs: upload an archive, run one command on it, stream its events."""

    def __init__(self, client: CrowNest) -> None:
        self._t = client._transport

    def create(
        self,
        command: str,
        *,
        project_id: str | None = None,
        template: str | None = None,
        template_version_id: str | None = None,
        sandbox_id: str | None = None,
        keep_sandbox: bool | None = None,
        timeout_ms: int | None = None,
        metadata: Mapping[str, str] | None = None,
        source_metadata: Mapping[str, str] | None = None,
        artifacts: Sequence[Mapping[str, str]] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> WorkspaceRun:
        """Creates a run in awaiting_archive."""
        call = rq.create_workspace_run(
            command,
            project_id,
            template,
            template_version_id,
            sandbox_id,
            keep_sandbox,
            timeout_ms,
            metadata,
            source_metadata,
            artifacts,
            idempotency_key,
            timeout,
        )
        result: WorkspaceRun = self._t.call(call)
        return result

    def upload_archive(
        self,
        workspace_run_id: str,
        data: bytes,
        *,
        sha256: str | None = None,
        size_bytes: int | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> WorkspaceRunArchiveResult:
        """Uploads a small .tar.gz directly (sha256 and size_bytes computed when omitted)."""
        call = rq.upload_archive(
            workspace_run_id, data, sha256, size_bytes, idempotency_key, timeout
        )
        result: WorkspaceRunArchiveResult = self._t.call(call)
        return result

    def create_archive_transfer(
        self,
        workspace_run_id: str,
        *,
        sha256: str,
        size_bytes: int,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> WorkspaceRunArchiveTransfer:
        """Creates a staged upload target."""
        call = rq.run(
            "createArchiveTransfer",
            workspace_run_id,
            timeout,
            json={"sha256": sha256, "sizeBytes": size_bytes},
            idempotency_key=idempotency_key,
        )
        result: WorkspaceRunArchiveTransfer = self._t.call(call)
        return result

    def upload_archive_to_transfer(
        self, transfer: Mapping[str, Any], data: bytes, *, timeout: float | None = None
    ) -> None:
        """PUTs the bytes to a transfer's URL; the key goes only to the API's own origin."""
        self._t.send(rq.upload_to_transfer(self._t.config, transfer, data, timeout))

    def finalize_archive(
        self,
        workspace_run_id: str,
        *,
        upload_id: str,
        sha256: str,
        size_bytes: int,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> WorkspaceRunArchiveResult:
        """Verifies the staged upload and attaches it to the run."""
        json = {"uploadId": upload_id, "sha256": sha256, "sizeBytes": size_bytes}
        call = rq.run(
            "finalizeArchive", workspace_run_id, timeout, json=json, idempotency_key=idempotency_key
        )
        result: WorkspaceRunArchiveResult = self._t.call(call)
        return result

    def start(
        self,
        workspace_run_id: str,
        *,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> WorkspaceRun:
        """Starts extraction and the command."""
        call = rq.run(
            "startWorkspaceRun", workspace_run_id, timeout, idempotency_key=idempotency_key
        )
        result: WorkspaceRun = self._t.call(call)
        return result

    def get(self, workspace_run_id: str, *, timeout: float | None = None) -> WorkspaceRun:
        result: WorkspaceRun = self._t.call(rq.run("getWorkspaceRun", workspace_run_id, timeout))
        return result

    def list(
        self,
        *,
        project_id: str | None = None,
        status: str | None = None,
        metadata: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> list[WorkspaceRun]:
        data: list[WorkspaceRun] = self._t.call(
            rq.list_workspace_runs(project_id, status, metadata, timeout)
        )["data"]
        return data

    def cancel(self, workspace_run_id: str, *, timeout: float | None = None) -> WorkspaceRun:
        """Idempotent by state: an ended run is returned unchanged."""
        result: WorkspaceRun = self._t.call(rq.run("cancelWorkspaceRun", workspace_run_id, timeout))
        return result

    def stream_events(
        self,
        workspace_run_id: str,
        *,
        after_seq: int | None = None,
        reconnect_timeout: float | None = None,
        timeout: float | None = None,
    ) -> Generator[WorkspaceRunStreamEvent, None, None]:
        """The run's events until the terminal one, resuming after a drop."""
        return self._t.stream(
            "streamWorkspaceRunEvents",
            {"workspaceRunId": workspace_run_id},
            after_seq,
            timeout,
            reconnect_timeout,
        )

    def evidence(
        self, workspace_run_id: str, *, timeout: float | None = None
    ) -> WorkspaceRunEvidenceBundle:
        """The evidence bundle of a terminal run (evidence_not_ready before)."""
        result: WorkspaceRunEvidenceBundle = self._t.call(
            rq.run("getWorkspaceRunEvidence", workspace_run_id, timeout)
        )
        return result

    def run_archive(
        self,
        data_or_path: bytes | str | os.PathLike[str],
        *,
        command: str,
        project_id: str | None = None,
        template: str | None = None,
        template_version_id: str | None = None,
        sandbox_id: str | None = None,
        keep_sandbox: bool | None = None,
        timeout_ms: int | None = None,
        metadata: Mapping[str, str] | None = None,
        source_metadata: Mapping[str, str] | None = None,
        artifacts: Sequence[Mapping[str, str]] | None = None,
        on_event: Callable[[WorkspaceRunStreamEvent], object] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> RunArchiveResult:
        """The whole flow: upload (direct up to 1 MiB, staged above), start, stream, evidence.

        Returns {"workspaceRun": <terminal run>, "evidence": <bundle>}. A step
        that fails before the run ended cancels the run (best effort); the
        error's details.workspaceRunId names it.
        """
        data = rq.archive_bytes(data_or_path)
        sha256 = rq.sha256_hex(data)
        key = idempotency_key
        run = self.create(
            command,
            project_id=project_id,
            template=template,
            template_version_id=template_version_id,
            sandbox_id=sandbox_id,
            keep_sandbox=keep_sandbox,
            timeout_ms=timeout_ms,
            metadata=metadata,
            source_metadata=source_metadata,
            artifacts=artifacts,
            idempotency_key=rq.step_key(key, "create"),
            timeout=timeout,
        )
        run_id: str = run["id"]
        ended = False
        try:
            if len(data) <= rq.DIRECT_UPLOAD_MAX_BYTES:
                self.upload_archive(
                    run_id,
                    data,
                    sha256=sha256,
                    idempotency_key=rq.step_key(key, "upload"),
                    timeout=timeout,
                )
            else:
                transfer = self.create_archive_transfer(
                    run_id,
                    sha256=sha256,
                    size_bytes=len(data),
                    idempotency_key=rq.step_key(key, "transfer"),
                    timeout=timeout,
                )
                self.upload_archive_to_transfer(transfer, data, timeout=timeout)
                self.finalize_archive(
                    run_id,
                    upload_id=transfer["id"],
                    sha256=sha256,
                    size_bytes=len(data),
                    idempotency_key=rq.step_key(key, "finalize"),
                    timeout=timeout,
                )
            self.start(run_id, idempotency_key=rq.step_key(key, "start"), timeout=timeout)
            for event in self.stream_events(run_id, timeout=timeout):
                if event["type"] == "terminal":
                    run = event["workspaceRun"]
                    ended = True
                if on_event is not None:
                    on_event(event)
        except CrowNestApiError as error:
            if not ended:
                self._cancel_quietly(run_id, timeout)
            raise rq.with_run_id(error, run_id) from None
        except BaseException:
            if not ended:
                self._cancel_quietly(run_id, timeout)
            raise
        attempt = 0
        while True:
            try:
                return {"workspaceRun": run, "evidence": self.evidence(run_id, timeout=timeout)}
            except CrowNestApiError as error:
                max_retries = self._t.config.max_retries
                self._t.sleep(rq.evidence_wait(error, attempt, max_retries, run_id))
            attempt += 1

    def _cancel_quietly(self, run_id: str, timeout: float | None) -> None:
        with contextlib.suppress(CrowNestApiError):
            self.cancel(run_id, timeout=timeout)


class CrowNest:
    """The sync client. ``with CrowNest() as client:`` closes its connections on exit.

    api_key falls back to CROWNEST_API_KEY and base_url to CROWNEST_BASE_URL,
    then https://api.crownest.dev. timeout is in seconds, per attempt.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        max_retries: int = DEFAULT_MAX_RETRIES,
        stream_idle_timeout: float | None = None,
        stream_reconnect_timeout: float | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        config: Config = resolve_config(
            api_key,
            base_url,
            timeout,
            max_retries,
            stream_idle_timeout,
            stream_reconnect_timeout=stream_reconnect_timeout,
        )
        self._transport = SyncTransport(config, http_client)
        self.sandboxes = Sandboxes(self)
        self.commands = Commands(self)
        self.files = Files(self)
        self.artifacts = Artifacts(self)
        self.previews = Previews(self)
        self.projects = Projects(self)
        self.workspace_runs = WorkspaceRuns(self)

    @property
    def base_url(self) -> str:
        return self._transport.config.base_url

    def close(self) -> None:
        """Closes the client's connections; an http_client passed in is left open (the caller's)."""
        self._transport.close()

    def __enter__(self) -> CrowNest:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CrowNest(base_url={self.base_url!r})"
