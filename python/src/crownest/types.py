"""TypedDicts of every request and response of the contract (generated from openapi.yaml).

Methods return these shapes: plain dicts with the REST API's camelCase field names.
"""

from typing import TypedDict

from ._generated.types import *  # noqa: F403
from ._generated.types import WorkspaceRun, WorkspaceRunEvidenceBundle


class RunArchiveResult(TypedDict):
    """What workspace_runs.run_archive returns."""

    workspaceRun: WorkspaceRun
    evidence: WorkspaceRunEvidenceBundle
