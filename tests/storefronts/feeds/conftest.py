"""A merchant's catalog on a social storefront and a marketplace, for the feed export tests.

Built through the admin API (tests/support), read back by the feeds module over the real app's
ASGI transport with each storefront's token, like a third party on the network would.
"""

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from storefronts.feeds import StorefrontApi
from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog

API_URL = "http://agora.test/graphql"
AWKWARD_NAME = 'Tom & Jerry\'s <Cosy> "Café" Mug ☕'
AWKWARD_BRAND = "Acme & Sons <Originals> 'Ltd'"
MUG_DESCRIPTION = (
    "<p>Holds 350&nbsp;ml of <strong>hot</strong> coffee.</p>"
    "<ul><li>Dishwasher safe</li><li>5 &lt; 6 &amp; &quot;fine&quot;</li></ul>"
)
MUG_IMAGES = ["https://img.example.com/mug.jpg?size=large&v=2", "https://img.example.com/mug-2.jpg"]
TRANSLATE = """
mutation($id: ID!, $language: String!, $input: TranslationInput!) {
  translationSet(id: $id, languageCode: $language, input: $input) {
    fields { field } userErrors { field message code }
  }
}
"""


@dataclass(frozen=True)
class FeedStore:
    merchant: MerchantWorld
    social: str  # storefront token, USD, English and French
    market: str  # storefront token, EUR
    other_merchant: str  # storefront token of merchant bravo's shop


@pytest_asyncio.fixture
async def store(merchant_a: MerchantWorld, merchant_b: MerchantWorld) -> FeedStore:
    """
    Merchant alpha. Social (USD; en, fr) lists, one item per priced variant:
      "Tom & Jerry's <Cosy> "Café" Mug ☕" (slug cafe-mug; brand attribute, two images,
      category Outdoor > Camping):
        MUG-RED   12.34, compare-at 15.00, valid EAN-13, 5 in stock
        MUG-BLUE  12.34, invalid barcode, none in stock
        MUG-GREEN 12.34, compare-at 10.00 (below the price), no barcode, stock not tracked
        MUG-OLD   archived
      Tent (TENT-1 199.00, no brand attribute; French name "Tente")
      Lamp (LAMP-1 has no price on Social: no item)
    Never on Social: Stove (unpublished), Lantern (archived), Future sandal (from 2099),
    Kettle (published on Market only). Market (EUR): the mug, MUG-RED at 11.00 EUR, and Kettle.
    Merchant bravo's shop lists its own Bravo mug.
    """
    catalog = Catalog(merchant_a)
    social_id, social = await merchant_a.storefront(
        "Social", "USD", kind="SOCIAL", languages=["en", "fr"]
    )
    market_id, market = await merchant_a.storefront("Market", "EUR", kind="MARKETPLACE")
    depot = await catalog.warehouse("Depot")
    await catalog.link_warehouses(social_id, [depot])
    brand = await catalog.attribute("Brand", "TEXT")
    gear = await catalog.product_type("Gear", [brand])
    outdoor = await catalog.category("Outdoor")
    camping = await catalog.category("Camping", outdoor)

    mug = await catalog.product(
        AWKWARD_NAME,
        slug="cafe-mug",
        descriptionHtml=MUG_DESCRIPTION,
        categoryId=camping,
        productTypeId=gear,
        attributes=[{"attributeId": brand, "text": AWKWARD_BRAND}],
        media=[{"url": url} for url in MUG_IMAGES],
    )
    red = await catalog.variant(mug, "MUG-RED", name="Red", barcode="4006381333931")
    blue = await catalog.variant(mug, "MUG-BLUE", name="Blue", barcode="4006381333932")
    green = await catalog.variant(mug, "MUG-GREEN", name="Green", trackInventory=False)
    old = await catalog.variant(mug, "MUG-OLD", name="Old")
    await catalog.price(red, social_id, "12.34", compareAtPrice="15.00")
    await catalog.price(blue, social_id, "12.34")
    await catalog.price(green, social_id, "12.34", compareAtPrice="10.00")
    await catalog.price(old, social_id, "1.00")
    await catalog.price(red, market_id, "11.00")
    await catalog.stock(red, depot, 5)
    await catalog.stock(blue, depot, 0)
    await catalog.archive_variant(old)
    await catalog.publish(mug, social_id)
    await catalog.publish(mug, market_id)

    tent = await catalog.product("Tent", slug="tent", descriptionHtml="<p>Sleeps two</p>")
    await catalog.price(
        await catalog.variant(tent, "TENT-1", trackInventory=False), social_id, "199.00"
    )
    await catalog.publish(tent, social_id)
    translated = await merchant_a.run(
        TRANSLATE, {"id": tent, "language": "fr", "input": {"name": "Tente"}}
    )
    ok(translated.data["translationSet"])

    lamp = await catalog.product("Lamp", slug="lamp")
    await catalog.price(await catalog.variant(lamp, "LAMP-1"), market_id, "20.00")
    await catalog.publish(lamp, social_id)

    stove = await catalog.product("Stove", slug="stove")
    await catalog.price(await catalog.variant(stove, "STOVE-1"), social_id, "45.00")

    lantern = await catalog.product("Lantern", slug="lantern")
    await catalog.price(await catalog.variant(lantern, "LANTERN-1"), social_id, "9.00")
    await catalog.publish(lantern, social_id)
    await catalog.archive_product(lantern)

    sandal = await catalog.product("Future sandal", slug="future-sandal")
    await catalog.price(await catalog.variant(sandal, "SANDAL-1"), social_id, "30.00")
    await catalog.publish(sandal, social_id, available_from="2099-01-01T00:00:00+00:00")

    kettle = await catalog.product("Kettle", slug="kettle")
    kettle_variant = await catalog.variant(kettle, "KETTLE-1", trackInventory=False)
    await catalog.price(kettle_variant, social_id, "25.00")
    await catalog.price(kettle_variant, market_id, "23.00")
    await catalog.publish(kettle, market_id)

    bravo = Catalog(merchant_b)
    bravo_id, bravo_token = await merchant_b.storefront("Bravo shop", "USD")
    bravo_mug = await bravo.product("Bravo mug", slug="bravo-mug")
    await bravo.price(await bravo.variant(bravo_mug, "BRAVO-1"), bravo_id, "8.00")
    await bravo.publish(bravo_mug, bravo_id)
    return FeedStore(merchant_a, social, market, bravo_token)


@pytest.fixture
def transport(app: Starlette) -> httpx.ASGITransport:
    """The real app, reached in-process: what the command would reach over the network."""
    return httpx.ASGITransport(app=app)


@pytest_asyncio.fixture
async def feeds_http(transport: httpx.ASGITransport) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=transport) as client:
        yield client


@pytest.fixture
def api_for(feeds_http: httpx.AsyncClient) -> Callable[[str], StorefrontApi]:
    """The API as the storefront of a token reaches it."""
    return lambda token: StorefrontApi(feeds_http, API_URL, token)
