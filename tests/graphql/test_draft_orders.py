"""Draft orders: staff build an order for a customer (a phone order) and complete it; the
order is priced, stocked and snapshotted exactly as checkout does. Storefronts never see
drafts."""

from typing import Any

import pytest

from resolvers.ids import decode_global_id, encode_global_id
from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import CART, COMPLETE, LINES_ADD, Shop, new_key, open_shop, stock_of
from tests.support.customers import Shopper, shopper
from tests.support.drafts import (
    DRAFT_DELETE,
    DRAFT_LINES,
    DRAFT_LINES_REMOVE,
    DRAFT_UPDATE,
    DRAFTS,
    complete_draft,
    draft,
    ready_draft,
)
from tests.support.webhooks import events

MY_ORDERS = "{ me { ... on Customer { orders(first: 5) { nodes { number status } } } } }"
NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "20.00", stock=10)
    await shop.sell("MUG", "12.50", stock=3)
    return shop


@pytest.fixture
async def customer(shop: Shop) -> Shopper:
    return await shopper(shop.merchant, shop.token)


def errors(payload: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def test_staff_build_a_draft_for_a_customer_and_complete_it_into_an_unpaid_order(
    shop: Shop, customer: Shopper
) -> None:
    # given a draft for a customer: their email by default, priced like a cart
    started = await ready_draft(shop, {"TEE": 2}, customerId=customer.id, email=None)
    assert (started["email"], started["customerId"]) == (customer.email, customer.id)
    assert started["cost"]["total"] == {"amount": "45.00"}
    assert started["problems"] == []
    # when staff complete it, the customer paying by bank transfer
    order = ok(await complete_draft(shop, started["id"]))["order"]
    # then it is a real order with its snapshot, waiting for the payment, its stock reserved
    assert (order["number"], order["status"], order["email"]) == (1, "UNPAID", customer.email)
    assert order["total"] == {"amount": "45.00"}
    assert [(line["sku"], line["quantity"], line["unitPrice"]) for line in order["lines"]] == [
        ("TEE", 2, {"amount": "20.00"})
    ]
    assert order["payments"] == [{"gateway": "bank_transfer", "state": "PENDING"}]
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]
    # and the customer sees it among their orders; integrators hear of it
    mine = await customer.run(MY_ORDERS)
    assert mine.data["me"]["orders"]["nodes"] == [{"number": 1, "status": "UNPAID"}]
    assert [e["type"] for e in await events(shop.merchant, types=["ORDER_CREATED"])] == [
        "ORDER_CREATED"
    ]
    # and the draft is done: no second order from it, and it left the draft list
    again = await complete_draft(shop, started["id"])
    assert errors(again) == [(["id"], "ALREADY_COMPLETED")]
    assert (await shop.admin(DRAFTS, {}))["draftOrders"]["nodes"] == []


async def test_a_draft_paid_on_the_phone_becomes_a_paid_order(shop: Shop) -> None:
    started = await ready_draft(shop, {"MUG": 1})
    order = ok(await complete_draft(shop, started["id"], "cash_on_delivery", mark_paid=True))
    assert order["order"]["status"] == "PAID"
    assert order["order"]["payments"] == [{"gateway": "cash_on_delivery", "state": "CAPTURED"}]


async def test_staff_change_a_drafts_lines_and_details(shop: Shop, customer: Shopper) -> None:
    started = await draft(shop, {"TEE": 1})
    added = await shop.admin(DRAFT_LINES % "draftOrderLinesAdd", {
        "id": started["id"], "lines": shop.lines({"MUG": 2})
    })  # fmt: skip
    assert ok(added["draftOrderLinesAdd"])["draftOrder"]["cost"]["total"] == {"amount": "45.00"}
    updated = await shop.admin(DRAFT_LINES % "draftOrderLinesUpdate", {
        "id": started["id"], "lines": shop.lines({"TEE": 3})
    })  # fmt: skip
    lines = ok(updated["draftOrderLinesUpdate"])["draftOrder"]["lines"]
    assert [(line["variant"]["sku"], line["quantity"]) for line in lines] == [
        ("TEE", 3),
        ("MUG", 2),
    ]
    removed = await shop.admin(
        DRAFT_LINES_REMOVE, {"id": started["id"], "variants": [shop.variants["MUG"]]}
    )
    assert [line["quantity"] for line in ok(removed["draftOrderLinesRemove"])["draftOrder"][
        "lines"
    ]] == [3]  # fmt: skip
    changed = await shop.admin(
        DRAFT_UPDATE, {"id": started["id"], "input": {"customerId": customer.id, "note": "Gift"}}
    )
    after = ok(changed["draftOrderUpdate"])["draftOrder"]
    assert (after["customerId"], after["note"]) == (customer.id, "Gift")


async def test_a_draft_that_is_not_ready_is_not_completed_and_nothing_changes(
    shop: Shop,
) -> None:
    started = await draft(shop, {"TEE": 1})  # no email, address or delivery
    refused = await complete_draft(shop, started["id"])
    assert refused["order"] is None
    assert errors(refused)[0][1] == "REQUIRED"
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 0)]
    assert len((await shop.admin(DRAFTS, {}))["draftOrders"]["nodes"]) == 1


async def test_only_a_manual_gateway_completes_a_draft(shop: Shop) -> None:
    started = await ready_draft(shop, {"TEE": 1})
    refused = await complete_draft(shop, started["id"], "dummy")
    assert errors(refused) == [(["payment", "gateway"], "INVALID")]


async def test_a_deleted_draft_is_gone(shop: Shop) -> None:
    started = await draft(shop, {"TEE": 1})
    ok((await shop.admin(DRAFT_DELETE, {"id": started["id"]}))["draftOrderDelete"])
    assert (await shop.admin(DRAFTS, {}))["draftOrders"]["nodes"] == []
    assert (await shop.merchant.run(NODE, {"id": started["id"]})).data["node"] is None


async def test_a_storefront_never_reaches_a_draft_even_holding_its_id(
    shop: Shop, customer: Shopper
) -> None:
    # given a draft for the customer, and its id as a cart's (drafts are stored as carts)
    started = await ready_draft(shop, {"TEE": 1}, customerId=customer.id)
    as_cart = encode_global_id("Cart", decode_global_id(started["id"])[1])
    # then neither a visitor nor the customer can read, change or check it out
    for caller in (shop.visitor, customer.run):
        assert (await caller(CART, {"id": as_cart})).data["cart"] is None
        assert (await caller(NODE, {"id": as_cart})).data["node"] is None
        assert (await caller(NODE, {"id": started["id"]})).error_codes != []
        added = await caller(LINES_ADD, {"cart": as_cart, "lines": shop.lines({"MUG": 1})})
        assert added.error_codes == ["NOT_FOUND"]
        key, payment = new_key(), {"gateway": "bank_transfer"}
        done = await caller(COMPLETE, {"cart": as_cart, "key": key, "payment": payment})
        assert done.error_codes == ["NOT_FOUND"]
        listed = await caller(DRAFTS)
        assert listed.error_codes in (["UNAUTHENTICATED"], ["FORBIDDEN"])
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 0)]
