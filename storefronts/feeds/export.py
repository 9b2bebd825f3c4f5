"""Read a storefront's whole catalog once, then write the Google and Meta feeds from it.

A feed file is written beside its destination and moved into place only when complete, so a
channel fetching it never sees half a feed, and a failed export leaves the last good one.
"""

import asyncio
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from storefronts.feeds.api import StorefrontApi
from storefronts.feeds.catalog import PAGE_SIZE, Progress, read_products, read_shop
from storefronts.feeds.google import write_google_feed
from storefronts.feeds.items import FeedItem, feed_items
from storefronts.feeds.meta import write_meta_feed


@dataclass(frozen=True)
class FeedOptions:
    base_url: str  # product links are this + "/" + the product's slug
    google: Path | None = None  # where to write the Google Merchant Center RSS feed
    meta: Path | None = None  # where to write the Meta catalog CSV
    language: str | None = None  # read the catalog in this language (one the storefront offers)
    brand: str | None = None  # brand of products without a brand attribute (default: storefront)
    page_size: int = PAGE_SIZE


@dataclass(frozen=True)
class FeedSummary:
    storefront: str
    products: int
    items: int
    unpriced_variants: int  # variants the storefront has no price for: in neither feed


async def export_feeds(
    api: StorefrontApi,
    options: FeedOptions,
    progress: Progress = lambda _read, _total: None,
) -> FeedSummary:
    shop = await read_shop(api)
    brand = options.brand or shop.name
    items: list[FeedItem] = []
    products = variants = 0
    pages = read_products(
        api,
        language=options.language,
        page_size=options.page_size,
        total=shop.product_count,
        progress=progress,
    )
    async for page in pages:
        for product in page:
            products += 1
            variants += len(product.variants)
            items.extend(feed_items(product, base_url=options.base_url, brand=brand))
    await asyncio.to_thread(_write, options, items, shop.name)
    return FeedSummary(shop.name, products, len(items), variants - len(items))


def _write(options: FeedOptions, items: list[FeedItem], storefront: str) -> None:
    if options.google is not None:
        xml = io.BytesIO()
        write_google_feed(
            xml,
            items,
            title=storefront,
            link=options.base_url,
            description=f"Products of {storefront}",
        )
        _replace(options.google, xml.getvalue())
    if options.meta is not None:
        csv = io.StringIO(newline="")
        write_meta_feed(csv, items)
        _replace(options.meta, csv.getvalue().encode("utf-8"))


def _replace(path: Path, content: bytes) -> None:
    """Write `path` through a temporary file in its directory, then move it into place (with
    the permissions of the file it replaces, or readable by all as a feed is published)."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
