"""Row 12's measurements in Python (run by python-overhead.mjs with the project's venv).

    python python_overhead.py calls URL KEY N ROUNDS   per-call: SDK sandboxes.get vs raw httpx
    python python_overhead.py import crownest|httpx    one fresh-process import time

Prints one JSON line.
"""

from __future__ import annotations

import sys
import time

if sys.argv[1] == "import":
    t0 = time.perf_counter()
    __import__(sys.argv[2])
    print(f'{{"importMs": {(time.perf_counter() - t0) * 1000}}}')
    sys.exit(0)

import asyncio
import json
import statistics
from collections.abc import Awaitable, Callable

import httpx
from crownest import AsyncCrowNest, CrowNest

url, key, n, rounds = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
headers = {"authorization": f"Bearer {key}"}


def alternate(a: Callable[[], float], b: Callable[[], float]) -> dict[str, float]:
    """a b, b a, ... rounds; µs per call of each (medians) and the median per-round ratio."""
    a(), b()  # warm-up
    ta: list[float] = []
    tb: list[float] = []
    for i in range(rounds):
        if i % 2 == 0:
            ta.append(a())
            tb.append(b())
        else:
            tb.append(b())
            ta.append(a())
    return {
        "sdkUs": statistics.median(ta) / n * 1e6,
        "rawUs": statistics.median(tb) / n * 1e6,
        "ratio": statistics.median(x / y for x, y in zip(ta, tb, strict=True)),
    }


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    def batch() -> float:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        return time.perf_counter() - t0

    return batch


def sync() -> dict[str, float]:
    with CrowNest(api_key=key, base_url=url) as client, httpx.Client() as http:
        sandbox_id = client.sandboxes.create(ttl_ms=3_600_000)["id"]
        target = f"{url}/v1/sandboxes/{sandbox_id}"

        def raw() -> None:
            if http.get(target, headers=headers).json()["id"] != sandbox_id:
                raise RuntimeError("wrong body")

        return alternate(timed(lambda: client.sandboxes.get(sandbox_id)), timed(raw))


async def run_async() -> dict[str, float]:
    async with AsyncCrowNest(api_key=key, base_url=url) as client, httpx.AsyncClient() as http:
        sandbox_id = (await client.sandboxes.create(ttl_ms=3_600_000))["id"]
        target = f"{url}/v1/sandboxes/{sandbox_id}"

        async def raw() -> None:
            if (await http.get(target, headers=headers)).json()["id"] != sandbox_id:
                raise RuntimeError("wrong body")

        def batch(fn: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[float]]:
            async def go() -> float:
                t0 = time.perf_counter()
                for _ in range(n):
                    await fn()
                return time.perf_counter() - t0

            return go

        sdk_batch, raw_batch = batch(lambda: client.sandboxes.get(sandbox_id)), batch(raw)
        await sdk_batch(), await raw_batch()  # warm-up
        ta: list[float] = []
        tb: list[float] = []
        for i in range(rounds):
            first, second = (sdk_batch, raw_batch) if i % 2 == 0 else (raw_batch, sdk_batch)
            for fn in (first, second):
                (ta if fn is sdk_batch else tb).append(await fn())
        return {
            "sdkUs": statistics.median(ta) / n * 1e6,
            "rawUs": statistics.median(tb) / n * 1e6,
            "ratio": statistics.median(x / y for x, y in zip(ta, tb, strict=True)),
        }


print(json.dumps({"sync": sync(), "async": asyncio.run(run_async()), "httpx": httpx.__version__}))
