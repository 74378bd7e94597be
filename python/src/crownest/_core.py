"""What both clients share: a call's request, the retry decision and delay, and reading answers.

The sync and async transports only do I/O; every decision is made here.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from ._config import Config, origin_of
from ._errors import CrowNestApiError, client_error, error_from_response
from ._generated.contract import (
    CLIENT_DEFAULT_RETRY_BASE_DELAY_MS,
    CLIENT_DEFAULT_RETRY_MAX_DELAY_MS,
    CLIENT_DEFAULT_RETRY_MAX_HINT_MS,
    OPERATION_ROUTES,
)

# Seconds, from the contract's x-client-defaults.
BASE_DELAY = CLIENT_DEFAULT_RETRY_BASE_DELAY_MS / 1000
MAX_DELAY = CLIENT_DEFAULT_RETRY_MAX_DELAY_MS / 1000
MAX_HINT = CLIENT_DEFAULT_RETRY_MAX_HINT_MS / 1000

Parse = Literal["json", "bytes", "none"]


@dataclass
class Call:
    """One logical call of an operation: what it sends, and how its answer is read."""

    op: str
    path: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, Any] | None = None
    json: Any = None
    content: bytes | None = None
    headers: Mapping[str, str] | None = None
    parse: Parse = "json"
    idempotency_key: str | None = None
    timeout: float | None = None


@dataclass
class Prepared:
    """A request ready to send, the same bytes and headers on every attempt."""

    op: str
    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None
    parse: Parse
    timeout: float
    retriable: bool
    path: str


def auth_headers(config: Config) -> dict[str, str]:
    """The bearer token; missing_api_key or invalid_config before anything is sent."""
    if config.blocked is not None:
        raise config.blocked
    if not config.api_key:
        raise client_error(
            "missing_api_key", "no CrowNest API key: pass api_key= or set CROWNEST_API_KEY"
        )
    return {"authorization": f"Bearer {config.api_key}"}


def _query_pairs(query: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        if value is None:
            continue
        if isinstance(value, bool):
            pairs.append((name, "true" if value else "false"))
        elif isinstance(value, Mapping):
            # deepObject: metadata[key]=value
            pairs.extend((f"{name}[{k}]", str(v)) for k, v in value.items())
        else:
            pairs.append((name, str(value)))
    return pairs


def prepare(config: Config, call: Call) -> Prepared:
    """The request of a call: route from the contract, one Idempotency-Key reused on every retry."""
    route = OPERATION_ROUTES[call.op]
    path = route["path"]
    for name, value in call.path.items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    url = config.base_url + path
    if call.query:
        pairs = _query_pairs(call.query)
        if pairs:
            url += "?" + "&".join(f"{quote(k, safe='[]')}={quote(v, safe='')}" for k, v in pairs)
    # The operation's success content type; JSON where it has no body (an error is JSON).
    accept = route["responseContentType"] or "application/json"
    headers = {"accept": accept, **auth_headers(config)}
    content = call.content
    if call.json is not None:
        content = json.dumps(call.json, separators=(",", ":")).encode()
        headers["content-type"] = "application/json"
    if call.headers:
        headers.update(call.headers)
    if route["idempotent"]:
        headers["idempotency-key"] = call.idempotency_key or str(uuid.uuid4())
    method = route["method"]
    return Prepared(
        op=call.op,
        method=method,
        url=url,
        headers=headers,
        content=content,
        parse=call.parse,
        timeout=call.timeout if call.timeout is not None else config.timeout,
        # A POST is retried only with an Idempotency-Key: a replay, never a second effect.
        retriable=method != "POST" or "idempotency-key" in headers,
        path=route["path"],
    )


def retry_delay(attempt: int, headers: Mapping[str, str] | None = None) -> float:
    """Seconds before retry attempt+1: the server's hint when sane, else backoff with jitter."""
    hint: float | None = None
    if headers is not None:
        ms = headers.get("retry-after-ms")
        sec = headers.get("retry-after")
        if ms:
            try:
                hint = float(ms) / 1000
            except ValueError:
                hint = None
        if hint is None and sec:
            sec = sec.strip()
            if sec.isdigit():
                hint = float(sec)
            else:
                try:
                    when = email.utils.parsedate_to_datetime(sec)
                    hint = when.timestamp() - time.time()
                except (TypeError, ValueError):
                    hint = None
    if hint is not None and 0 <= hint <= MAX_HINT:
        return hint
    return random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2**attempt))


def should_retry(error: CrowNestApiError, attempt: int, max_retries: int, retriable: bool) -> bool:
    """Connection errors, 408, 429 rate_limited and 5xx, within the budget; quota_exceeded never."""
    return retriable and attempt < max_retries and error.retryable


def is_redirect(status: int) -> bool:
    return 300 <= status < 400 and status != 304


def redirect_error(prepared: Prepared, status: int, headers: Mapping[str, str]) -> CrowNestApiError:
    """A redirect, naming the target origin only (a URL may carry a token)."""
    origin = origin_of(prepared.url)
    target = "an undisclosed location"
    location = headers.get("location")
    if location:
        target = origin_of(location) if urlsplit(location).netloc else origin
    where = f"elsewhere on {target}" if target == origin else f"to {target}"
    return CrowNestApiError(
        status=status,
        code="invalid_response",
        message=(
            f"{prepared.method} {urlsplit(prepared.url).path} was redirected {where}; "
            "the SDK follows no redirects, so nothing was sent there"
        ),
        details={"redirectOrigin": target},
        request_id=headers.get("x-request-id"),
    )


def connection_error(
    prepared: Prepared, exc: BaseException, api_key: str | None
) -> CrowNestApiError:
    host = urlsplit(prepared.url).netloc
    return client_error(
        "connection_error",
        f"{prepared.method} {urlsplit(prepared.url).path} to {host} failed: "
        + describe(exc, api_key),
    )


def timeout_error(prepared: Prepared) -> CrowNestApiError:
    return client_error(
        "timeout",
        f"{prepared.method} {urlsplit(prepared.url).path} timed out after {prepared.timeout} s",
    )


def describe(exc: BaseException, api_key: str | None) -> str:
    """An exception and its causes, short, never quoting the key."""
    parts: list[str] = []
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            break
        text = str(seen) or type(seen).__name__
        parts.append(text)
        seen = seen.__cause__ or seen.__context__
    return redact(": ".join(dict.fromkeys(parts))[:300] or "unknown error", api_key)


def redact(text: str, api_key: str | None) -> str:
    return text.replace(api_key, "[redacted]") if api_key else text


def read_answer(prepared: Prepared, status: int, headers: Mapping[str, str], body: bytes) -> Any:
    """The parsed success body, or the error to raise for a non-2xx answer."""
    if is_redirect(status):
        raise redirect_error(prepared, status, headers)
    if status >= 300 or status < 200:
        raise error_from_response(status, headers, body)
    if prepared.parse == "bytes":
        return body
    if prepared.parse == "none" or status in (204, 205):
        return None
    return parse_json_object(prepared.op, body)


def parse_json_object(op: str, body: bytes) -> dict[str, Any]:
    """A success body that must be a JSON object (a list's with its data list)."""

    def fail(what: str) -> CrowNestApiError:
        return client_error("invalid_response", f"{op} answered {what}, not its JSON object")

    if not body:
        raise fail("an empty body")
    try:
        data = json.loads(body)
    except ValueError:
        raise fail(f"{len(body)} bytes that are not JSON") from None
    if not isinstance(data, dict):
        raise fail(f"JSON {type(data).__name__}")
    if op.startswith("list") and not isinstance(data.get("data"), list):
        raise fail('an object without its "data" list')
    return data


def prepare_raw(
    config: Config,
    *,
    method: str,
    url: str,
    headers: Mapping[str, str] | None,
    content: bytes | None,
    auth: bool,
    parse: Parse,
    timeout: float | None,
    label: str,
) -> Prepared:
    """A request to a URL the service handed out (a signed download or upload URL)."""
    sent = dict(headers or {})
    if auth:
        sent.update(auth_headers(config))
    return Prepared(
        op=label,
        method=method,
        url=url,
        headers=sent,
        content=content,
        parse=parse,
        timeout=timeout if timeout is not None else config.timeout,
        retriable=method in ("GET", "PUT", "HEAD"),
        path=urlsplit(url).path,
    )


def signed_url(config: Config, url: str, auth_mode: str | None, what: str) -> tuple[str, bool]:
    """A signed link's absolute URL, and whether the key goes with it (the API's origin only)."""
    if url.startswith("/"):
        url = config.origin + url
    same_origin = origin_of(url) == config.origin
    wants_key = auth_mode == "api_key"
    if wants_key and not same_origin:
        raise client_error(
            "invalid_response",
            f"the URL of {what} is on {origin_of(url)} but asks for the API key, "
            f"which goes only to {config.origin}; refused",
        )
    return url, wants_key and same_origin
