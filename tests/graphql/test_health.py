"""Health probes and request ids: what an operator and a support desk rely on."""

from pathlib import Path

import httpx

from tests.conftest import make_settings
from tests.support.apps import serving

TYPENAME = "{ __typename }"


async def test_every_response_carries_a_request_id(http: httpx.AsyncClient) -> None:
    # given requests that succeed, fail in GraphQL, fail in HTTP and miss every route
    responses = [
        await http.post("/graphql", json={"query": TYPENAME}),
        await http.post("/graphql", json={"query": "{ nope }"}),
        await http.post("/graphql", content=b"{", headers={"Content-Type": "application/json"}),
        await http.get("/graphql", params={"query": "mutation { logout { ok } }"}),
        await http.get("/healthz"),
        await http.get("/no-such-page"),
    ]
    # then each carries its own request id
    ids = [response.headers.get("x-request-id") for response in responses]
    assert all(ids), ids
    assert len(set(ids)) == len(ids)


async def test_a_well_formed_incoming_request_id_is_echoed(http: httpx.AsyncClient) -> None:
    # given a caller (or proxy) that traces its own request ids
    request_id = "trace-4f1c2a9b.7"
    # when it sends one
    response = await http.post(
        "/graphql", json={"query": TYPENAME}, headers={"X-Request-Id": request_id}
    )
    # then the same id comes back, so both sides' logs line up
    assert response.headers["x-request-id"] == request_id


async def test_a_malformed_incoming_request_id_is_replaced(http: httpx.AsyncClient) -> None:
    for hostile in ("short", "has spaces in it!", "x" * 65, "line\\nbreak-injection"):
        response = await http.get("/healthz", headers={"X-Request-Id": hostile})
        returned = response.headers["x-request-id"]
        assert returned != hostile
        assert len(returned) >= 8 and returned.replace("-", "").isalnum()


async def test_healthz_says_the_process_is_alive(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_200_when_the_database_is_reachable(http: httpx.AsyncClient) -> None:
    response = await http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    # given a server whose database cannot be opened (its directory does not exist)
    url = f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'agora.db'}"
    async with serving(make_settings(url)) as http:
        # when a load balancer probes it
        ready = await http.get("/readyz")
        alive = await http.get("/healthz")
    # then it is alive but not ready, so it gets no traffic
    assert ready.status_code == 503
    assert ready.json() == {"status": "database unreachable"}
    assert alive.status_code == 200


async def test_readyz_is_503_when_the_database_server_is_down() -> None:
    # given a server pointed at a PostgreSQL port nothing listens on
    url = "postgresql+asyncpg://agora@127.0.0.1:9/agora"
    async with serving(make_settings(url)) as http:
        # when it is probed
        ready = await http.get("/readyz")
    # then it reports not ready instead of hanging or crashing
    assert ready.status_code == 503
