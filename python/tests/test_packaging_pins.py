"""requirements-dev.txt pins every package of the dev venv, transitive ones included, and the
build backend is the one pinned there."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1]
# What `python -m venv` brings and the editable install of the package itself.
NOT_PINNED = {"crownest", "pip", "setuptools"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    lines = (PYTHON_DIR / "requirements-dev.txt").read_text().splitlines()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    unpinned = [e for e in entries if not re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", e)]
    assert not unpinned, f"not pinned with ==: {unpinned}"
    return {canonical(e.split("==")[0]): e.split("==")[1] for e in entries}


def test_every_package_of_the_venv_is_pinned_at_its_installed_version() -> None:
    installed = {
        canonical(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()
    }
    for name in NOT_PINNED:
        installed.pop(name, None)
    assert installed == pins()


def test_the_build_backend_is_the_pinned_hatchling() -> None:
    pyproject = tomllib.loads((PYTHON_DIR / "pyproject.toml").read_text())
    assert pyproject["build-system"]["requires"] == [f"hatchling=={pins()['hatchling']}"]
