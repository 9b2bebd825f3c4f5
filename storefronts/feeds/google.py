"""Google Merchant Center product feed: RSS 2.0 with the `g:` namespace.

https://support.google.com/merchants/answer/7052112 lists the attributes. ElementTree writes
the document, so every value is escaped as XML requires.
"""

from collections.abc import Iterable
from typing import BinaryIO
from xml.etree import ElementTree as ET

from storefronts.feeds.items import FeedItem
from storefronts.feeds.text import clean

GOOGLE_NS = "http://base.google.com/ns/1.0"
AVAILABILITY = {True: "in_stock", False: "out_of_stock"}


def write_google_feed(
    out: BinaryIO, items: Iterable[FeedItem], *, title: str, link: str, description: str
) -> None:
    """An RSS 2.0 document (UTF-8, with an XML declaration) holding one <item> per item."""
    ET.register_namespace("g", GOOGLE_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", clean(title))
    _text(channel, "link", link)
    _text(channel, "description", clean(description))
    for item in items:
        channel.append(google_item(item))
    ET.indent(rss)
    ET.ElementTree(rss).write(out, encoding="utf-8", xml_declaration=True)


def google_item(item: FeedItem) -> ET.Element:
    element = ET.Element("item")
    fields: list[tuple[str, str | None]] = [
        ("id", item.id),
        ("item_group_id", item.item_group_id),
        ("title", item.title),
        ("description", item.description),
        ("link", item.link),
        ("image_link", item.image_link),
        *(("additional_image_link", url) for url in item.additional_image_links),
        ("availability", AVAILABILITY[item.in_stock]),
        ("price", str(item.price)),
        ("sale_price", str(item.sale_price) if item.sale_price else None),
        ("brand", item.brand),
        ("gtin", item.gtin),
        # A variant without any barcode is a product without identifiers, Google wants told.
        ("identifier_exists", None if item.has_identifier else "no"),
        ("condition", item.condition),
        ("product_type", item.product_type),
    ]
    for name, value in fields:
        if value:
            _text(element, f"{{{GOOGLE_NS}}}{name}", value)
    return element


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text
