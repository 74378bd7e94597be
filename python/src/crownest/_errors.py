"""CrowNestApiError: what every failed call raises."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._generated.contract import ERROR_CODE_BY_STATUS, RETRYABLE_ERROR_CODES


class CrowNestApiError(Exception):
    """A failed call.

    ``code`` is one of the contract's error codes (sent by the service) or a
    client-side code for a failure with no usable response: ``connection_error``,
    ``timeout``, ``invalid_response``, ``missing_api_key``, ``invalid_config``.
    ``status`` is None for those. A non-zero exit code is never an error.
    """

    status: int | None
    code: str
    message: str
    details: dict[str, Any] | None
    request_id: str | None

    def __init__(
        self,
        *,
        status: int | None,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.request_id = request_id

    @property
    def retryable(self) -> bool:
        """Whether the SDK itself retries this kind of failure (by now, the retries ran out)."""
        return self.code == "connection_error" or self.code in RETRYABLE_ERROR_CODES

    def __str__(self) -> str:
        status = f"{self.status} " if self.status is not None else ""
        return f"{status}{self.code}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"CrowNestApiError(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


def client_error(
    code: str, message: str, details: dict[str, Any] | None = None
) -> CrowNestApiError:
    """An error with no HTTP response (a client-side code)."""
    return CrowNestApiError(status=None, code=code, message=message, details=details)


def error_from_response(status: int, headers: Mapping[str, str], body: bytes) -> CrowNestApiError:
    """The error of a non-2xx answer: its envelope, or a code from the status alone."""
    request_id = headers.get("x-request-id")
    text = body.decode("utf-8", "replace")
    envelope: Any = None
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict):
            envelope = parsed.get("error")
    except ValueError:
        pass
    if not isinstance(envelope, dict):
        envelope = {}
    code = envelope.get("code")
    if not isinstance(code, str):
        code = ERROR_CODE_BY_STATUS.get(
            status, "internal_error" if status >= 500 else "invalid_response"
        )
    message = envelope.get("message")
    if not isinstance(message, str):
        message = f"HTTP {status}" + (f": {text[:200]}" if text else "")
    details = envelope.get("details")
    return CrowNestApiError(
        status=status,
        code=code,
        message=message,
        details=details if isinstance(details, dict) else None,
        request_id=request_id,
    )
