"""How many GraphQL requests per second one process answers, in-process (no network).

    .venv/bin/python bench/request_throughput.py [--seconds 5] [--database-url URL]

Prints requests/s and latency percentiles for a storefront read, an authenticated staff `me`
(which checks the session, staff and merchant on every request) and a node lookup. Figures,
not assertions: compare them between changes on the same machine.
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from persistence.database import Database
from server import migrate
from server.app import create_app
from server.demo import DEMO_MERCHANT, DEMO_PASSWORD, DEMO_STAFF_EMAIL, seed_demo
from server.security.passwords import Argon2Hasher
from server.settings import Settings

LOGIN = """mutation($m: String!, $e: String!, $p: String!) {
  staffLogin(merchant: $m, email: $e, password: $p) { accessToken } }"""
CASES = {
    "storefront read": ("{ storefront { id name currency defaultCountry } }", "storefront"),
    "staff me": ("{ me { ... on StaffUser { id email permissions } } }", "staff"),
    "node lookup": ("query($id: ID!) { node(id: $id) { id ... on Storefront { name } } }", "staff"),
}


async def run(seconds: float, database_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, database_url)
    database = Database.from_url(database_url)
    info = await seed_demo(database, Argon2Hasher())
    await database.dispose()
    app = create_app(Settings(database_url=database_url))
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            login = await client.post(
                "/graphql",
                json={
                    "query": LOGIN,
                    "variables": {"m": DEMO_MERCHANT, "e": DEMO_STAFF_EMAIL, "p": DEMO_PASSWORD},
                },
            )
            token = login.json()["data"]["staffLogin"]["accessToken"]
            sf = await client.post(
                "/graphql",
                json={"query": "{ storefront { id } }"},
                headers={"Agora-Storefront-Token": info.storefront_token},
            )
            storefront_id = sf.json()["data"]["storefront"]["id"]
            headers = {
                "storefront": {"Agora-Storefront-Token": info.storefront_token},
                "staff": {"Authorization": f"Bearer {token}"},
            }
            for name, (query, who) in CASES.items():
                body = {"query": query, "variables": {"id": storefront_id}}
                latencies: list[float] = []
                deadline = time.perf_counter() + seconds
                while time.perf_counter() < deadline:
                    started = time.perf_counter()
                    response = await client.post("/graphql", json=body, headers=headers[who])
                    latencies.append(time.perf_counter() - started)
                    assert response.status_code == 200 and "errors" not in response.json()
                latencies.sort()
                p50 = statistics.median(latencies) * 1000
                p99 = latencies[int(len(latencies) * 0.99)] * 1000
                print(
                    f"{name:16} {len(latencies) / seconds:8.0f} req/s   "
                    f"p50 {p50:6.2f} ms   p99 {p99:6.2f} ms"
                )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url or f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    asyncio.run(run(args.seconds, url))


if __name__ == "__main__":
    main()
