"""The CrowNest Python SDK: sync and async clients of the CrowNest sandbox service.

from crownest import CrowNest, AsyncCrowNest, CrowNestApiError
"""

from ._async_client import AsyncCrowNest
from ._client import CrowNest
from ._errors import CrowNestApiError
from ._handle import AsyncSandboxHandle, SandboxHandle
from ._version import __version__

__all__ = [
    "AsyncCrowNest",
    "AsyncSandboxHandle",
    "CrowNest",
    "CrowNestApiError",
    "SandboxHandle",
    "__version__",
]
