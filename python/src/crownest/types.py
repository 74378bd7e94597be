"""TypedDicts of every request and response of the contract (generated from openapi.yaml).

Methods return these shapes: plain dicts with the REST API's camelCase field names.
"""

from collections.abc import Awaitable, Callable
from typing import TypeAlias, TypedDict

from ._generated.types import *  # noqa: F403
from ._generated.types import WorkspaceRun, WorkspaceRunEvidenceBundle


class RunArchiveResult(TypedDict):
    """What workspace_runs.run_archive returns."""

    workspaceRun: WorkspaceRun
    evidence: WorkspaceRunEvidenceBundle


# commands.run's on_stdout / on_stderr: called with each output chunk as it comes.
OutputCallback: TypeAlias = Callable[[str], object]
# The async client's: a plain function, or a coroutine function that is awaited.
AsyncOutputCallback: TypeAlias = Callable[[str], Awaitable[object] | object]
