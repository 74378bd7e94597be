"""The shared core alone: SSE parsing, retry decisions, requests, configuration."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crownest import CrowNest, CrowNestApiError
from crownest._config import resolve_config
from crownest._core import Call, prepare, retry_delay, should_retry
from crownest._errors import client_error, error_from_response
from crownest._generated.contract import (
    CLIENT_ERROR_CODES,
    ERROR_HTTP_STATUS,
    HEARTBEAT_INTERVAL_MS,
    LIMITS,
    MAX_ARCHIVE_BYTES,
    MAX_DIRECT_FILE_BYTES,
    MAX_EVENT_BYTES,
    OPERATION_ROUTES,
    RETRYABLE_ERROR_CODES,
)
from crownest._requests import still_running
from crownest._sse import SseParser, StreamState

events_st = st.lists(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["log", "heartbeat"]), "data": st.text(max_size=40)}
    ),
    max_size=8,
)


def encode(events: list[dict[str, Any]], newline: bytes) -> bytes:
    out = b": comment\n".replace(b"\n", newline)
    for event in events:
        out += b"event: " + event["type"].encode() + newline
        out += b"data: " + json.dumps(event).encode() + newline + newline
    return out


@settings(max_examples=150, deadline=None)
@given(events_st, st.sampled_from([b"\n", b"\r\n", b"\r"]), st.data())
def test_any_chunking_of_a_stream_gives_the_same_events(
    events: list[dict[str, Any]], newline: bytes, data: st.DataObject
) -> None:
    raw = encode(events, newline)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=10)))
    parser = SseParser("streamCommandLogs")
    out: list[dict[str, Any]] = []
    start = 0
    for cut in [*cuts, len(raw)]:
        out += parser.feed(raw[start:cut])
        start = cut
    assert out == events


def test_multi_line_data_is_joined_with_newlines() -> None:
    parser = SseParser("op")
    assert parser.feed(b'data: {"type":\ndata: "log"}\n\n') == [{"type": "log"}]


def test_an_event_over_the_cap_is_refused_even_without_a_line_end() -> None:
    parser = SseParser("op", max_bytes=1000)
    parser.feed(b"data: " + b"x" * 900)
    with pytest.raises(CrowNestApiError) as info:
        parser.feed(b"x" * 200)
    assert info.value.code == "invalid_response"
    assert MAX_EVENT_BYTES == LIMITS["maxEventBytes"] == 16 * 1024 * 1024


def test_the_reconnect_budget_is_time_without_progress() -> None:
    state = StreamState("op", None, idle=10, reconnect_timeout=0.3)
    state.opened()
    assert 0 <= state.dropped("x") <= 0.3
    state.opened()
    time.sleep(0.2)
    assert state.dropped("x") <= 0.1  # never past the budget
    state.opened()
    assert state.accept({"type": "log", "seq": 1})
    time.sleep(0.15)
    assert state.dropped("x") > 0  # a new seq: a new outage, a full budget again
    state.opened()
    assert not state.accept({"type": "log", "seq": 1})  # a replay is not yielded again
    state.dropped("x")
    time.sleep(0.35)
    state.opened()
    with pytest.raises(CrowNestApiError) as info:
        state.dropped("refused")
    assert info.value.code == "connection_error"
    assert "did not come back within 0.3 s: refused" in info.value.message


def test_a_connection_alive_for_an_idle_window_is_progress_and_hints_are_honoured() -> None:
    state = StreamState("op", 4, idle=0.1, reconnect_timeout=0.2)
    state.opened()
    state.dropped("x")
    time.sleep(0.25)
    state.opened()
    time.sleep(0.12)
    state.received()  # bytes (heartbeats) for an idle window: the server is back
    assert state.dropped("x", {"retry-after-ms": "150"}) == pytest.approx(0.15)
    assert state.opened() == {"afterSeq": 4}


def test_the_default_reconnect_budget_is_the_contracts() -> None:
    config = resolve_config("k", "http://127.0.0.1:9", 1, 2, None)
    assert config.stream_reconnect_timeout == LIMITS["streamReconnectTimeoutMs"] / 1000 == 30
    client = CrowNest(api_key="k", base_url="http://127.0.0.1:9", stream_reconnect_timeout=5)
    assert client._transport.config.stream_reconnect_timeout == 5
    with pytest.raises(CrowNestApiError) as info:
        CrowNest(api_key="k", base_url="http://127.0.0.1:9", stream_reconnect_timeout=-1)
    assert info.value.code == "invalid_config"


@given(st.integers(0, 30))
def test_backoff_is_jittered_and_capped(attempt: int) -> None:
    delay = retry_delay(attempt)
    assert 0 <= delay <= min(8.0, 0.5 * 2**attempt)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after-ms": "junk", "retry-after": "2"}, 2.0),
    ],
)
def test_server_hints_win_retry_after_ms_first(headers: dict[str, str], expected: float) -> None:
    assert retry_delay(0, headers) == expected


def test_an_insane_hint_falls_back_to_backoff() -> None:
    assert retry_delay(0, {"retry-after": "86400"}) <= 0.5
    assert retry_delay(0, {"retry-after-ms": "-5"}) <= 0.5


@pytest.mark.parametrize(
    ("status", "code", "retried"),
    [
        (None, "connection_error", True),
        (408, "request_timeout", True),
        (429, "rate_limited", True),
        (500, "internal_error", True),
        (503, "service_unavailable", True),
        (429, "quota_exceeded", False),
        (400, "invalid_request", False),
        (None, "timeout", False),
    ],
)
def test_what_is_retried(status: int | None, code: str, retried: bool) -> None:
    error = CrowNestApiError(status=status, code=code, message="m")
    assert should_retry(error, 0, 2, retriable=True) is retried
    assert should_retry(error, 2, 2, retriable=True) is False
    assert should_retry(error, 0, 2, retriable=False) is False


def test_one_idempotency_key_per_call_and_none_for_reads() -> None:
    config = resolve_config("k", "http://127.0.0.1:9", 660, 2, None)
    first = prepare(config, Call("createSandbox", json={}))
    second = prepare(config, Call("createSandbox", json={}))
    assert first.headers["idempotency-key"] != second.headers["idempotency-key"]
    given_key = prepare(config, Call("createSandbox", json={}, idempotency_key="mine"))
    assert given_key.headers["idempotency-key"] == "mine"
    assert "idempotency-key" not in prepare(config, Call("listSandboxes")).headers
    assert prepare(config, Call("createSandbox")).retriable


def test_each_call_accepts_its_operations_content_type() -> None:
    config = resolve_config("k", "http://127.0.0.1:9", 660, 2, None)

    def accept(op: str, **path: str) -> str:
        return prepare(config, Call(op, path=path)).headers["accept"]

    assert accept("streamCommandLogs", commandId="cmd_1") == "text/event-stream"
    assert accept("downloadArtifact", artifactId="art_1") == "application/octet-stream"
    assert accept("listProjects") == "application/json"
    # No success body (204): an error still comes as JSON.
    assert accept("deleteFile", sandboxId="sbx_1") == "application/json"


def test_requests_follow_the_contracts_routes() -> None:
    config = resolve_config("k", "http://h:1/prefix/", 660, 2, None)
    p = prepare(
        config,
        Call(
            "listWorkspaceRuns",
            query={"status": "running", "metadata": {"a b": "c&d"}, "projectId": None},
        ),
    )
    assert p.method == "GET"
    assert p.url == "http://h:1/prefix/v1/workspace-runs?status=running&metadata[a%20b]=c%26d"
    p = prepare(config, Call("readFile", path={"sandboxId": "sbx/../x"}, query={"path": "a"}))
    assert p.url == "http://h:1/prefix/v1/sandboxes/sbx%2F..%2Fx/files/content?path=a"
    assert p.headers["authorization"] == "Bearer k"


def test_error_envelopes_and_pages_without_one() -> None:
    body = json.dumps({"error": {"code": "not_found", "message": "gone", "details": {"a": 1}}})
    error = error_from_response(404, {"x-request-id": "req_1"}, body.encode())
    assert (error.status, error.code, error.message, error.details, error.request_id) == (
        404,
        "not_found",
        "gone",
        {"a": 1},
        "req_1",
    )
    assert error_from_response(502, {}, b"<html>").code == "internal_error"
    assert error_from_response(503, {}, b"").code == "service_unavailable"
    assert error_from_response(418, {}, b"").code == "invalid_response"


def test_the_generated_tables_are_the_contracts() -> None:
    assert ERROR_HTTP_STATUS["quota_exceeded"] == 429
    assert "quota_exceeded" not in RETRYABLE_ERROR_CODES
    assert {"rate_limited", "service_unavailable", "request_timeout"} <= RETRYABLE_ERROR_CODES
    assert {
        "connection_error",
        "timeout",
        "invalid_response",
        "missing_api_key",
        "invalid_config",
    } <= CLIENT_ERROR_CODES
    run = OPERATION_ROUTES["runCommand"]
    assert (run["method"], run["path"], run["idempotent"]) == (
        "POST",
        "/v1/sandboxes/{sandboxId}/commands/run",
        True,
    )
    assert run["scopes"] == ["command:run"]
    assert HEARTBEAT_INTERVAL_MS == 15000


def test_a_command_is_followed_while_its_status_can_change() -> None:
    for status in ("queued", "starting", "running"):
        assert still_running({"status": status})
    for ended in ("exited", "failed", "canceled", "timed_out", "killed", None):
        assert not still_running({"status": ended})


def test_client_errors_have_no_status() -> None:
    error = client_error("timeout", "slow")
    assert (error.status, error.code, error.message, error.details, error.request_id) == (
        None,
        "timeout",
        "slow",
        None,
        None,
    )
    assert not error.retryable


def test_the_typeddicts_import_at_run_time() -> None:
    import crownest.types as types

    assert "exitCode" in types.Command.__annotations__
    assert set(types.RunArchiveResult.__annotations__) == {"workspaceRun", "evidence"}
    assert "command" in types.RunCommandRequest.__annotations__


def test_oversized_writes_and_archives_are_refused_before_sending() -> None:
    # A base URL nothing listens on: a request would be a connection_error, not these.
    client = CrowNest(api_key="k", base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(CrowNestApiError) as write:
        client.files.write("sbx_1", "big.bin", b"\0" * (MAX_DIRECT_FILE_BYTES + 1))
    assert (write.value.status, write.value.code) == (None, "file_too_large")
    with pytest.raises(CrowNestApiError) as archive:
        client.workspace_runs.run_archive(b"\0" * (MAX_ARCHIVE_BYTES + 1), command="true")
    assert (archive.value.status, archive.value.code) == (None, "archive_too_large")
    assert archive.value.details == {"limit": MAX_ARCHIVE_BYTES, "sizeBytes": MAX_ARCHIVE_BYTES + 1}
