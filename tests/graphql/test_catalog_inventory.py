"""Warehouses and stock: what a storefront can sell is the stock of its own warehouses."""

from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog

WAREHOUSE_CREATE = """
mutation($input: WarehouseInput!) {
  warehouseCreate(input: $input) {
    warehouse { id country countriesServed } userErrors { field message code }
  }
}
"""
LINK = """
mutation($storefront: ID!, $warehouses: [ID!]!) {
  storefrontWarehousesSet(storefrontId: $storefront, warehouseIds: $warehouses) {
    warehouseIds userErrors { field message code }
  }
}
"""
STOCK_UPDATE = """
mutation($variant: ID!, $warehouse: ID!, $quantity: Int!) {
  stockUpdate(variantId: $variant, warehouseId: $warehouse, quantity: $quantity) {
    stock { quantity reserved available warehouse { id } } userErrors { field message code }
  }
}
"""
VARIANT_STOCK = """
query($slug: String!) {
  product(slug: $slug) { variants { sku quantityAvailable inStock } }
}
"""
STAFF_STOCKS = """
query($slug: String!) {
  product(slug: $slug) { variants { sku stocks { quantity warehouse { id } } } }
}
"""
DEPOT = {"street": "1 Dock Road", "city": "Hamburg", "postalCode": "20457", "country": "DE"}


async def warehouse(merchant: MerchantWorld, name: str, **fields: Any) -> str:
    result = await merchant.run(WAREHOUSE_CREATE, {"input": {"name": name, **DEPOT, **fields}})
    return str(ok(result.data["warehouseCreate"])["warehouse"]["id"])


async def link(merchant: MerchantWorld, storefront: str, warehouses: list[str]) -> None:
    result = await merchant.run(LINK, {"storefront": storefront, "warehouses": warehouses})
    ok(result.data["storefrontWarehousesSet"])


async def stock(merchant: MerchantWorld, variant: str, depot: str, quantity: int) -> dict[str, Any]:
    result = await merchant.run(
        STOCK_UPDATE, {"variant": variant, "warehouse": depot, "quantity": quantity}
    )
    return dict(result.data["stockUpdate"])


async def test_a_warehouse_needs_an_address_and_a_real_country(merchant_a: MerchantWorld) -> None:
    missing = await merchant_a.run(WAREHOUSE_CREATE, {"input": {"name": "Depot"}})
    assert missing.data["warehouseCreate"]["userErrors"][0]["code"] == "REQUIRED"
    wrong = await merchant_a.run(
        WAREHOUSE_CREATE, {"input": {"name": "Depot", **DEPOT, "country": "XX"}}
    )
    assert [e["field"] for e in wrong.data["warehouseCreate"]["userErrors"]] == [["country"]]
    made = await merchant_a.run(WAREHOUSE_CREATE, {"input": {"name": "Depot", **DEPOT}})
    assert ok(made.data["warehouseCreate"])["warehouse"]["countriesServed"] == ["DE"]


async def test_each_storefront_sells_the_stock_of_its_own_warehouses(
    merchant_a: MerchantWorld,
) -> None:
    # given two storefronts, each supplied by its own warehouse, and a third warehouse unused
    web, web_token = await merchant_a.storefront("Web", "EUR")
    app, app_token = await merchant_a.storefront("App", "EUR")
    north, south, spare = (
        await warehouse(merchant_a, "North"),
        await warehouse(merchant_a, "South"),
        await warehouse(merchant_a, "Spare"),
    )
    await link(merchant_a, web, [north])
    await link(merchant_a, app, [north, south])
    catalog = Catalog(merchant_a)
    product = await catalog.product("Boot", slug="boot")
    variant = await catalog.variant(product, "BOOT-42")
    for storefront in (web, app):
        await catalog.publish(product, storefront)
    # when stock is set in each warehouse
    assert (await stock(merchant_a, variant, north, 3))["stock"]["available"] == 3
    await stock(merchant_a, variant, south, 4)
    await stock(merchant_a, variant, spare, 100)
    # then each storefront's visitors see what its own warehouses hold
    web_view = await merchant_a.client.execute(
        VARIANT_STOCK, {"slug": "boot"}, storefront=web_token
    )
    app_view = await merchant_a.client.execute(
        VARIANT_STOCK, {"slug": "boot"}, storefront=app_token
    )
    assert web_view.data["product"]["variants"] == [
        {"sku": "BOOT-42", "quantityAvailable": 3, "inStock": True}
    ]
    assert app_view.data["product"]["variants"] == [
        {"sku": "BOOT-42", "quantityAvailable": 7, "inStock": True}
    ]


async def test_selling_out_and_unlinking_make_a_variant_out_of_stock(
    merchant_a: MerchantWorld,
) -> None:
    web, token = await merchant_a.storefront("Web", "EUR")
    depot = await warehouse(merchant_a, "Depot")
    await link(merchant_a, web, [depot])
    catalog = Catalog(merchant_a)
    product = await catalog.product("Boot", slug="boot")
    variant = await catalog.variant(product, "BOOT-42")
    await catalog.publish(product, web)
    await stock(merchant_a, variant, depot, 0)
    sold_out = await merchant_a.client.execute(VARIANT_STOCK, {"slug": "boot"}, storefront=token)
    assert sold_out.data["product"]["variants"][0]["inStock"] is False
    await stock(merchant_a, variant, depot, 5)
    await link(merchant_a, web, [])
    unlinked = await merchant_a.client.execute(VARIANT_STOCK, {"slug": "boot"}, storefront=token)
    assert unlinked.data["product"]["variants"][0] == {
        "sku": "BOOT-42",
        "quantityAvailable": 0,
        "inStock": False,
    }


async def test_an_untracked_variant_is_always_in_stock(merchant_a: MerchantWorld) -> None:
    web, token = await merchant_a.storefront("Web", "EUR")
    catalog = Catalog(merchant_a)
    product = await catalog.product("Gift wrap", slug="gift-wrap")
    await catalog.variant(product, "WRAP", trackInventory=False)
    await catalog.publish(product, web)
    view = await merchant_a.client.execute(VARIANT_STOCK, {"slug": "gift-wrap"}, storefront=token)
    assert view.data["product"]["variants"] == [
        {"sku": "WRAP", "quantityAvailable": None, "inStock": True}
    ]


async def test_stock_cannot_be_negative_or_aimed_at_unknown_things(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    depot = await warehouse(merchant_a, "Depot")
    catalog = Catalog(merchant_a)
    variant = await catalog.variant(await catalog.product("Boot"), "BOOT-42")
    negative = await stock(merchant_a, variant, depot, -1)
    assert [(e["field"], e["code"]) for e in negative["userErrors"]] == [(["quantity"], "INVALID")]
    others = await warehouse(merchant_b, "Other merchant's depot")
    foreign = await stock(merchant_a, variant, others, 5)
    assert [(e["field"], e["code"]) for e in foreign["userErrors"]] == [
        (["warehouseId"], "NOT_FOUND")
    ]
    bad_link = await merchant_a.run(
        LINK, {"storefront": (await merchant_a.storefront())[0], "warehouses": [others]}
    )
    assert bad_link.data["storefrontWarehousesSet"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_visitors_never_see_per_warehouse_stock(merchant_a: MerchantWorld) -> None:
    web, token = await merchant_a.storefront("Web", "EUR")
    depot = await warehouse(merchant_a, "Depot")
    catalog = Catalog(merchant_a)
    product = await catalog.product("Boot", slug="boot")
    variant = await catalog.variant(product, "BOOT-42")
    await catalog.publish(product, web)
    await stock(merchant_a, variant, depot, 12)
    visitor = await merchant_a.client.execute(STAFF_STOCKS, {"slug": "boot"}, storefront=token)
    assert set(visitor.error_codes) == {"UNAUTHENTICATED"}
    assert visitor.data["product"]["variants"][0]["stocks"] is None
    owner = await merchant_a.run(STAFF_STOCKS, {"slug": "boot"})
    assert owner.data["product"]["variants"][0]["stocks"] == [
        {"quantity": 12, "warehouse": {"id": depot}}
    ]
