"""Every method of the sync client against crownest-fake, as seed 000 describes it."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from crownest import CrowNest, CrowNestApiError, SandboxHandle
from crownest.testing import FakeServer

from .helpers import tar_gz


def test_sandboxes_create_get_list_kill(client: CrowNest) -> None:
    sb = client.sandboxes.create(template="node", ttl_ms=120_000, metadata={"team": "a"})
    assert isinstance(sb, SandboxHandle)
    assert sb.id.startswith("sbx_")
    assert sb["status"] == "running"
    assert sb.status == "running"
    assert sb.template == "node"
    assert sb.metadata == {"team": "a"}
    assert sb.ttlMs == 120_000
    assert sb.to_dict()["id"] == sb.id
    assert dict(sb) == sb.to_dict()
    got = client.sandboxes.get(sb.id)
    assert isinstance(got, SandboxHandle)
    assert got.id == sb.id
    assert sb.id in [s["id"] for s in client.sandboxes.list()]
    killed = client.sandboxes.kill(sb.id)
    assert killed["status"] == "destroyed"
    assert client.sandboxes.kill(sb.id)["status"] == "destroyed"  # idempotent by state
    assert sb.id not in [s["id"] for s in client.sandboxes.list()]
    assert sb.id in [s["id"] for s in client.sandboxes.list(include_ended=True)]


def test_create_with_pinned_version_project_and_key(client: CrowNest) -> None:
    project = client.projects.list()[0]["id"]
    a = client.sandboxes.create(
        template_version_id="tplv_pythonV1", project_id=project, idempotency_key="py-create-1"
    )
    b = client.sandboxes.create(
        template_version_id="tplv_pythonV1", project_id=project, idempotency_key="py-create-1"
    )
    assert a.id == b.id
    assert a.templateVersionId == "tplv_pythonV1"
    assert a.projectId == project
    a.kill()


def test_handle_is_read_only_and_its_context_manager_kills(client: CrowNest) -> None:
    with client.sandboxes.create() as sb:
        with pytest.raises(AttributeError):
            sb.status = "x"
        with pytest.raises(AttributeError):
            _ = sb.noSuchField
    assert client.sandboxes.get(sb.id)["status"] == "destroyed"
    with pytest.raises(RuntimeError), client.sandboxes.create() as sb2:
        raise RuntimeError("boom")
    assert client.sandboxes.get(sb2.id)["status"] == "destroyed"


def test_handle_kill_and_bound_subclients(client: CrowNest) -> None:
    sb = client.sandboxes.create()
    r = sb.commands.run("echo bound")
    assert r["stdout"] == "bound\n"
    assert r["sandboxId"] == sb.id
    assert sb.files.write("b.txt", "x")["path"] == "/workspace/b.txt"
    assert [f["name"] for f in sb.files.list()] == ["b.txt"]
    art = sb.artifacts.create("b.txt")
    assert [a["id"] for a in sb.artifacts.list()] == [art["id"]]
    prv = sb.previews.create(8080)
    assert [p["id"] for p in sb.previews.list()] == [prv["id"]]
    # Methods that take no sandbox id pass through unbound.
    assert sb.commands.get(r["id"])["id"] == r["id"]
    assert sb.kill()["status"] == "destroyed"


def test_commands_run_returns_the_record_and_nonzero_exit_does_not_raise(
    sandbox: SandboxHandle, client: CrowNest
) -> None:
    r = client.commands.run(
        sandbox.id, "echo $GREETING; pwd; exit 3", cwd="/workspace", env={"GREETING": "hi"}
    )
    assert r["status"] == "exited"
    assert r["exitCode"] == 3
    assert r["stdout"] == "hi\n/workspace\n"
    assert r["stderr"] == ""


def test_commands_run_collects_artifacts(sandbox: SandboxHandle, client: CrowNest) -> None:
    r = client.commands.run(
        sandbox.id,
        "echo report > out.txt",
        timeout_ms=10_000,
        collect=[{"path": "out.txt", "name": "report"}],
        collect_on="always",
        idempotency_key="py-run-collect",
    )
    assert r["exitCode"] == 0
    names = [a["name"] for a in client.artifacts.list(sandbox.id)]
    assert "report" in names


def test_commands_start_get_logs_stream_cancel(sandbox: SandboxHandle, client: CrowNest) -> None:
    cmd = client.commands.start(sandbox.id, "greet", env={"A": "1"}, timeout_ms=5000)
    assert cmd["status"] in ("queued", "starting")
    events = list(client.commands.stream_logs(cmd["id"]))
    assert events[-1]["type"] == "terminal"
    assert events[-1]["command"]["exitCode"] == 0
    assert "".join(e["data"] for e in events if e["type"] == "log") == "hello from a program\n"
    assert client.commands.get(cmd["id"])["status"] == "exited"
    chunks = client.commands.logs(cmd["id"])
    assert [set(c) >= {"commandId", "createdAt", "data", "seq", "stream"} for c in chunks] == [
        True
    ] * len(chunks)
    assert client.commands.logs(cmd["id"], after_seq=chunks[-1]["seq"], limit=10) == []
    # after_seq resumes the stream after what was seen.
    rest = list(client.commands.stream_logs(cmd["id"], after_seq=chunks[-1]["seq"]))
    assert [e["type"] for e in rest] == ["terminal"]
    long = client.commands.start(sandbox.id, "sleep 100")
    canceled = client.commands.cancel(long["id"], mode="force")
    assert canceled["id"] == long["id"]
    record = client.commands.get(long["id"])
    assert record["status"] in ("canceled", "killed", "exited")
    # Why a command was canceled: requested by a call (service_restarted after a restart).
    assert record["cancelReason"] == ("requested" if record["status"] == "canceled" else None)


def test_files_every_method(sandbox: SandboxHandle, client: CrowNest) -> None:
    sid = sandbox.id
    stat = client.files.write(sid, "dir/a.txt", "hello", create_parents=True)
    assert stat["sizeBytes"] == 5
    assert client.files.read(sid, "dir/a.txt") == "hello"
    assert (
        client.files.read(sid, "dir/a.txt", encoding="base64")
        == base64.b64encode(b"hello").decode()
    )
    client.files.write(sid, "bin.dat", b"\x00\xff\x10")
    assert client.files.read(sid, "bin.dat", encoding="base64") == "AP8Q"
    client.files.write(sid, "b64.txt", base64.b64encode(b"xyz").decode(), encoding="base64")
    assert client.files.read(sid, "b64.txt") == "xyz"
    with pytest.raises(CrowNestApiError) as exists:
        client.files.write(sid, "b64.txt", "again", overwrite=False)
    assert exists.value.code == "already_exists"
    assert client.files.stat(sid, "dir")["type"] == "directory"
    assert client.files.mkdir(sid, "deep/er/still", parents=True)["type"] == "directory"
    moved = client.files.move(sid, "dir/a.txt", "moved.txt")
    assert moved["path"] == "/workspace/moved.txt"
    assert client.files.move(sid, "b64.txt", "moved.txt", overwrite=True)["sizeBytes"] == 3
    names = [f["name"] for f in client.files.list(sid)]
    assert names == sorted(names)
    assert "moved.txt" in names
    assert [f["name"] for f in client.files.list(sid, "/workspace/deep")] == ["er"]
    url = client.files.download_url(sid, "moved.txt")
    assert url["method"] == "GET"
    assert url["authMode"] == "api_key"
    assert url["url"]
    assert client.files.download(sid, "moved.txt") == b"xyz"
    assert client.files.delete(sid, "moved.txt") is None  # type: ignore[func-returns-value]
    assert "moved.txt" not in [f["name"] for f in client.files.list(sid)]


def test_files_download_reads_files_over_the_direct_limit(
    sandbox: SandboxHandle, client: CrowNest
) -> None:
    # 400 KB, over the 256 KiB direct read: only download gets it.
    client.files.write(sandbox.id, "part.txt", "a" * 200_000)
    client.commands.run(sandbox.id, "cat part.txt part.txt > big.bin")
    size = client.files.stat(sandbox.id, "big.bin")["sizeBytes"]
    assert size > 262_144
    with pytest.raises(CrowNestApiError) as too_large:
        client.files.read(sandbox.id, "big.bin")
    assert too_large.value.code == "file_too_large"
    assert "files.download" in too_large.value.message
    assert client.files.download(sandbox.id, "big.bin") == b"a" * 400_000


def test_artifacts_every_method(sandbox: SandboxHandle, client: CrowNest) -> None:
    client.files.write(sandbox.id, "report.txt", "result")
    art = client.artifacts.create(sandbox.id, "report.txt", "the-report", "py-art-1")
    again = client.artifacts.create(
        sandbox.id, "report.txt", name="the-report", idempotency_key="py-art-1"
    )
    assert again["id"] == art["id"]
    assert art["name"] == "the-report"
    assert client.artifacts.create(sandbox.id, "report.txt")["name"] == "report.txt"
    assert client.artifacts.get(art["id"])["id"] == art["id"]
    assert art["id"] in [a["id"] for a in client.artifacts.list(sandbox.id)]
    assert client.artifacts.download(art["id"]) == b"result"
    signed = client.artifacts.download_url(art["id"])
    assert set(signed) >= {"url", "method", "headers", "authMode"}
    deleted = client.artifacts.delete(art["id"])
    assert deleted["deletedAt"] is not None
    assert client.artifacts.delete(art["id"])["deletedAt"] == deleted["deletedAt"]


def test_previews_every_method(sandbox: SandboxHandle, client: CrowNest) -> None:
    prv = client.previews.create(sandbox.id, 3000)
    assert prv["port"] == 3000
    assert prv["authMode"] == "authenticated"
    assert client.previews.create(sandbox.id, 3000, "authenticated")["id"] == prv["id"]
    assert client.previews.get(prv["id"])["id"] == prv["id"]
    assert [p["id"] for p in client.previews.list(sandbox.id)] == [prv["id"]]
    revoked = client.previews.revoke(prv["id"])
    assert revoked["revokedAt"] is not None
    assert client.previews.revoke(prv["id"])["revokedAt"] == revoked["revokedAt"]


def test_projects_list(client: CrowNest) -> None:
    projects = client.projects.list()
    assert projects
    assert set(projects[0]) >= {"id", "orgId", "name", "createdAt"}


def test_workspace_runs_step_by_step(client: CrowNest) -> None:
    archive = tar_gz({"hello.txt": "from the archive\n"})
    run = client.workspace_runs.create(
        "cat hello.txt", template="python", metadata={"ci": "1"}, timeout_ms=30_000
    )
    assert run["status"] == "awaiting_archive"
    client.workspace_runs.upload_archive(run["id"], archive)
    started = client.workspace_runs.start(run["id"])
    assert started["id"] == run["id"]
    events = list(client.workspace_runs.stream_events(run["id"]))
    assert events[-1]["type"] == "terminal"
    final = client.workspace_runs.get(run["id"])
    assert final["status"] == events[-1]["workspaceRun"]["status"]
    assert run["id"] in [r["id"] for r in client.workspace_runs.list()]
    assert run["id"] in [r["id"] for r in client.workspace_runs.list(status=final["status"])]
    evidence = client.workspace_runs.evidence(run["id"])
    assert evidence["workspaceRunId"] == run["id"]
    assert client.workspace_runs.cancel(run["id"])["status"] == final["status"]


def test_workspace_runs_staged_transfer(client: CrowNest) -> None:
    import hashlib

    archive = tar_gz({"a.txt": "a"})
    sha = hashlib.sha256(archive).hexdigest()
    run = client.workspace_runs.create("cat a.txt")
    transfer = client.workspace_runs.create_archive_transfer(
        run["id"], sha256=sha, size_bytes=len(archive)
    )
    client.workspace_runs.upload_archive_to_transfer(transfer, archive)
    done = client.workspace_runs.finalize_archive(
        run["id"], upload_id=transfer["id"], sha256=sha, size_bytes=len(archive)
    )
    assert done["workspaceRun"]["id"] == run["id"]
    client.workspace_runs.cancel(run["id"])


def test_run_archive_from_bytes_and_path(client: CrowNest, tmp_path: Any) -> None:
    archive = tar_gz({"main.sh": "echo ran from the archive\n"})
    seen: list[str] = []
    result = client.workspace_runs.run_archive(
        archive, command="cat main.sh", on_event=lambda e: seen.append(e["type"])
    )
    assert result["workspaceRun"]["status"] == "succeeded"
    assert result["evidence"]["workspaceRunId"] == result["workspaceRun"]["id"]
    assert seen[-1] == "terminal"
    path = tmp_path / "ws.tar.gz"
    path.write_bytes(archive)
    by_path = client.workspace_runs.run_archive(str(path), command="cat main.sh")
    assert by_path["workspaceRun"]["status"] == "succeeded"


def test_run_archive_over_a_mebibyte_goes_through_a_transfer(
    client: CrowNest, fake: FakeServer
) -> None:
    import os

    archive = tar_gz({"noise.bin": os.urandom(1_200_000)})
    assert len(archive) > 1024 * 1024
    fake.clear_requests()
    result = client.workspace_runs.run_archive(archive, command="ls")
    assert result["workspaceRun"]["status"] == "succeeded", result["workspaceRun"]["error"]
    assert fake.requests(operationId="finalizeArchive")
