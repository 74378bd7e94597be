"""SandboxHandle: a sandbox record (attributes and mapping), bound sub-clients and kill()."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._bound import (
    AsyncSandboxArtifacts,
    AsyncSandboxCommands,
    AsyncSandboxFiles,
    AsyncSandboxPreviews,
    SandboxArtifacts,
    SandboxCommands,
    SandboxFiles,
    SandboxPreviews,
)

if TYPE_CHECKING:
    from ._async_client import AsyncCrowNest
    from ._client import CrowNest
    from ._generated.types import Sandbox


class _Record(Mapping[str, Any]):
    """The record's fields as attributes and as a read-only mapping."""

    _record: dict[str, Any]

    def __init__(self, record: dict[str, Any]) -> None:
        object.__setattr__(self, "_record", record)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._record[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a sandbox handle is read-only; its record is a snapshot")

    def __getitem__(self, key: str) -> Any:
        return self._record[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._record)

    def __len__(self) -> int:
        return len(self._record)

    @property
    def id(self) -> str:
        return str(self._record["id"])

    def to_dict(self) -> dict[str, Any]:
        """The plain record (a copy)."""
        return copy.deepcopy(self._record)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._record!r})"


class SandboxHandle(_Record):
    """What sandboxes.create and sandboxes.get return; `with` kills the sandbox on exit."""

    _client: CrowNest

    def __init__(self, record: dict[str, Any], client: CrowNest) -> None:
        super().__init__(record)
        object.__setattr__(self, "_client", client)

    @property
    def commands(self) -> SandboxCommands:
        return SandboxCommands(self._client.commands, self.id)

    @property
    def files(self) -> SandboxFiles:
        return SandboxFiles(self._client.files, self.id)

    @property
    def artifacts(self) -> SandboxArtifacts:
        return SandboxArtifacts(self._client.artifacts, self.id)

    @property
    def previews(self) -> SandboxPreviews:
        return SandboxPreviews(self._client.previews, self.id)

    def kill(self, *, timeout: float | None = None) -> Sandbox:
        """Destroys the sandbox; returns its record (status destroyed). Idempotent."""
        return self._client.sandboxes.kill(self.id, timeout=timeout)

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()


class AsyncSandboxHandle(_Record):
    """The async client's handle; `async with` kills the sandbox on exit."""

    _client: AsyncCrowNest

    def __init__(self, record: dict[str, Any], client: AsyncCrowNest) -> None:
        super().__init__(record)
        object.__setattr__(self, "_client", client)

    @property
    def commands(self) -> AsyncSandboxCommands:
        return AsyncSandboxCommands(self._client.commands, self.id)

    @property
    def files(self) -> AsyncSandboxFiles:
        return AsyncSandboxFiles(self._client.files, self.id)

    @property
    def artifacts(self) -> AsyncSandboxArtifacts:
        return AsyncSandboxArtifacts(self._client.artifacts, self.id)

    @property
    def previews(self) -> AsyncSandboxPreviews:
        return AsyncSandboxPreviews(self._client.previews, self.id)

    async def kill(self, *, timeout: float | None = None) -> Sandbox:
        """Destroys the sandbox; returns its record (status destroyed). Idempotent."""
        return await self._client.sandboxes.kill(self.id, timeout=timeout)

    async def __aenter__(self) -> AsyncSandboxHandle:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.kill()
