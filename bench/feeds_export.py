"""How long exporting the demo catalog's Google and Meta feeds takes, in-process (no network).

    .venv/bin/python bench/feeds_export.py [--runs 3] [--database-url URL] [--keep DIR]

Seeds the demo catalog (504 products, 2,016 variants) into a temporary SQLite database (or the
database given), then exports both feeds of the web shop (USD) and of the marketplace (EUR)
through the ASGI app with httpx, as `agora-feeds` would over HTTP, and prints the time of each
run with the number of pages, products and items. Figures, not assertions.
"""

import argparse
import asyncio
import logging
import tempfile
import time
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from persistence.database import Database
from server import migrate
from server.app import create_app
from server.demo import seed_demo
from server.security.passwords import Argon2Hasher
from server.settings import Settings
from storefronts.feeds import FeedOptions, StorefrontApi, export_feeds


async def run(runs: int, database_url: str, out: Path) -> None:
    await asyncio.to_thread(migrate.upgrade, database_url)
    database = Database.from_url(database_url)
    started = time.perf_counter()
    info = await seed_demo(database, Argon2Hasher())
    await database.dispose()
    print(f"seed-demo: {time.perf_counter() - started:.1f} s")
    app = create_app(Settings(database_url=database_url, webhook_worker=False))
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    stores = {"web shop": info.storefront_token, "marketplace": info.marketplace_token}
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, timeout=60) as http:
            for name, token in stores.items():
                api = StorefrontApi(http, "http://bench/graphql", token)
                slug = name.replace(" ", "-")
                options = FeedOptions(
                    base_url="https://shop.example.com/products",
                    google=out / f"{slug}.xml",
                    meta=out / f"{slug}.csv",
                )
                for _ in range(runs):
                    pages = 0

                    def count(_read: int, _total: int | None) -> None:
                        nonlocal pages
                        pages += 1

                    started = time.perf_counter()
                    summary = await export_feeds(api, options, count)
                    seconds = time.perf_counter() - started
                    print(
                        f"{name:12} {seconds:6.2f} s   {pages} pages, {summary.products} products,"
                        f" {summary.items} items, {summary.unpriced_variants} unpriced"
                    )
    print(f"feeds in {out}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url")
    parser.add_argument("--keep", type=Path, help="write the feeds here (default: a temp dir)")
    args = parser.parse_args()
    url = args.database_url or f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    out = args.keep or Path(tempfile.mkdtemp(prefix="agora-feeds-"))
    out.mkdir(parents=True, exist_ok=True)
    asyncio.run(run(args.runs, url, out))


if __name__ == "__main__":
    main()
