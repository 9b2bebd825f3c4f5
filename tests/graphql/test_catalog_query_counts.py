"""A storefront's listing costs the same number of SQL statements for 5 or 50 products, and a
product's own page a fixed few."""

from typing import Any

import httpx
from starlette.applications import Starlette

from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog
from tests.support.client import GraphQLClient
from tests.support.statements import recorded_statements

PRODUCT_PAGE = """
query($first: Int!) {
  products(first: $first) {
    edges {
      node {
        name
        category { name }
        variants {
          sku price { amount currencyCode } compareAtPrice { amount } quantityAvailable inStock
        }
        priceRange { start { amount currencyCode } stop { amount currencyCode } }
      }
    }
  }
}
"""


async def stock_shop(catalog: Catalog, storefront_id: str, numbers: range) -> None:
    """Products in two categories, published with two priced variants each."""
    shoes = await catalog.category(f"Shoes {numbers.start}")
    socks = await catalog.category(f"Socks {numbers.start}", shoes)
    for number in numbers:
        product = await catalog.product(
            f"Product {number:03}", categoryId=shoes if number % 2 else socks
        )
        for size, price in (("S", f"{number}.50"), ("L", f"{number + 10}.00")):
            variant = await catalog.variant(product, f"SKU-{number}-{size}")
            await catalog.price(variant, storefront_id, price, compareAtPrice=f"{number + 20}.00")
        await catalog.publish(product, storefront_id)


async def visitor_request(
    app: Starlette, token: str, query: str, first: int
) -> tuple[int, dict[str, Any]]:
    """(statements issued, data) for one visitor request to `app`."""
    return await visitor_read(app, token, query, {"first": first})


async def visitor_read(
    app: Starlette, token: str, query: str, variables: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    engine = app.state.agora.database.engine.sync_engine
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://agora.test") as http:
        with recorded_statements(engine) as statements:
            result = await GraphQLClient(http).execute(query, variables, storefront=token)
    assert result.errors == [], result.body
    return len(statements), result.data


async def statements_for_page(
    app: Starlette, _merchant: MerchantWorld, token: str, first: int
) -> tuple[int, list[dict[str, Any]]]:
    """(statements issued, products listed) for one visitor request of the page."""
    count, data = await visitor_request(app, token, PRODUCT_PAGE, first)
    return count, [edge["node"] for edge in data["products"]["edges"]]


async def test_a_storefront_product_page_costs_the_same_for_5_or_50_products(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given 50 published products, each in a category with two priced variants
    storefront_id, token = await merchant_a.storefront("Web", "USD")
    await stock_shop(Catalog(merchant_a), storefront_id, range(1, 51))
    await statements_for_page(uncached, merchant_a, token, 5)  # warm caches
    # when a visitor reads a page of 5 and then a page of 50
    small, small_page = await statements_for_page(uncached, merchant_a, token, 5)
    large, large_page = await statements_for_page(uncached, merchant_a, token, 50)
    # then both pages are complete, with each product's category, variants and prices ...
    assert (len(small_page), len(large_page)) == (5, 50)
    for product in large_page:
        number = int(product["name"].split()[-1])
        assert product["category"]["name"] in ("Shoes 1", "Socks 1")
        assert product["variants"] == [
            {
                "sku": f"SKU-{number}-S",
                "price": {"amount": f"{number}.50", "currencyCode": "USD"},
                "compareAtPrice": {"amount": f"{number + 20}.00"},
                "quantityAvailable": 0,
                "inStock": False,
            },
            {
                "sku": f"SKU-{number}-L",
                "price": {"amount": f"{number + 10}.00", "currencyCode": "USD"},
                "compareAtPrice": {"amount": f"{number + 20}.00"},
                "quantityAvailable": 0,
                "inStock": False,
            },
        ]
        assert product["priceRange"] == {
            "start": {"amount": f"{number}.50", "currencyCode": "USD"},
            "stop": {"amount": f"{number + 10}.00", "currencyCode": "USD"},
        }
    # ... and the 50-product page took exactly as many statements as the 5-product one
    assert large == small, f"{small} statements for 5 products, {large} for 50"
    # ... well within the budget of 6 for a listing page: the products page with their
    # categories, and their variants with each one's price and stock (the storefront token is
    # known from memory)
    assert large == 2, f"{large} statements"


FULL_PAGE = """
query($first: Int!) {
  products(first: $first, sortBy: {field: PRICE}) {
    nodes {
      name slug thumbnail { url alt } media { url kind }
      category { name parent { name } }
      attributes { attribute { name kind } choices { name slug color } boolean }
      priceRange { start { amount } stop { amount } }
      variants {
        sku name price { amount } inStock quantityAvailable
        attributes { attribute { slug } choices { slug } }
      }
    }
  }
}
"""


async def typed_shop(catalog: Catalog, storefront_id: str, count: int) -> None:
    """Typed products with media, attribute values, variants by colour, prices and stock."""
    colour = await catalog.attribute(
        "Colour",
        "SWATCH",
        [{"name": "Black", "color": "#000000"}, {"name": "Sand", "color": "#d8c8a8"}],
    )
    eco = await catalog.attribute("Eco", "BOOLEAN")
    material = await catalog.attribute("Material", "SINGLE_SELECT", ["Wool", "Linen"])
    tee = await catalog.product_type("Tee", [material, eco], [colour])
    parent = await catalog.category("Apparel")
    tops = await catalog.category("Tops", parent)
    depot = await catalog.warehouse("Depot")
    await catalog.link_warehouses(storefront_id, [depot])
    for number in range(count):
        product = await catalog.product(
            f"Tee {number:03}",
            categoryId=tops,
            productTypeId=tee,
            media=[{"url": f"https://img.example.com/{number}.jpg", "alt": "front"}],
            attributes=[
                {"attributeId": material, "choices": ["wool"]},
                {"attributeId": eco, "boolean": number % 2 == 0},
            ],
        )
        for shade in ("black", "sand"):
            variant = await catalog.variant(
                product,
                f"TEE-{number}-{shade}",
                attributes=[{"attributeId": colour, "choices": [shade]}],
            )
            await catalog.price(variant, storefront_id, f"{10 + number}.00")
            await catalog.stock(variant, depot, number % 3)
        await catalog.publish(product, storefront_id)


async def test_a_full_product_page_costs_the_same_for_5_or_50_products(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given 50 typed products with media, attribute values, two variants each, prices and stock
    storefront_id, token = await merchant_a.storefront("Web", "USD")
    await typed_shop(Catalog(merchant_a), storefront_id, 50)

    async def page(first: int) -> tuple[int, list[dict[str, Any]]]:
        count, data = await visitor_request(uncached, token, FULL_PAGE, first)
        return count, data["products"]["nodes"]

    await page(5)  # warm caches
    # when a visitor reads a page of 5 and then one of 50
    small, _ = await page(5)
    large, products = await page(50)
    # then every relation is there ...
    first = products[0]
    assert first["thumbnail"] == {"url": "https://img.example.com/0.jpg", "alt": "front"}
    assert first["category"] == {"name": "Tops", "parent": {"name": "Apparel"}}
    assert [(a["attribute"]["name"], a["choices"], a["boolean"]) for a in first["attributes"]] == [
        ("Material", [{"name": "Wool", "slug": "wool", "color": None}], None),
        ("Eco", [], True),
    ]
    assert [v["attributes"][0]["choices"] for v in first["variants"]] == [
        [{"slug": "black"}],
        [{"slug": "sand"}],
    ]
    # ... and 50 products cost exactly as many statements as 5
    assert large == small, f"{small} statements for 5 products, {large} for 50"


NAMES_ONLY = "query($first: Int!) { products(first: $first) { nodes { name } } }"


async def test_a_page_asking_no_variant_fields_reads_no_variants(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given typed products with variants, prices and stock
    storefront_id, token = await merchant_a.storefront("Web", "USD")
    await typed_shop(Catalog(merchant_a), storefront_id, 3)
    engine = uncached.state.agora.database.engine.sync_engine
    transport = httpx.ASGITransport(app=uncached)
    # when a visitor lists only their names
    async with httpx.AsyncClient(transport=transport, base_url="http://agora.test") as http:
        with recorded_statements(engine) as statements:
            result = await GraphQLClient(http).execute(NAMES_ONLY, {"first": 5}, storefront=token)
    # then the page is read, and none of its variants, prices or stock
    assert len(result.data["products"]["nodes"]) == 3
    read = " ".join(statements)
    assert not any(table in read for table in ("product_variants", "variant_prices", "stocks"))


DETAIL_PAGE = """
query($slug: String!) {
  product(slug: $slug) {
    name media { url } category { name }
    priceRange { start { amount } stop { amount } }
    variants { sku price { amount currencyCode } quantityAvailable inStock }
  }
}
"""


async def test_a_product_detail_page_costs_two_statements(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given a published product with a category and two priced variants
    storefront_id, token = await merchant_a.storefront("Web", "USD")
    await stock_shop(Catalog(merchant_a), storefront_id, range(7, 8))
    await visitor_read(uncached, token, DETAIL_PAGE, {"slug": "product-007"})  # warm caches
    # when a visitor opens its page
    count, data = await visitor_read(uncached, token, DETAIL_PAGE, {"slug": "product-007"})
    # then the whole page is there ...
    product = data["product"]
    assert (product["name"], product["category"]) == ("Product 007", {"name": "Shoes 7"})
    assert [v["price"]["amount"] for v in product["variants"]] == ["7.50", "17.00"]
    # ... from two statements (the issue allows 8): the product with its listing on the
    # storefront and its category, then its variants with each one's price and stock
    assert count == 2, f"{count} statements"


async def test_a_product_page_for_a_product_not_listed_here_is_empty(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given a product published on the web storefront only
    web_id, _web = await merchant_a.storefront("Web", "USD")
    _app_id, app_token = await merchant_a.storefront("App", "USD")
    await stock_shop(Catalog(merchant_a), web_id, range(3, 4))
    # when a visitor of the other storefront opens its page
    _count, data = await visitor_read(uncached, app_token, DETAIL_PAGE, {"slug": "product-003"})
    # then there is no such product there
    assert data["product"] is None
