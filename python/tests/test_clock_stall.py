"""A fake on the manual clock that nobody advances: the stall explains itself, at once, as 409.

The fake's default clockStallTimeoutMs (2 s) is under a test runner's usual timeout; a stream
gets the same invalid_state error event as a call, raised and not retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from crownest import CrowNest, CrowNestApiError
from crownest.testing import FakeServer, start_fake


@pytest.fixture(scope="module")
def stalled() -> Iterator[FakeServer]:
    with start_fake(clock="manual") as server:
        yield server


def stall_of(call: Callable[[], Any]) -> tuple[CrowNestApiError, float]:
    started = time.monotonic()
    with pytest.raises(CrowNestApiError) as info:
        call()
    return info.value, time.monotonic() - started


def assert_clock_stalled(error: CrowNestApiError, elapsed: float) -> None:
    assert (error.status, error.code) == (409, "invalid_state")
    assert error.details is not None
    assert error.details.get("clockStalled") is True
    assert "clock" in error.message
    # One stall (2 s), not a reconnect budget's worth of them.
    assert elapsed < 4.5


def test_run_raises_the_stall(stalled: FakeServer) -> None:
    with stalled.client() as client:
        sandbox = client.sandboxes.create(template="python")
        error, elapsed = stall_of(lambda: client.commands.run(sandbox["id"], "sleep 1"))
        assert_clock_stalled(error, elapsed)


def test_stream_logs_raises_the_stalls_error_event_not_a_connection_error(
    stalled: FakeServer,
) -> None:
    with stalled.client() as client:
        sandbox = client.sandboxes.create(template="python")
        cmd = client.commands.start(sandbox["id"], "sleep 1")
        stalled.clear_requests()
        error, elapsed = stall_of(lambda: list(client.commands.stream_logs(cmd["id"])))
        assert_clock_stalled(error, elapsed)
        # Not retried: the stream was opened once.
        assert len(stalled.requests(operationId="streamCommandLogs")) == 1


async def test_async_stream_logs_raises_the_stall(stalled: FakeServer) -> None:
    async with stalled.async_client() as client:
        sandbox = await client.sandboxes.create(template="python")
        cmd = await client.commands.start(sandbox["id"], "sleep 1")
        started = time.monotonic()
        with pytest.raises(CrowNestApiError) as info:
            async for _ in client.commands.stream_logs(cmd["id"]):
                pass
        assert_clock_stalled(info.value, time.monotonic() - started)


def test_an_error_event_with_a_retryable_code_still_ends_the_stream() -> None:
    from .stub_server import Request, Stub

    def handler(r: Request) -> None:
        r.start_events()
        r.send(
            b'event: error\ndata: {"type":"error","code":"internal_error","message":"boom",'
            b'"details":{"why":"x"}}\n\n'
        )

    with Stub(handler) as api:
        client = CrowNest(api_key="cn_test_stub", base_url=api.url)
        error, _ = stall_of(lambda: list(client.commands.stream_logs("cmd_x")))
        assert (error.status, error.code, error.message) == (500, "internal_error", "boom")
        assert error.details == {"why": "x"}
        assert api.count == 1


def test_run_past_its_202_raises_the_stall_from_the_stream(stalled: FakeServer) -> None:
    with stalled.client() as client:
        sandbox = client.sandboxes.create(template="python")
        stalled.clear_requests()
        out: list[str] = []
        error, elapsed = stall_of(
            lambda: client.commands.run(sandbox["id"], "sleep 1", on_stdout=out.append)
        )
        assert_clock_stalled(error, elapsed)
        assert [r["status"] for r in stalled.requests(operationId="runCommand")] == [202]
        assert len(stalled.requests(operationId="streamCommandLogs")) == 1
