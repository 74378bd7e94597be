"""commands.run(..., on_stdout=, on_stderr=): output as it comes, the final record unchanged.

The run is answered 202 at once (waitMs 0) and followed on its log stream; with the stream cut
every few events, no chunk is lost or repeated in the callbacks.
"""

from __future__ import annotations

import pytest

from crownest import AsyncCrowNest, CrowNest, CrowNestApiError, SandboxHandle
from crownest.testing import FakeServer

from .helpers import no_sleep

OUT = [f"out {i}\n" for i in range(1, 21)]
ERR = [f"err {i}\n" for i in range(1, 21)]


def test_run_delivers_stdout_and_stderr_as_they_come_under_cut_streams(
    fake: FakeServer, client: CrowNest, sandbox: SandboxHandle
) -> None:
    no_sleep(client)
    fake.add_fault(operation="streamCommandLogs", cutStreamAfterEvents=3)
    fake.clear_requests()
    out: list[str] = []
    err: list[str] = []
    record = client.commands.run(sandbox.id, "both20", on_stdout=out.append, on_stderr=err.append)
    assert out == OUT
    assert err == ERR
    # The final record is the command's, as a run without callbacks returns it.
    assert record["status"] == "exited"
    assert record["exitCode"] == 0
    assert record == client.commands.get(record["id"])
    runs = fake.requests(operationId="runCommand")
    assert [(r["status"], r["body"].get("waitMs")) for r in runs] == [(202, 0)]
    assert len(fake.requests(operationId="streamCommandLogs")) >= 5, "the stream was not cut"


def test_one_callback_alone_and_a_run_without_callbacks_keep_the_wait(
    fake: FakeServer, client: CrowNest, sandbox: SandboxHandle
) -> None:
    fake.clear_requests()
    err: list[str] = []
    record = client.commands.run(sandbox.id, "both20", on_stderr=err.append)
    assert err == ERR
    assert record["stdout"] == "".join(OUT)
    plain = client.commands.run(sandbox.id, "both20")
    assert plain["stdout"] == record["stdout"]
    assert [r["body"].get("waitMs") for r in fake.requests(operationId="runCommand")] == [0, None]


def test_a_replayed_run_with_callbacks_runs_once_and_repeats_no_chunk(
    fake: FakeServer, client: CrowNest, sandbox: SandboxHandle
) -> None:
    no_sleep(client)
    fake.add_fault(operation="runCommand", dropConnection="after", times=1)
    fake.add_fault(operation="streamCommandLogs", cutStreamAfterEvents=5)
    fake.clear_requests()
    out: list[str] = []
    record = client.commands.run(sandbox.id, "echo once >> log.txt; echo hi", on_stdout=out.append)
    assert out == ["hi\n"]
    assert record["exitCode"] == 0
    assert client.files.read(sandbox.id, "log.txt") == "once\n"
    assert [r["status"] for r in fake.requests(operationId="runCommand")] == [None, 202]


def test_a_timed_out_run_with_callbacks_still_raises_command_timed_out(
    client: CrowNest, sandbox: SandboxHandle
) -> None:
    out: list[str] = []
    with pytest.raises(CrowNestApiError) as info:
        client.commands.run(
            sandbox.id, "echo start; sleep 5", timeout_ms=1000, on_stdout=out.append
        )
    assert info.value.code == "command_timed_out"
    assert out == ["start\n"]
    assert info.value.details is not None
    assert info.value.details["command"]["status"] == "timed_out"


def test_the_handle_passes_the_callbacks(sandbox: SandboxHandle) -> None:
    out: list[str] = []
    record = sandbox.commands.run("count20", on_stdout=out.append)
    assert out == [f"{i}\n" for i in range(1, 21)]
    assert record["exitCode"] == 0


async def test_async_run_awaits_coroutine_callbacks_under_cut_streams(fake: FakeServer) -> None:
    async def no_wait(_s: float) -> None:
        return None

    out: list[str] = []
    err: list[str] = []

    async def on_stdout(chunk: str) -> None:
        out.append(chunk)

    async with AsyncCrowNest(api_key=fake.api_key, base_url=fake.url) as c:
        c._transport.sleep = no_wait
        async with await c.sandboxes.create(template="python") as sb:
            fake.add_fault(operation="streamCommandLogs", cutStreamAfterEvents=4)
            record = await sb.commands.run("both20", on_stdout=on_stdout, on_stderr=err.append)
            assert (out, err) == (OUT, ERR)
            assert record == await c.commands.get(record["id"])
