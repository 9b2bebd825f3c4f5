"""The storefront response cache: repeated anonymous catalog reads are answered from stored
bytes, and never after a change that affects them."""

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from asgi_lifespan import LifespanManager
from redis.asyncio import Redis
from starlette.applications import Starlette

from server.app import create_app
from tests.conftest import make_settings
from tests.graphql.test_catalog_inventory import link, stock, warehouse
from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import LISTING_SET, PRICE_SET, Catalog
from tests.support.client import GraphQLClient, Response
from tests.support.customers import shopper
from tests.support.statements import recorded_statements

LISTING = """
query($first: Int!) {
  products(first: $first) {
    nodes { name variants { sku price { amount currencyCode } inStock } }
  }
}
"""
EXACT_STOCK = """
query { products(first: 10) { nodes { variants { sku quantityAvailable } } } }
"""
IN_STOCK_ONLY = """
query { products(first: 10, filter: { inStock: true }) { nodes { name } } }
"""
NAMES_IN = """
query($language: String) { products(first: 10, languageCode: $language) { nodes { name } } }
"""
STOREFRONT_NAME = "query { storefront { name } }"
TOO_MANY = "query { products(first: 1000) { nodes { name } } }"
STOREFRONT_UPDATE = """
mutation($id: ID!, $input: StorefrontInput!) {
  storefrontUpdate(id: $id, input: $input) { storefront { id } userErrors { field message } }
}
"""
TOKEN_ROTATE = """
mutation($id: ID!) { storefrontTokenRotate(id: $id) { storefront { token } userErrors { message } } }
"""
MERCHANT_SUSPEND = """
mutation($id: ID!) { merchantSuspend(id: $id) { merchant { status } userErrors { message } } }
"""
TRANSLATE = """
mutation($id: ID!, $language: String!, $input: TranslationInput!) {
  translationSet(id: $id, languageCode: $language, input: $input) { userErrors { field message } }
}
"""


async def shop(merchant: MerchantWorld, storefront: str, *, price: str = "10.00") -> str:
    """One published product with one priced variant; returns the variant's id."""
    catalog = Catalog(merchant)
    product = await catalog.product("Wool Hat")
    variant = await catalog.variant(product, "HAT-1")
    await set_price(merchant, variant, storefront, price)
    await catalog.publish(product, storefront)
    return variant


async def set_price(merchant: MerchantWorld, variant: str, storefront: str, price: str) -> None:
    result = await merchant.run(
        PRICE_SET, {"variant": variant, "storefront": storefront, "input": {"price": price}}
    )
    ok(result.data["productVariantPriceSet"])


async def visit(
    client: GraphQLClient, token: str, query: str = LISTING, **variables: Any
) -> Response:
    return await client.execute(query, variables or {"first": 10}, storefront=token)


def prices(result: Response) -> list[str]:
    return [v["price"]["amount"] for p in result.data["products"]["nodes"] for v in p["variants"]]


async def test_a_repeated_anonymous_read_is_answered_without_touching_the_database(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given a published product and a visitor who read the listing once
    storefront, token = await merchant_a.storefront("Web", "USD")
    await shop(merchant_a, storefront)
    first = await visit(merchant_a.client, token)
    # when the same read comes again
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        again = await visit(merchant_a.client, token)
    # then the stored answer comes back, byte for byte, without a single SQL statement
    assert first.headers["agora-cache"] == "miss"
    assert again.headers["agora-cache"] == "hit"
    assert again.body == first.body
    assert statements == []


async def test_a_price_change_is_seen_by_the_very_next_read(merchant_a: MerchantWorld) -> None:
    # given a cached listing at 10.00
    storefront, token = await merchant_a.storefront("Web", "USD")
    variant = await shop(merchant_a, storefront)
    await visit(merchant_a.client, token)
    assert prices(await visit(merchant_a.client, token)) == ["10.00"]
    # when staff change the price
    await set_price(merchant_a, variant, storefront, "12.50")
    # then the next read shows it
    after = await visit(merchant_a.client, token)
    assert after.headers["agora-cache"] == "miss"
    assert prices(after) == ["12.50"]


async def test_an_unpublished_product_disappears_at_once(merchant_a: MerchantWorld) -> None:
    # given a cached listing with one product
    storefront, token = await merchant_a.storefront("Web", "USD")
    await shop(merchant_a, storefront)
    await visit(merchant_a.client, token)
    product = (await merchant_a.run("{ products(first: 1) { nodes { id } } }")).data
    product_id = product["products"]["nodes"][0]["id"]
    # when staff unpublish it
    result = await merchant_a.run(
        LISTING_SET,
        {"product": product_id, "storefront": storefront, "published": False, "from": None},
    )
    ok(result.data["productListingSet"])
    # then visitors no longer see it
    assert (await visit(merchant_a.client, token)).data["products"]["nodes"] == []


async def test_stock_reaching_zero_shows_out_of_stock_and_exact_counts_follow_every_change(
    merchant_a: MerchantWorld,
) -> None:
    # given a variant with 5 in the storefront's warehouse, read by visitors
    storefront, token = await merchant_a.storefront("Web", "USD")
    variant = await shop(merchant_a, storefront)
    depot = await warehouse(merchant_a, "Depot")
    await link(merchant_a, storefront, [depot])
    await stock(merchant_a, variant, depot, 5)
    for query in (LISTING, EXACT_STOCK, IN_STOCK_ONLY):
        await visit(merchant_a.client, token, query)
    # when 2 are sold: still in stock
    await stock(merchant_a, variant, depot, 3)
    # then the exact count is recomputed, while in-stock answers stay cached
    exact = await visit(merchant_a.client, token, EXACT_STOCK)
    assert exact.headers["agora-cache"] == "miss"
    assert exact.data["products"]["nodes"][0]["variants"][0]["quantityAvailable"] == 3
    assert (await visit(merchant_a.client, token, IN_STOCK_ONLY)).headers["agora-cache"] == "hit"
    # when the last ones go
    await stock(merchant_a, variant, depot, 0)
    # then every answer that shows stock says so
    listing = await visit(merchant_a.client, token)
    assert listing.data["products"]["nodes"][0]["variants"][0]["inStock"] is False
    assert (await visit(merchant_a.client, token, IN_STOCK_ONLY)).data["products"]["nodes"] == []
    exact = await visit(merchant_a.client, token, EXACT_STOCK)
    assert exact.data["products"]["nodes"][0]["variants"][0]["quantityAvailable"] == 0


async def test_storefronts_languages_and_customers_never_see_each_others_answers(
    merchant_a: MerchantWorld,
) -> None:
    # given two storefronts pricing the same variant differently, and a French name
    web, web_token = await merchant_a.storefront("Web", "USD")
    app_front, app_token = await merchant_a.storefront("App", "USD", languages=["en", "fr"])
    variant = await shop(merchant_a, web, price="10.00")
    await set_price(merchant_a, variant, app_front, "20.00")
    product = (await merchant_a.run("{ products(first: 1) { nodes { id } } }")).data
    await Catalog(merchant_a).publish(product["products"]["nodes"][0]["id"], app_front)
    translated = await merchant_a.run(
        TRANSLATE,
        {
            "id": product["products"]["nodes"][0]["id"],
            "language": "fr",
            "input": {"name": "Bonnet"},
        },
    )
    assert translated.data["translationSet"]["userErrors"] == []
    # when each reads twice (the second from the cache)
    for _ in range(2):
        assert prices(await visit(merchant_a.client, web_token)) == ["10.00"]
        assert prices(await visit(merchant_a.client, app_token)) == ["20.00"]
        english = await visit(merchant_a.client, app_token, NAMES_IN, language="en")
        french = await visit(merchant_a.client, app_token, NAMES_IN, language="fr")
        # then each gets its own answer
        assert english.data["products"]["nodes"] == [{"name": "Wool Hat"}]
        assert french.data["products"]["nodes"] == [{"name": "Bonnet"}]
    # and a signed-in customer's request runs every time, privately
    customer = await shopper(merchant_a, app_token)
    result = await merchant_a.client.execute(
        LISTING, {"first": 10}, storefront=app_token, token=customer.access_token
    )
    assert prices(result) == ["20.00"]
    assert "agora-cache" not in result.headers
    assert result.headers["cache-control"] == "private, no-store"


async def test_staff_and_partner_requests_are_never_served_from_the_storefront_cache(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given a cached visitor answer
    storefront, token = await merchant_a.storefront("Web", "USD")
    await shop(merchant_a, storefront)
    await visit(merchant_a.client, token)
    _key, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    # when staff and a partner app send the same request with the storefront token
    for credential in (merchant_a.owner_token, secret):
        engine = app.state.agora.database.engine.sync_engine
        with recorded_statements(engine) as statements:
            result = await merchant_a.client.execute(
                LISTING, {"first": 10}, storefront=token, token=credential
            )
        # then it runs for them, and is not kept for anyone
        assert statements != []
        assert "agora-cache" not in result.headers
        assert result.headers["cache-control"] == "private, no-store"


async def test_answers_with_errors_are_never_cached(merchant_a: MerchantWorld) -> None:
    # given a storefront
    _storefront, token = await merchant_a.storefront("Web", "USD")
    # when a visitor asks for too large a page twice
    for _ in range(2):
        result = await merchant_a.client.execute(TOO_MANY, storefront=token)
        # then it is refused each time, and not kept
        assert result.errors
        assert "agora-cache" not in result.headers
        assert result.headers["cache-control"] == "private, no-store"


async def test_a_suspended_merchant_or_rotated_token_is_not_served_from_the_cache(
    client: GraphQLClient, admin_token: str, merchant_a: MerchantWorld
) -> None:
    # given a cached answer for a storefront's token
    storefront, token = await merchant_a.storefront("Web", "USD")
    await visit(merchant_a.client, token, STOREFRONT_NAME)
    assert (await visit(merchant_a.client, token, STOREFRONT_NAME)).headers["agora-cache"] == "hit"
    # when its token is rotated
    rotated = await merchant_a.run(TOKEN_ROTATE, {"id": storefront})
    new_token = rotated.data["storefrontTokenRotate"]["storefront"]["token"]
    # then the old token is refused at once, and the new one works
    assert (await visit(merchant_a.client, token, STOREFRONT_NAME)).status == 401
    await visit(merchant_a.client, new_token, STOREFRONT_NAME)
    assert (await visit(merchant_a.client, new_token, STOREFRONT_NAME)).status == 200
    # when the merchant is suspended
    result = await client.execute(MERCHANT_SUSPEND, {"id": merchant_a.id}, token=admin_token)
    assert result.data["merchantSuspend"]["merchant"]["status"] == "SUSPENDED"
    # then its storefront's cached answers stop at once
    assert (await visit(merchant_a.client, new_token, STOREFRONT_NAME)).status == 401


async def test_cache_control_says_public_only_for_anonymous_catalog_reads(
    merchant_a: MerchantWorld,
) -> None:
    # given a shop
    storefront, token = await merchant_a.storefront("Web", "USD")
    await shop(merchant_a, storefront)
    # when a visitor reads the catalog, exact stock counts, and staff read and write
    listing = await visit(merchant_a.client, token)
    exact = await visit(merchant_a.client, token, EXACT_STOCK)
    staff_read = await merchant_a.run(LISTING, {"first": 10})
    staff_write = await merchant_a.run(
        STOREFRONT_UPDATE, {"id": storefront, "input": {"name": "Shop"}}
    )
    # then only the visitor's answers may be kept by shared caches
    assert listing.headers["cache-control"] == "public, max-age=5"
    assert "Agora-Storefront-Token" in listing.headers["vary"]
    assert exact.headers["cache-control"] == "public, no-cache"
    assert staff_read.headers["cache-control"] == "private, no-store"
    assert staff_write.headers["cache-control"] == "private, no-store"


async def test_an_unchanged_answer_is_revalidated_with_304(merchant_a: MerchantWorld) -> None:
    # given a visitor holding an answer and its ETag
    storefront, token = await merchant_a.storefront("Web", "USD")
    variant = await shop(merchant_a, storefront)
    first = await visit(merchant_a.client, token)
    etag = first.headers["etag"]
    # when it asks again with If-None-Match
    http = merchant_a.client.http
    body = {"query": LISTING, "variables": {"first": 10}}
    headers = {"Agora-Storefront-Token": token, "If-None-Match": etag}
    unchanged = await http.post("/graphql", json=body, headers=headers)
    # then nothing is sent back but the confirmation
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    # when the answer changes, the old ETag no longer matches
    await set_price(merchant_a, variant, storefront, "1.00")
    changed = await http.post("/graphql", json=body, headers=headers)
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag


REDIS_URL = os.environ.get("AGORA_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def redis_reachable(url: str) -> bool:
    parsed = urlparse(url)
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((parsed.hostname or "127.0.0.1", parsed.port or 6379)) == 0


@asynccontextmanager
async def instance(database_url: str) -> AsyncIterator[GraphQLClient]:
    """Another app process, sharing the database and the Redis cache."""
    application = create_app(make_settings(database_url, cache_url=REDIS_URL))
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://agora.test") as http:
            yield GraphQLClient(http)


async def test_two_processes_sharing_redis_never_serve_an_answer_changed_in_the_other(
    database_url: str, merchant_a: MerchantWorld
) -> None:
    if not redis_reachable(REDIS_URL):
        pytest.skip(f"no Redis at {REDIS_URL}: set AGORA_TEST_REDIS_URL (cross-process test)")
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()  # this suite's own database number only
    storefront, token = await merchant_a.storefront("Web", "USD")
    variant = await shop(merchant_a, storefront)
    try:
        async with instance(database_url) as one, instance(database_url) as two:
            # given an answer computed by one process and shared with the other
            assert (await visit(one, token)).headers["agora-cache"] == "miss"
            assert (await visit(two, token)).headers["agora-cache"] == "hit"
            # when staff change the price through the second process
            result = await two.execute(
                PRICE_SET,
                {"variant": variant, "storefront": storefront, "input": {"price": "11.00"}},
                token=merchant_a.owner_token,
            )
            ok(result.data["productVariantPriceSet"])
            # then the first process serves the new price at once
            assert prices(await visit(one, token)) == ["11.00"]
            assert prices(await visit(two, token)) == ["11.00"]
    finally:
        await redis.flushdb()
        await redis.aclose()


async def test_a_listing_scheduled_for_later_appears_when_its_time_comes(
    merchant_a: MerchantWorld,
) -> None:
    # given a product published from a few seconds from now (room for a loaded machine), and
    # a cached empty listing
    storefront, token = await merchant_a.storefront("Web", "USD")
    catalog = Catalog(merchant_a)
    product = await catalog.product("Later Hat")
    soon = datetime.now(UTC) + timedelta(seconds=4)
    await catalog.publish(product, storefront, available_from=soon.isoformat())
    assert (await visit(merchant_a.client, token, NAMES_IN)).data["products"]["nodes"] == []
    assert (await visit(merchant_a.client, token, NAMES_IN)).headers["agora-cache"] == "hit"
    # when that moment passes (nothing is written then)
    await asyncio.sleep((soon - datetime.now(UTC)).total_seconds() + 0.2)
    # then visitors see it
    later = await visit(merchant_a.client, token, NAMES_IN)
    assert later.data["products"]["nodes"] == [{"name": "Later Hat"}]


async def test_storefronts_still_answer_when_the_cache_is_unreachable(
    database_url: str, merchant_a: MerchantWorld
) -> None:
    # given a process whose Redis is down
    storefront, token = await merchant_a.storefront("Web", "USD")
    await shop(merchant_a, storefront)
    application = create_app(make_settings(database_url, cache_url="redis://127.0.0.1:1/0"))
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://agora.test") as http:
            client = GraphQLClient(http)
            # when visitors read the catalog
            results = [await visit(client, token) for _ in range(2)]
    # then they are answered, from the database
    assert [prices(r) for r in results] == [["10.00"], ["10.00"]]
    assert [r.headers["cache-control"] for r in results] == ["private, no-store"] * 2


async def test_checkouts_keep_in_stock_answers_cached_until_the_last_unit_is_sold(
    merchant_a: MerchantWorld,
) -> None:
    # given a shop selling 3 mugs, whose in-stock listing visitors have read
    from tests.support.checkout import open_shop

    store = await open_shop(merchant_a)
    await store.sell("MUG", "10.00", stock=3)
    await visit(merchant_a.client, store.token, IN_STOCK_ONLY)
    # when a checkout takes 2 of them
    ok(await store.complete((await store.ready_cart({"MUG": 2}))["id"]))
    # then in-stock answers are still served from the cache
    assert (await visit(merchant_a.client, store.token, IN_STOCK_ONLY)).headers[
        "agora-cache"
    ] == "hit"
    # and when the last one is sold, the very next read no longer lists it
    ok(await store.complete((await store.ready_cart({"MUG": 1}))["id"]))
    after = await visit(merchant_a.client, store.token, IN_STOCK_ONLY)
    assert after.headers["agora-cache"] == "miss"
    assert after.data["products"]["nodes"] == []
