"""A merchant's promotion settings: each storefront's risk policy (most discount per order,
floor by cost) binds carts, checkout and sale prices; overlapping promotions can be refused."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.permissions import CALLERS, assert_refused, credentials_lacking
from tests.support.promotion_api import PROMOTION_CREATE, create_promotion, percent_off

POLICY_SET = """
mutation($storefront: ID!, $input: PromotionRiskPolicyInput!) {
  promotionRiskPolicySet(storefrontId: $storefront, input: $input) {
    riskPolicy {
      storefrontId maxOrderDiscount { amount currencyCode } maxOrderDiscountPercent
      floorPercentOfCost
    }
    userErrors { field message code }
  }
}
"""
POLICY = """
query($storefront: ID!) {
  promotionRiskPolicy(storefrontId: $storefront) { maxOrderDiscountPercent floorPercentOfCost }
}
"""
MODE_SET = """
mutation($mode: PromotionConflictMode!) {
  promotionConflictModeSet(mode: $mode) { mode userErrors { field message code } }
}
"""
SALE = "query { products(first: 10) { nodes { variants { sku salePrice { amount } } } } }"


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell(
        "LAMP",
        "100.00",
        stock=10,
    )
    return shop


async def set_policy(shop: Shop, **input: Any) -> Any:
    result = await shop.merchant.run(POLICY_SET, {"storefront": shop.storefront_id, "input": input})
    return result.data["promotionRiskPolicySet"]


@pytest.mark.parametrize(
    ("input", "field"),
    [
        ({"maxOrderDiscountPercent": "150"}, "maxOrderDiscountPercent"),
        ({"maxOrderDiscountPercent": "ten"}, "maxOrderDiscountPercent"),
        ({"maxOrderDiscount": "1.234"}, "maxOrderDiscount"),
        ({"maxOrderDiscount": "-5"}, "maxOrderDiscount"),
        ({"floorPercentOfCost": "-1"}, "floorPercentOfCost"),
        ({"floorPercentOfCost": "10.005"}, "floorPercentOfCost"),
    ],
)
async def test_a_risk_policy_is_checked_and_the_error_names_the_field(
    shop: Shop, input: dict[str, str], field: str
) -> None:
    # when staff set an impossible limit
    payload = await set_policy(shop, **input)
    # then it is refused, naming the field, and the policy stays as it was
    assert payload["riskPolicy"] is None
    assert [error["field"] for error in payload["userErrors"]] == [[field]]
    policy = await shop.merchant.run(POLICY, {"storefront": shop.storefront_id})
    assert policy.data["promotionRiskPolicy"] == {
        "maxOrderDiscountPercent": None,
        "floorPercentOfCost": None,
    }


async def test_the_most_an_order_may_be_discounted_binds_carts_and_checkout(shop: Shop) -> None:
    # given 50% off everything, and a policy of at most 30.00 or 25% off an order
    await create_promotion(shop.merchant, **percent_off("50"))
    policy = ok(await set_policy(shop, maxOrderDiscount="30.00", maxOrderDiscountPercent="25"))
    assert policy["riskPolicy"]["maxOrderDiscount"] == {"amount": "30.00", "currencyCode": "USD"}
    # when a shopper buys two lamps (200.00), then checks out
    cart = await shop.ready_cart({"LAMP": 2})
    order = ok(await shop.complete(cart["id"]))["order"]
    # then the lower limit (30.00) binds, in the cart and on the order
    assert cart["cost"]["discount"] == {"amount": "30.00"}
    assert order["discount"] == {"amount": "30.00"}
    # and one lamp (100.00) is limited to 25% of it
    assert (await shop.cart({"LAMP": 1}))["cost"]["discount"] == {"amount": "25.00"}


async def test_the_floor_by_cost_binds_sale_prices_and_carts(shop: Shop) -> None:
    # given a vase costing the merchant 60.00, sold at 80.00, and a 50% sale on everything
    vase = await shop.sell("VASE", "80.00")
    await shop.catalog.price(vase, shop.storefront_id, "80.00", costPrice="60.00")
    await create_promotion(
        shop.merchant, name="Half", kind="CATALOG", action={"type": "PercentOff", "percent": "50"}
    )
    # when the storefront never sells below 110% of cost
    ok(await set_policy(shop, floorPercentOfCost="110"))
    listed = await shop.visitor(SALE)
    sales = {
        v["sku"]: v["salePrice"] for p in listed.data["products"]["nodes"] for v in p["variants"]
    }
    cart = await shop.cart({"VASE": 1, "LAMP": 1})
    # then the vase sells for 66.00 (not 40.00), the lamp (no cost known) at half price
    assert sales == {"VASE": {"amount": "66.00"}, "LAMP": {"amount": "50.00"}}
    assert cart["cost"]["discount"] == {"amount": "64.00"}


async def test_overlapping_promotions_warn_by_default_and_can_be_refused(shop: Shop) -> None:
    # given an exclusive promotion on everything
    await create_promotion(shop.merchant, **percent_off("10", stacking="EXCLUSIVE"))
    # when another overlapping one is saved under the default mode, it is saved with a warning
    warned = await create_promotion(shop.merchant, **percent_off("20"))
    assert [w["kind"] for w in warned["warnings"]] == ["OVERLAPPING_EXCLUSIVE"]
    # when the merchant chooses to refuse conflicts
    mode = ok(
        (await shop.merchant.run(MODE_SET, {"mode": "REFUSE"})).data["promotionConflictModeSet"]
    )
    assert mode["mode"] == "REFUSE"
    result = await shop.merchant.run(PROMOTION_CREATE, {"input": percent_off("30")})
    # then the next overlapping one is refused and not saved
    payload = result.data["promotionCreate"]
    assert payload["promotion"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["action", "percentOff"], "CONFLICT")
    ]
    listed = await shop.merchant.run("{ promotions { nodes { name } } }")
    assert sorted(p["name"] for p in listed.data["promotions"]["nodes"]) == ["10% off", "20% off"]


@pytest.mark.parametrize("caller", CALLERS)
async def test_promotion_settings_need_manage_discounts(
    merchant_a: MerchantWorld, caller: str
) -> None:
    storefront_id, _token = await merchant_a.storefront("Web", "USD")
    token, expected = await credentials_lacking(merchant_a, caller, "MANAGE_DISCOUNTS")
    refused = await merchant_a.client.execute(
        POLICY_SET, {"storefront": storefront_id, "input": {"floorPercentOfCost": "0"}}, token=token
    )
    assert_refused(refused, "promotionRiskPolicySet", expected)
    refused = await merchant_a.client.execute(MODE_SET, {"mode": "REFUSE"}, token=token)
    assert_refused(refused, "promotionConflictModeSet", expected)
    mode = await merchant_a.run("{ promotionConflictMode }")
    assert mode.data["promotionConflictMode"] == "WARN"
