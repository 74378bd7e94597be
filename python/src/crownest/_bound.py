"""A sandbox handle's sub-clients: each resource's methods with the sandbox id given once.

Methods that take a sandbox id (all of files; run and start of commands; create
and list of artifacts and previews) have it bound; the rest pass through.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import _async_client as _async
    from . import _client as _sync
    from .types import (
        Artifact,
        AsyncOutputCallback,
        Command,
        CommandLogChunk,
        CommandLogStreamEvent,
        DownloadUrl,
        FileStat,
        OutputCallback,
        Preview,
    )


class SandboxCommands:
    """client.commands with its sandbox-scoped methods bound to one sandbox."""

    def __init__(self, resource: _sync.Commands, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    def run(
        self,
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
        return self._resource.run(
            self._sandbox_id,
            command,
            cwd=cwd,
            env=env,
            timeout_ms=timeout_ms,
            collect=collect,
            collect_on=collect_on,
            idempotency_key=idempotency_key,
            on_stdout=on_stdout,
            on_stderr=on_stderr,
            timeout=timeout,
        )

    def start(
        self,
        command: str,
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> Command:
        return self._resource.start(
            self._sandbox_id,
            command,
            cwd=cwd,
            env=env,
            timeout_ms=timeout_ms,
            idempotency_key=idempotency_key,
            timeout=timeout,
        )

    def get(self, command_id: str, *, timeout: float | None = None) -> Command:
        return self._resource.get(command_id, timeout=timeout)

    def cancel(
        self, command_id: str, *, mode: str | None = None, timeout: float | None = None
    ) -> Command:
        return self._resource.cancel(command_id, mode=mode, timeout=timeout)

    def logs(
        self,
        command_id: str,
        *,
        after_seq: int | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> list[CommandLogChunk]:
        return self._resource.logs(command_id, after_seq=after_seq, limit=limit, timeout=timeout)

    def stream_logs(
        self,
        command_id: str,
        *,
        after_seq: int | None = None,
        reconnect_timeout: float | None = None,
        timeout: float | None = None,
    ) -> Generator[CommandLogStreamEvent, None, None]:
        return self._resource.stream_logs(
            command_id, after_seq=after_seq, timeout=timeout, reconnect_timeout=reconnect_timeout
        )


class SandboxFiles:
    """client.files with every method bound to one sandbox."""

    def __init__(self, resource: _sync.Files, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    def read(self, path: str, *, encoding: str | None = None, timeout: float | None = None) -> str:
        return self._resource.read(self._sandbox_id, path, encoding=encoding, timeout=timeout)

    def write(
        self,
        path: str,
        content: str | bytes,
        *,
        create_parents: bool | None = None,
        encoding: str | None = None,
        overwrite: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        return self._resource.write(
            self._sandbox_id,
            path,
            content,
            create_parents=create_parents,
            encoding=encoding,
            overwrite=overwrite,
            timeout=timeout,
        )

    def delete(self, path: str, *, timeout: float | None = None) -> None:
        self._resource.delete(self._sandbox_id, path, timeout=timeout)

    def list(self, path: str = "/workspace", *, timeout: float | None = None) -> list[FileStat]:
        return self._resource.list(self._sandbox_id, path, timeout=timeout)

    def stat(self, path: str, *, timeout: float | None = None) -> FileStat:
        return self._resource.stat(self._sandbox_id, path, timeout=timeout)

    def mkdir(
        self, path: str, *, parents: bool | None = None, timeout: float | None = None
    ) -> FileStat:
        return self._resource.mkdir(self._sandbox_id, path, parents=parents, timeout=timeout)

    def move(
        self,
        from_path: str,
        to_path: str,
        *,
        overwrite: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        return self._resource.move(
            self._sandbox_id, from_path, to_path, overwrite=overwrite, timeout=timeout
        )

    def download_url(self, path: str, *, timeout: float | None = None) -> DownloadUrl:
        return self._resource.download_url(self._sandbox_id, path, timeout=timeout)

    def download(self, path: str, *, timeout: float | None = None) -> bytes:
        return self._resource.download(self._sandbox_id, path, timeout=timeout)


class SandboxArtifacts:
    """client.artifacts with its sandbox-scoped methods bound to one sandbox."""

    def __init__(self, resource: _sync.Artifacts, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    def create(
        self,
        path: str,
        name: str | None = None,
        idempotency_key: str | None = None,
        *,
        timeout: float | None = None,
    ) -> Artifact:
        return self._resource.create(self._sandbox_id, path, name, idempotency_key, timeout=timeout)

    def get(self, artifact_id: str, *, timeout: float | None = None) -> Artifact:
        return self._resource.get(artifact_id, timeout=timeout)

    def list(self, *, timeout: float | None = None) -> list[Artifact]:
        return self._resource.list(self._sandbox_id, timeout=timeout)

    def download(self, artifact_id: str, *, timeout: float | None = None) -> bytes:
        return self._resource.download(artifact_id, timeout=timeout)

    def download_url(self, artifact_id: str, *, timeout: float | None = None) -> DownloadUrl:
        return self._resource.download_url(artifact_id, timeout=timeout)

    def delete(self, artifact_id: str, *, timeout: float | None = None) -> Artifact:
        return self._resource.delete(artifact_id, timeout=timeout)


class SandboxPreviews:
    """client.previews with its sandbox-scoped methods bound to one sandbox."""

    def __init__(self, resource: _sync.Previews, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    def create(
        self, port: int, auth_mode: str | None = None, *, timeout: float | None = None
    ) -> Preview:
        return self._resource.create(self._sandbox_id, port, auth_mode, timeout=timeout)

    def get(self, preview_id: str, *, timeout: float | None = None) -> Preview:
        return self._resource.get(preview_id, timeout=timeout)

    def list(self, *, timeout: float | None = None) -> list[Preview]:
        return self._resource.list(self._sandbox_id, timeout=timeout)

    def revoke(self, preview_id: str, *, timeout: float | None = None) -> Preview:
        return self._resource.revoke(preview_id, timeout=timeout)


class AsyncSandboxCommands:
    """client.commands with its sandbox-scoped methods bound to one sandbox."""

    def __init__(self, resource: _async.Commands, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    async def run(
        self,
        command: str,
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        collect: Sequence[Mapping[str, str]] | None = None,
        collect_on: str | None = None,
        idempotency_key: str | None = None,
        on_stdout: AsyncOutputCallback | None = None,
        on_stderr: AsyncOutputCallback | None = None,
        timeout: float | None = None,
    ) -> Command:
        return await self._resource.run(
            self._sandbox_id,
            command,
            cwd=cwd,
            env=env,
            timeout_ms=timeout_ms,
            collect=collect,
            collect_on=collect_on,
            idempotency_key=idempotency_key,
            on_stdout=on_stdout,
            on_stderr=on_stderr,
            timeout=timeout,
        )

    async def start(
        self,
        command: str,
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> Command:
        return await self._resource.start(
            self._sandbox_id,
            command,
            cwd=cwd,
            env=env,
            timeout_ms=timeout_ms,
            idempotency_key=idempotency_key,
            timeout=timeout,
        )

    async def get(self, command_id: str, *, timeout: float | None = None) -> Command:
        return await self._resource.get(command_id, timeout=timeout)

    async def cancel(
        self, command_id: str, *, mode: str | None = None, timeout: float | None = None
    ) -> Command:
        return await self._resource.cancel(command_id, mode=mode, timeout=timeout)

    async def logs(
        self,
        command_id: str,
        *,
        after_seq: int | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> list[CommandLogChunk]:
        return await self._resource.logs(
            command_id, after_seq=after_seq, limit=limit, timeout=timeout
        )

    def stream_logs(
        self,
        command_id: str,
        *,
        after_seq: int | None = None,
        reconnect_timeout: float | None = None,
        timeout: float | None = None,
    ) -> AsyncGenerator[CommandLogStreamEvent, None]:
        return self._resource.stream_logs(
            command_id, after_seq=after_seq, timeout=timeout, reconnect_timeout=reconnect_timeout
        )


class AsyncSandboxFiles:
    """client.files with every method bound to one sandbox."""

    def __init__(self, resource: _async.Files, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    async def read(
        self, path: str, *, encoding: str | None = None, timeout: float | None = None
    ) -> str:
        return await self._resource.read(self._sandbox_id, path, encoding=encoding, timeout=timeout)

    async def write(
        self,
        path: str,
        content: str | bytes,
        *,
        create_parents: bool | None = None,
        encoding: str | None = None,
        overwrite: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        return await self._resource.write(
            self._sandbox_id,
            path,
            content,
            create_parents=create_parents,
            encoding=encoding,
            overwrite=overwrite,
            timeout=timeout,
        )

    async def delete(self, path: str, *, timeout: float | None = None) -> None:
        await self._resource.delete(self._sandbox_id, path, timeout=timeout)

    async def list(
        self, path: str = "/workspace", *, timeout: float | None = None
    ) -> list[FileStat]:
        return await self._resource.list(self._sandbox_id, path, timeout=timeout)

    async def stat(self, path: str, *, timeout: float | None = None) -> FileStat:
        return await self._resource.stat(self._sandbox_id, path, timeout=timeout)

    async def mkdir(
        self, path: str, *, parents: bool | None = None, timeout: float | None = None
    ) -> FileStat:
        return await self._resource.mkdir(self._sandbox_id, path, parents=parents, timeout=timeout)

    async def move(
        self,
        from_path: str,
        to_path: str,
        *,
        overwrite: bool | None = None,
        timeout: float | None = None,
    ) -> FileStat:
        return await self._resource.move(
            self._sandbox_id, from_path, to_path, overwrite=overwrite, timeout=timeout
        )

    async def download_url(self, path: str, *, timeout: float | None = None) -> DownloadUrl:
        return await self._resource.download_url(self._sandbox_id, path, timeout=timeout)

    async def download(self, path: str, *, timeout: float | None = None) -> bytes:
        return await self._resource.download(self._sandbox_id, path, timeout=timeout)


class AsyncSandboxArtifacts:
    """client.artifacts with its sandbox-scoped methods bound to one sandbox."""

    def __init__(self, resource: _async.Artifacts, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    async def create(
        self,
        path: str,
        name: str | None = None,
        idempotency_key: str | None = None,
        *,
        timeout: float | None = None,
    ) -> Artifact:
        return await self._resource.create(
            self._sandbox_id, path, name, idempotency_key, timeout=timeout
        )

    async def get(self, artifact_id: str, *, timeout: float | None = None) -> Artifact:
        return await self._resource.get(artifact_id, timeout=timeout)

    async def list(self, *, timeout: float | None = None) -> list[Artifact]:
        return await self._resource.list(self._sandbox_id, timeout=timeout)

    async def download(self, artifact_id: str, *, timeout: float | None = None) -> bytes:
        return await self._resource.download(artifact_id, timeout=timeout)

    async def download_url(self, artifact_id: str, *, timeout: float | None = None) -> DownloadUrl:
        return await self._resource.download_url(artifact_id, timeout=timeout)

    async def delete(self, artifact_id: str, *, timeout: float | None = None) -> Artifact:
        return await self._resource.delete(artifact_id, timeout=timeout)


class AsyncSandboxPreviews:
    """client.previews with its sandbox-scoped methods bound to one sandbox."""

    def __init__(self, resource: _async.Previews, sandbox_id: str) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id

    async def create(
        self, port: int, auth_mode: str | None = None, *, timeout: float | None = None
    ) -> Preview:
        return await self._resource.create(self._sandbox_id, port, auth_mode, timeout=timeout)

    async def get(self, preview_id: str, *, timeout: float | None = None) -> Preview:
        return await self._resource.get(preview_id, timeout=timeout)

    async def list(self, *, timeout: float | None = None) -> list[Preview]:
        return await self._resource.list(self._sandbox_id, timeout=timeout)

    async def revoke(self, preview_id: str, *, timeout: float | None = None) -> Preview:
        return await self._resource.revoke(preview_id, timeout=timeout)
