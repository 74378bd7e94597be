"""Retries and stream resumes under crownest-fake's fault rules (/_fake/faults)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crownest import AsyncCrowNest, CrowNest, CrowNestApiError, SandboxHandle
from crownest.testing import FakeServer, start_fake

from .helpers import tar_gz


class Recorder:
    """What a client sent (method, path, Idempotency-Key) and how long it waited between tries."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str | None]] = []
        self.delays: list[float] = []

    def on_request(self, request: httpx.Request) -> None:
        self.sent.append((request.method, request.url.path, request.headers.get("idempotency-key")))

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)

    def keys(self, method: str, path: str) -> list[str | None]:
        return [k for m, p, k in self.sent if m == method and p == path]


@pytest.fixture
def recorded(fake: FakeServer) -> Iterator[tuple[CrowNest, Recorder]]:
    rec = Recorder()
    with (
        httpx.Client(follow_redirects=False, event_hooks={"request": [rec.on_request]}) as http,
        CrowNest(api_key=fake.api_key, base_url=fake.url, http_client=http) as c,
    ):
        c._transport.sleep = rec.sleep
        yield c, rec


def test_a_503_on_create_is_retried_with_the_same_key(
    fake: FakeServer, recorded: tuple[CrowNest, Recorder]
) -> None:
    client, rec = recorded
    fake.add_fault(operation="createSandbox", status=503, times=1)
    with client.sandboxes.create() as sb:
        assert sb.status == "running"
    keys = rec.keys("POST", "/v1/sandboxes")
    assert len(keys) == 2
    assert keys[0] is not None
    assert keys[0] == keys[1]
    # Backoff with jitter: at most the first step's 0.5 s.
    assert len(rec.delays) == 1
    assert 0 <= rec.delays[0] <= 0.5


def test_a_429_on_create_honours_retry_after_ms_then_retry_after(
    fake: FakeServer, recorded: tuple[CrowNest, Recorder]
) -> None:
    client, rec = recorded
    fake.add_fault(operation="createSandbox", status=429, retryAfterMs=120, times=1)
    fake.add_fault(operation="createSandbox", status=429, retryAfterSec=2, times=1)
    with client.sandboxes.create() as sb:
        assert sb.status == "running"
    assert rec.delays == [0.12, 2.0]
    keys = rec.keys("POST", "/v1/sandboxes")
    assert len(keys) == 3
    assert len(set(keys)) == 1


def test_retries_run_out_after_max_retries(fake: FakeServer) -> None:
    fake.add_fault(operation="listProjects", status=503, times=5)
    with CrowNest(api_key=fake.api_key, base_url=fake.url, max_retries=2) as c:
        c._transport.sleep = lambda _s: None
        fake.clear_requests()
        with pytest.raises(CrowNestApiError) as info:
            c.projects.list()
    assert (info.value.status, info.value.code) == (503, "service_unavailable")
    assert info.value.retryable
    assert len(fake.requests(operationId="listProjects")) == 3


def test_a_dropped_answer_to_run_is_replayed_not_run_twice(
    fake: FakeServer, recorded: tuple[CrowNest, Recorder], sandbox: SandboxHandle
) -> None:
    client, rec = recorded
    fake.clear_requests()
    fake.add_fault(operation="runCommand", dropConnection="after", times=1)
    result = client.commands.run(sandbox.id, "echo once >> log.txt")
    assert result["exitCode"] == 0
    assert client.files.read(sandbox.id, "log.txt") == "once\n"
    runs = fake.requests(operationId="runCommand")
    assert [r["status"] for r in runs] == [None, 200]
    keys = rec.keys("POST", f"/v1/sandboxes/{sandbox.id}/commands/run")
    assert len(keys) == 2
    assert keys[0] == keys[1]


def test_a_connection_dropped_before_create_is_retried(fake: FakeServer, client: CrowNest) -> None:
    fake.add_fault(operation="createSandbox", dropConnection="before", times=1)
    client._transport.sleep = lambda _s: None
    with client.sandboxes.create() as sb:
        assert sb.status == "running"


def test_a_cut_log_stream_loses_and_repeats_nothing(
    fake: FakeServer, client: CrowNest, sandbox: SandboxHandle
) -> None:
    client._transport.sleep = lambda _s: None
    cmd = client.commands.start(sandbox.id, "count20")
    fake.add_fault(operation="streamCommandLogs", cutStreamAfterEvents=3)
    fake.clear_requests()
    events = list(client.commands.stream_logs(cmd["id"]))
    logs = [e for e in events if e["type"] == "log"]
    assert [e["seq"] for e in logs] == list(range(1, 21))
    assert "".join(e["data"] for e in logs) == "".join(f"{i}\n" for i in range(1, 21))
    assert events[-1]["type"] == "terminal"
    opens = fake.requests(operationId="streamCommandLogs")
    assert len(opens) >= 6, "the stream was not cut and resumed"
    assert opens[1]["query"].get("afterSeq") is not None


def test_a_cut_run_event_stream_resumes(fake: FakeServer, client: CrowNest) -> None:
    client._transport.sleep = lambda _s: None
    run = client.workspace_runs.create("count20")
    client.workspace_runs.upload_archive(run["id"], tar_gz({"a.txt": "a"}))
    client.workspace_runs.start(run["id"])
    fake.add_fault(operation="streamWorkspaceRunEvents", cutStreamAfterEvents=2)
    fake.clear_requests()
    events = list(client.workspace_runs.stream_events(run["id"]))
    seqs = [seq for e in events if (seq := dict(e).get("seq")) is not None]
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) > 20
    assert events[-1]["type"] == "terminal"
    assert len(fake.requests(operationId="streamWorkspaceRunEvents")) > len(seqs) // 2


async def test_async_retries_and_resumes(fake: FakeServer) -> None:
    async def no_sleep(_s: float) -> None:
        return None

    async with AsyncCrowNest(api_key=fake.api_key, base_url=fake.url) as c:
        c._transport.sleep = no_sleep
        fake.add_fault(operation="createSandbox", status=503, times=1)
        sb = await c.sandboxes.create()
        async with sb:
            fake.add_fault(operation="runCommand", dropConnection="after", times=1)
            await c.commands.run(sb.id, "echo once >> log.txt")
            assert await c.files.read(sb.id, "log.txt") == "once\n"
            cmd = await c.commands.start(sb.id, "count20")
            fake.add_fault(operation="streamCommandLogs", cutStreamAfterEvents=4)
            seqs = [e["seq"] async for e in c.commands.stream_logs(cmd["id"]) if e["type"] == "log"]
            assert seqs == list(range(1, 21))


def test_stream_gap_comes_as_an_error_event(tmp_path: Path) -> None:
    config = tmp_path / "fake.json"
    config.write_text(json.dumps({"plan": {"logWindow": 5}}))
    with start_fake(config=config, clock="auto") as small, small.client() as c:
        sb = c.sandboxes.create()
        cmd = c.commands.run(sb.id, "; ".join(f"echo {i}" for i in range(1, 9)))
        events = list(c.commands.stream_logs(cmd["id"], after_seq=0))
        assert events[0]["type"] == "error"
        assert events[0]["code"] == "stream_gap"
        assert events[0]["details"]["firstAvailableSeq"] == 4
        assert [e["seq"] for e in events if e["type"] == "log"] == [4, 5, 6, 7, 8]
        assert events[-1]["type"] == "terminal"


def test_run_archive_cancels_a_run_whose_step_failed_and_names_it(
    fake: FakeServer, client: CrowNest
) -> None:
    fake.add_fault(operation="startWorkspaceRun", code="invalid_state", times=1)
    with pytest.raises(CrowNestApiError) as info:
        client.workspace_runs.run_archive(tar_gz({"a.txt": "a"}), command="cat a.txt")
    assert info.value.code == "invalid_state"
    assert info.value.details is not None
    run_id = info.value.details["workspaceRunId"]
    assert run_id in info.value.message
    assert client.workspace_runs.get(run_id)["status"] == "canceled"


def test_run_archive_waits_out_evidence_not_ready_within_the_retry_budget(
    fake: FakeServer, recorded: tuple[CrowNest, Recorder]
) -> None:
    client, rec = recorded
    archive = tar_gz({"a.txt": "a"})
    fake.add_fault(operation="getWorkspaceRunEvidence", code="evidence_not_ready", times=2)
    result = client.workspace_runs.run_archive(archive, command="cat a.txt")
    assert result["evidence"]["workspaceRunId"] == result["workspaceRun"]["id"]
    assert len(rec.keys("GET", f"/v1/workspace-runs/{result['workspaceRun']['id']}/evidence")) == 3
    assert len(rec.delays) == 2
    # One more than max_retries (2): the error, naming the run; any other code at once.
    fake.add_fault(operation="getWorkspaceRunEvidence", code="evidence_not_ready", times=3)
    with pytest.raises(CrowNestApiError) as late:
        client.workspace_runs.run_archive(archive, command="cat a.txt")
    assert late.value.code == "evidence_not_ready"
    assert late.value.details is not None
    assert late.value.details["workspaceRunId"] in late.value.message
    fake.clear_faults()
    fake.add_fault(operation="getWorkspaceRunEvidence", code="not_found", times=1)
    rec.delays.clear()
    with pytest.raises(CrowNestApiError) as other:
        client.workspace_runs.run_archive(archive, command="cat a.txt")
    assert other.value.code == "not_found"
    assert rec.delays == []


async def test_async_run_archive_waits_out_evidence_not_ready(fake: FakeServer) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async with fake.async_client() as c:
        c._transport.sleep = sleep
        fake.add_fault(operation="getWorkspaceRunEvidence", code="evidence_not_ready", times=2)
        result = await c.workspace_runs.run_archive(tar_gz({"a.txt": "a"}), command="cat a.txt")
        assert result["evidence"]["workspaceRunId"] == result["workspaceRun"]["id"]
        assert len(waits) == 2
        fake.add_fault(operation="getWorkspaceRunEvidence", code="evidence_not_ready", times=3)
        with pytest.raises(CrowNestApiError) as late:
            await c.workspace_runs.run_archive(tar_gz({"a.txt": "a"}), command="cat a.txt")
        assert late.value.code == "evidence_not_ready"
        assert late.value.details is not None
        assert "workspaceRunId" in late.value.details
