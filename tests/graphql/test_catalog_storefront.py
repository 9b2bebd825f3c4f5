"""The catalog as a storefront visitor sees it: only what that storefront publishes, at its prices.

Visitors send the storefront token and nothing else. Staff-only fields (cost prices, private
metadata, listings, every storefront's prices) are refused to them and never reach the body.
"""

import json
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog
from tests.support.client import GraphQLClient, Response

PRODUCT_NAMES = """
query($category: ID, $search: String) {
  products(first: 100, filter: {categoryId: $category}, search: $search) { nodes { name } }
}
"""
PRODUCT_PRICES = """
{
  products(first: 100) {
    nodes {
      name
      variants { sku price { amount currencyCode } compareAtPrice { amount currencyCode } }
      priceRange { start { amount currencyCode } stop { amount currencyCode } }
    }
  }
}
"""
PRODUCT_BY_SLUG = """
query($slug: String!) { product(slug: $slug) { name slug category { name } } }
"""
PRODUCT_BY_ID = "query($id: ID!) { product(id: $id) { name } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on Product { name } } }"
VARIANT_NODE = "query($id: ID!) { node(id: $id) { id ... on ProductVariant { sku } } }"

# Each asks, as a visitor would by mistake or on purpose, for one staff-only field.
STAFF_ONLY: dict[str, tuple[str, list[str | int]]] = {
    "privateMetadata": (
        "query($slug: String!) { product(slug: $slug) { name privateMetadata { key value } } }",
        ["product", "privateMetadata"],
    ),
    "listings": (
        "query($slug: String!) { product(slug: $slug) { name listings { isPublished } } }",
        ["product", "listings"],
    ),
    "prices": (
        """
        query($slug: String!) {
          product(slug: $slug) {
            name variants { sku prices { price { amount currencyCode } } }
          }
        }
        """,
        ["product", "variants", 0, "prices"],
    ),
    "costPrice": (
        """
        query($slug: String!) {
          product(slug: $slug) { name variants { prices { costPrice { amount } } } }
        }
        """,
        ["product", "variants", 0, "prices"],
    ),
}


@dataclass
class Shop:
    """Merchant alpha's catalog on two storefronts, as the tests below read it."""

    merchant: MerchantWorld
    web: str  # storefront token, USD
    marketplace: str  # storefront token, EUR
    ids: dict[str, str]

    async def visit(
        self, query: str, variables: dict[str, Any] | None = None, *, on: str = "web"
    ) -> Response:
        token = self.web if on == "web" else self.marketplace
        return await self.merchant.client.execute(query, variables, storefront=token)

    async def names(self, on: str = "web", **filters: Any) -> list[str]:
        result = await self.visit(PRODUCT_NAMES, filters, on=on)
        assert result.errors == [], result.body
        return sorted(node["name"] for node in result.data["products"]["nodes"])


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    """
    Categories: Shoes > (Running > Trail, Hiking); Clothing.
    Web (USD) shows: Trail runner, Hiking boot. Marketplace (EUR): Trail runner, Wool sock.
    Never shown: Rain jacket (unpublished), Future sandal (from 2099), Old runner (archived),
    and Trail runner's archived variant.
    """
    catalog = Catalog(merchant_a)
    web_id, web = await merchant_a.storefront("Web", "USD")
    market_id, market = await merchant_a.storefront("Marketplace", "EUR")
    shoes = await catalog.category("Shoes")
    running = await catalog.category("Running", shoes)
    trail = await catalog.category("Trail", running)
    hiking = await catalog.category("Hiking", shoes)
    clothing = await catalog.category("Clothing")

    runner = await catalog.product(
        "Trail runner",
        slug="trail-runner",
        descriptionHtml="<p>Grippy <strong>lugs</strong> for muddy paths</p>",
        categoryId=trail,
        metadata=[{"key": "material", "value": "mesh"}],
        privateMetadata=[{"key": "supplier", "value": "SECRET-SUPPLIER"}],
    )
    small = await catalog.variant(runner, "RUN-41")
    large = await catalog.variant(runner, "RUN-44")
    retired = await catalog.variant(runner, "RUN-OLD")
    await catalog.price(small, web_id, "120.00", compareAtPrice="150.00", costPrice="61.11")
    await catalog.price(large, web_id, "90.00", costPrice="61.11")
    await catalog.price(small, market_id, "111.11", compareAtPrice="133.33", costPrice="62.22")
    await catalog.price(large, market_id, "99.99", costPrice="62.22")
    await catalog.price(retired, web_id, "5.00")
    await catalog.archive_variant(retired)
    await catalog.publish(runner, web_id)
    await catalog.publish(runner, market_id)

    boot = await catalog.product(
        "Hiking boot",
        slug="hiking-boot",
        descriptionHtml="<p>Waterproof leather</p>",
        categoryId=hiking,
    )
    await catalog.price(await catalog.variant(boot, "BOOT-1"), web_id, "200.00")
    await catalog.publish(boot, web_id)

    sock = await catalog.product("Wool sock", slug="wool-sock", categoryId=clothing)
    await catalog.publish(sock, market_id)

    jacket = await catalog.product(
        "Rain jacket", slug="rain-jacket", descriptionHtml="<p>Waterproof</p>", categoryId=clothing
    )
    await catalog.price(await catalog.variant(jacket, "JACKET-1"), web_id, "80.00")

    sandal = await catalog.product("Future sandal", slug="future-sandal", categoryId=shoes)
    await catalog.publish(sandal, web_id, available_from="2099-01-01T00:00:00+00:00")

    old = await catalog.product("Old runner", slug="old-runner", categoryId=running)
    await catalog.publish(old, web_id)
    await catalog.archive_product(old)

    ids = {
        "runner": runner,
        "small": small,
        "large": large,
        "retired": retired,
        "boot": boot,
        "sock": sock,
        "jacket": jacket,
        "sandal": sandal,
        "old": old,
        "shoes": shoes,
        "running": running,
        "trail": trail,
        "hiking": hiking,
        "clothing": clothing,
    }
    return Shop(merchant_a, web, market, ids)


# --- what is listed ----------------------------------------------------------------------------


async def test_each_storefront_lists_only_what_it_publishes_now(shop: Shop) -> None:
    # when visitors of each storefront list the products
    # then each sees what is published there, available now and not archived
    assert await shop.names("web") == ["Hiking boot", "Trail runner"]
    assert await shop.names("marketplace") == ["Trail runner", "Wool sock"]


async def test_an_unpublished_listing_hides_a_product_again(shop: Shop) -> None:
    # given the boot is unpublished from the web storefront
    result = await shop.merchant.run(
        """
        mutation($product: ID!, $storefront: ID!) {
          productListingSet(productId: $product, storefrontId: $storefront, isPublished: false) {
            userErrors { code }
          }
        }
        """,
        {"product": shop.ids["boot"], "storefront": await storefront_id(shop, "Web")},
    )
    assert result.data["productListingSet"]["userErrors"] == []
    # then web visitors no longer see it
    assert await shop.names("web") == ["Trail runner"]


async def storefront_id(shop: Shop, name: str) -> str:
    result = await shop.merchant.run("{ storefronts { nodes { id name } } }")
    return str(next(s["id"] for s in result.data["storefronts"]["nodes"] if s["name"] == name))


async def test_a_product_available_from_a_past_date_is_listed(shop: Shop) -> None:
    # given the sandal's availability moved to the past
    await Catalog(shop.merchant).publish(
        shop.ids["sandal"], await storefront_id(shop, "Web"), available_from="2020-01-01T00:00:00Z"
    )
    # then web visitors see it
    assert "Future sandal" in await shop.names("web")


async def test_archiving_a_published_product_hides_it_from_visitors(shop: Shop) -> None:
    # given the boot is listed on the web storefront
    assert "Hiking boot" in await shop.names("web")
    # when it is archived
    await Catalog(shop.merchant).archive_product(shop.ids["boot"])
    # then visitors no longer find it, by list, slug or id, while staff still read it
    assert await shop.names("web") == ["Trail runner"]
    by_slug = await shop.visit(PRODUCT_BY_SLUG, {"slug": "hiking-boot"})
    assert by_slug.data["product"] is None
    staff = await shop.merchant.run(
        "query($id: ID!) { product(id: $id) { name archivedAt } }", {"id": shop.ids["boot"]}
    )
    assert staff.data["product"]["name"] == "Hiking boot"
    assert staff.data["product"]["archivedAt"] is not None


async def test_a_visitor_without_a_storefront_token_is_refused(client: GraphQLClient) -> None:
    result = await client.execute(PRODUCT_NAMES)
    assert result.error_codes == ["UNAUTHENTICATED"]


# --- prices ------------------------------------------------------------------------------------


async def test_each_visitor_sees_only_its_own_storefront_prices(shop: Shop) -> None:
    # when a web visitor and a marketplace visitor read prices
    web = await shop.visit(PRODUCT_PRICES, on="web")
    market = await shop.visit(PRODUCT_PRICES, on="marketplace")
    # then each sees its storefront's prices in its currency
    web_runner = product_named(web, "Trail runner")
    assert web_runner["variants"] == [
        {
            "sku": "RUN-41",
            "price": {"amount": "120.00", "currencyCode": "USD"},
            "compareAtPrice": {"amount": "150.00", "currencyCode": "USD"},
        },
        {
            "sku": "RUN-44",
            "price": {"amount": "90.00", "currencyCode": "USD"},
            "compareAtPrice": None,
        },
    ]
    market_runner = product_named(market, "Trail runner")
    assert [v["price"] for v in market_runner["variants"]] == [
        {"amount": "111.11", "currencyCode": "EUR"},
        {"amount": "99.99", "currencyCode": "EUR"},
    ]
    assert market_runner["variants"][0]["compareAtPrice"] == {
        "amount": "133.33",
        "currencyCode": "EUR",
    }
    # and never the other storefront's (nor any cost price)
    web_text, market_text = json.dumps(web.body), json.dumps(market.body)
    for foreign in ("EUR", "111.11", "99.99", "133.33", "62.22", "61.11"):
        assert foreign not in web_text
    for foreign in ("USD", "120.00", "90.00", "150.00", "61.11", "62.22"):
        assert foreign not in market_text


async def test_the_price_range_spans_the_live_variants_of_the_storefront(shop: Shop) -> None:
    # when visitors read price ranges
    web = await shop.visit(PRODUCT_PRICES, on="web")
    market = await shop.visit(PRODUCT_PRICES, on="marketplace")
    # then the range runs from the cheapest to the dearest live variant, in that storefront
    # (the archived RUN-OLD at 5.00 does not count)
    assert product_named(web, "Trail runner")["priceRange"] == {
        "start": {"amount": "90.00", "currencyCode": "USD"},
        "stop": {"amount": "120.00", "currencyCode": "USD"},
    }
    assert product_named(web, "Hiking boot")["priceRange"] == {
        "start": {"amount": "200.00", "currencyCode": "USD"},
        "stop": {"amount": "200.00", "currencyCode": "USD"},
    }
    assert product_named(market, "Trail runner")["priceRange"] == {
        "start": {"amount": "99.99", "currencyCode": "EUR"},
        "stop": {"amount": "111.11", "currencyCode": "EUR"},
    }
    # and a product with no price there has no range
    assert product_named(market, "Wool sock")["priceRange"] is None


async def test_a_variant_read_by_id_has_its_storefront_price_and_stock(shop: Shop) -> None:
    # when a visitor reads a variant on its own, not through its product
    result = await shop.visit(
        """
        query($id: ID!) {
          node(id: $id) {
            ... on ProductVariant { sku price { amount currencyCode } compareAtPrice { amount } inStock }
          }
        }
        """,
        {"id": shop.ids["small"]},
    )
    # then it carries the same storefront facts as in a listing
    assert result.data["node"] == {
        "sku": "RUN-41",
        "price": {"amount": "120.00", "currencyCode": "USD"},
        "compareAtPrice": {"amount": "150.00"},
        "inStock": False,
    }


async def test_archived_variants_are_not_shown_to_visitors(shop: Shop) -> None:
    web = await shop.visit(PRODUCT_PRICES, on="web")
    assert [v["sku"] for v in product_named(web, "Trail runner")["variants"]] == [
        "RUN-41",
        "RUN-44",
    ]
    node = await shop.visit(VARIANT_NODE, {"id": shop.ids["retired"]})
    assert node.error_codes == ["NOT_FOUND"]
    assert "RUN-OLD" not in json.dumps(node.body)


async def test_prices_kept_from_before_a_currency_change_are_not_shown(shop: Shop) -> None:
    # given the web storefront switches from USD to GBP
    web_id = await storefront_id(shop, "Web")
    result = await shop.merchant.run(
        """
        mutation($id: ID!) {
          storefrontUpdate(id: $id, input: {name: "Web", currency: "GBP"}) {
            userErrors { code }
          }
        }
        """,
        {"id": web_id},
    )
    assert result.data["storefrontUpdate"]["userErrors"] == []
    # when a visitor reads prices
    web = await shop.visit(PRODUCT_PRICES)
    # then no USD price is passed off as the storefront's: the variants are unpriced there
    runner = product_named(web, "Trail runner")
    assert [v["price"] for v in runner["variants"]] == [None, None]
    assert runner["priceRange"] is None
    assert "USD" not in json.dumps(web.body)
    # until the merchant prices them in GBP
    await Catalog(shop.merchant).price(shop.ids["large"], web_id, "70.00")
    runner = product_named(await shop.visit(PRODUCT_PRICES), "Trail runner")
    assert [v["price"] for v in runner["variants"]] == [
        None,
        {"amount": "70.00", "currencyCode": "GBP"},
    ]
    assert runner["priceRange"]["start"] == {"amount": "70.00", "currencyCode": "GBP"}


def product_named(response: Response, name: str) -> dict[str, Any]:
    assert response.errors == [], response.body
    nodes = response.data["products"]["nodes"]
    found: dict[str, Any] = next(node for node in nodes if node["name"] == name)
    return found


# --- staff-only fields -------------------------------------------------------------------------


@pytest.mark.parametrize("field", sorted(STAFF_ONLY))
async def test_a_staff_only_field_is_refused_to_a_visitor_and_never_leaks(
    shop: Shop, field: str
) -> None:
    query, path = STAFF_ONLY[field]
    # when a web visitor asks for the staff-only field of a product it may see
    result = await shop.visit(query, {"slug": "trail-runner"})
    # then it gets an authentication error at that field (once per item that has it), and no
    # value for it, while the rest of the product still comes back ...
    assert set(result.error_codes) == {"UNAUTHENTICATED"}, result.body
    assert path in [error["path"] for error in result.errors]
    assert value_at(result.body.get("data"), path) is None
    assert result.body["data"]["product"] is not None
    # ... and none of the staff-only data anywhere in the response
    text = json.dumps(result.body)
    for secret in ("SECRET-SUPPLIER", "supplier", "61.11", "62.22", "111.11", "EUR"):
        assert secret not in text


def value_at(data: Any, path: list[str | int]) -> Any:
    """The value at `path`, or the null it was folded into (non-null fields null their parent)."""
    for step in path:
        if data is None:
            return None
        data = data[step]
    return data


@pytest.mark.parametrize("field", sorted(STAFF_ONLY))
async def test_staff_with_manage_products_read_the_staff_only_fields(
    shop: Shop, field: str
) -> None:
    # the same documents succeed for the owner: the refusals above are about who asks
    query, _ = STAFF_ONLY[field]
    result = await shop.merchant.run(query, {"slug": "trail-runner"})
    assert result.errors == [], result.body
    assert result.data["product"]["name"] == "Trail runner"


async def test_staff_without_manage_products_cannot_read_private_metadata(shop: Shop) -> None:
    # given a staff user who may do everything but manage products
    _, token = await shop.merchant.staff("clerk@alpha.example.com", ["MANAGE_ORDERS"])
    query, path = STAFF_ONLY["privateMetadata"]
    # when they read a product's private metadata
    result = await shop.merchant.client.execute(query, {"slug": "trail-runner"}, token=token)
    # then it is forbidden and not shown
    assert result.error_codes == ["FORBIDDEN"]
    assert result.errors[0]["path"] == path
    assert "SECRET-SUPPLIER" not in json.dumps(result.body)


async def test_public_metadata_is_shown_to_visitors(shop: Shop) -> None:
    result = await shop.visit(
        "query($slug: String!) { product(slug: $slug) { metadata { key value } } }",
        {"slug": "trail-runner"},
    )
    assert result.data["product"]["metadata"] == [{"key": "material", "value": "mesh"}]


# --- filters -----------------------------------------------------------------------------------


async def test_a_category_filter_includes_every_category_below_it(shop: Shop) -> None:
    # Trail runner is in Shoes > Running > Trail, Hiking boot in Shoes > Hiking
    ids = shop.ids
    assert await shop.names("web", category=ids["shoes"]) == ["Hiking boot", "Trail runner"]
    assert await shop.names("web", category=ids["running"]) == ["Trail runner"]
    assert await shop.names("web", category=ids["trail"]) == ["Trail runner"]
    assert await shop.names("web", category=ids["hiking"]) == ["Hiking boot"]
    # and it still shows only what the storefront publishes
    assert await shop.names("web", category=ids["clothing"]) == []
    assert await shop.names("marketplace", category=ids["clothing"]) == ["Wool sock"]


async def test_search_matches_words_of_the_name_or_description(shop: Shop) -> None:
    assert await shop.names("web", search="boot") == ["Hiking boot"]
    assert await shop.names("web", search="MUDDY") == ["Trail runner"]
    # the unpublished jacket says "Waterproof" too, but is not listed
    assert await shop.names("web", search="waterproof") == ["Hiking boot"]
    assert await shop.names("web", search="nothing like this") == []


async def test_search_treats_wildcards_as_plain_text(shop: Shop) -> None:
    assert await shop.names("web", search="%") == []
    assert await shop.names("web", search="_") == []


async def test_search_and_category_combine(shop: Shop) -> None:
    names = await shop.names("web", category=shop.ids["running"], search="boot")
    assert names == []


# --- single products ---------------------------------------------------------------------------


async def test_a_published_product_is_found_by_slug_and_id(shop: Shop) -> None:
    by_slug = await shop.visit(PRODUCT_BY_SLUG, {"slug": "trail-runner"})
    assert by_slug.data["product"] == {
        "name": "Trail runner",
        "slug": "trail-runner",
        "category": {"name": "Trail"},
    }
    by_id = await shop.visit(PRODUCT_BY_ID, {"id": shop.ids["runner"]})
    assert by_id.data["product"] == {"name": "Trail runner"}


@pytest.mark.parametrize(
    ("product", "slug", "on"),
    [
        ("jacket", "rain-jacket", "web"),
        ("sandal", "future-sandal", "web"),
        ("old", "old-runner", "web"),
        ("boot", "hiking-boot", "marketplace"),
    ],
)
async def test_a_product_the_storefront_does_not_show_reads_as_null_or_not_found(
    shop: Shop, product: str, slug: str, on: str
) -> None:
    # when a visitor asks for it by slug, by id, or as a node
    by_slug = await shop.visit(PRODUCT_BY_SLUG, {"slug": slug}, on=on)
    by_id = await shop.visit(PRODUCT_BY_ID, {"id": shop.ids[product]}, on=on)
    node = await shop.visit(NODE, {"id": shop.ids[product]}, on=on)
    # then the product fields are null and the node is not found
    assert by_slug.errors == [] and by_slug.data["product"] is None
    assert by_id.errors == [] and by_id.data["product"] is None
    assert node.error_codes == ["NOT_FOUND"]
    assert node.body["data"]["node"] is None


async def test_a_published_product_is_a_node_for_its_visitors(shop: Shop) -> None:
    node = await shop.visit(NODE, {"id": shop.ids["runner"]})
    assert node.data["node"] == {"id": shop.ids["runner"], "name": "Trail runner"}


async def test_another_merchants_storefront_sees_none_of_this_catalog(
    shop: Shop, merchant_b: MerchantWorld
) -> None:
    # given merchant bravo's storefront
    _, bravo = await merchant_b.storefront("Bravo web", "USD")
    # when its visitor lists products or asks for alpha's by slug
    listed = await merchant_b.client.execute(PRODUCT_NAMES, storefront=bravo)
    by_slug = await merchant_b.client.execute(
        PRODUCT_BY_SLUG, {"slug": "trail-runner"}, storefront=bravo
    )
    # then it sees nothing of alpha's
    assert listed.data["products"]["nodes"] == []
    assert by_slug.data["product"] is None


# --- staff view --------------------------------------------------------------------------------


async def test_staff_without_a_storefront_token_list_every_product(shop: Shop) -> None:
    result = await shop.merchant.run(PRODUCT_NAMES)
    assert sorted(n["name"] for n in result.data["products"]["nodes"]) == [
        "Future sandal",
        "Hiking boot",
        "Old runner",
        "Rain jacket",
        "Trail runner",
        "Wool sock",
    ]


async def test_staff_see_no_storefront_price_without_a_storefront_token(shop: Shop) -> None:
    result = await shop.merchant.run(PRODUCT_PRICES)
    runner = product_named(result, "Trail runner")
    assert runner["priceRange"] is None
    assert [v["price"] for v in runner["variants"]] == [None, None]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"category": "shoes"}, ["Future sandal", "Hiking boot", "Old runner", "Trail runner"]),
        ({"search": "waterproof"}, ["Hiking boot", "Rain jacket"]),
    ],
)
async def test_staff_without_a_storefront_token_filter_the_whole_catalog(
    shop: Shop, filters: dict[str, str], expected: list[str]
) -> None:
    variables = {k: shop.ids[v] if k == "category" else v for k, v in filters.items()}
    # when staff filter the products without naming a storefront
    result = await shop.merchant.run(PRODUCT_NAMES, variables)
    # then they get every matching product, unpublished and archived ones included
    assert sorted(n["name"] for n in result.data["products"]["nodes"]) == expected


async def test_staff_with_a_storefront_token_filter_that_storefront(shop: Shop) -> None:
    result = await shop.merchant.run(
        PRODUCT_NAMES, {"category": shop.ids["shoes"]}, storefront=shop.web
    )
    assert sorted(n["name"] for n in result.data["products"]["nodes"]) == [
        "Hiking boot",
        "Trail runner",
    ]
