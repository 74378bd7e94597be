"""SandboxHandle: a sandbox record (attributes and mapping), bound sub-clients and kill()."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._async_client import AsyncCrowNest
    from ._client import CrowNest


class Bound:
    """A resource with its sandbox-scoped methods bound to one sandbox (sandbox_id dropped)."""

    def __init__(self, resource: object, sandbox_id: str, names: tuple[str, ...]) -> None:
        self._resource = resource
        self._sandbox_id = sandbox_id
        self._names = names

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        method = getattr(self._resource, name)
        if name in self._names:
            return functools.partial(method, self._sandbox_id)
        return method

    def __dir__(self) -> list[str]:
        return [n for n in dir(self._resource) if not n.startswith("_")]

    def __repr__(self) -> str:
        return f"<bound {type(self._resource).__name__} of {self._sandbox_id}>"


COMMANDS = ("run", "start")
FILES = (
    "read",
    "write",
    "delete",
    "list",
    "stat",
    "mkdir",
    "move",
    "download_url",
    "download",
)
ARTIFACTS = ("create", "list")
PREVIEWS = ("create", "list")


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
    def commands(self) -> Any:
        return Bound(self._client.commands, self.id, COMMANDS)

    @property
    def files(self) -> Any:
        return Bound(self._client.files, self.id, FILES)

    @property
    def artifacts(self) -> Any:
        return Bound(self._client.artifacts, self.id, ARTIFACTS)

    @property
    def previews(self) -> Any:
        return Bound(self._client.previews, self.id, PREVIEWS)

    def kill(self, *, timeout: float | None = None) -> dict[str, Any]:
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
    def commands(self) -> Any:
        return Bound(self._client.commands, self.id, COMMANDS)

    @property
    def files(self) -> Any:
        return Bound(self._client.files, self.id, FILES)

    @property
    def artifacts(self) -> Any:
        return Bound(self._client.artifacts, self.id, ARTIFACTS)

    @property
    def previews(self) -> Any:
        return Bound(self._client.previews, self.id, PREVIEWS)

    async def kill(self, *, timeout: float | None = None) -> dict[str, Any]:
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
