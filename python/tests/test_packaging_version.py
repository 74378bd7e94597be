"""The Python package carries the npm package's version (package.json is the one source)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import crownest._version

REPO = Path(__file__).resolve().parents[2]


def pep440(version: str) -> str:
    """npm semver as PEP 440, as scripts/python-version.mjs writes it."""
    m = re.fullmatch(r"(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.(\d+))?", version)
    assert m, f"package.json version {version} has no PEP 440 form"
    release, pre, n = m.groups()
    return release + ({"alpha": "a", "beta": "b", "rc": "rc"}[pre] + n if pre else "")


def test_version_module_matches_package_json() -> None:
    npm = json.loads((REPO / "package.json").read_text())["version"]
    assert crownest._version.__version__ == pep440(npm)


def test_pyproject_reads_the_version_module() -> None:
    pyproject = tomllib.loads((REPO / "python" / "pyproject.toml").read_text())
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/crownest/_version.py"
