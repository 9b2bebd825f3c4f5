"""A storefront catalog with prices, stock, attributes and categories, for listing tests.

`outdoor_store` builds it through the admin API; `Store` reads it back as visitors and staff.
"""

from dataclasses import dataclass, field
from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.client import Response

LISTING = """
query(
  $search: String, $filter: ProductFilter, $sort: ProductSort,
  $first: Int, $after: String, $last: Int, $before: String
) {
  products(
    search: $search, filter: $filter, sortBy: $sort,
    first: $first, after: $after, last: $last, before: $before
  ) {
    nodes { name }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
FACETS = """
query($search: String, $filter: ProductFilter) {
  productFacets(search: $search, filter: $filter) {
    total
    attributes { attribute { slug } values { choice { slug } boolean count } }
    categories { category { name } count }
    prices { start { amount currencyCode } stop { amount currencyCode } count }
  }
}
"""
WAREHOUSE_CREATE = """
mutation($input: WarehouseInput!) {
  warehouseCreate(input: $input) { warehouse { id } userErrors { field message code } }
}
"""
WAREHOUSES_LINK = """
mutation($storefront: ID!, $warehouses: [ID!]!) {
  storefrontWarehousesSet(storefrontId: $storefront, warehouseIds: $warehouses) {
    warehouseIds userErrors { field message code }
  }
}
"""
STOCK_UPDATE = """
mutation($variant: ID!, $warehouse: ID!, $quantity: Int!) {
  stockUpdate(variantId: $variant, warehouseId: $warehouse, quantity: $quantity) {
    stock { quantity } userErrors { field message code }
  }
}
"""
DEPOT_ADDRESS = {"street": "1 Dock Road", "city": "Hamburg", "postalCode": "20457", "country": "DE"}


async def warehouse(merchant: MerchantWorld, name: str, storefront: str) -> str:
    """A warehouse that supplies `storefront` (and only it)."""
    result = await merchant.run(WAREHOUSE_CREATE, {"input": {"name": name, **DEPOT_ADDRESS}})
    warehouse_id = str(ok(result.data["warehouseCreate"])["warehouse"]["id"])
    linked = await merchant.run(
        WAREHOUSES_LINK, {"storefront": storefront, "warehouses": [warehouse_id]}
    )
    ok(linked.data["storefrontWarehousesSet"])
    return warehouse_id


async def stock(merchant: MerchantWorld, variant: str, warehouse_id: str, quantity: int) -> None:
    result = await merchant.run(
        STOCK_UPDATE, {"variant": variant, "warehouse": warehouse_id, "quantity": quantity}
    )
    ok(result.data["stockUpdate"])


def query_error(result: Response) -> tuple[str, str | None]:
    """The one top-level error of a refused listing: (code, input field at fault)."""
    assert result.body.get("data") is None, result.body
    [error] = result.errors
    extensions = error.get("extensions", {})
    return extensions.get("code"), extensions.get("field")


@dataclass
class Store:
    """Merchant alpha's outdoor shop, as the listing tests read it."""

    merchant: MerchantWorld
    web: str  # storefront token, USD
    market: str  # storefront token, EUR
    ids: dict[str, str] = field(default_factory=dict)

    def token(self, on: str | None) -> str | None:
        return {"web": self.web, "market": self.market, None: None}[on]

    async def listing(self, variables: dict[str, Any], *, on: str | None = "web") -> Response:
        """Visitors send only the storefront token; `on=None` asks as staff, without one."""
        if on is None:
            return await self.merchant.run(LISTING, variables)  # type: ignore[no-any-return]
        return await self.merchant.client.execute(LISTING, variables, storefront=self.token(on))

    async def page(self, variables: dict[str, Any], *, on: str | None = "web") -> dict[str, Any]:
        result = await self.listing(variables, on=on)
        assert result.errors == [], result.body
        page: dict[str, Any] = result.data["products"]
        return page

    async def names(self, *, on: str | None = "web", **variables: Any) -> list[str]:
        """Names of the listed products, in the listing's order (first 100)."""
        page = await self.page({"first": 100, **variables}, on=on)
        return [node["name"] for node in page["nodes"]]

    async def facets(self, *, on: str | None = "web", **variables: Any) -> dict[str, Any]:
        if on is None:
            result = await self.merchant.run(FACETS, variables)
        else:
            result = await self.merchant.client.execute(
                FACETS, variables, storefront=self.token(on)
            )
        assert result.errors == [], result.body
        facets: dict[str, Any] = result.data["productFacets"]
        return facets


async def outdoor_store(merchant: MerchantWorld) -> Store:
    """
    Storefronts: web (USD, warehouse Depot), market (EUR, warehouse Spare).
    Categories: Outdoor > Footwear > Boots; Apparel.
    Attributes: colour (select: red, blue, green), waterproof (boolean, filterable),
    material (text) and season (select: winter; both not filterable) on products;
    size (select: s, m, l) on variants.

    Listed on web, in creation order (lowest live USD price; web stock):
      Alpine jacket      Apparel  red,   waterproof  S 150.00 (0 in Depot), M 120.00 (5 in Spare)
      Bivouac tent       Outdoor  -                  120.00 untracked
      Waterproof trail boot Boots blue,  waterproof  S 95.00 (3 in Depot); archived L 5.00
      Day pack           Outdoor  green, not waterproof  M 90.00 (2 in Depot)
      Ember stove        Outdoor  -                  unpriced in USD (45.00 EUR), 1 in Depot
      fleece hat         Apparel  -                  no variants
    Not listed: Glacier boot (unpublished, red, 10.00), Old lantern (archived, 1.00).
    Market lists Alpine jacket (S at 100.00 EUR) and Waterproof trail boot (200.00 EUR).
    Descriptions: jacket "Waterproof shell for storms", tent "Sleeps two, 2.5 kg,
    nylon/polyester", boot "Leather
    upper", pack "Light pack with waterproof zips", glacier "Waterproof".
    """
    catalog = Catalog(merchant)
    web_id, web = await merchant.storefront("Web", "USD")
    market_id, market = await merchant.storefront("Market", "EUR")
    depot = await warehouse(merchant, "Depot", web_id)
    spare = await warehouse(merchant, "Spare", market_id)
    outdoor = await catalog.category("Outdoor")
    footwear = await catalog.category("Footwear", outdoor)
    boots = await catalog.category("Boots", footwear)
    apparel = await catalog.category("Apparel")
    colour = await catalog.attribute("Colour", "SINGLE_SELECT", ["Red", "Blue", "Green"])
    waterproof = await catalog.attribute("Waterproof", "BOOLEAN", filterable=True)
    material = await catalog.attribute("Material", "TEXT")
    season = await catalog.attribute("Season", "SINGLE_SELECT", ["Winter"], filterable=False)
    size = await catalog.attribute("Size", "SINGLE_SELECT", ["S", "M", "L"])
    gear = await catalog.product_type("Gear", [colour, waterproof, material, season], [size])

    async def gear_product(name: str, tint: str, dry: bool, **fields: Any) -> str:
        values = [
            {"attributeId": colour, "choices": [tint]},
            {"attributeId": waterproof, "boolean": dry},
            {"attributeId": material, "text": "nylon"},
            {"attributeId": season, "choices": ["winter"]},
        ]
        return await catalog.product(name, productTypeId=gear, attributes=values, **fields)

    async def sized(product: str, sku: str, letter: str) -> str:
        return await catalog.variant(
            product, sku, attributes=[{"attributeId": size, "choices": [letter]}]
        )

    jacket = await gear_product(
        "Alpine jacket",
        "red",
        True,
        descriptionHtml="<p>Waterproof shell for storms</p>",
        categoryId=apparel,
    )
    jacket_s, jacket_m = await sized(jacket, "J-S", "s"), await sized(jacket, "J-M", "m")
    await catalog.price(jacket_s, web_id, "150.00")
    await catalog.price(jacket_m, web_id, "120.00")
    await catalog.price(jacket_s, market_id, "100.00")
    await stock(merchant, jacket_s, depot, 0)
    await stock(merchant, jacket_m, spare, 5)

    tent = await catalog.product(
        "Bivouac tent",
        descriptionHtml="<p>Sleeps two, 2.5 kg, nylon/polyester</p>",
        categoryId=outdoor,
    )
    await catalog.price(await catalog.variant(tent, "T-1", trackInventory=False), web_id, "120.00")

    boot = await gear_product(
        "Waterproof trail boot",
        "blue",
        True,
        descriptionHtml="<p>Leather upper</p>",
        categoryId=boots,
    )
    boot_s, boot_l = await sized(boot, "B-S", "s"), await sized(boot, "B-L", "l")
    await catalog.price(boot_s, web_id, "95.00")
    await catalog.price(boot_s, market_id, "200.00")
    await catalog.price(boot_l, web_id, "5.00")
    await stock(merchant, boot_s, depot, 3)
    await stock(merchant, boot_l, depot, 9)
    await catalog.archive_variant(boot_l)

    pack = await gear_product(
        "Day pack",
        "green",
        False,
        descriptionHtml="<p>Light pack with waterproof zips</p>",
        categoryId=outdoor,
    )
    pack_m = await sized(pack, "P-M", "m")
    await catalog.price(pack_m, web_id, "90.00")
    await stock(merchant, pack_m, depot, 2)

    stove = await catalog.product("Ember stove", categoryId=outdoor)
    stove_1 = await catalog.variant(stove, "S-1")
    await catalog.price(stove_1, market_id, "45.00")
    await stock(merchant, stove_1, depot, 1)

    hat = await catalog.product("fleece hat", categoryId=apparel)

    glacier = await gear_product(
        "Glacier boot", "red", True, descriptionHtml="<p>Waterproof</p>", categoryId=boots
    )
    glacier_s = await sized(glacier, "G-S", "s")
    await catalog.price(glacier_s, web_id, "10.00")
    await stock(merchant, glacier_s, depot, 10)

    lantern = await catalog.product("Old lantern", categoryId=outdoor)
    await catalog.price(await catalog.variant(lantern, "L-1", trackInventory=False), web_id, "1.00")

    for product in (jacket, tent, boot, pack, stove, hat, lantern):
        await catalog.publish(product, web_id)
    for product in (jacket, boot):
        await catalog.publish(product, market_id)
    await catalog.archive_product(lantern)

    ids = {
        "web": web_id,
        "market": market_id,
        "depot": depot,
        "spare": spare,
        "outdoor": outdoor,
        "footwear": footwear,
        "boots": boots,
        "apparel": apparel,
        "jacket": jacket,
        "tent": tent,
        "boot": boot,
        "pack": pack,
        "pack_m": pack_m,
        "stove": stove,
        "hat": hat,
        "glacier": glacier,
        "lantern": lantern,
    }
    return Store(merchant, web, market, ids)
