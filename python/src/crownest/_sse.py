"""Server-sent events: an incremental parser with a size cap, and the resume rules of a stream."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ._errors import client_error
from ._generated.contract import MAX_EVENT_BYTES


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


@dataclass
class StreamState:
    """Where a stream is: the last seq seen, and the reconnects in a row without progress."""

    op: str
    last_seq: int | None
    max_retries: int
    failures: int = 0
    seq_at_open: int | None = None

    def opened(self) -> dict[str, Any]:
        self.seq_at_open = self.last_seq
        return {} if self.last_seq is None else {"afterSeq": self.last_seq}

    def accept(self, event: dict[str, Any]) -> bool:
        """Whether to yield the event: one the server replays is not yielded twice."""
        seq = event.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool):
            if self.last_seq is not None and seq <= self.last_seq:
                return False
            self.last_seq = seq
        return True

    def dropped(self, reason: str) -> int:
        """Counts a drop; returns the reconnect attempt number, or raises when the budget is spent.

        Only a connection that advanced the seq resets the budget: heartbeats alone are no progress.
        """
        self.failures = 1 if self.last_seq != self.seq_at_open else self.failures + 1
        if self.failures > self.max_retries:
            tries = (
                f" ({self.failures} connections in a row without progress)"
                if self.failures > 1
                else ""
            )
            raise client_error(
                "connection_error", f"the event stream of {self.op} dropped{tries}: {reason}"
            )
        return self.failures - 1
