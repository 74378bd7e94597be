"""Every method of the async client against crownest-fake, as seed 000 describes it."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest

from crownest import AsyncCrowNest, AsyncSandboxHandle, CrowNestApiError
from crownest.testing import FakeServer
from crownest.types import WorkspaceRunStreamEvent

from .helpers import tar_gz


async def test_sandboxes_create_get_list_kill(aclient: AsyncCrowNest) -> None:
    sb = await aclient.sandboxes.create(template="node", ttl_ms=120_000, metadata={"team": "a"})
    assert isinstance(sb, AsyncSandboxHandle)
    assert sb.id.startswith("sbx_")
    assert sb["status"] == "running"
    assert sb.status == "running"
    assert sb.template == "node"
    assert sb.metadata == {"team": "a"}
    assert sb.ttlMs == 120_000
    assert sb.to_dict()["id"] == sb.id
    assert dict(sb) == sb.to_dict()
    got = await aclient.sandboxes.get(sb.id)
    assert isinstance(got, AsyncSandboxHandle)
    assert got.id == sb.id
    assert sb.id in [s["id"] for s in await aclient.sandboxes.list()]
    killed = await aclient.sandboxes.kill(sb.id)
    assert killed["status"] == "destroyed"
    assert (await aclient.sandboxes.kill(sb.id))["status"] == "destroyed"  # idempotent by state
    assert sb.id not in [s["id"] for s in await aclient.sandboxes.list()]
    assert sb.id in [s["id"] for s in await aclient.sandboxes.list(include_ended=True)]


async def test_create_with_pinned_version_project_and_key(aclient: AsyncCrowNest) -> None:
    project = (await aclient.projects.list())[0]["id"]
    a = await aclient.sandboxes.create(
        template_version_id="tplv_pythonV1", project_id=project, idempotency_key="py-async-create-1"
    )
    b = await aclient.sandboxes.create(
        template_version_id="tplv_pythonV1", project_id=project, idempotency_key="py-async-create-1"
    )
    assert a.id == b.id
    assert a.templateVersionId == "tplv_pythonV1"
    assert a.projectId == project
    await a.kill()


async def test_handle_is_read_only_and_its_context_manager_kills(aclient: AsyncCrowNest) -> None:
    async with await aclient.sandboxes.create() as sb:
        with pytest.raises(AttributeError):
            sb.status = "x"
        with pytest.raises(AttributeError):
            _ = sb.noSuchField
    assert (await aclient.sandboxes.get(sb.id))["status"] == "destroyed"
    with pytest.raises(RuntimeError):
        async with await aclient.sandboxes.create() as sb2:
            raise RuntimeError("boom")
    assert (await aclient.sandboxes.get(sb2.id))["status"] == "destroyed"


async def test_handle_kill_and_bound_subclients(aclient: AsyncCrowNest) -> None:
    sb = await aclient.sandboxes.create()
    r = await sb.commands.run("echo bound")
    assert r["stdout"] == "bound\n"
    assert r["sandboxId"] == sb.id
    assert (await sb.files.write("b.txt", "x"))["path"] == "/workspace/b.txt"
    assert [f["name"] for f in await sb.files.list()] == ["b.txt"]
    art = await sb.artifacts.create("b.txt")
    assert [a["id"] for a in await sb.artifacts.list()] == [art["id"]]
    prv = await sb.previews.create(8080)
    assert [p["id"] for p in await sb.previews.list()] == [prv["id"]]
    # Methods that take no sandbox id pass through unbound.
    assert (await sb.commands.get(r["id"]))["id"] == r["id"]
    assert (await sb.kill())["status"] == "destroyed"


async def test_commands_run_returns_the_record_and_nonzero_exit_does_not_raise(
    asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest
) -> None:
    r = await aclient.commands.run(
        asandbox.id, "echo $GREETING; pwd; exit 3", cwd="/workspace", env={"GREETING": "hi"}
    )
    assert r["status"] == "exited"
    assert r["exitCode"] == 3
    assert r["stdout"] == "hi\n/workspace\n"
    assert r["stderr"] == ""


async def test_commands_run_collects_artifacts(
    asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest
) -> None:
    r = await aclient.commands.run(
        asandbox.id,
        "echo report > out.txt",
        timeout_ms=10_000,
        collect=[{"path": "out.txt", "name": "report"}],
        collect_on="always",
        idempotency_key="py-async-run-collect",
    )
    assert r["exitCode"] == 0
    names = [a["name"] for a in await aclient.artifacts.list(asandbox.id)]
    assert "report" in names


async def test_commands_start_get_logs_stream_cancel(
    asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest
) -> None:
    cmd = await aclient.commands.start(asandbox.id, "greet", env={"A": "1"}, timeout_ms=5000)
    assert cmd["status"] in ("queued", "starting")
    events = [e async for e in aclient.commands.stream_logs(cmd["id"])]
    assert events[-1]["type"] == "terminal"
    assert events[-1]["command"]["exitCode"] == 0
    assert "".join(e["data"] for e in events if e["type"] == "log") == "hello from a program\n"
    assert (await aclient.commands.get(cmd["id"]))["status"] == "exited"
    chunks = await aclient.commands.logs(cmd["id"])
    assert [set(c) >= {"commandId", "createdAt", "data", "seq", "stream"} for c in chunks] == [
        True
    ] * len(chunks)
    assert await aclient.commands.logs(cmd["id"], after_seq=chunks[-1]["seq"], limit=10) == []
    # after_seq resumes the stream after what was seen.
    rest = [e async for e in aclient.commands.stream_logs(cmd["id"], after_seq=chunks[-1]["seq"])]
    assert [e["type"] for e in rest] == ["terminal"]
    long = await aclient.commands.start(asandbox.id, "sleep 100")
    canceled = await aclient.commands.cancel(long["id"], mode="force")
    assert canceled["id"] == long["id"]
    assert (await aclient.commands.get(long["id"]))["status"] in ("canceled", "killed", "exited")


async def test_files_every_method(asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest) -> None:
    sid = asandbox.id
    stat = await aclient.files.write(sid, "dir/a.txt", "hello", create_parents=True)
    assert stat["sizeBytes"] == 5
    assert await aclient.files.read(sid, "dir/a.txt") == "hello"
    assert (
        await aclient.files.read(sid, "dir/a.txt", encoding="base64")
        == base64.b64encode(b"hello").decode()
    )
    await aclient.files.write(sid, "bin.dat", b"\x00\xff\x10")
    assert await aclient.files.read(sid, "bin.dat", encoding="base64") == "AP8Q"
    await aclient.files.write(sid, "b64.txt", base64.b64encode(b"xyz").decode(), encoding="base64")
    assert await aclient.files.read(sid, "b64.txt") == "xyz"
    with pytest.raises(CrowNestApiError) as exists:
        await aclient.files.write(sid, "b64.txt", "again", overwrite=False)
    assert exists.value.code == "already_exists"
    assert (await aclient.files.stat(sid, "dir"))["type"] == "directory"
    assert (await aclient.files.mkdir(sid, "deep/er/still", parents=True))["type"] == "directory"
    moved = await aclient.files.move(sid, "dir/a.txt", "moved.txt")
    assert moved["path"] == "/workspace/moved.txt"
    assert (await aclient.files.move(sid, "b64.txt", "moved.txt", overwrite=True))["sizeBytes"] == 3
    names = [f["name"] for f in await aclient.files.list(sid)]
    assert names == sorted(names)
    assert "moved.txt" in names
    assert [f["name"] for f in await aclient.files.list(sid, "/workspace/deep")] == ["er"]
    url = await aclient.files.download_url(sid, "moved.txt")
    assert url["method"] == "GET"
    assert url["authMode"] == "api_key"
    assert url["url"]
    assert await aclient.files.download(sid, "moved.txt") == b"xyz"
    assert await aclient.files.delete(sid, "moved.txt") is None  # type: ignore[func-returns-value]
    assert "moved.txt" not in [f["name"] for f in await aclient.files.list(sid)]


async def test_files_download_reads_files_over_the_direct_limit(
    asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest
) -> None:
    # 400 KB, over the 256 KiB direct read: only download gets it.
    await aclient.files.write(asandbox.id, "part.txt", "a" * 200_000)
    await aclient.commands.run(asandbox.id, "cat part.txt part.txt > big.bin")
    size = (await aclient.files.stat(asandbox.id, "big.bin"))["sizeBytes"]
    assert size > 262_144
    with pytest.raises(CrowNestApiError) as too_large:
        await aclient.files.read(asandbox.id, "big.bin")
    assert too_large.value.code == "file_too_large"
    assert "files.download" in too_large.value.message
    assert await aclient.files.download(asandbox.id, "big.bin") == b"a" * 400_000


async def test_artifacts_every_method(asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest) -> None:
    await aclient.files.write(asandbox.id, "report.txt", "result")
    art = await aclient.artifacts.create(asandbox.id, "report.txt", "the-report", "py-async-art-1")
    again = await aclient.artifacts.create(
        asandbox.id, "report.txt", name="the-report", idempotency_key="py-async-art-1"
    )
    assert again["id"] == art["id"]
    assert art["name"] == "the-report"
    assert (await aclient.artifacts.create(asandbox.id, "report.txt"))["name"] == "report.txt"
    assert (await aclient.artifacts.get(art["id"]))["id"] == art["id"]
    assert art["id"] in [a["id"] for a in await aclient.artifacts.list(asandbox.id)]
    assert await aclient.artifacts.download(art["id"]) == b"result"
    signed = await aclient.artifacts.download_url(art["id"])
    assert set(signed) >= {"url", "method", "headers", "authMode"}
    deleted = await aclient.artifacts.delete(art["id"])
    assert deleted["deletedAt"] is not None
    assert (await aclient.artifacts.delete(art["id"]))["deletedAt"] == deleted["deletedAt"]


async def test_previews_every_method(asandbox: AsyncSandboxHandle, aclient: AsyncCrowNest) -> None:
    prv = await aclient.previews.create(asandbox.id, 3000)
    assert prv["port"] == 3000
    assert prv["authMode"] == "authenticated"
    assert (await aclient.previews.create(asandbox.id, 3000, "authenticated"))["id"] == prv["id"]
    assert (await aclient.previews.get(prv["id"]))["id"] == prv["id"]
    assert [p["id"] for p in await aclient.previews.list(asandbox.id)] == [prv["id"]]
    revoked = await aclient.previews.revoke(prv["id"])
    assert revoked["revokedAt"] is not None
    assert (await aclient.previews.revoke(prv["id"]))["revokedAt"] == revoked["revokedAt"]


async def test_projects_list(aclient: AsyncCrowNest) -> None:
    projects = await aclient.projects.list()
    assert projects
    assert set(projects[0]) >= {"id", "orgId", "name", "createdAt"}


async def test_workspace_runs_step_by_step(aclient: AsyncCrowNest) -> None:
    archive = tar_gz({"hello.txt": "from the archive\n"})
    run = await aclient.workspace_runs.create(
        "cat hello.txt", template="python", metadata={"ci": "1"}, timeout_ms=30_000
    )
    assert run["status"] == "awaiting_archive"
    await aclient.workspace_runs.upload_archive(run["id"], archive)
    started = await aclient.workspace_runs.start(run["id"])
    assert started["id"] == run["id"]
    events = [e async for e in aclient.workspace_runs.stream_events(run["id"])]
    assert events[-1]["type"] == "terminal"
    final = await aclient.workspace_runs.get(run["id"])
    assert final["status"] == events[-1]["workspaceRun"]["status"]
    assert run["id"] in [r["id"] for r in await aclient.workspace_runs.list()]
    assert run["id"] in [r["id"] for r in await aclient.workspace_runs.list(status=final["status"])]
    evidence = await aclient.workspace_runs.evidence(run["id"])
    assert evidence["workspaceRunId"] == run["id"]
    assert (await aclient.workspace_runs.cancel(run["id"]))["status"] == final["status"]


async def test_workspace_runs_staged_transfer(aclient: AsyncCrowNest) -> None:
    import hashlib

    archive = tar_gz({"a.txt": "a"})
    sha = hashlib.sha256(archive).hexdigest()
    run = await aclient.workspace_runs.create("cat a.txt")
    transfer = await aclient.workspace_runs.create_archive_transfer(
        run["id"], sha256=sha, size_bytes=len(archive)
    )
    await aclient.workspace_runs.upload_archive_to_transfer(transfer, archive)
    done = await aclient.workspace_runs.finalize_archive(
        run["id"], upload_id=transfer["id"], sha256=sha, size_bytes=len(archive)
    )
    assert done["workspaceRun"]["id"] == run["id"]
    await aclient.workspace_runs.cancel(run["id"])


async def test_run_archive_from_bytes_and_path(aclient: AsyncCrowNest, tmp_path: Any) -> None:
    archive = tar_gz({"main.sh": "echo ran from the archive\n"})
    seen: list[str] = []
    result = await aclient.workspace_runs.run_archive(
        archive, command="cat main.sh", on_event=lambda e: seen.append(e["type"])
    )
    assert result["workspaceRun"]["status"] == "succeeded"
    assert result["evidence"]["workspaceRunId"] == result["workspaceRun"]["id"]
    assert seen[-1] == "terminal"
    path = tmp_path / "ws.tar.gz"
    path.write_bytes(archive)
    awaited: list[str] = []

    async def on_event(event: WorkspaceRunStreamEvent) -> None:
        await asyncio.sleep(0)
        awaited.append(event["type"])

    by_path = await aclient.workspace_runs.run_archive(
        str(path), command="cat main.sh", on_event=on_event
    )
    assert by_path["workspaceRun"]["status"] == "succeeded"
    # A coroutine function is awaited, event by event.
    assert awaited[-1] == "terminal"


async def test_run_archive_over_a_mebibyte_goes_through_a_transfer(
    aclient: AsyncCrowNest, fake: FakeServer
) -> None:
    import os

    archive = tar_gz({"noise.bin": os.urandom(1_200_000)})
    assert len(archive) > 1024 * 1024
    fake.clear_requests()
    result = await aclient.workspace_runs.run_archive(archive, command="ls")
    assert result["workspaceRun"]["status"] == "succeeded", result["workspaceRun"]["error"]
    assert fake.requests(operationId="finalizeArchive")
