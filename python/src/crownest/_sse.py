"""Server-sent events: an incremental parser with a size cap, and the resume rules of a stream."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from ._core import Prepared, read_answer, retry_delay
from ._errors import CrowNestApiError, client_error
from ._generated.contract import ERROR_HTTP_STATUS, MAX_EVENT_BYTES


class SseParser:
    """Bytes in, parsed events out. One event (or one unfinished line) is at most max_bytes."""

    def __init__(self, op: str, max_bytes: int = MAX_EVENT_BYTES) -> None:
        self.op = op
        self.max_bytes = max_bytes
        self._buffer = bytearray()
        # Where to look for the next line end: no byte is scanned twice.
        self._scan = 0
        self._data: list[bytes] = []
        self._after_cr = False

    def feed(self, chunk: bytes) -> list[dict[str, Any]]:
        if self._after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]  # the LF of a CRLF split across chunks
        self._after_cr = False
        self._buffer.extend(chunk)
        events: list[dict[str, Any]] = []
        while True:
            cut = _line_end(self._buffer, self._scan)
            if cut is None:
                self._scan = len(self._buffer)
                # What an unfinished event holds: one endless line can't exhaust memory.
                if len(self._buffer) + sum(len(d) for d in self._data) > self.max_bytes:
                    raise client_error(
                        "invalid_response",
                        f"{self.op} sent an event over {self.max_bytes} bytes; "
                        "the stream was closed",
                    )
                return events
            line, size = cut
            # A CR that ends the buffer may be half a CRLF: its LF is skipped if it comes next.
            self._after_cr = (
                size == 1 and line == len(self._buffer) - 1 and self._buffer[line] == 13
            )
            raw = bytes(self._buffer[:line])
            del self._buffer[: line + size]
            self._scan = 0
            if raw == b"":
                if self._data:
                    events.append(self._decode(b"\n".join(self._data)))
                    self._data = []
            elif not raw.startswith(b":"):
                name, _, value = raw.partition(b":")
                if value.startswith(b" "):
                    value = value[1:]
                if name == b"data":
                    self._data.append(value)

    def _decode(self, data: bytes) -> dict[str, Any]:
        try:
            event = json.loads(data)
        except ValueError:
            raise client_error(
                "invalid_response",
                f"{self.op} sent an event whose data is not JSON ({len(data)} bytes)",
            ) from None
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise client_error("invalid_response", f"{self.op} sent an event without a type")
        return event


def _line_end(buffer: bytearray, start: int) -> tuple[int, int] | None:
    """Where the first line ends and its terminator's size (LF, CRLF or CR)."""
    lf = buffer.find(b"\n", start)
    cr = buffer.find(b"\r", start)
    if cr != -1 and (lf == -1 or cr < lf):
        return (cr, 2) if buffer[cr + 1 : cr + 2] == b"\n" else (cr, 1)
    if lf != -1:
        return (lf, 1)
    return None


class StreamState:
    """Where a stream is: the last seq seen, and how long it has been down without progress.

    A dropped connection, or a failed opening that a retry may fix, is reopened
    with backoff until reconnect_timeout seconds pass without progress. Progress
    is a new seq, or a connection that stayed alive (bytes) for an idle window:
    heartbeats that close at once, over and over, run out the budget.
    """

    def __init__(
        self,
        op: str,
        last_seq: int | None,
        *,
        idle: float,
        reconnect_timeout: float,
    ) -> None:
        self.op = op
        self.last_seq = last_seq
        self.idle = idle
        self.reconnect_timeout = reconnect_timeout
        self.failures = 0
        self._outage = 0.0
        self._seq_at_open: int | None = None
        self._opened = 0.0
        self._last_byte = 0.0

    def opened(self) -> dict[str, Any]:
        """The query of the next connection, from the last seq seen."""
        self._seq_at_open = self.last_seq
        self._opened = self._last_byte = time.monotonic()
        return {} if self.last_seq is None else {"afterSeq": self.last_seq}

    def received(self) -> None:
        self._last_byte = time.monotonic()

    def accept(self, event: dict[str, Any]) -> bool:
        """Whether to yield the event: one the server replays is not yielded twice.

        An error event other than stream_gap ends the stream: it is raised as that code's error.
        """
        if event["type"] == "error" and event.get("code") != "stream_gap":
            raise error_from_event(self.op, event)
        seq = event.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool):
            if self.last_seq is not None and seq <= self.last_seq:
                return False
            self.last_seq = seq
        return True

    def dropped(self, reason: str, headers: Mapping[str, str] | None = None) -> float:
        """Counts a drop; the seconds to wait before reopening, or raises when out of time."""
        now = time.monotonic()
        if (
            self.failures == 0
            or self.last_seq != self._seq_at_open
            or self._last_byte - self._opened >= self.idle
        ):
            self._outage = now
            self.failures = 0
        left = self.reconnect_timeout - (now - self._outage)
        if left <= 0:
            raise client_error(
                "connection_error",
                f"the event stream of {self.op} dropped and did not come back "
                f"within {self.reconnect_timeout:g} s: {reason}",
            )
        delay = min(retry_delay(self.failures, headers), left)
        self.failures += 1
        return delay


def error_from_event(op: str, event: dict[str, Any]) -> CrowNestApiError:
    """An error event, as the error of its code with that code's HTTP status."""
    code = event.get("code")
    code = code if isinstance(code, str) else "internal_error"
    message = event.get("message")
    details = event.get("details")
    return CrowNestApiError(
        status=ERROR_HTTP_STATUS.get(code),
        code=code,
        message=message if isinstance(message, str) else f"{op} sent an error event ({code})",
        details=details if isinstance(details, dict) else None,
    )


class OpenFailed(Exception):  # noqa: N818 (never leaves the stream loop)
    """A stream's opening failed in a way a reconnect may fix; headers may hint the wait."""

    def __init__(self, error: CrowNestApiError, headers: Mapping[str, str] | None) -> None:
        super().__init__(error.message)
        self.error = error
        self.headers = headers


def answer_error(
    p: Prepared, status: int, headers: Mapping[str, str], body: bytes
) -> CrowNestApiError:
    """The error of a stream's opening answered without an event stream."""
    try:
        read_answer(p, status, headers, body)
    except CrowNestApiError as exc:
        return exc
    return client_error("invalid_response", f"{p.op} answered no event stream")
