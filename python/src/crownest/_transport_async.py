"""The async face's I/O: httpx.AsyncClient sends what _core prepared, and obeys its decisions."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

import httpx

from ._config import Config
from ._core import (
    Call,
    Prepared,
    connection_error,
    describe,
    prepare,
    read_answer,
    redact,
    retry_delay,
    should_retry,
    timeout_error,
)
from ._errors import CrowNestApiError
from ._sse import OpenFailed, SseParser, StreamState, answer_error

log = logging.getLogger("crownest")


class AsyncTransport:
    def __init__(self, config: Config, http_client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        # Redirects are never followed: headers, key and body stay on the API's origin.
        self.http = http_client or httpx.AsyncClient(follow_redirects=False)
        # A client the caller passed in is the caller's to close (httpx convention).
        self._owns_http = http_client is None
        self.sleep: Callable[[float], Awaitable[None]] = _sleep

    async def close(self) -> None:
        if self._owns_http:
            await self.http.aclose()

    async def call(self, call: Call) -> Any:
        return await self.send(prepare(self.config, call))

    async def send(self, p: Prepared) -> Any:
        attempt = 0
        while True:
            started = time.monotonic()
            headers: Mapping[str, str] | None = None
            try:
                response = await self.http.request(
                    p.method,
                    p.url,
                    headers=p.headers,
                    content=p.content,
                    timeout=p.timeout,
                    # Never followed, even by an http_client made to follow them.
                    follow_redirects=False,
                )
            except httpx.TimeoutException:
                raise timeout_error(p) from None
            except httpx.HTTPError as exc:
                error = connection_error(p, exc, self.config.api_key)
            else:
                self._log(f"{p.method} {p.path} {response.status_code} {_ms(started)}ms")
                try:
                    return read_answer(p, response.status_code, response.headers, response.content)
                except CrowNestApiError as exc:
                    error = exc
                    headers = response.headers
            if not should_retry(error, attempt, self.config.max_retries, p.retriable):
                raise error
            delay = retry_delay(attempt, headers)
            self._log(f"retrying {p.method} {p.path} in {delay:.3f}s ({error.code})")
            await self.sleep(delay)
            attempt += 1

    async def stream(
        self,
        op: str,
        path: Mapping[str, str],
        after_seq: int | None,
        timeout: float | None,
        reconnect_timeout: float | None = None,
    ) -> AsyncGenerator[Any, None]:
        """Events until the terminal one, reconnecting from the last seq after a drop."""
        idle = self.config.stream_idle_timeout
        state = StreamState(
            op,
            after_seq,
            idle=idle,
            reconnect_timeout=(
                self.config.stream_reconnect_timeout
                if reconnect_timeout is None
                else reconnect_timeout
            ),
        )
        while True:
            p = prepare(self.config, Call(op, path=path, query=state.opened(), timeout=timeout))
            reason = "the stream ended before its terminal event"
            hint: Mapping[str, str] | None = None
            try:
                async with self._open(p, idle) as response:
                    parser = SseParser(op)
                    async for chunk in response.aiter_raw():
                        state.received()
                        for event in parser.feed(chunk):
                            if not state.accept(event):
                                continue
                            yield event
                            if event["type"] == "terminal":
                                return
            except OpenFailed as failed:
                # A failed opening that a retry may fix (refused, 5xx, 429) is a drop too.
                reason, hint = failed.error.message, failed.headers
            except httpx.TimeoutException:
                reason = f"no data for {idle:g} s (heartbeats stopped)"
            except httpx.HTTPError as exc:
                reason = describe(exc, self.config.api_key)
            delay = state.dropped(reason, hint)
            self._log(f"reconnecting {op} after seq {state.last_seq} in {delay:.3f}s")
            await self.sleep(delay)

    @asynccontextmanager
    async def _open(self, p: Prepared, idle: float) -> AsyncIterator[httpx.Response]:
        """One opening: a 2xx response, OpenFailed when a retry may fix it, else the error."""
        timeout = httpx.Timeout(p.timeout, read=idle)
        request = self.http.build_request(p.method, p.url, headers=p.headers, timeout=timeout)
        try:
            response = await self.http.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException:
            raise timeout_error(p) from None
        except httpx.HTTPError as exc:
            raise OpenFailed(connection_error(p, exc, self.config.api_key), None) from None
        try:
            if 200 <= response.status_code < 300:
                yield response
                return
            try:
                body = await response.aread()
            except httpx.HTTPError:
                body = b""
        finally:
            await response.aclose()
        error = answer_error(p, response.status_code, response.headers, body)
        if not error.retryable:
            raise error
        raise OpenFailed(error, response.headers)

    def _log(self, message: str) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug("crownest: %s", redact(message, self.config.api_key))


async def _sleep(seconds: float) -> None:
    import asyncio  # the event loop is running by now: no import cost for sync users

    await asyncio.sleep(seconds)


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
