"""A consumer of every public method, for mypy --strict (pyproject's [tool.mypy] files).

Not a test: pytest doesn't collect it, nothing runs it. It fails to type-check
when a method's name, parameters or return type drift from seed 000.
"""

from __future__ import annotations

from typing import Any

from crownest import (
    AsyncCrowNest,
    AsyncSandboxHandle,
    CrowNest,
    CrowNestApiError,
    SandboxHandle,
    __version__,
)
from crownest.types import (
    Command,
    CommandLogChunk,
    FileStat,
    Project,
    RunArchiveResult,
    Sandbox,
)


def sync_consumer() -> None:
    with CrowNest(api_key=None, base_url="https://api.crownest.dev", timeout=660) as client:
        sb: SandboxHandle = client.sandboxes.create(
            template="python",
            template_version_id=None,
            ttl_ms=60_000,
            metadata={"k": "v"},
            project_id=None,
            idempotency_key="k1",
        )
        sid: str = sb.id
        status: Any = sb["status"]
        record: dict[str, Any] = sb.to_dict()
        killed: Sandbox = sb.kill()
        got: SandboxHandle = client.sandboxes.get(sid, timeout=5)
        live: list[Sandbox] = client.sandboxes.list()
        client.sandboxes.kill(sid)
        with got:
            got.commands.run("echo")

        result: Command = client.commands.run(
            sid,
            "pytest -q",
            cwd="/workspace",
            env={"A": "1"},
            timeout_ms=60_000,
            collect=[{"path": "report.xml", "name": "report"}],
            collect_on="always",
            idempotency_key="k2",
            on_stdout=print,
            on_stderr=lambda chunk: None,
        )
        exit_code: int | None = result["exitCode"]
        cmd = client.commands.start(
            sid, "sleep 1", cwd=None, env=None, timeout_ms=None, idempotency_key=None
        )
        client.commands.get(cmd["id"])
        client.commands.cancel(cmd["id"], mode="force")
        chunks: list[CommandLogChunk] = client.commands.logs(cmd["id"], after_seq=0, limit=100)
        for event in client.commands.stream_logs(cmd["id"], after_seq=None, reconnect_timeout=60):
            if event["type"] == "terminal":
                print(event["command"]["exitCode"])

        text: str = client.files.read(sid, "a.txt", encoding="utf8")
        client.files.write(sid, "a.txt", "x", create_parents=True, encoding="utf8", overwrite=True)
        client.files.write(sid, "b.bin", b"\x00")
        client.files.delete(sid, "a.txt")
        entries: list[FileStat] = client.files.list(sid, "/workspace")
        client.files.stat(sid, "a.txt")
        client.files.mkdir(sid, "d", parents=True)
        client.files.move(sid, "a.txt", "b.txt", overwrite=False)
        client.files.download_url(sid, "b.txt")
        data: bytes = client.files.download(sid, "b.txt")

        art = client.artifacts.create(sid, "b.txt", "name", "k3")
        client.artifacts.get(art["id"])
        client.artifacts.list(sid)
        blob: bytes = client.artifacts.download(art["id"])
        client.artifacts.download_url(art["id"])
        client.artifacts.delete(art["id"])

        prv = client.previews.create(sid, 8080, "authenticated")
        client.previews.get(prv["id"])
        client.previews.list(sid)
        client.previews.revoke(prv["id"])

        projects: list[Project] = client.projects.list()

        run = client.workspace_runs.create("make test", template="python", keep_sandbox=False)
        client.workspace_runs.upload_archive(run["id"], b"...", sha256=None, size_bytes=None)
        transfer = client.workspace_runs.create_archive_transfer(
            run["id"], sha256="0" * 64, size_bytes=3
        )
        client.workspace_runs.upload_archive_to_transfer(transfer, b"...")
        client.workspace_runs.finalize_archive(
            run["id"], upload_id=transfer["id"], sha256="0" * 64, size_bytes=3
        )
        client.workspace_runs.start(run["id"], idempotency_key="k4")
        for run_event in client.workspace_runs.stream_events(run["id"], after_seq=0):
            print(run_event["type"])
        client.workspace_runs.get(run["id"])
        client.workspace_runs.list(status="succeeded")
        client.workspace_runs.cancel(run["id"])
        client.workspace_runs.evidence(run["id"])
        done: RunArchiveResult = client.workspace_runs.run_archive(
            "ws.tar.gz", command="make test", on_event=print
        )
        print(status, record, killed, live, exit_code, chunks, text, entries)
        print(data, blob, projects, done, __version__)


async def async_consumer() -> None:
    async with AsyncCrowNest() as client:
        sb: AsyncSandboxHandle = await client.sandboxes.create(template="node")
        async with sb:
            result = await sb.commands.run("echo")
            print(result["stdout"])

            async def show(chunk: str) -> None:
                print(chunk)

            await sb.commands.run("echo", on_stdout=show, on_stderr=print)
        cmd = await client.commands.start(sb.id, "echo")
        async for event in client.commands.stream_logs(cmd["id"]):
            print(event)
        data: bytes = await client.files.download(sb.id, "a.txt")
        await client.files.delete(sb.id, "a.txt")
        blob: bytes = await client.artifacts.download("art_1")
        async for run_event in client.workspace_runs.stream_events("wsr_1"):
            print(run_event)
        done = await client.workspace_runs.run_archive(b"...", command="true")
        print(data, blob, done)
        await client.close()


def errors(
    error: CrowNestApiError,
) -> tuple[int | None, str, str, dict[str, Any] | None, str | None]:
    return (error.status, error.code, error.message, error.details, error.request_id)


def typed_records(sandbox: Sandbox, command: Command) -> tuple[str, int | None]:
    return sandbox["id"], command["exitCode"]
