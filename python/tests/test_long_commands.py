"""commands.run past the service's 60 s wait budget: one call, the final record, timeouts typed."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from crownest import CrowNestApiError
from crownest.testing import FakeServer, start_fake


@pytest.fixture(scope="module")
def ticking() -> Iterator[FakeServer]:
    """A manual-clock fake whose time moves 20 s every 50 ms while the tests run."""
    with start_fake(clock="manual") as fake:
        stop = threading.Event()

        def tick() -> None:
            for _ in range(400):  # bounded: 20 s of real time at most
                if stop.wait(0.05):
                    return
                fake.advance_clock(20_000)

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            yield fake
        finally:
            stop.set()
            ticker.join(timeout=5)


def test_run_follows_a_202_to_the_final_record(ticking: FakeServer) -> None:
    with ticking.client() as client, client.sandboxes.create(ttl_ms=3_600_000) as sb:
        ticking.clear_requests()
        result = sb.commands.run("sleep 100; echo done", timeout_ms=300_000)
        assert result["status"] == "exited"
        assert result["stdout"] == "done\n"
        runs = ticking.requests(operationId="runCommand")
        assert [r["status"] for r in runs] == [202]
        with pytest.raises(CrowNestApiError) as info:
            sb.commands.run("sleep 500", timeout_ms=90_000)
        assert (info.value.status, info.value.code) == (422, "command_timed_out")
        assert info.value.details is not None
        assert info.value.details["command"]["status"] == "timed_out"


async def test_async_run_follows_a_202_too(ticking: FakeServer) -> None:
    async with ticking.async_client() as client:
        sb = await client.sandboxes.create(ttl_ms=3_600_000)
        async with sb:
            result = await sb.commands.run("sleep 100; echo done", timeout_ms=300_000)
            assert result["stdout"] == "done\n"
            with pytest.raises(CrowNestApiError) as info:
                await sb.commands.run("sleep 500", timeout_ms=90_000)
            assert info.value.code == "command_timed_out"
