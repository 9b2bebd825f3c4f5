"""Meta (Facebook and Instagram) catalog data feed: CSV with Meta's column names.

https://www.facebook.com/business/help/120325381656392 lists the fields. The csv module
quotes every value that needs it (commas, quotes, line breaks).
"""

import csv
from collections.abc import Iterable
from typing import TextIO

from storefronts.feeds.items import FeedItem

COLUMNS = (
    "id",
    "item_group_id",
    "title",
    "description",
    "availability",
    "condition",
    "price",
    "sale_price",
    "link",
    "image_link",
    "additional_image_link",
    "brand",
    "gtin",
    "product_type",
)
AVAILABILITY = {True: "in stock", False: "out of stock"}


def write_meta_feed(out: TextIO, items: Iterable[FeedItem]) -> None:
    """A header row, then one row per item; `out` is opened with newline=''."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow(meta_row(item))


def meta_row(item: FeedItem) -> tuple[str, ...]:
    values = {
        "id": item.id,
        "item_group_id": item.item_group_id,
        "title": item.title,
        "description": item.description,
        "availability": AVAILABILITY[item.in_stock],
        "condition": item.condition,
        "price": str(item.price),
        "sale_price": str(item.sale_price) if item.sale_price else "",
        "link": item.link,
        "image_link": item.image_link or "",
        # Meta separates additional images with commas; a comma inside a URL is escaped.
        "additional_image_link": ",".join(
            u.replace(",", "%2C") for u in item.additional_image_links
        ),
        "brand": item.brand,
        "gtin": item.gtin or "",
        "product_type": item.product_type or "",
    }
    return tuple(values[column] for column in COLUMNS)
