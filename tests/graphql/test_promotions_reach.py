"""Promotions reach what merchants target: a category's subcategories, collections, and the
signed-in customer's tags and segments (guests have none), in listings, carts and checkout."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import ADDRESS, DELIVERY_SET, Shop, new_key, open_shop
from tests.support.customers import Shopper, shopper
from tests.support.promotion_api import create_promotion

PAGE = """
query { products(first: 20) { nodes { variants { sku salePrice { amount } } } } }
"""
COLLECTION_CREATE = """
mutation($input: CollectionInput!) {
  collectionCreate(input: $input) { collection { id } userErrors { field message code } }
}
"""
COLLECTION_ADD = """
mutation($id: ID!, $products: [ID!]!) {
  collectionProductsAdd(id: $id, productIds: $products) { collection { id } userErrors { field } }
}
"""
TAGS_ADD = """
mutation($id: ID!, $tags: [String!]!) {
  customerTagsAdd(id: $id, tags: $tags) { customer { id } userErrors { field message code } }
}
"""
SEGMENT_CREATE = """
mutation($input: SegmentInput!) {
  segmentCreate(input: $input) { segment { id } userErrors { field message code } }
}
"""
CART_PROMOTIONS = """
mutation($input: CartCreateInput!) {
  cartCreate(input: $input) {
    cart { id appliedPromotions { name } cost { discount { amount } } }
    userErrors { field message code }
  }
}
"""
COMPLETE = """
mutation($cart: ID!, $key: String!, $payment: PaymentInput) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {
    order { discount { amount } } userErrors { field message code }
  }
}
"""


def each_off(name: str, amount: str, target: dict[str, Any], kind: str = "CART") -> dict[str, Any]:
    action_type = "AmountOffEach"
    return {
        "name": name,
        "kind": kind,
        "currency": "USD",
        "action": {
            "type": action_type,
            "amount": {"amount": amount, "currency": "USD"},
            "target": target,
        },
    }


async def sale_prices(shop: Shop) -> dict[str, str]:
    listed = await shop.visitor(PAGE)
    return {
        v["sku"]: v["salePrice"]["amount"]
        for p in listed.data["products"]["nodes"]
        for v in p["variants"]
    }


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    return await open_shop(merchant_a)


async def test_a_promotion_on_a_category_reaches_products_of_its_subcategories(shop: Shop) -> None:
    # given Clothing > Hats > Sun hats, a sun hat, a hat, and a mug in no category
    clothing = await shop.catalog.category("Clothing")
    hats = await shop.catalog.category("Hats", parent=clothing)
    sun_hats = await shop.catalog.category("Sun hats", parent=hats)
    await shop.sell(
        "SUNHAT", "20.00", product=await shop.catalog.product("Sun", categoryId=sun_hats)
    )
    await shop.sell("CAP", "20.00", product=await shop.catalog.product("Cap", categoryId=hats))
    await shop.sell("MUG", "20.00")
    # and a sale of 1.00 off each piece of clothing, and 2.00 off each hat in carts
    await create_promotion(
        shop.merchant, **each_off("Clothing sale", "1.00", {"categoryIds": [clothing]}, "CATALOG")
    )
    await create_promotion(shop.merchant, **each_off("Hats", "2.00", {"categoryIds": [hats]}))
    # when a visitor lists them and puts one of each in a cart
    prices = await sale_prices(shop)
    cart = await shop.cart({"SUNHAT": 1, "CAP": 1, "MUG": 1})
    # then both hats are on sale (their category is below Clothing), the mug is not
    assert prices == {"SUNHAT": "19.00", "CAP": "19.00", "MUG": "20.00"}
    # and the cart takes 1.00 + 2.00 off each hat, nothing off the mug
    assert cart["cost"]["discount"] == {"amount": "6.00"}
    assert [line["total"]["amount"] for line in cart["lines"]] == ["17.00", "17.00", "20.00"]


async def test_a_promotion_on_a_collection_reaches_its_products(shop: Shop) -> None:
    # given a "Staff picks" collection holding the lamp, not the mug
    await shop.sell("LAMP", "30.00")
    await shop.sell("MUG", "10.00")
    created = await shop.admin(COLLECTION_CREATE, {"input": {"name": "Staff picks"}})
    picks = ok(created["collectionCreate"])["collection"]["id"]
    ok(
        (await shop.admin(COLLECTION_ADD, {"id": picks, "products": [shop.products["LAMP"]]}))[
            "collectionProductsAdd"
        ]
    )
    # and 3.00 off each staff pick as a sale price
    await create_promotion(
        shop.merchant, **each_off("Picks", "3.00", {"collectionIds": [picks]}, "CATALOG")
    )
    # when a visitor lists them and buys one of each
    prices = await sale_prices(shop)
    cart = await shop.cart({"LAMP": 1, "MUG": 1})
    # then only the lamp is on sale, in the listing and in the cart
    assert prices == {"LAMP": "27.00", "MUG": "10.00"}
    assert cart["cost"]["discount"] == {"amount": "3.00"}


async def customer_cart(shop: Shop, who: Shopper | None) -> dict[str, Any]:
    variables = {
        "input": {
            "lines": shop.lines({"MUG": 1}),
            "email": "ada@example.com",
            "shippingAddress": ADDRESS,
        }
    }
    if who is None:
        result = await shop.visitor(CART_PROMOTIONS, variables)
    else:
        result = await who.run(CART_PROMOTIONS, variables)
    return ok(result.data["cartCreate"])["cart"]  # type: ignore[no-any-return]


async def test_customer_tags_and_segments_reach_conditions_at_cart_and_checkout(
    shop: Shop,
) -> None:
    # given a mug, 10% off for customers tagged "vip", 1.00 off for the "Big spenders"
    # segment (a rule: tagged "vip"), and 2.00 off first orders
    await shop.sell("MUG", "20.00", stock=20)
    rule = {
        "match": "ALL",
        "conditions": [{"field": "TAG", "operator": "CONTAINS", "value": "vip"}],
    }
    created = await shop.admin(SEGMENT_CREATE, {"input": {"name": "Big spenders", "rule": rule}})
    segment = ok(created["segmentCreate"])["segment"]["id"]
    await create_promotion(
        shop.merchant,
        name="VIP",
        action={"type": "PercentOff", "percent": "10"},
        condition={"type": "CustomerTagged", "tags": ["vip"]},
    )
    await create_promotion(
        shop.merchant,
        name="Segment",
        currency="USD",
        action={"type": "AmountOffOrder", "amount": {"amount": "1.00", "currency": "USD"}},
        condition={"type": "CustomerInSegment", "segmentIds": [segment]},
    )
    await create_promotion(
        shop.merchant,
        name="Welcome",
        currency="USD",
        action={"type": "AmountOffOrder", "amount": {"amount": "2.00", "currency": "USD"}},
        condition={"type": "AllOf", "conditions": [{"type": "FirstOrder"}]},
    )
    vip = await shopper(shop.merchant, shop.token)
    plain = await shopper(shop.merchant, shop.token)
    ok((await shop.admin(TAGS_ADD, {"id": vip.id, "tags": ["vip"]}))["customerTagsAdd"])
    # when a guest, a customer and the tagged customer each fill a cart
    guest_cart = await customer_cart(shop, None)
    plain_cart = await customer_cart(shop, plain)
    vip_cart = await customer_cart(shop, vip)
    # then a guest counts as a first order only, the plain customer too,
    # and the tagged customer gets all three
    assert [p["name"] for p in guest_cart["appliedPromotions"]] == ["Welcome"]
    assert [p["name"] for p in plain_cart["appliedPromotions"]] == ["Welcome"]
    assert sorted(p["name"] for p in vip_cart["appliedPromotions"]) == ["Segment", "VIP", "Welcome"]
    assert vip_cart["cost"]["discount"] == {"amount": "5.00"}
    # and checkout charges what the cart showed
    option = (
        await vip.run(
            "query($id: ID!) { cart(id: $id) { deliveryOptions { id } } }", {"id": vip_cart["id"]}
        )
    ).data["cart"]["deliveryOptions"][0]["id"]
    chosen = await vip.run(DELIVERY_SET, {"cart": vip_cart["id"], "option": option})
    ok(chosen.data["cartDeliveryOptionSet"])
    completed = await vip.run(
        COMPLETE,
        {
            "cart": vip_cart["id"],
            "key": new_key(),
            "payment": {"gateway": "dummy", "token": "tok_success"},
        },
    )
    assert ok(completed.data["checkoutComplete"])["order"]["discount"] == {"amount": "5.00"}
