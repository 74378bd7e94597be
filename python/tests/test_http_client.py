"""A caller's http_client is the caller's: close() leaves it open (httpx convention)."""

from __future__ import annotations

import httpx

from crownest import AsyncCrowNest, CrowNest
from crownest.testing import FakeServer


def test_close_leaves_a_passed_http_client_open_and_closes_its_own(fake: FakeServer) -> None:
    http = httpx.Client()
    with CrowNest(api_key=fake.api_key, base_url=fake.url, http_client=http) as client:
        client.projects.list()
    assert not http.is_closed
    # Still usable by its owner, and by another client.
    with CrowNest(api_key=fake.api_key, base_url=fake.url, http_client=http) as again:
        again.projects.list()
    assert not http.is_closed
    http.close()

    own = CrowNest(api_key=fake.api_key, base_url=fake.url)
    own.close()
    assert own._transport.http.is_closed


async def test_async_close_leaves_a_passed_http_client_open_and_closes_its_own(
    fake: FakeServer,
) -> None:
    async with httpx.AsyncClient() as http:
        async with AsyncCrowNest(api_key=fake.api_key, base_url=fake.url, http_client=http) as c:
            await c.projects.list()
        assert not http.is_closed
        response = await http.get(f"{fake.url}/v1/projects")
        assert response.status_code == 401  # the client still works for its owner
    own = AsyncCrowNest(api_key=fake.api_key, base_url=fake.url)
    await own.close()
    assert own._transport.http.is_closed
