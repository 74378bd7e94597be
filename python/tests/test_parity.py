"""Seed 000's signatures, and sync/async parity, checked by introspection."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from crownest import AsyncCrowNest, AsyncSandboxHandle, CrowNest, SandboxHandle

P = inspect.Parameter
POS = P.POSITIONAL_OR_KEYWORD
KW = P.KEYWORD_ONLY
REQUIRED = P.empty

# Seed 000, word for word: (name, kind, default) of every parameter, in order.
SEED: dict[str, list[tuple[str, Any, Any]]] = {
    "sandboxes.create": [
        ("template", KW, None),
        ("template_version_id", KW, None),
        ("ttl_ms", KW, None),
        ("metadata", KW, None),
        ("project_id", KW, None),
        ("idempotency_key", KW, None),
    ],
    "sandboxes.get": [("sandbox_id", POS, REQUIRED)],
    "sandboxes.list": [],
    "sandboxes.kill": [("sandbox_id", POS, REQUIRED)],
    "commands.run": [
        ("sandbox_id", POS, REQUIRED),
        ("command", POS, REQUIRED),
        ("cwd", KW, None),
        ("env", KW, None),
        ("timeout_ms", KW, None),
        ("collect", KW, None),
        ("collect_on", KW, None),
        ("idempotency_key", KW, None),
    ],
    "commands.start": [
        ("sandbox_id", POS, REQUIRED),
        ("command", POS, REQUIRED),
        ("cwd", KW, None),
        ("env", KW, None),
        ("timeout_ms", KW, None),
        ("idempotency_key", KW, None),
    ],
    "commands.get": [("command_id", POS, REQUIRED)],
    "commands.cancel": [("command_id", POS, REQUIRED), ("mode", KW, None)],
    "commands.logs": [
        ("command_id", POS, REQUIRED),
        ("after_seq", KW, None),
        ("limit", KW, None),
    ],
    "commands.stream_logs": [("command_id", POS, REQUIRED), ("after_seq", KW, None)],
    "files.read": [("sandbox_id", POS, REQUIRED), ("path", POS, REQUIRED), ("encoding", KW, None)],
    "files.write": [
        ("sandbox_id", POS, REQUIRED),
        ("path", POS, REQUIRED),
        ("content", POS, REQUIRED),
        ("create_parents", KW, None),
        ("encoding", KW, None),
        ("overwrite", KW, None),
    ],
    "files.delete": [("sandbox_id", POS, REQUIRED), ("path", POS, REQUIRED)],
    "files.list": [("sandbox_id", POS, REQUIRED), ("path", POS, "/workspace")],
    "files.stat": [("sandbox_id", POS, REQUIRED), ("path", POS, REQUIRED)],
    "files.mkdir": [("sandbox_id", POS, REQUIRED), ("path", POS, REQUIRED), ("parents", KW, None)],
    "files.move": [
        ("sandbox_id", POS, REQUIRED),
        ("from_path", POS, REQUIRED),
        ("to_path", POS, REQUIRED),
        ("overwrite", KW, None),
    ],
    "files.download_url": [("sandbox_id", POS, REQUIRED), ("path", POS, REQUIRED)],
    "artifacts.create": [
        ("sandbox_id", POS, REQUIRED),
        ("path", POS, REQUIRED),
        ("name", POS, None),
        ("idempotency_key", POS, None),
    ],
    "artifacts.get": [("artifact_id", POS, REQUIRED)],
    "artifacts.list": [("sandbox_id", POS, REQUIRED)],
    "artifacts.download": [("artifact_id", POS, REQUIRED)],
    "artifacts.download_url": [("artifact_id", POS, REQUIRED)],
    "artifacts.delete": [("artifact_id", POS, REQUIRED)],
    "previews.create": [
        ("sandbox_id", POS, REQUIRED),
        ("port", POS, REQUIRED),
        ("auth_mode", POS, None),
    ],
    "previews.get": [("preview_id", POS, REQUIRED)],
    "previews.list": [("sandbox_id", POS, REQUIRED)],
    "previews.revoke": [("preview_id", POS, REQUIRED)],
    "projects.list": [],
}
RESOURCES = [
    "sandboxes",
    "commands",
    "files",
    "artifacts",
    "previews",
    "projects",
    "workspace_runs",
]
STREAMS = {"commands.stream_logs", "workspace_runs.stream_events"}


def public_methods(obj: object) -> dict[str, Any]:
    return {
        name: getattr(obj, name)
        for name in dir(obj)
        if not name.startswith("_") and callable(getattr(obj, name))
    }


def shape(fn: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values()]


@pytest.fixture(scope="module")
def clients() -> tuple[CrowNest, AsyncCrowNest]:
    return CrowNest(api_key="k"), AsyncCrowNest(api_key="k")


@pytest.mark.parametrize("name", sorted(SEED))
def test_every_seed_method_has_the_seeds_parameters(
    name: str, clients: tuple[CrowNest, AsyncCrowNest]
) -> None:
    resource, method = name.split(".")
    for client in clients:
        params = shape(getattr(getattr(client, resource), method))
        # The seed's parameters, in its order; beyond them only keyword-only options
        # defaulting to None (sandboxes.list's filters), the last the per-call timeout.
        assert params[: len(SEED[name])] == SEED[name]
        extra = params[len(SEED[name]) :]
        assert extra[-1] == ("timeout", KW, None)
        assert all(kind == KW and default is None for _, kind, default in extra)


@pytest.mark.parametrize("resource", RESOURCES)
def test_sync_and_async_resources_have_the_same_methods_and_parameters(
    resource: str, clients: tuple[CrowNest, AsyncCrowNest]
) -> None:
    sync, aio = (public_methods(getattr(c, resource)) for c in clients)
    assert sorted(sync) == sorted(aio)
    for name in sync:
        assert shape(sync[name]) == shape(aio[name]), f"{resource}.{name}"
        if f"{resource}.{name}" in STREAMS:
            assert not inspect.iscoroutinefunction(aio[name])
            # Generators: close() / aclose() end the connection (contextlib.aclosing).
            assert "AsyncGenerator" in str(inspect.signature(aio[name]).return_annotation)
            assert "Generator" in str(inspect.signature(sync[name]).return_annotation)
        else:
            assert inspect.iscoroutinefunction(aio[name]), f"{resource}.{name}"
            assert not inspect.iscoroutinefunction(sync[name])


def test_both_clients_have_every_resource_and_the_seeds_constructor() -> None:
    for cls in (CrowNest, AsyncCrowNest):
        params = inspect.signature(cls).parameters
        assert [(n, p.default) for n, p in params.items()][:3] == [
            ("api_key", None),
            ("base_url", None),
            ("timeout", 660),
        ]
        assert all(p.kind == KW for p in list(params.values())[3:])
    assert list(inspect.signature(CrowNest).parameters) == list(
        inspect.signature(AsyncCrowNest).parameters
    )
    sync, aio = CrowNest(api_key="k"), AsyncCrowNest(api_key="k")
    for resource in RESOURCES:
        assert hasattr(sync, resource)
        assert hasattr(aio, resource)
    assert callable(sync.close)
    assert inspect.iscoroutinefunction(aio.close)
    assert hasattr(CrowNest, "__enter__")
    assert hasattr(AsyncCrowNest, "__aenter__")


def test_handles_have_the_same_surface() -> None:
    def surface(cls: type) -> set[str]:
        return {n for n in dir(cls) if not n.startswith("_")}

    assert surface(SandboxHandle) == surface(AsyncSandboxHandle)
    assert {"kill", "to_dict", "commands", "files", "artifacts", "previews", "id"} <= surface(
        SandboxHandle
    )
    assert shape(SandboxHandle.kill) == shape(AsyncSandboxHandle.kill)
    assert inspect.iscoroutinefunction(AsyncSandboxHandle.kill)
    assert hasattr(SandboxHandle, "__exit__")
    assert hasattr(AsyncSandboxHandle, "__aexit__")


BOUND = {
    "commands": {"run", "start"},
    "artifacts": {"create", "list"},
    "previews": {"create", "list"},
}


@pytest.mark.parametrize("resource", ["commands", "files", "artifacts", "previews"])
def test_a_handles_sub_clients_are_the_resources_with_the_sandbox_bound(resource: str) -> None:
    record = {"id": "sbx_1", "status": "running"}
    for client, handle in (
        (CrowNest(api_key="k"), SandboxHandle(record, CrowNest(api_key="k"))),
        (AsyncCrowNest(api_key="k"), AsyncSandboxHandle(record, AsyncCrowNest(api_key="k"))),
    ):
        full = public_methods(getattr(client, resource))
        bound = public_methods(getattr(handle, resource))
        assert sorted(full) == sorted(bound)
        for name, method in full.items():
            expected = shape(method)
            if resource == "files" or name in BOUND.get(resource, set()):
                assert expected[0][0] == "sandbox_id"
                expected = expected[1:]
            assert shape(bound[name]) == expected, f"{resource}.{name}"
            assert inspect.iscoroutinefunction(bound[name]) == inspect.iscoroutinefunction(method)


# What each method has beyond the seed, in order: keyword-only, default None, timeout last.
ADDITIONS = {
    "commands.run": ["on_stdout", "on_stderr", "timeout"],
    "commands.stream_logs": ["reconnect_timeout", "timeout"],
}


@pytest.mark.parametrize("name", sorted(ADDITIONS))
def test_the_additions_after_the_seeds_keywords(
    name: str, clients: tuple[CrowNest, AsyncCrowNest]
) -> None:
    resource, method = name.split(".")
    for client in clients:
        params = shape(getattr(getattr(client, resource), method))
        assert [n for n, _, _ in params[len(SEED[name]) :]] == ADDITIONS[name]
    for client in clients:
        assert shape(client.workspace_runs.stream_events)[-2:] == [
            ("reconnect_timeout", KW, None),
            ("timeout", KW, None),
        ]
    assert "stream_reconnect_timeout" in inspect.signature(CrowNest).parameters
    assert "stream_reconnect_timeout" in inspect.signature(AsyncCrowNest).parameters
