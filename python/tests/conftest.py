"""The session's crownest-fake (node dist/fake/bin.js, built first) and per-test clients."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from crownest import AsyncCrowNest, AsyncSandboxHandle, CrowNest, SandboxHandle
from crownest.testing import FakeServer

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def pytest_configure(config: pytest.Config) -> None:
    # The tests' programs, unless the command line names others.
    if not config.getoption("crownest_programs"):
        config.option.crownest_programs = str(HERE / "programs.mjs")


def pytest_sessionstart(session: pytest.Session) -> None:
    # dist/fake/bin.js must be as new as the TypeScript sources.
    script = (
        "import('./scripts/ensure-built.mjs')"
        ".then((m) => m.ensureBuilt('dist/fake/bin.js'))"
        ".catch((e) => { console.error(e.message); process.exit(1); })"
    )
    subprocess.run(["node", "-e", script], cwd=REPO, check=True, timeout=600)


@pytest.fixture
def fake(crownest_fake_server: FakeServer) -> Iterator[FakeServer]:
    """The session's fake; fault rules left by a test are cleared after it."""
    yield crownest_fake_server
    crownest_fake_server.clear_faults()


@pytest.fixture
def client(fake: FakeServer) -> Iterator[CrowNest]:
    with fake.client() as c:
        yield c


@pytest.fixture
async def aclient(fake: FakeServer) -> AsyncIterator[AsyncCrowNest]:
    async with fake.async_client() as c:
        yield c


@pytest.fixture
def sandbox(client: CrowNest) -> Iterator[SandboxHandle]:
    with client.sandboxes.create(template="python") as sb:
        yield sb


@pytest.fixture
async def asandbox(aclient: AsyncCrowNest) -> AsyncIterator[AsyncSandboxHandle]:
    async with await aclient.sandboxes.create(template="python") as sb:
        yield sb
