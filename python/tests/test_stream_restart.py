"""A stream across a real restart of crownest-fake (--state FILE, same port, ~1 s down).

With the client's default options the stream resumes from the last seq: nothing lost or repeated.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from pathlib import Path

import pytest

from crownest import AsyncCrowNest, CrowNest
from crownest.testing import FakeServer, start_fake
from crownest.types import Command

KEY = "cn_test_python_restart"
# 100 lines, 50 ms apart: the command outlives the outage.
LINE = "; ".join(f"echo {i}; sleep 0.05" for i in range(1, 101))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Restarts:
    """One fake on a fixed port and state file; restart() stops it by PID and starts it again."""

    def __init__(self, state: Path) -> None:
        self.port = free_port()
        self.state = state
        self.server = self._start()
        self.thread: threading.Thread | None = None

    def _start(self) -> FakeServer:
        return start_fake(api_key=KEY, port=self.port, state=self.state)

    def restart_soon(self) -> None:
        """In the background: stop (it saves its state on SIGTERM), ~1 s down, start again."""

        def run() -> None:
            self.server.stop()
            time.sleep(1.0)
            self.server = self._start()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.join(30)
        self.server.stop()


@pytest.fixture
def restarts(tmp_path: Path) -> object:
    r = Restarts(tmp_path / "state.json")
    yield r
    r.stop()


def check(
    seqs: list[int], lines: list[str], terminal: Command | None, client: CrowNest, cmd: str
) -> None:
    assert terminal is not None
    # A command running when the fake stopped is restored as canceled, and says why.
    assert (terminal["status"], terminal["cancelReason"]) == ("canceled", "service_restarted")
    # Every seq once, in order, none skipped.
    assert seqs == list(range(1, len(seqs) + 1))
    # What the restarted fake stored is what was delivered (the old process may
    # have streamed a chunk or two after it saved).
    stored = client.commands.logs(cmd, limit=100)
    assert len(stored) > 3
    assert seqs[: len(stored)] == [c["seq"] for c in stored]
    assert lines[: len(stored)] == [c["data"] for c in stored]


def test_stream_logs_resumes_across_a_real_restart(
    restarts: Restarts, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="crownest")
    with CrowNest(api_key=KEY, base_url=restarts.server.url) as client:
        sandbox = client.sandboxes.create(template="python")
        cmd = client.commands.start(sandbox["id"], LINE)["id"]
        seqs: list[int] = []
        lines: list[str] = []
        terminal: Command | None = None
        for event in client.commands.stream_logs(cmd):
            if event["type"] == "log":
                seqs.append(event["seq"])
                lines.append(event["data"])
            if event["type"] == "terminal":
                terminal = event["command"]
            if len(seqs) == 3 and restarts.thread is None:
                time.sleep(0.3)  # output piles up unread
                restarts.restart_soon()
        assert restarts.thread is not None
        restarts.thread.join(30)
        check(seqs, lines, terminal, client, cmd)
    assert any("reconnecting" in r.getMessage() for r in caplog.records)


async def test_async_stream_logs_resumes_across_a_real_restart(restarts: Restarts) -> None:
    async with AsyncCrowNest(api_key=KEY, base_url=restarts.server.url) as client:
        sandbox = await client.sandboxes.create(template="python")
        cmd = (await client.commands.start(sandbox["id"], LINE))["id"]
        seqs: list[int] = []
        lines: list[str] = []
        terminal: Command | None = None
        async for event in client.commands.stream_logs(cmd):
            if event["type"] == "log":
                seqs.append(event["seq"])
                lines.append(event["data"])
            if event["type"] == "terminal":
                terminal = event["command"]
            if len(seqs) == 3 and restarts.thread is None:
                await asyncio.sleep(0.3)
                restarts.restart_soon()
        assert restarts.thread is not None
        await asyncio.to_thread(restarts.thread.join, 30)
    with CrowNest(api_key=KEY, base_url=restarts.server.url) as sync:
        check(seqs, lines, terminal, sync, cmd)
