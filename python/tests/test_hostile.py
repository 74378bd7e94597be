"""Hostile servers, as test/shared/sdk-hostile.ts has them for the TS SDK: typed errors, bounded."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from crownest import AsyncCrowNest, CrowNest, CrowNestApiError

from .helpers import no_sleep
from .stub_server import HEARTBEAT, Request, Stub

KEY = "cn_test_hostile_key_0123456789"
CMD = "cmd_hostile"


def raised(fn: Callable[[], Any]) -> CrowNestApiError:
    with pytest.raises(CrowNestApiError) as info:
        fn()
    return info.value


def test_a_cross_origin_redirect_is_refused_and_the_other_origin_gets_nothing() -> None:
    with (
        Stub(lambda r: r.answer(200, b"{}")) as other,
        Stub(lambda r: r.answer(307, location=f"{other.url}/v1/steal")) as api,
    ):
        client = CrowNest(api_key=KEY, base_url=api.url, max_retries=0)
        error = raised(lambda: client.files.write("sbx_1", "a.txt", "private content"))
        assert error.code == "invalid_response"
        assert other.url in error.message
        assert error.details == {"redirectOrigin": other.url}
        assert KEY not in error.message
        assert KEY not in repr(error)
        assert api.count == 1
        assert other.count == 0


def test_a_same_origin_redirect_is_not_followed_either() -> None:
    with Stub(lambda r: r.answer(308, location="/v1/elsewhere")) as api:
        client = CrowNest(api_key=KEY, base_url=api.url, max_retries=2)
        error = raised(client.projects.list)
        assert (error.code, error.status) == ("invalid_response", 308)
        assert "redirected" in error.message
        assert api.count == 1


def silent(r: Request) -> None:
    r.start_events()
    r.send(HEARTBEAT)
    r.hold()


def test_a_silent_stream_trips_the_idle_watchdog_then_the_reconnect_budget() -> None:
    with Stub(silent) as api:
        client = CrowNest(
            api_key=KEY, base_url=api.url, stream_idle_timeout=0.2, stream_reconnect_timeout=0.5
        )
        started = time.monotonic()
        error = raised(lambda: list(client.commands.stream_logs(CMD)))
        assert error.code == "connection_error"
        assert "did not come back within 0.5 s: no data for 0.2 s" in error.message
        # Reconnects go on for the budget, not for max_retries (2) reconnects.
        assert 0.5 <= time.monotonic() - started < 3
        assert api.count >= 2


def test_the_default_idle_watchdog_is_three_heartbeat_intervals() -> None:
    client = CrowNest(api_key=KEY, base_url="http://127.0.0.1:9")
    assert client._transport.config.stream_idle_timeout == 45.0


def test_heartbeat_and_close_ends_within_the_reconnect_budget() -> None:
    def handler(r: Request) -> None:
        if len(r.server.stub.received) > 40:  # bounds a client that would reconnect forever
            r.answer(404)
            return
        r.start_events()
        r.send(HEARTBEAT)

    with Stub(handler) as api:
        # max_retries=0 would end at the first drop under a retry count: streams ignore it.
        client = CrowNest(
            api_key=KEY, base_url=api.url, max_retries=0, stream_reconnect_timeout=1.0
        )
        started = time.monotonic()
        error = raised(lambda: list(client.commands.stream_logs(CMD)))
        assert error.code == "connection_error"
        assert "did not come back within 1 s" in error.message
        assert 1.0 <= time.monotonic() - started < 4
        assert 2 <= api.count <= 40


def test_a_failed_opening_is_a_drop_that_honours_retry_after_ms() -> None:
    answers = [(503, "service_unavailable"), (429, "rate_limited"), (502, "internal_error")]

    def handler(r: Request) -> None:
        if answers:
            status, code = answers.pop(0)
            body = json.dumps({"error": {"code": code, "message": "busy"}}).encode()
            r.answer(status, body, content_type="application/json", retry_after_ms="200")
            return
        r.start_events()
        r.send(b'data: {"type":"terminal","command":{}}\n\n')

    with Stub(handler) as api:
        client = CrowNest(api_key=KEY, base_url=api.url, max_retries=0)
        started = time.monotonic()
        events = list(client.commands.stream_logs(CMD))
        assert [e["type"] for e in events] == ["terminal"]
        assert api.count == 4
        assert 0.6 <= time.monotonic() - started < 3  # 3 hints of 200 ms, not backoff


def test_progress_resets_the_reconnect_budget_and_resumes_after_the_last_seq() -> None:
    def handler(r: Request) -> None:
        after = int(r.path.partition("afterSeq=")[2] or 0)
        r.start_events()
        if after >= 6:
            r.send(b'event: terminal\ndata: {"type":"terminal","command":{}}\n\n')
            return
        # Two new events, a repeat of the second, then a drop: the budget of 1 never runs out.
        for seq in (after + 1, after + 2, after + 2):
            r.send(f'data: {{"type":"log","seq":{seq},"data":"{seq}"}}\n\n'.encode())

    with Stub(handler) as api:
        client = no_sleep(CrowNest(api_key=KEY, base_url=api.url, max_retries=1))
        events = list(client.commands.stream_logs(CMD))
        assert [e.get("seq") for e in events] == [1, 2, 3, 4, 5, 6, None]
        assert [r.path.partition("?")[2] for r in api.received] == [
            "",
            "afterSeq=2",
            "afterSeq=4",
            "afterSeq=6",
        ]


def test_a_4xx_on_opening_a_stream_is_not_retried() -> None:
    body = json.dumps({"error": {"code": "forbidden", "message": "no scope"}}).encode()
    with Stub(lambda r: r.answer(403, body, content_type="application/json")) as api:
        client = no_sleep(CrowNest(api_key=KEY, base_url=api.url))
        error = raised(lambda: list(client.commands.stream_logs(CMD)))
        assert (error.code, error.status) == ("forbidden", 403)
        assert api.count == 1


def test_one_endless_line_is_cut_at_the_contracts_event_size() -> None:
    cap = 64 * 1024 * 1024
    sent = 0

    def handler(r: Request) -> None:
        nonlocal sent
        r.start_events()
        r.send(b"event: log\ndata: ")
        piece = b"x" * (1024 * 1024)
        while sent < cap and r.send(piece):
            sent += len(piece)

    with Stub(handler) as api:
        client = no_sleep(CrowNest(api_key=KEY, base_url=api.url))
        error = raised(lambda: list(client.commands.stream_logs(CMD)))
        assert error.code == "invalid_response"
        assert len(error.message) < 200
        assert api.count == 1
    assert sent < cap, "the client read on past the event cap"


def test_an_unparsable_event_is_a_short_typed_error() -> None:
    payload = '{"type":"log","secret":"' + "s" * 5000

    def handler(r: Request) -> None:
        r.start_events()
        r.send(f"event: log\ndata: {payload}\n\n".encode())

    with Stub(handler) as api:
        client = no_sleep(CrowNest(api_key=KEY, base_url=api.url))
        error = raised(lambda: list(client.commands.stream_logs(CMD)))
        assert error.code == "invalid_response"
        assert "secret" not in error.message
        assert len(error.message) < 200


@pytest.mark.parametrize("body", [b"", b"<html>gateway</html>", b"null", b'{"items":[]}'])
def test_empty_and_garbage_bodies_are_invalid_response(body: bytes) -> None:
    with Stub(lambda r: r.answer(200, body, content_type="application/json")) as api:
        client = CrowNest(api_key=KEY, base_url=api.url, max_retries=0)
        error = raised(client.sandboxes.list)
        assert error.code == "invalid_response"
        assert "listSandboxes" in error.message


def test_an_error_page_without_an_envelope_gets_the_statuss_code() -> None:
    with Stub(lambda r: r.answer(404, b"<html>nope</html>", x_request_id="req_page")) as api:
        error = raised(CrowNest(api_key=KEY, base_url=api.url).projects.list)
        assert (error.status, error.code, error.request_id) == (404, "not_found", "req_page")


@pytest.mark.parametrize("bad", ["\n", "\r\n", "\x00", "\u2028", "é\u0100"])
def test_a_key_with_a_newline_or_other_bad_character_is_invalid_config(bad: str) -> None:
    with Stub(lambda r: r.answer(200, b'{"data":[]}')) as api:
        key = KEY[:10] + bad + KEY[10:]
        client = CrowNest(api_key=key, base_url=api.url)
        error = raised(client.projects.list)
        assert error.code == "invalid_config"
        assert KEY[:10] not in error.message
        assert KEY[10:] not in error.message
        assert api.count == 0


def test_a_refused_connection_names_the_host_and_the_cause() -> None:
    stub = Stub(lambda r: r.answer(200))
    stub.close()
    host = stub.url.removeprefix("http://")
    client = no_sleep(CrowNest(api_key=KEY, base_url=stub.url, max_retries=1))
    error = raised(client.projects.list)
    assert error.code == "connection_error"
    assert error.retryable
    assert host in error.message
    assert "refused" in error.message.lower()


def test_a_stalled_answer_is_a_timeout_under_the_per_call_timeout() -> None:
    def stall(r: Request) -> None:
        r.hold()

    with Stub(stall) as api:
        client = CrowNest(api_key=KEY, base_url=api.url)
        started = time.monotonic()
        error = raised(lambda: client.projects.list(timeout=0.3))
        assert error.code == "timeout"
        assert error.status is None
        assert time.monotonic() - started < 3
        assert api.count == 1, "a client timeout is not retried"


def test_the_key_never_reaches_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    calls = 0

    def flaky(r: Request) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            r.answer(
                503, b'{"error":{"code":"service_unavailable","message":"' + KEY.encode() + b'"}}'
            )
        else:
            r.answer(200, b'{"data":[]}', content_type="application/json")

    caplog.set_level(logging.DEBUG, logger="crownest")
    with Stub(flaky) as api:
        client = no_sleep(CrowNest(api_key=KEY, base_url=api.url))
        assert client.projects.list() == []
        assert api.received[0].headers["authorization"] == f"Bearer {KEY}"
    assert caplog.records, "nothing was logged"
    for record in caplog.records:
        assert KEY not in record.getMessage()


async def test_async_client_refuses_redirects_and_trips_the_watchdog() -> None:
    with Stub(lambda r: r.answer(302, location="http://127.0.0.2:1/x")) as api:
        async with AsyncCrowNest(api_key=KEY, base_url=api.url) as client:
            with pytest.raises(CrowNestApiError) as redirect:
                await client.projects.list()
            assert redirect.value.code == "invalid_response"
            assert api.count == 1
    with Stub(silent) as api:
        async with AsyncCrowNest(
            api_key=KEY, base_url=api.url, stream_idle_timeout=0.2, stream_reconnect_timeout=0.5
        ) as client:
            started = time.monotonic()
            with pytest.raises(CrowNestApiError) as idle:
                async for _ in client.commands.stream_logs(CMD):
                    pass
            assert idle.value.code == "connection_error"
            assert "within 0.5 s: no data for 0.2 s" in idle.value.message
            assert 0.5 <= time.monotonic() - started < 3
            assert api.count >= 2


def test_a_download_url_elsewhere_that_asks_for_the_key_is_refused() -> None:
    with Stub(lambda r: r.answer(200, b"stolen")) as other:
        signed = {"url": f"{other.url}/dl", "method": "GET", "authMode": "api_key"}
        with Stub(lambda r: r.answer(200, json.dumps(signed).encode())) as api:
            client = CrowNest(api_key=KEY, base_url=api.url)
            error = raised(lambda: client.files.download("sbx_1", "a.txt"))
            assert error.code == "invalid_response"
            assert other.url in error.message
            assert other.count == 0


def test_signed_urls_elsewhere_get_no_key() -> None:
    with Stub(lambda r: r.answer(200, b"file bytes")) as storage:
        signed = {"url": f"{storage.url}/dl?sig=1", "method": "GET", "authMode": "none"}
        with Stub(lambda r: r.answer(200, json.dumps(signed).encode())) as api:
            client = CrowNest(api_key=KEY, base_url=api.url)
            assert client.files.download("sbx_1", "a.txt") == b"file bytes"
            transfer = {
                "id": "upl_1",
                "uploadUrl": f"{storage.url}/put?sig=2",
                "method": "PUT",
                "headers": {"content-type": "application/gzip"},
            }
            client.workspace_runs.upload_archive_to_transfer(transfer, b"archive")
        assert storage.count == 2
        for request in storage.received:
            assert "authorization" not in request.headers
        assert storage.received[1].body == b"archive"
        assert api.received[0].headers["authorization"] == f"Bearer {KEY}"


def test_redirects_are_refused_even_with_an_http_client_that_follows_them() -> None:
    with (
        Stub(lambda r: r.answer(200, b'{"data":[]}')) as other,
        Stub(lambda r: r.answer(302, location=f"{other.url}/v1/projects")) as api,
        httpx.Client(follow_redirects=True) as http,
        CrowNest(api_key=KEY, base_url=api.url, http_client=http) as client,
    ):
        error = raised(client.projects.list)
        assert error.code == "invalid_response"
        assert other.count == 0


def chatty(gone: threading.Event) -> Callable[[Request], None]:
    """One log event, then a heartbeat every 20 ms until the client goes (bounded)."""

    def handler(r: Request) -> None:
        r.start_events()
        r.send(b'data: {"type":"log","seq":1,"stream":"stdout","data":"a"}\n\n')
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if not r.send(HEARTBEAT):
                gone.set()
                return
            time.sleep(0.02)

    return handler


def test_leaving_a_stream_early_closes_its_connection_at_once() -> None:
    gone = threading.Event()
    with Stub(chatty(gone)) as api:
        client = CrowNest(api_key=KEY, base_url=api.url)
        with contextlib.closing(client.commands.stream_logs(CMD)) as events:
            for event in events:
                assert event["type"] == "log"
                break
        assert gone.wait(1), "the connection stayed open"


async def test_aclosing_an_async_stream_closes_its_connection_at_once() -> None:
    gone = threading.Event()
    with Stub(chatty(gone)) as api:
        async with AsyncCrowNest(api_key=KEY, base_url=api.url) as client:
            async with contextlib.aclosing(client.commands.stream_logs(CMD)) as events:
                async for event in events:
                    assert event["type"] == "log"
                    break
            assert await asyncio.to_thread(gone.wait, 1), "the connection stayed open"


def heartbeat_and_close(r: Request) -> None:
    if len(r.server.stub.received) > 40:  # bounds a client that would reconnect forever
        r.answer(404)
        return
    r.start_events()
    r.send(HEARTBEAT)


async def test_the_events_stream_takes_a_budget_per_stream_on_both_clients() -> None:
    with Stub(heartbeat_and_close) as api:
        # The client's budget is long; the stream's own one wins.
        client = CrowNest(api_key=KEY, base_url=api.url, stream_reconnect_timeout=600)
        started = time.monotonic()
        error = raised(
            lambda: list(client.workspace_runs.stream_events("wsr_x", reconnect_timeout=0.4))
        )
        assert error.code == "connection_error"
        assert "within 0.4 s" in error.message
        assert time.monotonic() - started < 3
        async with AsyncCrowNest(
            api_key=KEY, base_url=api.url, stream_reconnect_timeout=600
        ) as aclient:
            started = time.monotonic()
            with pytest.raises(CrowNestApiError) as info:
                async for _ in aclient.workspace_runs.stream_events("wsr_x", reconnect_timeout=0.4):
                    pass
            assert "within 0.4 s" in info.value.message
            assert time.monotonic() - started < 3
