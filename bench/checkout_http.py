"""Guest checkouts over real HTTP: uvicorn in a subprocess, PostgreSQL, one client in sequence.

    .venv/bin/python bench/checkout_http.py                        # fresh DB, seed, measure
    .venv/bin/python bench/checkout_http.py --skip-seed --checkouts 500

Each checkout is what a storefront sends: `cartCreate` with 2 lines, an email and a US
address; `cartDeliveryOptionSet` with the first option offered; `checkoutComplete` paying
with the dummy card. The database is the demo (see bench/catalog_http.py: recreated, migrated
and seeded unless --skip-seed), with the server in production mode, one worker. Prints
checkouts/s, p50/p99 per checkout, the server's CPU per checkout and the SQL statements one
checkout issues (counted in-process against the same database).

Figures, not assertions: compare them between changes on the same machine.
"""

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from asgi_lifespan import LifespanManager
from sqlalchemy import event
from sqlalchemy.engine.url import make_url

from bench.catalog_http import (
    _asyncpg_dsn,
    free_port,
    migrate_and_seed,
    recreate_database,
    running_server,
)
from server.app import create_app
from server.context import STOREFRONT_HEADER
from server.settings import Settings

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/agora_bench_checkout"
ADDRESS = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetLine1": "1 Market St",
    "city": "San Francisco",
    "region": "CA",
    "postalCode": "94105",
    "country": "US",
}
CREATE = """mutation($input: CartCreateInput!) {
  cartCreate(input: $input) {
    cart { id cost { total { amount } } deliveryOptions { id } } userErrors { field code }
  }
}"""
DELIVERY = """mutation($cart: ID!, $option: ID!) {
  cartDeliveryOptionSet(cartId: $cart, deliveryOptionId: $option) {
    cart { cost { total { amount } } } userErrors { field code }
  }
}"""
COMPLETE = """mutation($cart: ID!, $key: String!) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key,
                   payment: {gateway: "dummy", token: "tok_success"}) {
    order { number total { amount } } userErrors { field code }
  }
}"""


async def shop_fixtures(url: str) -> tuple[str, list[str]]:
    """The demo web shop's token and variants it can sell many of (global IDs)."""
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        token = await connection.fetchval(
            "SELECT token FROM storefronts WHERE currency = 'USD' ORDER BY created_at LIMIT 1"
        )
        rows = await connection.fetch(
            """SELECT v.id FROM product_variants v
               JOIN products p ON p.id = v.product_id AND p.archived_at IS NULL
               JOIN product_listings l ON l.product_id = p.id AND l.is_published
               JOIN storefronts s ON s.id = l.storefront_id AND s.token = $1
               JOIN variant_prices vp ON vp.variant_id = v.id AND vp.storefront_id = s.id
               JOIN stocks st ON st.variant_id = v.id
               JOIN storefront_warehouses sw
                 ON sw.warehouse_id = st.warehouse_id AND sw.storefront_id = s.id
               WHERE v.archived_at IS NULL AND st.quantity - st.reserved >= 20
               ORDER BY v.sku LIMIT 400""",
            token,
        )
    finally:
        await connection.close()
    if token is None or len(rows) < 2:
        sys.exit("checkout_http: no demo shop with stock found; run without --skip-seed")
    from domain.ids import encode_global_id

    return str(token), [encode_global_id("ProductVariant", row["id"]) for row in rows]


async def one_checkout(client: httpx.AsyncClient, variants: list[str], n: int) -> dict[str, Any]:
    async def call(query: str, variables: dict[str, Any], field: str) -> dict[str, Any]:
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        payload: dict[str, Any] = response.json()["data"][field]
        if payload["userErrors"]:
            sys.exit(f"checkout_http: {field} refused: {payload['userErrors']}")
        return payload

    lines = [{"variantId": variants[(2 * n + i) % len(variants)], "quantity": 1} for i in (0, 1)]
    created = await call(
        CREATE,
        {"input": {"lines": lines, "email": f"bench{n}@example.com", "shippingAddress": ADDRESS}},
        "cartCreate",
    )
    cart = created["cart"]
    await call(
        DELIVERY,
        {"cart": cart["id"], "option": cart["deliveryOptions"][0]["id"]},
        "cartDeliveryOptionSet",
    )
    done = await call(
        COMPLETE, {"cart": cart["id"], "key": f"bench-{n}-{time.time_ns()}"}, "checkoutComplete"
    )
    return done["order"]  # type: ignore[no-any-return]


async def count_statements(url: str, token: str, variants: list[str]) -> int:
    """Statements of one warmed-up checkout, in-process against the same database."""
    # No background worker: its rounds (sweeps, deliveries, the event log) would be counted
    # with the checkout's own statements whenever one falls inside the counted span.
    app = create_app(Settings(database_url=url, webhook_worker=False))
    counted: list[str] = []

    def record(_c: Any, _cur: Any, statement: str, *_args: Any) -> None:
        counted.append(statement)

    async with LifespanManager(app):
        engine = app.state.agora.database.engine.sync_engine
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers={STOREFRONT_HEADER: token}
        ) as client:
            await one_checkout(client, variants, 10_000)
            event.listen(engine, "before_cursor_execute", record)
            try:
                await one_checkout(client, variants, 10_001)
            finally:
                event.remove(engine, "before_cursor_execute", record)
    return len(counted)


async def main_async(args: argparse.Namespace) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    url: str = args.database_url
    if not make_url(url).drivername.startswith("postgresql"):
        sys.exit("checkout_http: --database-url must be a PostgreSQL URL")
    if not args.skip_seed:
        await recreate_database(url)
        seeded = await asyncio.to_thread(migrate_and_seed, url)
        print(f"migrated and seeded {make_url(url).database}: seed-demo took {seeded:.1f} s")
    token, variants = await shop_fixtures(url)
    statements = await count_statements(url, token, variants)
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "agora-bench-checkout-server.log"
    with running_server(url, free_port(), log) as server:
        print(f"server up at {server.base} (production mode, 1 worker; log {log})")
        async with httpx.AsyncClient(
            base_url=server.base, headers={STOREFRONT_HEADER: token}, timeout=30
        ) as client:
            for n in range(10):  # warm-up
                await one_checkout(client, variants, n)
            durations = []
            cpu_before = server.cpu_seconds()
            began = time.perf_counter()
            for n in range(10, 10 + args.checkouts):
                started = time.perf_counter()
                await one_checkout(client, variants, n)
                durations.append(time.perf_counter() - started)
            elapsed = time.perf_counter() - began
            cpu_after = server.cpu_seconds()
    durations.sort()
    cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before)
    print("| checkouts | checkouts/s | p50 ms | p99 ms | server CPU ms/checkout | SQL/checkout |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(durations)} | {len(durations) / elapsed:.1f} "
        f"| {statistics.median(durations) * 1000:.1f} "
        f"| {durations[min(len(durations) - 1, int(len(durations) * 0.99))] * 1000:.1f} "
        f"| {'?' if cpu is None else f'{cpu / len(durations) * 1000:.1f}'} | {statements} |"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--checkouts", type=int, default=200)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the existing database")
    return parser.parse_args()


def main() -> None:
    asyncio.run(main_async(parse_args()))


if __name__ == "__main__":
    main()
