"""Catalog promotions show as sale prices in listings, at one statement per page whatever its
size, and the cart charges what the listing shows."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from starlette.applications import Starlette

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.checkout import open_shop
from tests.support.client import GraphQLClient
from tests.support.promotion_api import create_promotion
from tests.support.statements import recorded_statements

PAGE = """
query($first: Int!) {
  products(first: $first) {
    nodes { name variants { sku price { amount } salePrice { amount } } }
  }
}
"""


def catalog_sale(percent: str, product_ids: list[str]) -> dict[str, Any]:
    return {
        "name": f"{percent}% sale",
        "kind": "CATALOG",
        "action": {"percentOff": {"percent": percent, "target": {"productIds": product_ids}}},
    }


async def test_a_catalog_promotion_shows_as_the_sale_price_and_the_cart_charges_it(
    merchant_a: MerchantWorld,
) -> None:
    # given two products, and 25% off the first
    shop = await open_shop(merchant_a)
    await shop.sell("BOOT", "80.00")
    await shop.sell("SOCK", "4.00")
    await create_promotion(merchant_a, **catalog_sale("25", [shop.products["BOOT"]]))
    # when a visitor lists them
    listed = await shop.visitor(PAGE, {"first": 10})
    variants = {v["sku"]: v for p in listed.data["products"]["nodes"] for v in p["variants"]}
    # then the boot sells for 60.00 (its price still 80.00), the sock for its price
    assert variants["BOOT"] == {
        "sku": "BOOT",
        "price": {"amount": "80.00"},
        "salePrice": {"amount": "60.00"},
    }
    assert variants["SOCK"]["salePrice"] == {"amount": "4.00"}
    # and a cart of two boots charges the sale price
    cart = await shop.cart({"BOOT": 2})
    assert cart["cost"]["subtotal"]["amount"] == "160.00"
    assert cart["cost"]["discount"] == {"amount": "40.00"}


async def test_sale_prices_cost_one_statement_per_page_whatever_its_size(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given 20 priced products and a catalog promotion on some of them
    storefront_id, token = await merchant_a.storefront("Web", "USD")
    catalog = Catalog(merchant_a)
    products = []
    for number in range(20):
        product = await catalog.product(f"Product {number:02}")
        variant = await catalog.variant(product, f"SKU-{number}")
        await catalog.price(variant, storefront_id, "10.00")
        await catalog.publish(product, storefront_id)
        products.append(product)
    await create_promotion(merchant_a, **catalog_sale("10", products[::2]))
    engine = uncached.state.agora.database.engine.sync_engine
    client = GraphQLClient(
        httpx.AsyncClient(transport=httpx.ASGITransport(app=uncached), base_url="http://agora.test")
    )

    async def statements(first: int) -> tuple[int, list[str]]:
        with recorded_statements(engine) as recorded:
            result = await client.execute(PAGE, {"first": first}, storefront=token)
        sales = [p["variants"][0]["salePrice"]["amount"] for p in result.data["products"]["nodes"]]
        return len(recorded), sales

    await statements(3)  # warm caches (another page size: the response cache must not answer)
    # when a visitor reads a page of 2, then of 20
    small, _ = await statements(2)
    large, sales = await statements(20)
    # then every other product is on sale, and the page costs the same whatever its size:
    # one statement more than a listing without sale prices (within the listing budget of 6)
    assert sales == ["9.00", "10.00"] * 10
    assert large == small
    assert large <= 6, large


async def test_promotions_on_a_tag_or_a_category_reach_listings_and_carts(
    merchant_a: MerchantWorld,
) -> None:
    # given a product tagged "summer" in the Hats category, and one that is neither
    shop = await open_shop(merchant_a)
    hats = await shop.catalog.category("Hats")
    hat = await shop.catalog.product("Straw hat", tags=["summer"], categoryId=hats)
    await shop.sell("HAT", "20.00", product=hat)
    await shop.sell("SCARF", "20.00")
    # and a 10% sale on summer things, and 5.00 off each hat in carts
    sale = catalog_sale("10", [])
    sale["action"]["percentOff"]["target"] = {"tags": ["summer"]}
    await create_promotion(merchant_a, **sale)
    await create_promotion(
        merchant_a,
        name="Hats",
        currency="USD",
        action={
            "type": "AmountOffEach",
            "amount": {"amount": "5.00", "currency": "USD"},
            "target": {"categoryIds": [hats]},
        },
    )
    # when a visitor lists them and puts one of each in a cart
    listed = await shop.visitor(PAGE, {"first": 10})
    sales = {
        v["sku"]: v["salePrice"] for p in listed.data["products"]["nodes"] for v in p["variants"]
    }
    cart = await shop.cart({"HAT": 1, "SCARF": 1})
    # then the hat is on sale at 18.00 and the cart takes 5.00 more off it, not off the scarf
    assert sales == {"HAT": {"amount": "18.00"}, "SCARF": {"amount": "20.00"}}
    assert cart["cost"]["discount"] == {"amount": "7.00"}


async def test_a_cached_listing_shows_a_scheduled_sale_when_it_starts_and_ends(
    merchant_a: MerchantWorld,
) -> None:
    # given a sale from two seconds from now for two seconds, and a cached listing before it
    shop = await open_shop(merchant_a)
    await shop.sell("BOOT", "80.00")
    starts = datetime.now(UTC) + timedelta(seconds=2)
    ends = starts + timedelta(seconds=2)
    sale = catalog_sale("25", [shop.products["BOOT"]])
    await create_promotion(merchant_a, **sale, startsAt=starts.isoformat(), endsAt=ends.isoformat())

    async def sale_price() -> tuple[str, str]:
        listed = await shop.visitor(PAGE, {"first": 10})
        [product] = listed.data["products"]["nodes"]
        return product["variants"][0]["salePrice"]["amount"], listed.headers["agora-cache"]

    assert await sale_price() == ("80.00", "miss")
    assert await sale_price() == ("80.00", "hit")
    # when the sale starts (nothing is written then), visitors see it at once
    await asyncio.sleep((starts - datetime.now(UTC)).total_seconds() + 0.2)
    assert (await sale_price())[0] == "60.00"
    # and when it ends, the list price is back
    await asyncio.sleep((ends - datetime.now(UTC)).total_seconds() + 0.2)
    assert (await sale_price())[0] == "80.00"


async def test_sale_prices_on_a_parent_category_cost_the_same_whatever_the_page_size(
    uncached: Starlette, merchant_a: MerchantWorld
) -> None:
    # given 12 products in a subcategory of Clothing, and a 10% sale on Clothing
    storefront_id, token = await merchant_a.storefront("Web", "USD")
    catalog = Catalog(merchant_a)
    clothing = await catalog.category("Clothing")
    hats = await catalog.category("Hats", parent=clothing)
    for number in range(12):
        product = await catalog.product(f"Product {number:02}", categoryId=hats)
        variant = await catalog.variant(product, f"SKU-{number}")
        await catalog.price(variant, storefront_id, "10.00")
        await catalog.publish(product, storefront_id)
    sale = catalog_sale("10", [])
    sale["action"]["percentOff"]["target"] = {"categoryIds": [clothing]}
    await create_promotion(merchant_a, **sale)
    engine = uncached.state.agora.database.engine.sync_engine
    client = GraphQLClient(
        httpx.AsyncClient(transport=httpx.ASGITransport(app=uncached), base_url="http://agora.test")
    )

    async def statements(first: int) -> tuple[int, list[str]]:
        with recorded_statements(engine) as recorded:
            result = await client.execute(PAGE, {"first": first}, storefront=token)
        sales = [p["variants"][0]["salePrice"]["amount"] for p in result.data["products"]["nodes"]]
        return len(recorded), sales

    await statements(3)  # warm caches
    # when a visitor reads a page of 2, then of 12
    small, _ = await statements(2)
    large, sales = await statements(12)
    # then every product is on sale, and the page costs the same whatever its size
    assert sales == ["9.00"] * 12
    assert large == small


async def test_a_limited_sale_leaves_cached_listings_when_its_last_use_is_taken(
    merchant_a: MerchantWorld,
) -> None:
    # given 25% off boots for two orders, and a cached listing showing it
    shop = await open_shop(merchant_a)
    await shop.sell("BOOT", "80.00", stock=10)
    sale = catalog_sale("25", [shop.products["BOOT"]])
    await create_promotion(merchant_a, **sale, usageLimit=2)

    async def sale_price() -> tuple[str, str]:
        listed = await shop.visitor(PAGE, {"first": 10})
        [product] = listed.data["products"]["nodes"]
        return product["variants"][0]["salePrice"]["amount"], listed.headers["agora-cache"]

    assert await sale_price() == ("60.00", "miss")
    # when the first order takes a use, the cached listing still holds (nothing it shows moved)
    ok(await shop.complete((await shop.ready_cart({"BOOT": 1}))["id"]))
    assert await sale_price() == ("60.00", "hit")
    # and when the second takes the last one, the very next read shows the list price again,
    # as a cart would now charge it
    ok(await shop.complete((await shop.ready_cart({"BOOT": 1}))["id"]))
    assert await sale_price() == ("80.00", "miss")
    assert (await shop.cart({"BOOT": 1}))["cost"]["discount"] == {"amount": "0.00"}
