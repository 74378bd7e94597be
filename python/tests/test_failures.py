"""Seed 000's failure paths, each a typed CrowNestApiError with the contract's code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crownest import AsyncCrowNest, AsyncSandboxHandle, CrowNest, CrowNestApiError, SandboxHandle
from crownest.testing import FakeServer


def raised(fn: Callable[[], Any]) -> CrowNestApiError:
    with pytest.raises(CrowNestApiError) as info:
        fn()
    return info.value


def test_ttl_over_the_plan_is_sandbox_ttl_exceeded(client: CrowNest) -> None:
    error = raised(lambda: client.sandboxes.create(ttl_ms=3_600_001))
    assert (error.status, error.code) == (400, "sandbox_ttl_exceeded")
    assert error.message
    assert error.request_id is not None
    assert error.request_id.startswith("req_")


def test_quota_exceeded_at_the_live_sandbox_limit_is_not_retried(
    client: CrowNest, fake: FakeServer
) -> None:
    made: list[SandboxHandle] = []
    try:
        fake.clear_requests()
        error: CrowNestApiError | None = None
        for _ in range(12):
            try:
                made.append(client.sandboxes.create())
            except CrowNestApiError as e:
                error = e
                break
        assert error is not None, "no quota_exceeded after 12 sandboxes"
        assert (error.status, error.code) == (429, "quota_exceeded")
        assert error.retryable is False
        refused = [r for r in fake.requests(operationId="createSandbox") if r["status"] == 429]
        assert len(refused) == 1, "quota_exceeded was retried"
    finally:
        for sb in made:
            sb.kill()


def test_paths_outside_the_workspace(client: CrowNest, sandbox: SandboxHandle) -> None:
    for call in (
        lambda: client.files.read(sandbox.id, "/etc/passwd"),
        lambda: client.files.write(sandbox.id, "../escape.txt", "x"),
        lambda: client.files.list(sandbox.id, "/"),
    ):
        error = raised(call)
        assert (error.status, error.code) == (400, "path_outside_workspace")


def test_deleting_a_non_empty_directory(client: CrowNest, sandbox: SandboxHandle) -> None:
    client.files.write(sandbox.id, "d/f.txt", "x", create_parents=True)
    error = raised(lambda: client.files.delete(sandbox.id, "d"))
    assert (error.status, error.code) == (409, "directory_not_empty")
    client.files.delete(sandbox.id, "d/f.txt")
    client.files.delete(sandbox.id, "d")


def test_move_onto_an_existing_file_without_overwrite(
    client: CrowNest, sandbox: SandboxHandle
) -> None:
    client.files.write(sandbox.id, "a.txt", "a")
    client.files.write(sandbox.id, "b.txt", "b")
    error = raised(lambda: client.files.move(sandbox.id, "a.txt", "b.txt"))
    assert (error.status, error.code) == (409, "already_exists")
    assert client.files.read(sandbox.id, "b.txt") == "b"


@pytest.mark.parametrize("name", ["CROWNEST_TOKEN", "CROWNEST", "CROWNESTX"])
def test_reserved_crownest_env_keys(client: CrowNest, sandbox: SandboxHandle, name: str) -> None:
    error = raised(lambda: client.commands.run(sandbox.id, "env", env={name: "x"}))
    assert (error.status, error.code) == (400, "reserved_env_key")
    error = raised(lambda: client.commands.start(sandbox.id, "env", env={name: "x"}))
    assert error.code == "reserved_env_key"


def test_unknown_ids_are_not_found(client: CrowNest) -> None:
    for unknown, call in (
        ("sbx_doesnotexist000", lambda: client.sandboxes.get("sbx_doesnotexist000")),
        ("sbx_doesnotexist000", lambda: client.sandboxes.kill("sbx_doesnotexist000")),
        ("cmd_doesnotexist000", lambda: client.commands.get("cmd_doesnotexist000")),
        ("cmd_doesnotexist000", lambda: client.commands.logs("cmd_doesnotexist000")),
        ("cmd_doesnotexist000", lambda: list(client.commands.stream_logs("cmd_doesnotexist000"))),
        ("art_doesnotexist000", lambda: client.artifacts.get("art_doesnotexist000")),
        ("prv_doesnotexist000", lambda: client.previews.get("prv_doesnotexist000")),
        ("wsr_doesnotexist000", lambda: client.workspace_runs.get("wsr_doesnotexist000")),
    ):
        error = raised(call)
        assert (error.status, error.code) == (404, "not_found")
        # The message names the id it looked for, as the service sends it.
        assert unknown in error.message


def test_a_wrong_key_is_unauthorized_and_never_echoed(fake: FakeServer) -> None:
    wrong = "cn_test_wrong_key_0123456789abcdef"
    with CrowNest(api_key=wrong, base_url=fake.url) as c:
        error = raised(c.projects.list)
        assert (error.status, error.code) == (401, "unauthorized")
        for text in (str(error), repr(error), error.message, repr(c)):
            assert wrong not in text


def test_command_past_its_timeout_is_command_timed_out(
    client: CrowNest, sandbox: SandboxHandle
) -> None:
    error = raised(lambda: client.commands.run(sandbox.id, "sleep 100", timeout_ms=1000))
    assert (error.status, error.code) == (422, "command_timed_out")
    assert error.details is not None
    assert error.details["command"]["status"] == "timed_out"


def test_missing_key_is_reported_before_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROWNEST_API_KEY", raising=False)
    with CrowNest(base_url="http://127.0.0.1:9") as c:
        error = raised(c.projects.list)
    assert (error.status, error.code) == (None, "missing_api_key")
    assert "CROWNEST_API_KEY" in error.message


def test_env_fallbacks_for_key_and_base_url(
    fake: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROWNEST_API_KEY", fake.api_key)
    monkeypatch.setenv("CROWNEST_BASE_URL", fake.url + "/")
    with CrowNest() as c:
        assert c.base_url == fake.url
        assert c.projects.list()
        assert fake.api_key not in repr(c)


@pytest.mark.parametrize(
    "url", ["api.crownest.dev", "https://api.crownest.dev/v1/", "ftp://x", "https://u:p@x"]
)
def test_invalid_base_urls_are_invalid_config(url: str) -> None:
    error = raised(lambda: CrowNest(api_key="k", base_url=url))
    assert error.code == "invalid_config"
    assert "https://" in error.message


def test_an_invalid_env_base_url_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROWNEST_BASE_URL", "api.crownest.dev/v1")
    error = raised(lambda: CrowNest(api_key="k"))
    assert error.code == "invalid_config"
    assert "CROWNEST_BASE_URL" in error.message


async def test_async_failures_match(aclient: AsyncCrowNest, asandbox: AsyncSandboxHandle) -> None:
    with pytest.raises(CrowNestApiError) as ttl:
        await aclient.sandboxes.create(ttl_ms=3_600_001)
    assert ttl.value.code == "sandbox_ttl_exceeded"
    with pytest.raises(CrowNestApiError) as outside:
        await aclient.files.read(asandbox.id, "/etc/passwd")
    assert outside.value.code == "path_outside_workspace"
    with pytest.raises(CrowNestApiError) as reserved:
        await aclient.commands.run(asandbox.id, "env", env={"CROWNEST_X": "1"})
    assert reserved.value.code == "reserved_env_key"
    with pytest.raises(CrowNestApiError) as missing:
        await aclient.commands.get("cmd_doesnotexist000")
    assert missing.value.code == "not_found"
