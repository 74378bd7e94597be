"""The client's resolved configuration: key, base URL, timeouts, retries."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ._errors import CrowNestApiError, client_error
from ._generated.contract import (
    CLIENT_DEFAULT_BASE_URL,
    CLIENT_DEFAULT_MAX_RETRIES,
    CLIENT_DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    CLIENT_DEFAULT_TIMEOUT_MS,
    STREAM_RECONNECT_TIMEOUT_MS,
)

DEFAULT_BASE_URL: str = CLIENT_DEFAULT_BASE_URL
# Seconds: above the contract's 600 s longest command.
DEFAULT_TIMEOUT = CLIENT_DEFAULT_TIMEOUT_MS / 1000
DEFAULT_MAX_RETRIES: int = CLIENT_DEFAULT_MAX_RETRIES
# No byte on a stream (heartbeats included) this long: the stream is dropped and reopened.
DEFAULT_STREAM_IDLE_TIMEOUT = CLIENT_DEFAULT_STREAM_IDLE_TIMEOUT_MS / 1000
# How long a dropped stream keeps reconnecting without progress: a service restart fits.
DEFAULT_STREAM_RECONNECT_TIMEOUT = STREAM_RECONNECT_TIMEOUT_MS / 1000

# Characters an HTTP header can't carry, or that split a line: CR, LF, NUL, U+2028/9.
_BAD_HEADER = re.compile("[\r\n\x00\u2028\u2029]|[^\x00-\xff]")


@dataclass(frozen=True)
class Config:
    api_key: str | None
    base_url: str
    origin: str
    timeout: float
    max_retries: int
    stream_idle_timeout: float
    stream_reconnect_timeout: float
    # A configuration problem every call reports before sending (a key a header can't carry).
    blocked: CrowNestApiError | None

    def __repr__(self) -> str:
        return f"Config(base_url={self.base_url!r}, timeout={self.timeout!r})"


def resolve_config(
    api_key: str | None,
    base_url: str | None,
    timeout: float,
    max_retries: int,
    stream_idle_timeout: float | None,
    env: Mapping[str, str] | None = None,
    stream_reconnect_timeout: float | None = None,
) -> Config:
    """The configuration, with env fallbacks; an unusable base URL raises invalid_config now."""
    environ = os.environ if env is None else env
    if api_key is None:
        api_key = environ.get("CROWNEST_API_KEY") or None
    blocked = None
    if api_key is not None and _BAD_HEADER.search(api_key):
        # The key itself is never quoted: only what is wrong with it.
        blocked = client_error(
            "invalid_config",
            "the API key has a character an HTTP header can't carry (a newline?)",
        )
    source = "base_url"
    if base_url is None:
        env_url = environ.get("CROWNEST_BASE_URL") or None
        if env_url is not None:
            source = "CROWNEST_BASE_URL"
        base_url = env_url or DEFAULT_BASE_URL
    checked = check_base_url(base_url, source)
    if timeout <= 0:
        raise client_error("invalid_config", f"timeout must be positive, got {timeout!r}")
    if stream_reconnect_timeout is not None and stream_reconnect_timeout < 0:
        raise client_error(
            "invalid_config",
            f"stream_reconnect_timeout must be 0 or more, got {stream_reconnect_timeout!r}",
        )
    return Config(
        api_key=api_key,
        base_url=checked,
        origin=origin_of(checked),
        timeout=float(timeout),
        max_retries=max(0, max_retries),
        stream_idle_timeout=stream_idle_timeout or DEFAULT_STREAM_IDLE_TIMEOUT,
        stream_reconnect_timeout=(
            DEFAULT_STREAM_RECONNECT_TIMEOUT
            if stream_reconnect_timeout is None
            else stream_reconnect_timeout
        ),
        blocked=blocked,
    )


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_base_url(raw: str, source: str) -> str:
    """The base URL without a trailing slash, or invalid_config naming what is wrong."""

    def fail(why: str) -> CrowNestApiError:
        return client_error(
            "invalid_config",
            f"{source} {why}; expected an http(s) URL such as {DEFAULT_BASE_URL}",
        )

    try:
        parts = urlsplit(raw)
    except ValueError:
        raise fail("is not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise fail("has no http(s) scheme (is the https:// missing?)")
    if "@" in parts.netloc or parts.query or parts.fragment:
        raise fail("has credentials, a query or a fragment")
    if _BAD_HEADER.search(raw) or " " in raw:
        raise fail("has a character a URL can't carry")
    path = parts.path.rstrip("/")
    if re.search(r"/v1$", path, re.IGNORECASE):
        raise fail("ends in /v1, which the SDK adds itself")
    return f"{parts.scheme}://{parts.netloc}{path}"
