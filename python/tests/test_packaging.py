"""The package as users get it: `python -m build` gives an sdist and a wheel, and the wheel,
installed into a fresh venv (dependencies pinned by requirements-dev.txt), imports, is typed,
registers the pytest plugin and talks to crownest-fake.

Slow (a build and a venv): `npm test` runs this file as its own step, the wheel check.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from collections.abc import Iterator
from email.parser import HeaderParser
from pathlib import Path

import pytest

import crownest._version

PYTHON_DIR = Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parent
FAKE_BIN = REPO / "dist" / "fake" / "bin.js"
VERSION = crownest._version.__version__

# Imports the installed wheel (not the work tree), then one call of each client against
# crownest-fake: sync with explicit settings, async from the environment variables.
SMOKE = textwrap.dedent(
    """
    import asyncio, importlib.metadata, importlib.resources, json, os, sys
    import crownest
    from crownest import AsyncCrowNest, CrowNest, CrowNestApiError

    with CrowNest(
        api_key=os.environ.pop("SMOKE_KEY"), base_url=os.environ.pop("SMOKE_URL")
    ) as client:
        sandbox = client.sandboxes.create()

    async def fetch():
        async with AsyncCrowNest() as client:
            return await client.sandboxes.get(sandbox["id"])

    got = asyncio.run(fetch())
    try:
        with CrowNest(api_key="wrong") as client:
            client.sandboxes.get(sandbox["id"])
        wrong_key = None
    except CrowNestApiError as error:
        wrong_key = [error.status, error.code]
    print(json.dumps({
        "file": crownest.__file__,
        "version": importlib.metadata.version("crownest"),
        "py_typed": importlib.resources.files("crownest").joinpath("py.typed").is_file(),
        "plugin": [
            e.value for e in importlib.metadata.entry_points(group="pytest11", name="crownest")
        ],
        "created": sandbox["id"],
        "got": [got["id"], got["status"]],
        "wrong_key": wrong_key,
    }))
    """
)


def run(
    args: list[str | Path], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env=env,
        check=False,
    )
    output = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"{args} exited {result.returncode}:\n{output}"
    return result


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """sdist and wheel, as `python -m build` makes them (the wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: the backend is the venv's pinned hatchling, no download.
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, PYTHON_DIR])
    return {".whl" if p.suffix == ".whl" else ".tar.gz": p for p in out.iterdir()}


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[str, str]]:
    """crownest-fake on 127.0.0.1 (a free port), killed by PID at the end: (url, api key)."""
    assert FAKE_BIN.is_file(), f"{FAKE_BIN} is missing: npm run build"
    node = shutil.which("node")
    assert node, "node (20+) is not on PATH"
    key = f"ck_test_{secrets.token_hex(8)}"
    proc = subprocess.Popen(
        [node, str(FAKE_BIN), "--port", "0", "--host", "127.0.0.1", "--api-key", key],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout
        line = proc.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        assert match, f"crownest-fake did not start: {line!r}"
        yield match.group(1), key
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_build_gives_an_sdist_and_a_wheel(dists: dict[str, Path]) -> None:
    assert sorted(p.name for p in dists.values()) == [
        f"crownest-{VERSION}-py3-none-any.whl",
        f"crownest-{VERSION}.tar.gz",
    ]


def test_wheel_holds_the_typed_package_metadata_and_plugin(dists: dict[str, Path]) -> None:
    with zipfile.ZipFile(dists[".whl"]) as wheel:
        names = set(wheel.namelist())
        info = f"crownest-{VERSION}.dist-info"
        metadata = HeaderParser().parsestr(wheel.read(f"{info}/METADATA").decode())
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert {
        "crownest/__init__.py",
        "crownest/py.typed",
        "crownest/_version.py",
        "crownest/testing.py",
        "crownest/_generated/contract.py",
        "crownest/_generated/types.py",
    } <= names
    assert not [n for n in names if n.startswith("tests/") or "/tests/" in n]
    assert metadata["Name"] == "crownest"
    assert metadata["Version"] == VERSION
    assert metadata["Requires-Python"] == ">=3.11"
    assert [r for r in metadata.get_all("Requires-Dist", []) if r.startswith("httpx")]
    assert re.search(r"^\[pytest11\]\ncrownest = crownest\.testing$", entry_points, re.M)


def test_sdist_holds_the_source_and_builds_alone(dists: dict[str, Path]) -> None:
    with tarfile.open(dists[".tar.gz"]) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    assert {
        "pyproject.toml",
        "README.md",
        "PKG-INFO",
        "src/crownest/py.typed",
        "src/crownest/_version.py",
        "src/crownest/_generated/types.py",
    } <= names
    assert not [n for n in names if n.startswith("tests/")]


def test_wheel_in_a_fresh_venv_imports_and_calls_crownest_fake(
    dists: dict[str, Path], fake: tuple[str, str], tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    # The wheel and its runtime dependencies only, pinned as the dev venv pins them.
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "--disable-pip-version-check",
            "install",
            "--quiet",
            "--only-binary=:all:",
            "--constraint",
            PYTHON_DIR / "requirements-dev.txt",
            dists[".whl"],
        ]
    )
    url, key = fake
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CROWNEST_", "PYTHON"))}
    env |= {"SMOKE_URL": url, "SMOKE_KEY": key, "CROWNEST_BASE_URL": url, "CROWNEST_API_KEY": key}
    out = run([python, "-I", "-c", SMOKE], cwd=tmp_path, env=env).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert Path(report["file"]).is_relative_to(venv)
    assert report["version"] == VERSION
    assert report["py_typed"] is True
    assert report["plugin"] == ["crownest.testing"]
    assert report["created"].startswith("sbx_")
    assert report["got"] == [report["created"], "running"]
    assert report["wrong_key"] == [401, "unauthorized"]
    assert key not in out
