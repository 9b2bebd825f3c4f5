"""Exporting a storefront's feeds through the real API: what Google and Meta receive.

Each test exports with a storefront token over the app's ASGI transport, then reads the files
back as the channels would: the XML with ElementTree, the CSV with the csv module.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from storefronts.feeds import ApiError, FeedOptions, FeedSummary, StorefrontApi, export_feeds
from tests.storefronts.feeds.conftest import AWKWARD_BRAND, AWKWARD_NAME, MUG_IMAGES, FeedStore

G = "{http://base.google.com/ns/1.0}"
BASE_URL = "https://shop.example.com/p"
META_COLUMNS = [
    "id", "item_group_id", "title", "description", "availability", "condition", "price",
    "sale_price", "link", "image_link", "additional_image_link", "brand", "gtin", "product_type",
]  # fmt: skip
SOCIAL_ITEMS = {"MUG-RED", "MUG-BLUE", "MUG-GREEN", "TENT-1"}
MUG_DESCRIPTION_TEXT = 'Holds 350 ml of hot coffee. Dishwasher safe 5 < 6 & "fine"'

ApiFor = Callable[[str], StorefrontApi]


@dataclass(frozen=True)
class Feeds:
    summary: FeedSummary
    xml: bytes
    csv: str
    progress: list[tuple[int, int | None]]

    @property
    def rss(self) -> ET.Element:
        return ET.fromstring(self.xml)  # noqa: S314 - our own feed, in a test

    @property
    def google(self) -> dict[str, dict[str, list[str]]]:
        """Each item's g: fields (name -> values), by g:id."""
        items = {}
        for item in self.rss.findall("channel/item"):
            fields: dict[str, list[str]] = {}
            for child in item:
                assert child.tag.startswith(G), f"{child.tag} is not in Google's namespace"
                fields.setdefault(child.tag.removeprefix(G), []).append(child.text or "")
            items[fields["id"][0]] = fields
        return items

    @property
    def meta(self) -> dict[str, dict[str, str]]:
        return {row["id"]: row for row in csv.DictReader(io.StringIO(self.csv))}

    def google_value(self, item: str, name: str) -> str | None:
        values = self.google[item].get(name)
        return values[0] if values else None


async def export(api: StorefrontApi, tmp_path: Path, **options: Any) -> Feeds:
    google, meta = tmp_path / "google.xml", tmp_path / "meta.csv"
    progress: list[tuple[int, int | None]] = []
    summary = await export_feeds(
        api,
        FeedOptions(base_url=BASE_URL, google=google, meta=meta, **options),
        lambda read, total: progress.append((read, total)),
    )
    return Feeds(summary, google.read_bytes(), meta.read_text(encoding="utf-8"), progress)


async def test_the_google_feed_is_rss_2_with_the_google_namespace(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    # when the social storefront's feeds are exported
    feeds = await export(api_for(store.social), tmp_path)
    # then the Google feed is an RSS 2.0 channel of the storefront declaring the g: namespace
    assert feeds.xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b'xmlns:g="http://base.google.com/ns/1.0"' in feeds.xml
    rss = feeds.rss
    assert (rss.tag, rss.attrib) == ("rss", {"version": "2.0"})
    [channel] = rss.findall("channel")
    assert channel.findtext("title") == "Social"
    assert channel.findtext("link") == BASE_URL
    assert channel.findtext("description")
    # and holds one item per priced variant with Google's required fields, once each
    assert set(feeds.google) == SOCIAL_ITEMS
    required = ["id", "title", "description", "link", "availability", "price", "brand", "condition"]
    for fields in feeds.google.values():
        assert all(len(fields[name]) == 1 and fields[name][0] for name in required), fields
    assert feeds.google["MUG-RED"]["item_group_id"] == ["cafe-mug"]
    assert feeds.google["MUG-RED"]["link"] == [f"{BASE_URL}/cafe-mug"]
    assert feeds.google["MUG-RED"]["image_link"] == [MUG_IMAGES[0]]
    assert feeds.google["MUG-RED"]["additional_image_link"] == [MUG_IMAGES[1]]
    assert feeds.google["MUG-RED"]["product_type"] == ["Outdoor > Camping"]


async def test_the_meta_feed_is_a_csv_with_metas_columns(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path)
    # then the CSV has Meta's header and the same items as the Google feed
    header, *rows = list(csv.reader(io.StringIO(feeds.csv)))
    assert header == META_COLUMNS
    assert all(len(row) == len(META_COLUMNS) for row in rows)
    assert set(feeds.meta) == SOCIAL_ITEMS
    required = ["id", "title", "description", "availability", "condition", "price", "link", "brand"]
    for row in feeds.meta.values():
        assert all(row[name] for name in required), row
    assert feeds.meta["MUG-RED"]["image_link"] == MUG_IMAGES[0]
    assert feeds.meta["TENT-1"]["image_link"] == ""


async def test_prices_are_the_storefronts_with_a_higher_compare_at_price_as_a_sale(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path)
    # then a compare-at price above the price is the price, and the price the sale price
    expected = {
        "MUG-RED": ("15.00 USD", "12.34 USD"),
        "MUG-BLUE": ("12.34 USD", None),
        "MUG-GREEN": ("12.34 USD", None),  # its compare-at price (10.00) is below the price
        "TENT-1": ("199.00 USD", None),
    }
    google = {
        i: (feeds.google_value(i, "price"), feeds.google_value(i, "sale_price")) for i in expected
    }
    meta = {i: (row["price"], row["sale_price"] or None) for i, row in feeds.meta.items()}
    assert google == expected
    assert meta == expected


async def test_the_marketplace_feed_lists_its_own_products_at_its_prices(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    # when the marketplace's feeds are exported
    feeds = await export(api_for(store.market), tmp_path)
    # then they list what it publishes and prices, in euros
    prices = {item: row["price"] for item, row in feeds.meta.items()}
    assert prices == {"MUG-RED": "11.00 EUR", "KETTLE-1": "23.00 EUR"}
    assert {i: feeds.google_value(i, "price") for i in feeds.google} == prices
    assert feeds.summary.unpriced_variants == 2  # MUG-BLUE and MUG-GREEN have no euro price


async def test_awkward_text_is_escaped_and_reads_back_exactly(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path)
    # then names with &, <, quotes and emoji, the plain-text description and a URL with a
    # query string read back exactly from both files
    expected = {
        "title": f"{AWKWARD_NAME} - Red",
        "brand": AWKWARD_BRAND,
        "description": MUG_DESCRIPTION_TEXT,
        "image_link": MUG_IMAGES[0],
    }
    assert {name: feeds.google_value("MUG-RED", name) for name in expected} == expected
    assert {name: feeds.meta["MUG-RED"][name] for name in expected} == expected
    # and the XML carries them escaped, as UTF-8
    assert 'Tom &amp; Jerry\'s &lt;Cosy&gt; "Café" Mug ☕'.encode() in feeds.xml
    assert b"size=large&amp;v=2" in feeds.xml


async def test_unpublished_archived_and_other_storefronts_products_never_appear(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path)
    # then neither feed mentions the unpublished stove, the archived lantern and variant, the
    # sandal published from 2099, the kettle published on the marketplace only, the lamp
    # without a price here, or the other merchant's mug
    never = ["STOVE", "Stove", "LANTERN", "Lantern", "MUG-OLD", "SANDAL", "sandal", "KETTLE",
             "Kettle", "LAMP-1", "BRAVO", "Bravo"]  # fmt: skip
    for text in (feeds.xml.decode(), feeds.csv):
        assert [word for word in never if word in text] == []
    # and the other merchant's feed lists only its own mug
    (tmp_path / "bravo").mkdir()
    theirs = await export(api_for(store.other_merchant), tmp_path / "bravo")
    assert set(theirs.meta) == set(theirs.google) == {"BRAVO-1"}


async def test_stock_brand_gtin_and_condition(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path)
    google = {
        item: {
            name: feeds.google_value(item, name)
            for name in ("availability", "brand", "gtin", "identifier_exists", "condition")
        }
        for item in SOCIAL_ITEMS
    }
    assert google == {
        # 5 in stock; a valid EAN-13; the brand attribute
        "MUG-RED": {"availability": "in_stock", "brand": AWKWARD_BRAND, "gtin": "4006381333931", "identifier_exists": None, "condition": "new"},
        # none in stock; a barcode with a wrong check digit is left out, not denied
        "MUG-BLUE": {"availability": "out_of_stock", "brand": AWKWARD_BRAND, "gtin": None, "identifier_exists": None, "condition": "new"},
        # stock not tracked: always sellable; no barcode at all
        "MUG-GREEN": {"availability": "in_stock", "brand": AWKWARD_BRAND, "gtin": None, "identifier_exists": "no", "condition": "new"},
        # no brand attribute: the storefront's name
        "TENT-1": {"availability": "in_stock", "brand": "Social", "gtin": None, "identifier_exists": "no", "condition": "new"},
    }  # fmt: skip
    meta = {item: (row["availability"], row["gtin"]) for item, row in feeds.meta.items()}
    assert meta == {
        "MUG-RED": ("in stock", "4006381333931"),
        "MUG-BLUE": ("out of stock", ""),
        "MUG-GREEN": ("in stock", ""),
        "TENT-1": ("in stock", ""),
    }


async def test_a_fallback_brand_can_be_given(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path, brand="Trailhead & Co")
    assert feeds.meta["TENT-1"]["brand"] == "Trailhead & Co"
    assert feeds.meta["MUG-RED"]["brand"] == AWKWARD_BRAND  # its attribute still wins


async def test_every_page_is_read_and_progress_told(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    # when the catalog is read one product a page
    paged = await export(api_for(store.social), tmp_path, page_size=1)
    # then every product is read, progress is told after each page with the total, and the
    # items are those of a single page
    assert paged.progress == [(1, 3), (2, 3), (3, 3)]
    assert paged.summary == FeedSummary("Social", products=3, items=4, unpriced_variants=1)
    whole = await export(api_for(store.social), tmp_path)
    assert whole.progress == [(3, 3)]
    assert (paged.xml, paged.csv) == (whole.xml, whole.csv)


async def test_the_catalog_is_read_in_the_language_asked(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    feeds = await export(api_for(store.social), tmp_path, language="fr")
    # then translated text is in French and the rest falls back to the text as entered
    assert feeds.meta["TENT-1"]["title"] == "Tente"
    assert feeds.meta["MUG-RED"]["title"] == f"{AWKWARD_NAME} - Red"


async def test_a_failed_export_says_why_and_leaves_the_last_feeds_in_place(
    store: FeedStore, api_for: ApiFor, tmp_path: Path
) -> None:
    # given feeds from an earlier export
    (tmp_path / "google.xml").write_text("earlier")
    (tmp_path / "meta.csv").write_text("earlier")
    # when an export asks for a language the storefront does not offer
    with pytest.raises(ApiError) as raised:
        await export(api_for(store.social), tmp_path, language="de")
    # then it fails with the API's reason and the earlier feeds are untouched
    assert str(raised.value) == (
        "HTTP 200 from http://agora.test/graphql: This storefront is read in en, fr. (INVALID)"
    )
    assert (tmp_path / "google.xml").read_text() == "earlier"
    assert (tmp_path / "meta.csv").read_text() == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["google.xml", "meta.csv"]
