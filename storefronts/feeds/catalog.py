"""A storefront's catalog read through the public API, page by page, as plain values.

Only what the storefront shows is ever returned by the API (published, not archived, live
variants, its prices and stock), so nothing here filters visibility: the feed lists what a
visitor of that storefront could buy.
"""

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from storefronts.feeds.api import ApiError, StorefrontApi
from storefronts.feeds.text import clean, plain_text

PAGE_SIZE = 100  # the API's largest page

SHOP = """
query FeedShop {
  storefront { name currency }
  productFacets { total }
}
"""
SELECTED = "attribute { slug name kind } choices { name } text number"
PRODUCTS = f"""
query FeedProducts($first: Int!, $after: String, $languageCode: String) {{
  products(
    first: $first, after: $after, languageCode: $languageCode, sortBy: {{ field: CREATED }}
  ) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{
      slug name descriptionHtml seoDescription
      media {{ url kind }}
      category {{ name ancestors {{ name }} }}
      attributes {{ {SELECTED} }}
      variants {{
        sku name barcode inStock
        price {{ amount currencyCode }}
        compareAtPrice {{ amount currencyCode }}
        attributes {{ {SELECTED} }}
      }}
    }}
  }}
}}
"""

Progress = Callable[[int, int | None], None]
"""Told (products read so far, products in all when known) after every page."""


@dataclass(frozen=True)
class Money:
    amount: str  # a decimal string with the currency's digits, as the API writes it
    currency: str

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)

    def __str__(self) -> str:
        """Google's and Meta's form: '12.34 USD'."""
        return f"{self.amount} {self.currency}"


@dataclass(frozen=True)
class AttributeValue:
    slug: str
    name: str
    values: tuple[str, ...]  # choice names, or the text or number, as plain text


@dataclass(frozen=True)
class Variant:
    sku: str
    name: str
    barcode: str | None
    in_stock: bool
    price: Money | None
    compare_at_price: Money | None
    attributes: tuple[AttributeValue, ...]


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    description_html: str
    seo_description: str | None
    images: tuple[str, ...]
    category_path: tuple[str, ...]  # root first
    attributes: tuple[AttributeValue, ...]
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Shop:
    name: str
    currency: str
    product_count: int | None


async def read_shop(api: StorefrontApi) -> Shop:
    data = await api.query(SHOP, {})
    storefront = data.get("storefront")
    if storefront is None:
        raise ApiError(f"{api.url} knows no storefront for this token")
    total = (data.get("productFacets") or {}).get("total")
    return Shop(storefront["name"], storefront["currency"], total)


async def read_products(
    api: StorefrontApi,
    *,
    language: str | None = None,
    page_size: int = PAGE_SIZE,
    total: int | None = None,
    progress: Progress = lambda _read, _total: None,
) -> AsyncIterator[list[Product]]:
    """Every product the storefront lists, a page at a time."""
    after: str | None = None
    read = 0
    while True:
        variables = {"first": page_size, "after": after, "languageCode": language}
        connection = (await api.query(PRODUCTS, variables))["products"]
        page = [product(node) for node in connection["nodes"]]
        read += len(page)
        progress(read, total)
        yield page
        info = connection["pageInfo"]
        if not info["hasNextPage"]:
            return
        if not info["endCursor"] or info["endCursor"] == after:
            raise ApiError(f"{api.url} says more products follow but gives no new cursor")
        after = info["endCursor"]


def product(node: dict[str, Any]) -> Product:
    category = node.get("category")
    path = (*(a["name"] for a in category["ancestors"]), category["name"]) if category else ()
    return Product(
        slug=node["slug"],
        name=node["name"],
        description_html=node["descriptionHtml"],
        seo_description=node.get("seoDescription"),
        images=tuple(m["url"] for m in node["media"] if m["kind"] == "IMAGE"),
        category_path=path,
        attributes=attributes(node["attributes"]),
        variants=tuple(variant(v) for v in node["variants"]),
    )


def variant(node: dict[str, Any]) -> Variant:
    return Variant(
        sku=node["sku"],
        name=node["name"],
        barcode=node.get("barcode"),
        in_stock=bool(node.get("inStock")),
        price=money(node.get("price")),
        compare_at_price=money(node.get("compareAtPrice")),
        attributes=attributes(node["attributes"]),
    )


def money(node: dict[str, Any] | None) -> Money | None:
    return Money(node["amount"], node["currencyCode"]) if node else None


def attributes(nodes: list[dict[str, Any]]) -> tuple[AttributeValue, ...]:
    found = []
    for node in nodes:
        attribute = node["attribute"]
        text = node.get("text")
        if text is not None and attribute.get("kind") == "RICH_TEXT":
            text = plain_text(text)
        values = [c["name"] for c in node["choices"]] + [text or "", node.get("number") or ""]
        cleaned = tuple(value for value in map(clean, values) if value)
        found.append(AttributeValue(attribute["slug"], attribute["name"], cleaned))
    return tuple(found)
