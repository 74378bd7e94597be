"""Hostile stub servers on 127.0.0.1: each answers with a handler, counts requests, ends bounded."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

# A handler writes the whole answer itself (status line, headers, body) and may stall.
Handler = Callable[["Request"], None]

HEARTBEAT = b'event: heartbeat\ndata: {"type":"heartbeat"}\n\n'
# The longest any handler may hold a connection open.
MAX_HOLD_SECONDS = 5.0


class Request(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes
    server: StubServer

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.body = self.rfile.read(length) if length else b""
        self.server.stub.received.append(self)
        self.server.stub.handler(self)

    do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def start_events(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("x-request-id", "req_stub")
        self.end_headers()

    def send(self, data: bytes) -> bool:
        """Writes and flushes; False once the client has gone."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            return False
        return True

    def hold(self) -> None:
        """Keeps the connection open, silent, until the client goes or the stub closes."""
        self.server.stub.closing.wait(MAX_HOLD_SECONDS)

    def log_message(self, format: str, *args: object) -> None:
        pass


class StubServer(ThreadingHTTPServer):
    daemon_threads = True
    stub: Stub


class Stub:
    """A stub server on 127.0.0.1 and a free port; `with` closes it."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.received: list[Request] = []
        self.closing = threading.Event()
        self._server = StubServer(("127.0.0.1", 0), Request)
        self._server.stub = self
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def count(self) -> int:
        return len(self.received)

    def close(self) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Stub:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
