"""crownest.testing: the crownest-fake launcher and the pytest plugin's fixtures."""

from __future__ import annotations

import os
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crownest import AsyncCrowNest, CrowNest, CrowNestApiError
from crownest.testing import FakeServer, FakeStartError, find_fake_bin, start_fake

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / "dist" / "fake" / "bin.js"


def test_the_plugin_fixture_yields_a_configured_client(crownest_fake: CrowNest) -> None:
    with crownest_fake.sandboxes.create() as sb:
        # The session's fake has the tests' programs (tests/programs.mjs).
        assert sb.commands.run("greet")["stdout"] == "hello from a program\n"


async def test_the_async_fixture_too(crownest_fake_async: AsyncCrowNest) -> None:
    projects = await crownest_fake_async.projects.list()
    assert projects


def test_start_fake_reads_the_banner_takes_programs_and_stops_by_pid(tmp_path: Path) -> None:
    programs = tmp_path / "programs.mjs"
    programs.write_text(
        "export default (programs) => programs.define('py-only', (proc) => {"
        " proc.stdout.write('defined in a file\\n'); return 0; });\n"
    )
    with start_fake(programs=programs, api_key="cn_test_from_python_0000", seed=7) as fake:
        assert fake.url.startswith("http://127.0.0.1:")
        assert fake.api_key == "cn_test_from_python_0000"
        assert fake.control_token.startswith("cn_ctl_")
        assert fake.api_key not in repr(fake)
        assert fake.control_token not in repr(fake)
        with fake.client() as client, client.sandboxes.create() as sb:
            assert sb.commands.run("py-only")["stdout"] == "defined in a file\n"
        pid = fake.pid
        os.kill(pid, 0)  # alive
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_manual_clock_moves_only_when_told() -> None:
    def now(fake: FakeServer) -> datetime:
        return datetime.fromisoformat(fake.control("GET", "clock")["now"])

    with start_fake(clock="manual") as fake:
        before = now(fake)
        time.sleep(0.05)
        assert now(fake) == before
        fake.advance_clock(60_000)
        assert now(fake) - before == timedelta(seconds=60)


def test_crownest_fake_bin_wins_and_must_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROWNEST_FAKE_BIN", str(BIN))
    assert find_fake_bin() == str(BIN)
    monkeypatch.setenv("CROWNEST_FAKE_BIN", "/nonexistent/bin.js")
    with pytest.raises(FakeStartError, match="CROWNEST_FAKE_BIN"):
        find_fake_bin()


def test_node_resolves_the_npm_package_from_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CROWNEST_FAKE_BIN", raising=False)
    scope = tmp_path / "node_modules" / "@crownest"
    scope.mkdir(parents=True)
    (scope / "sdk").symlink_to(REPO, target_is_directory=True)
    assert Path(find_fake_bin(cwd=tmp_path)).resolve() == BIN.resolve()


def test_an_old_node_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "node"
    old.write_text("#!/bin/sh\necho v18.19.0\n")
    old.chmod(old.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(FakeStartError, match="Node 20"):
        start_fake(node=str(old))


def test_a_fake_that_cannot_start_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mjs"
    broken.write_text("export default () => { throw new Error('programs exploded'); };\n")
    with pytest.raises(FakeStartError, match="programs exploded"):
        start_fake(programs=broken)


def test_faults_and_the_journal_through_the_server(crownest_fake_server: FakeServer) -> None:
    fake = crownest_fake_server
    fake.clear_requests()
    rule = fake.add_fault(operation="listProjects", status=503, times=1)
    assert rule.startswith("fault_")
    with fake.client() as client:
        client._transport.sleep = lambda _s: None
        assert client.projects.list()
    assert [r["status"] for r in fake.requests(operationId="listProjects")] == [503, 200]
    fake.clear_faults()


def test_the_journal_filter_is_sent_encoded(crownest_fake_server: FakeServer) -> None:
    fake = crownest_fake_server
    fake.clear_requests()
    with fake.client(max_retries=0) as client, pytest.raises(CrowNestApiError):
        client.sandboxes.get("sbx/x")
    # The journal keeps the path as sent: %2F, which an unencoded filter would read as "/".
    journaled = fake.requests(path="/v1/sandboxes/sbx%2Fx")
    assert [(r["path"], r["status"]) for r in journaled] == [("/v1/sandboxes/sbx%2Fx", 404)]


def test_a_refused_control_call_raises_the_fakes_error(crownest_fake_server: FakeServer) -> None:
    fake = crownest_fake_server
    with pytest.raises(CrowNestApiError) as bad_rule:
        fake.add_fault(operation="listProjects", bogus=1)
    assert (bad_rule.value.status, bad_rule.value.code) == (400, "invalid_request")
    assert bad_rule.value.details is not None
    assert bad_rule.value.details["issues"][0]["path"] == "/bogus"
    assert bad_rule.value.request_id is not None
    assert "/_fake/faults" in bad_rule.value.message
    with pytest.raises(CrowNestApiError) as unknown:
        fake.control("GET", "nowhere")
    assert (unknown.value.status, unknown.value.code) == (404, "not_found")
