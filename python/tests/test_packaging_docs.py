"""Every Python example of docs/python.md and of the README's "Python" section runs as written,
against crownest-fake: scripts with CROWNEST_API_KEY and CROWNEST_BASE_URL set, and the files a
block names in its first line (`# tests/test_x.py`, `// tests/programs.mjs`) as a pytest project
using the installed plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crownest.testing import FakeServer, find_fake_bin

REPO = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
FILE_NAME = re.compile(r"^(?:#|//) ((?:[\w.-]+/)*[\w.-]+\.(?:py|mjs|toml))\n")


def readme_python() -> str:
    text = (REPO / "README.md").read_text()
    start = text.index("\n### Python\n")
    return text[start : text.index("\n## ", start)]


DOCS = {
    "docs/python.md": (REPO / "docs" / "python.md").read_text(),
    "README.md#python": readme_python(),
}


def blocks(doc: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(DOCS[doc])]


def scripts(doc: str) -> list[str]:
    return [code for lang, code in blocks(doc) if lang == "python" and not FILE_NAME.match(code)]


def files(doc: str) -> dict[str, str]:
    named = (FILE_NAME.match(code) for _, code in blocks(doc))
    return {m.group(1): m.string for m in named if m}


def run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def fake_env(server: FakeServer | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CROWNEST_", "PYTEST_"))}
    env["CROWNEST_FAKE_BIN"] = find_fake_bin()
    if server is not None:
        env |= {"CROWNEST_API_KEY": server.api_key, "CROWNEST_BASE_URL": server.url}
    return env


def test_the_docs_have_examples() -> None:
    assert len(scripts("docs/python.md")) >= 5
    assert {"test_agent.py", "tests/test_programs.py", "tests/programs.mjs"} <= set(
        files("docs/python.md")
    )
    assert len(scripts("README.md#python")) == 2
    assert list(files("README.md#python")) == ["test_agent.py"]


@pytest.mark.parametrize(
    ("doc", "index"),
    [(doc, i) for doc in DOCS for i in range(len(scripts(doc)))],
)
def test_script_runs(
    doc: str, index: int, crownest_fake_server: FakeServer, tmp_path: Path
) -> None:
    code = scripts(doc)[index]
    result = run([sys.executable, "-c", code], tmp_path, fake_env(crownest_fake_server))
    assert result.returncode == 0, f"{doc} block {index}:\n{code}\n{result.stderr}"
    assert crownest_fake_server.api_key not in result.stdout + result.stderr


@pytest.mark.parametrize("doc", list(DOCS))
def test_pytest_project_passes(doc: str, tmp_path: Path) -> None:
    project = files(doc)
    for name, text in project.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    tests = sum(text.count("\ndef test_") for name, text in project.items() if name.endswith(".py"))
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        tmp_path,
        fake_env(None),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(rf"^{tests} passed", result.stdout, re.M), result.stdout


def test_docs_examples_pass_mypy_strict(tmp_path: Path) -> None:
    """docs/python.md's examples, scripts and test files, as a user's mypy --strict sees them."""
    sources = [*scripts("docs/python.md")]
    sources += [text for name, text in files("docs/python.md").items() if name.endswith(".py")]
    for i, code in enumerate(sources):
        (tmp_path / f"example_{i}.py").write_text(code)
    result = run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            *(str(p) for p in sorted(tmp_path.glob("example_*.py"))),
        ],
        tmp_path,
        fake_env(None),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
