"""crownest.testing: crownest-fake, the in-memory CrowNest service, for your tests.

Needs Node 20+ and the npm package @crownest/sdk (``npm install -D @crownest/sdk``)::

    with start_fake(programs="tests/programs.mjs") as fake:
        client = fake.client()

As a pytest plugin (registered on install), the ``crownest_fake`` fixture
yields a CrowNest client of a fake started once per session; options:
``--crownest-programs FILE`` (or the ini option ``crownest_programs``) and
``crownest_clock`` (``auto`` by default: fake time runs as fast as it can).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from ._async_client import AsyncCrowNest
from ._client import CrowNest
from ._errors import CrowNestApiError, error_from_response

__all__ = ["FakeServer", "FakeStartError", "find_fake_bin", "start_fake"]

BANNER = re.compile(
    r"crownest-fake listening on (?P<url>http://\S+) \(api key (?P<key>\S+)\)"
    r" \(control token (?P<token>\S+)\)"
)
NODE_MAJOR = 20


class FakeStartError(RuntimeError):
    """crownest-fake could not be found or started."""


def find_fake_bin(cwd: str | os.PathLike[str] | None = None, node: str = "node") -> str:
    """dist/fake/bin.js of @crownest/sdk: env CROWNEST_FAKE_BIN, node's resolution, the checkout."""
    explicit = os.environ.get("CROWNEST_FAKE_BIN")
    if explicit:
        if not Path(explicit).is_file():
            raise FakeStartError(f"CROWNEST_FAKE_BIN is {explicit}, which is no file")
        return explicit
    script = "console.log(require.resolve('@crownest/sdk/package.json', {paths: [process.cwd()]}))"
    try:
        found = subprocess.run(  # noqa: S603 (a fixed script, node from the caller)
            [node, "-e", script],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if found.returncode == 0:
            bin_js = Path(found.stdout.strip()).parent / "dist" / "fake" / "bin.js"
            if bin_js.is_file():
                return str(bin_js)
    except (OSError, subprocess.TimeoutExpired):
        pass
    # This package inside the CrowNest checkout (python/src/crownest/testing.py).
    checkout = Path(__file__).resolve().parents[3] / "dist" / "fake" / "bin.js"
    if checkout.is_file():
        return str(checkout)
    raise FakeStartError(
        "crownest-fake not found: npm install -D @crownest/sdk (Node 20+), "
        "or set CROWNEST_FAKE_BIN to its dist/fake/bin.js"
    )


def _check_node(node: str) -> str:
    path = shutil.which(node)
    if path is None:
        raise FakeStartError(f"{node} not found: crownest-fake needs Node {NODE_MAJOR}+")
    out = subprocess.run(  # noqa: S603
        [path, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.strip()
    match = re.match(r"v(\d+)\.", out)
    if not match or int(match.group(1)) < NODE_MAJOR:
        raise FakeStartError(f"crownest-fake needs Node {NODE_MAJOR}+, {path} is {out or '?'}")
    return path


@dataclass
class FakeServer:
    """A running crownest-fake: its URL, API key and control token; stop() ends it by PID."""

    url: str
    # Test keys, but keys all the same: kept out of reprs and test logs.
    api_key: str = field(repr=False)
    control_token: str = field(repr=False)
    pid: int
    _process: subprocess.Popen[bytes] = field(repr=False)
    _log: IO[bytes] = field(repr=False)

    def client(self, **options: Any) -> CrowNest:
        """A sync client of this fake."""
        return CrowNest(api_key=self.api_key, base_url=self.url, **options)

    def async_client(self, **options: Any) -> AsyncCrowNest:
        """An async client of this fake."""
        return AsyncCrowNest(api_key=self.api_key, base_url=self.url, **options)

    def control(
        self, method: str, path: str, body: Any = None, params: Mapping[str, Any] | None = None
    ) -> Any:
        """Calls one of the fake's /_fake/* control routes; returns its JSON (None when empty)."""
        response = httpx.request(
            method,
            f"{self.url}/_fake/{path.lstrip('/')}",
            params=params,
            headers={
                "authorization": f"Bearer {self.control_token}",
                "content-type": "application/json",
            },
            content=None if body is None else json.dumps(body).encode(),
            timeout=30,
        )
        if response.status_code >= 400:
            # The fake answers with the contract's error envelope: its code, details, request id.
            error = error_from_response(response.status_code, response.headers, response.content)
            raise CrowNestApiError(
                status=error.status,
                code=error.code,
                message=f"/_fake/{path}: {error.message}",
                details=error.details,
                request_id=error.request_id,
            )
        return response.json() if response.content else None

    def add_fault(self, **rule: Any) -> str:
        """Adds a fault rule (operation, status, code, times, dropConnection...); returns its id."""
        return str(self.control("POST", "faults", rule)["id"])

    def clear_faults(self) -> None:
        self.control("DELETE", "faults")

    def requests(self, **query: str) -> list[dict[str, Any]]:
        """The request journal, filtered (operationId=..., method=..., path=...)."""
        data: list[dict[str, Any]] = self.control("GET", "requests", params=query)["data"]
        return data

    def clear_requests(self) -> None:
        self.control("DELETE", "requests")

    def advance_clock(self, ms: int) -> None:
        """Moves a manual clock."""
        self.control("POST", "clock/advance", {"ms": ms})

    def stop(self) -> None:
        """Ends the fake by its PID (SIGTERM, then SIGKILL after 5 s)."""
        if self._process.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self._process.wait(timeout=5)
        self._log.close()

    def __enter__(self) -> FakeServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_fake(
    *,
    programs: str | os.PathLike[str] | None = None,
    clock: str | None = None,
    api_key: str | None = None,
    seed: int | None = None,
    config: str | os.PathLike[str] | None = None,
    bin_path: str | None = None,
    node: str = "node",
    cwd: str | os.PathLike[str] | None = None,
    startup_timeout: float = 30.0,
    port: int = 0,
    state: str | os.PathLike[str] | None = None,
) -> FakeServer:
    """Starts ``node dist/fake/bin.js --port 0`` and reads its banner for the URL, key and token.

    programs is a JS module whose default export receives ``programs`` and
    defines them; clock is ``real``, ``manual`` or ``auto``. port 0 picks a free
    one; state is a file the fake loads at start and writes back when stopped.
    """
    node_path = _check_node(node)
    script = bin_path or find_fake_bin(cwd, node_path)
    args = [node_path, script, "--port", str(port), "--host", "127.0.0.1"]
    if programs is not None:
        args += ["--programs", str(Path(programs).resolve())]
    if clock is not None:
        args += ["--clock", clock]
    if api_key is not None:
        args += ["--api-key", api_key]
    if seed is not None:
        args += ["--seed", str(seed)]
    if config is not None:
        args += ["--config", str(Path(config).resolve())]
    if state is not None:
        args += ["--state", str(Path(state).resolve())]
    # Its output goes to a file, so a chatty fake can never block on a full pipe.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (FakeServer.stop closes it)
    process = subprocess.Popen(  # noqa: S603
        args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd
    )
    deadline = time.monotonic() + startup_timeout
    text = ""
    while time.monotonic() < deadline:
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
        match = BANNER.search(text)
        if match:
            return FakeServer(
                url=match.group("url"),
                api_key=match.group("key"),
                control_token=match.group("token"),
                pid=process.pid,
                _process=process,
                _log=log,
            )
        if process.poll() is not None:
            break
        time.sleep(0.02)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    log.close()
    raise FakeStartError(f"crownest-fake did not start: {text.strip()[-500:] or 'no output'}")


def _fixtures() -> None:
    """The pytest plugin's options and fixtures (this module is the `crownest` pytest11 plugin)."""
    import pytest

    def pytest_addoption(parser: pytest.Parser) -> None:
        group = parser.getgroup("crownest")
        group.addoption(
            "--crownest-programs",
            default=None,
            help="a JS module defining crownest-fake programs",
        )
        parser.addini("crownest_programs", "a JS module defining crownest-fake programs")
        parser.addini("crownest_clock", "crownest-fake's clock: auto (default), manual or real")

    @pytest.fixture(scope="session")
    def crownest_fake_server(pytestconfig: pytest.Config) -> Iterator[FakeServer]:
        """One crownest-fake for the session, stopped by PID at its end."""
        programs = pytestconfig.getoption("crownest_programs") or pytestconfig.getini(
            "crownest_programs"
        )
        if programs and not os.path.isabs(programs):
            programs = str(pytestconfig.rootpath / programs)
        clock = pytestconfig.getini("crownest_clock") or "auto"
        with start_fake(programs=programs or None, clock=clock) as server:
            yield server

    @pytest.fixture
    def crownest_fake(crownest_fake_server: FakeServer) -> Iterator[CrowNest]:
        """A CrowNest client of the session's fake; fault rules are cleared after the test."""
        with crownest_fake_server.client() as client:
            yield client
        crownest_fake_server.clear_faults()

    try:  # an async fixture needs pytest-asyncio's decorator in its strict mode
        from pytest_asyncio import fixture as async_fixture
    except ImportError:
        async_fixture = pytest.fixture  # type: ignore[assignment]

    @async_fixture
    async def crownest_fake_async(
        crownest_fake_server: FakeServer,
    ) -> AsyncIterator[AsyncCrowNest]:
        """An AsyncCrowNest client of the session's fake."""
        async with crownest_fake_server.async_client() as client:
            yield client
        crownest_fake_server.clear_faults()

    globals().update(
        pytest_addoption=pytest_addoption,
        crownest_fake_server=crownest_fake_server,
        crownest_fake=crownest_fake,
        crownest_fake_async=crownest_fake_async,
    )


# Without pytest the launcher works alone.
with contextlib.suppress(ImportError):
    _fixtures()
