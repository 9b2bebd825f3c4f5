"""The merchant's checkout rules (shipping, taxes, promotions, checkout settings) are read once
and kept between requests; any change to them is applied by the very next cart or checkout."""

from typing import Any

from starlette.applications import Starlette

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import CART, Shop, open_shop, stock_of
from tests.support.promotion_api import create_promotion
from tests.support.statements import recorded_statements

ARCHIVE = """
mutation($id: ID!) {
  promotionArchive(id: $id) { promotion { id isArchived } userErrors { field code } }
}
"""
SETTINGS = """
mutation($input: CheckoutSettingsInputType!) {
  merchantCheckoutSettingsUpdate(input: $input) { userErrors { field code } }
}
"""
RULE_TABLES = ("FROM tax_rates", "FROM shipping_zones", "FROM promotions", "FROM merchants")


async def shop_with_lamp(merchant: MerchantWorld) -> Shop:
    shop = await open_shop(merchant)
    await shop.sell("LAMP", "40.00", stock=5)
    return shop


async def read_cart(shop: Shop, cart_id: str) -> dict[str, Any]:
    cart: dict[str, Any] = (await shop.visitor(CART, {"id": cart_id})).data["cart"]
    return cart


async def test_a_cart_read_again_reads_none_of_the_rules(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    shop = await shop_with_lamp(merchant_a)
    cart = await shop.ready_cart({"LAMP": 1})
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        await read_cart(shop, cart["id"])
    assert [s for s in statements if any(table in s for table in RULE_TABLES)] == []


async def test_a_new_tax_rate_applies_to_the_next_quote(merchant_a: MerchantWorld) -> None:
    shop = await shop_with_lamp(merchant_a)
    cart = await shop.ready_cart({"LAMP": 1})
    assert cart["cost"]["tax"] == {"amount": "0.00"}
    await shop.tax_rate("US", "10")
    again = await read_cart(shop, cart["id"])
    assert again["cost"]["tax"] == {"amount": "4.50"}


async def test_a_new_shipping_method_is_offered_at_once(merchant_a: MerchantWorld) -> None:
    shop = await shop_with_lamp(merchant_a)
    cart = await shop.ready_cart({"LAMP": 1})
    zone = await shop.zone(["US"], name="Express zone")
    await shop.method(zone, name="Express", price="15.00", currency="USD")
    again = await read_cart(shop, cart["id"])
    names = [o["name"] for o in again["deliveryOptions"]]
    assert sorted(names) == ["Express", "Standard"]


async def test_an_archived_promotion_stops_applying_at_once(merchant_a: MerchantWorld) -> None:
    shop = await shop_with_lamp(merchant_a)
    promotion = (await create_promotion(merchant_a))["promotion"]
    cart = await shop.ready_cart({"LAMP": 1})
    assert cart["cost"]["discount"] == {"amount": "4.00"}
    ok((await merchant_a.run(ARCHIVE, {"id": promotion["id"]})).data["promotionArchive"])
    again = await read_cart(shop, cart["id"])
    assert again["cost"]["discount"] == {"amount": "0.00"}


async def test_changed_checkout_settings_apply_to_the_next_checkout(
    merchant_a: MerchantWorld,
) -> None:
    shop = await shop_with_lamp(merchant_a)
    first = ok(
        await shop.complete((await shop.ready_cart({"LAMP": 1}))["id"], gateway="bank_transfer")
    )
    assert first["order"]["expiresAt"] is not None
    changed = await merchant_a.run(SETTINGS, {"input": {"stockReservation": "ON_PAYMENT"}})
    ok(changed.data["merchantCheckoutSettingsUpdate"])
    cart = await shop.ready_cart({"LAMP": 1})
    ok(await shop.complete(cart["id"], gateway="bank_transfer"))
    # under ON_PAYMENT the unpaid order gave its unit back: only the first order holds one
    assert await stock_of(shop, "LAMP") == [("Oakland", 5, 1)]
