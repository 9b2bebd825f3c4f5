"""Feed items: one per priced variant, grouped by product, as Google and Meta expect.

- id: the variant's SKU; item_group_id: the product's slug (both stable and short).
- title: the product's name, then the variant's when it has its own; description: the
  product's description as plain text (else its SEO description, else the title).
- price and sale price follow Google's convention: when the compare-at price is above the price,
  the compare-at price is the price and the price the sale price.
- brand: a product (or variant) attribute named like "brand", else the fallback brand (the
  storefront's name unless told otherwise).
- gtin: the variant's barcode when its check digit is right; otherwise left out. A variant
  without any barcode has no identifier (Google's identifier_exists = no); one with a barcode
  that is not a valid GTIN is left for the merchant to fix (Merchant Center says so).
- condition: an attribute "condition" saying new, refurbished or used; else new.
- A variant without a price in the storefront cannot be sold there and makes no item.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from storefronts.feeds.catalog import AttributeValue, Money, Product, Variant
from storefronts.feeds.gtin import gtin
from storefronts.feeds.text import clean, plain_text, shorten

TITLE_LIMIT = 150  # Google's limit (Meta allows 200)
DESCRIPTION_LIMIT = 5000  # Google's limit (Meta allows 9999)
ADDITIONAL_IMAGES_LIMIT = 10  # Google's limit (Meta allows 20)
BRAND_LIMIT = 70  # Google's limit (Meta allows 100)
CONDITIONS = frozenset({"new", "refurbished", "used"})
_WORDS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class FeedItem:
    id: str
    item_group_id: str
    title: str
    description: str
    link: str
    image_link: str | None
    additional_image_links: tuple[str, ...]
    price: Money
    sale_price: Money | None
    in_stock: bool
    brand: str
    gtin: str | None
    has_identifier: bool
    condition: str
    product_type: str | None


def feed_items(product: Product, *, base_url: str, brand: str) -> Iterator[FeedItem]:
    """The product's items: one per variant the storefront prices."""
    link = f"{base_url.rstrip('/')}/{quote(product.slug, safe='')}"
    description = plain_text(product.description_html) or clean(product.seo_description or "")
    images = tuple(clean(url) for url in product.images)
    category = " > ".join(clean(name) for name in product.category_path) or None
    for variant in product.variants:
        if variant.price is None:
            continue
        price, sale_price = prices(variant.price, variant.compare_at_price)
        title = shorten(item_title(product, variant), TITLE_LIMIT)
        yield FeedItem(
            id=clean(variant.sku),
            item_group_id=clean(product.slug),
            title=title,
            description=shorten(description or title, DESCRIPTION_LIMIT),
            link=link,
            image_link=images[0] if images else None,
            additional_image_links=images[1 : 1 + ADDITIONAL_IMAGES_LIMIT],
            price=price,
            sale_price=sale_price,
            in_stock=variant.in_stock,
            brand=shorten(clean(brand_of(product, variant) or brand), BRAND_LIMIT),
            gtin=gtin(variant.barcode),
            has_identifier=bool((variant.barcode or "").strip()),
            condition=condition_of(product, variant),
            product_type=category,
        )


def prices(price: Money, compare_at: Money | None) -> tuple[Money, Money | None]:
    """(price, sale price): a compare-at price above the price makes the price a sale price."""
    if (
        compare_at is not None
        and compare_at.currency == price.currency
        and compare_at.value > price.value
    ):
        return compare_at, price
    return price, None


def item_title(product: Product, variant: Variant) -> str:
    name, variant_name = clean(product.name), clean(variant.name)
    if not variant_name or variant_name.casefold() == name.casefold():
        return name
    return f"{name} - {variant_name}"


def brand_of(product: Product, variant: Variant) -> str | None:
    """The first value of a variant's, then the product's, attribute named like 'brand'."""
    for attribute in (*variant.attributes, *product.attributes):
        if _named(attribute, "brand") and attribute.values:
            return attribute.values[0]
    return None


def condition_of(product: Product, variant: Variant) -> str:
    for attribute in (*variant.attributes, *product.attributes):
        if _named(attribute, "condition"):
            said = {value.casefold() for value in attribute.values} & CONDITIONS
            if len(said) == 1:
                return said.pop()
    return "new"


def _named(attribute: AttributeValue, word: str) -> bool:
    """The attribute's slug or name holds `word` as a word ('brand', 'Brand name', 'oem-brand')."""
    words = set(_WORDS.split(attribute.slug.casefold())) | set(
        _WORDS.split(attribute.name.casefold())
    )
    return word in words
