"""Carts: what a visitor can put in one, what it costs, how it can be delivered. Prices always
come from the catalog; a change the storefront cannot sell leaves the cart as it was."""

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import (
    ADDRESS,
    CART,
    CART_CREATE,
    CART_UPDATE,
    DELIVERY_SET,
    LINES_ADD,
    LINES_REMOVE,
    LINES_UPDATE,
    TAX_CLASS_CREATE,
    Shop,
    open_shop,
)
from tests.support.customers import shopper

WAREHOUSE_UPDATE = """
mutation($id: ID!, $input: WarehouseInput!) {
  warehouseUpdate(id: $id, input: $input) { warehouse { pickupEnabled } userErrors { code } }
}
"""
CART_MERGE = """
mutation($cart: ID!) {
  cartMerge(cartId: $cart) {
    cart { id lines { variant { sku } quantity } } userErrors { field code }
  }
}
"""
PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { taxClassId } userErrors { field code } }
}
"""
STOREFRONT_UPDATE = """
mutation($id: ID!, $input: StorefrontInput!) {
  storefrontUpdate(id: $id, input: $input) { storefront { pricesIncludeTax } userErrors { code } }
}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "20.00", stock=5, weightGrams=300, purchaseLimit=4)
    await shop.sell("POSTER", "9.99", stock=None, weightGrams=100)
    return shop


def errors(payload: dict[str, object]) -> list[tuple[object, object]]:
    return [(e["field"], e["code"]) for e in payload["userErrors"]]  # type: ignore[attr-defined]


async def test_a_cart_is_priced_by_the_server_from_the_storefronts_prices(shop: Shop) -> None:
    # when a visitor puts two tees and a poster in a cart
    cart = await shop.cart({"TEE": 2, "POSTER": 1})
    # then each line and the whole are priced from the catalog
    assert [
        (line["variant"]["sku"], line["unitPrice"], line["subtotal"]) for line in cart["lines"]
    ] == [
        ("TEE", {"amount": "20.00"}, {"amount": "40.00"}),
        ("POSTER", {"amount": "9.99"}, {"amount": "9.99"}),
    ]
    assert cart["cost"]["subtotal"] == {"amount": "49.99", "currencyCode": "USD"}
    assert cart["cost"]["total"] == {"amount": "49.99", "currencyCode": "USD"}
    assert cart["totalQuantity"] == 3
    assert {p["field"][0] for p in cart["checkoutProblems"]} == {
        "email",
        "shippingAddress",
        "deliveryOptionId",
    }


async def test_a_client_cannot_send_a_price(shop: Shop) -> None:
    document = CART_CREATE.replace("cartCreate(input: $input)", "cartCreate(input: $input)")
    result = await shop.visitor(
        document,
        {"input": {"lines": [{"variantId": shop.variants["TEE"], "quantity": 1, "price": "0.01"}]}},
    )
    assert result.errors, "an unknown input field is refused by the schema"
    assert result.body.get("data") is None


@pytest.mark.parametrize(
    ("sku", "quantity", "field", "code"),
    [
        ("TEE", 0, "lines.0.quantity", "INVALID"),
        ("TEE", -3, "lines.0.quantity", "INVALID"),
        ("TEE", 5, "lines.0.quantity", "LIMIT_EXCEEDED"),
    ],
)
async def test_bad_quantities_are_refused_with_the_field_named(
    shop: Shop, sku: str, quantity: int, field: str, code: str
) -> None:
    result = await shop.visitor(CART_CREATE, {"input": {"lines": shop.lines({sku: quantity})}})
    payload = result.data["cartCreate"]
    assert payload["cart"] is None
    assert errors(payload) == [(field.split("."), code)]


async def test_more_than_the_stock_is_refused(shop: Shop) -> None:
    await shop.catalog.stock(shop.variants["TEE"], shop.warehouse_id, 2)
    result = await shop.visitor(CART_CREATE, {"input": {"lines": shop.lines({"TEE": 3})}})
    assert errors(result.data["cartCreate"]) == [(["lines", "0", "quantity"], "OUT_OF_STOCK")]


async def test_unpublished_and_foreign_variants_cannot_be_added(
    shop: Shop, merchant_b: MerchantWorld
) -> None:
    # given a product that is not published, and another merchant's variant
    hidden_product = await shop.catalog.product("Hidden")
    hidden = await shop.catalog.variant(hidden_product, "HIDDEN", trackInventory=False)
    other = await open_shop(merchant_b)
    foreign = await other.sell("FOREIGN", "1.00")
    # when a visitor tries to buy them
    cart = await shop.cart({"TEE": 1})
    for variant, code in ((hidden, "NOT_AVAILABLE"), (foreign, "NOT_FOUND")):
        result = await shop.visitor(
            LINES_ADD, {"cart": cart["id"], "lines": [{"variantId": variant, "quantity": 1}]}
        )
        # then it is refused and the cart is left as it was
        assert errors(result.data["cartLinesAdd"]) == [(["lines", "0", "variantId"], code)]
    again = (await shop.visitor(CART, {"id": cart["id"]})).data["cart"]
    assert [line["variant"]["sku"] for line in again["lines"]] == ["TEE"]


async def test_a_variant_unpriced_in_the_storefront_cannot_be_added(shop: Shop) -> None:
    product = await shop.catalog.product("Unpriced")
    variant = await shop.catalog.variant(product, "NOPRICE", trackInventory=False)
    await shop.catalog.publish(product, shop.storefront_id)
    result = await shop.visitor(
        CART_CREATE, {"input": {"lines": [{"variantId": variant, "quantity": 1}]}}
    )
    assert errors(result.data["cartCreate"]) == [(["lines", "0", "variantId"], "NOT_AVAILABLE")]


async def test_lines_are_added_updated_and_removed(shop: Shop) -> None:
    cart = await shop.cart({"TEE": 1})
    added = await shop.visitor(
        LINES_ADD, {"cart": cart["id"], "lines": shop.lines({"TEE": 2, "POSTER": 1})}
    )
    lines = ok(added.data["cartLinesAdd"])["cart"]["lines"]
    assert [(line["variant"]["sku"], line["quantity"]) for line in lines] == [
        ("TEE", 3),
        ("POSTER", 1),
    ]
    # adding past the purchase limit is refused as a whole
    over = await shop.visitor(LINES_ADD, {"cart": cart["id"], "lines": shop.lines({"TEE": 2})})
    assert errors(over.data["cartLinesAdd"]) == [(["lines", "0", "quantity"], "LIMIT_EXCEEDED")]
    updated = await shop.visitor(
        LINES_UPDATE, {"cart": cart["id"], "lines": shop.lines({"TEE": 0})}
    )
    lines = ok(updated.data["cartLinesUpdate"])["cart"]["lines"]
    assert [line["variant"]["sku"] for line in lines] == ["POSTER"]
    removed = await shop.visitor(
        LINES_REMOVE, {"cart": cart["id"], "variants": [shop.variants["POSTER"]]}
    )
    assert ok(removed.data["cartLinesRemove"])["cart"]["lines"] == []


async def test_a_cart_is_only_reachable_from_its_own_storefront(shop: Shop) -> None:
    cart = await shop.cart({"TEE": 1})
    _other_id, other_token = await shop.merchant.storefront("App", "USD", defaultCountry="US")
    read = await shop.merchant.client.execute(CART, {"id": cart["id"]}, storefront=other_token)
    assert read.data["cart"] is None
    change = await shop.merchant.client.execute(
        LINES_ADD, {"cart": cart["id"], "lines": shop.lines({"TEE": 1})}, storefront=other_token
    )
    assert change.error_codes == ["NOT_FOUND"]
    anonymous = await shop.merchant.client.execute(CART, {"id": cart["id"]})
    assert anonymous.error_codes == ["UNAUTHENTICATED"]


async def test_a_customers_cart_is_theirs_alone(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    created = await customer.run(CART_CREATE, {"input": {"lines": shop.lines({"TEE": 1})}})
    cart_id = ok(created.data["cartCreate"])["cart"]["id"]
    assert (await customer.run(CART, {"id": cart_id})).data["cart"]["id"] == cart_id
    assert (await shop.visitor(CART, {"id": cart_id})).data["cart"] is None
    other = await shopper(shop.merchant, shop.token)
    assert (await other.run(CART, {"id": cart_id})).data["cart"] is None


async def test_signing_in_merges_the_guest_cart_into_the_customers_cart(shop: Shop) -> None:
    # given a customer whose cart holds a tee, and a guest cart with a tee and a poster
    customer = await shopper(shop.merchant, shop.token)
    mine = await customer.run(CART_CREATE, {"input": {"lines": shop.lines({"TEE": 1})}})
    own_id = ok(mine.data["cartCreate"])["cart"]["id"]
    guest = await shop.cart({"TEE": 2, "POSTER": 1})
    # when the customer signs in and keeps the guest cart
    merged = await customer.run(CART_MERGE, {"cart": guest["id"]})
    cart = ok(merged.data["cartMerge"])["cart"]
    # then the lines join their own cart and the guest cart is closed
    assert cart["id"] == own_id
    assert [(line["variant"]["sku"], line["quantity"]) for line in cart["lines"]] == [
        ("TEE", 3),
        ("POSTER", 1),
    ]
    closed = (await shop.visitor(CART, {"id": guest["id"]})).data["cart"]
    assert closed["status"] == "MERGED"


async def test_merging_caps_quantities_to_what_can_be_bought(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    await customer.run(CART_CREATE, {"input": {"lines": shop.lines({"TEE": 3})}})
    guest = await shop.cart({"TEE": 3})
    merged = await customer.run(CART_MERGE, {"cart": guest["id"]})
    lines = ok(merged.data["cartMerge"])["cart"]["lines"]
    assert [(line["variant"]["sku"], line["quantity"]) for line in lines] == [("TEE", 4)]


async def test_addresses_are_validated_and_named_in_errors(shop: Shop) -> None:
    cart = await shop.cart({"TEE": 1})
    bad = {**ADDRESS, "postalCode": "ABCDE"}
    result = await shop.visitor(
        CART_UPDATE, {"cart": cart["id"], "input": {"shippingAddress": bad}}
    )
    assert errors(result.data["cartUpdate"]) == [(["shippingAddress", "postalCode"], "INVALID")]
    email = await shop.visitor(CART_UPDATE, {"cart": cart["id"], "input": {"email": "nope"}})
    assert errors(email.data["cartUpdate"]) == [(["email"], "INVALID")]


async def test_delivery_options_follow_the_address_weight_and_subtotal(shop: Shop) -> None:
    # given a heavy-goods method by weight, free above 100.00, and a zone for Canada
    zone = await shop.zone(["US"], name="Heavy")
    await shop.method(
        zone,
        name="Freight",
        currency="USD",
        weightTiers=[
            {"maxWeightGrams": 500, "price": "7.00"},
            {"maxWeightGrams": 2000, "price": "15.00"},
        ],
        freeAbove="100.00",
    )
    canada = await shop.zone(["CA"], name="Canada")
    await shop.method(canada, name="Canada Post", price="25.00", currency="USD")
    cart = await shop.cart({"TEE": 1}, shippingAddress=ADDRESS)
    names = [(o["name"], o["price"]["amount"]) for o in cart["deliveryOptions"]]
    assert names == [("Standard", "5.00"), ("Freight", "7.00")]
    # a heavier cart moves up a tier; a cart over the last tier cannot use the method
    heavier = await shop.visitor(LINES_ADD, {"cart": cart["id"], "lines": shop.lines({"TEE": 3})})
    options = ok(heavier.data["cartLinesAdd"])["cart"]["deliveryOptions"]
    assert [(o["name"], o["price"]["amount"]) for o in options] == [
        ("Standard", "5.00"),
        ("Freight", "15.00"),
    ]
    # choosing a method of another country's zone is refused
    await shop.sell("GOLD", "150.00", stock=None, weightGrams=1)
    rich = await shop.cart({"GOLD": 1}, shippingAddress=ADDRESS)
    assert ("Freight", "0.00") in [
        (o["name"], o["price"]["amount"]) for o in rich["deliveryOptions"]
    ]


async def test_a_delivery_option_not_offered_cannot_be_chosen(shop: Shop) -> None:
    canada = await shop.zone(["CA"], name="Canada")
    far = await shop.method(canada, name="Canada Post", price="25.00", currency="USD")
    cart = await shop.cart({"TEE": 1}, shippingAddress=ADDRESS)
    result = await shop.visitor(DELIVERY_SET, {"cart": cart["id"], "option": far})
    assert errors(result.data["cartDeliveryOptionSet"]) == [(["deliveryOptionId"], "NOT_AVAILABLE")]


async def test_a_pickup_warehouse_is_a_free_delivery_option_without_an_address(shop: Shop) -> None:
    ok(
        (
            await shop.admin(
                WAREHOUSE_UPDATE, {"id": shop.warehouse_id, "input": {"pickupEnabled": True}}
            )
        )["warehouseUpdate"]
    )
    cart = await shop.cart({"TEE": 1}, email="ada@example.com")
    pickup = [o for o in cart["deliveryOptions"] if o["kind"] == "PICKUP"]
    assert [(o["name"], o["price"]["amount"]) for o in pickup] == [("Pick up at Oakland", "0.00")]
    chosen = await shop.visitor(DELIVERY_SET, {"cart": cart["id"], "option": pickup[0]["id"]})
    ready = ok(chosen.data["cartDeliveryOptionSet"])["cart"]
    assert ready["checkoutProblems"] == []
    assert ready["selectedDeliveryOption"]["name"] == "Pick up at Oakland"


async def test_tax_is_added_to_prices_entered_without_tax(shop: Shop) -> None:
    # given 8.25% in California and 6% elsewhere in the US, and a reduced class for posters
    await shop.tax_rate("US", "6")
    await shop.tax_rate("US", "8.25", region="CA")
    reduced = (await shop.admin(TAX_CLASS_CREATE, {"name": "Reduced"}))["taxClassCreate"][
        "taxClass"
    ]["id"]
    await shop.tax_rate("US", "2.5", **{"class": reduced})
    poster = await shop.visitor(CART, {"id": (await shop.cart({"POSTER": 1}))["id"]})
    product_id = shop.products["POSTER"]
    ok(
        (await shop.admin(PRODUCT_UPDATE, {"id": product_id, "input": {"taxClassId": reduced}}))[
            "productUpdate"
        ]
    )
    assert poster.data["cart"]["cost"]["tax"] == {"amount": "0.60"}  # default country US, 6%
    # when a cart ships to California
    cart = await shop.ready_cart({"TEE": 1, "POSTER": 1})
    # then each line carries its rate, shipping is taxed at the default rate, and it adds up
    assert [line["tax"]["amount"] for line in cart["lines"]] == ["1.65", "0.25"]
    cost = cart["cost"]
    assert cost["tax"] == {"amount": "2.31"}  # 1.65 + 0.25 + 0.41 (8.25% of 5.00, rounded)
    assert cost["total"] == {"amount": "37.30", "currencyCode": "USD"}  # 20 + 9.99 + 5 + 2.31
    assert cost["pricesIncludeTax"] is False


async def test_tax_included_prices_show_the_tax_inside_the_total(shop: Shop) -> None:
    ok(
        (
            await shop.admin(
                STOREFRONT_UPDATE, {"id": shop.storefront_id, "input": {"pricesIncludeTax": True}}
            )
        )["storefrontUpdate"]
    )
    await shop.tax_rate("US", "20")
    cart = await shop.ready_cart({"TEE": 1})
    cost = cart["cost"]
    assert cost["total"] == {"amount": "25.00", "currencyCode": "USD"}
    # tax inside 20.00 is 3.33 (net 16.67), inside the 5.00 shipping 0.83 (net 4.17)
    assert cost["tax"] == {"amount": "4.16"}
    assert cost["pricesIncludeTax"] is True
