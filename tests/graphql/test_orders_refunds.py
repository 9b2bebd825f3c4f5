"""Staff refund orders by lines, shipping or an amount, through the gateways that took the
money, never above what was captured; restocking puts delivered units back."""

import pytest

from tests.support.actors import MerchantWorld
from tests.support.checkout import Shop, open_shop, stock_of
from tests.support.orders import (
    deliver,
    errors,
    fulfill,
    order_state,
    place_order,
    refund,
    ship,
)
from tests.support.webhooks import events


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


async def test_units_of_a_line_and_the_shipping_are_refunded_at_what_they_cost(
    shop: Shop,
) -> None:
    # given a paid order of 3 tees at 10.00 with 5.00 shipping (35.00)
    order = await place_order(shop, {"TEE": 3})
    assert order["total"] == {"amount": "35.00"}
    # when one tee is refunded, then the shipping
    one = await refund(shop, order, lines={"TEE": 1}, reason="Damaged")
    assert errors(one) == []
    assert one["refund"]["amount"] == {"amount": "10.00"}
    shipping = await refund(shop, order, shipping=True)
    # then the money went back through the card's gateway, line and payment counted
    state = shipping["order"]
    assert state["paymentStatus"] == "PARTIALLY_REFUNDED"
    assert [(p["captured"], p["refunded"]) for p in state["payments"]] == [
        ({"amount": "35.00"}, {"amount": "15.00"})
    ]
    assert state["lines"][0]["quantityRefunded"] == 1
    assert [(r["amount"], r["shipping"]) for r in state["refunds"]] == [
        ({"amount": "10.00"}, {"amount": "0.00"}),
        ({"amount": "5.00"}, {"amount": "5.00"}),
    ]
    kinds = [e["type"] for e in await events(shop.merchant, types=["ORDER_REFUNDED"])]
    assert kinds == ["ORDER_REFUNDED", "ORDER_REFUNDED"]
    # and the shipping cannot be refunded twice
    assert errors(await refund(shop, order, shipping=True)) == [(["shipping"], "INVALID")]


async def test_a_refund_never_exceeds_what_was_captured(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 1})  # 15.00 captured
    too_much = await refund(shop, order, amount="15.01")
    assert errors(too_much) == [(["orderId"], "INVALID_STATE")]
    assert "PAID" in too_much["userErrors"][0]["message"]
    everything = await refund(shop, order, lines={"TEE": 1}, shipping=True)
    assert everything["order"]["paymentStatus"] == "REFUNDED"
    assert errors(await refund(shop, order, amount="0.01")) == [(["orderId"], "INVALID_STATE")]
    state = await order_state(shop, order["id"])
    assert state["payments"][0]["refunded"] == {"amount": "15.00"}


async def test_a_line_refunded_unit_by_unit_gives_back_exactly_its_total(shop: Shop) -> None:
    # given a line of 3 units worth 10.00 in all (a 10.00 custom-priced line: 3.33 + 3.33 + 3.34)
    await shop.sell("PEN", "3.34", stock=10)
    order = await place_order(shop, {"PEN": 3})
    line_total = order["lines"][0]["total"]["amount"]
    amounts = [
        (await refund(shop, order, lines={"PEN": 1}))["refund"]["amount"]["amount"]
        for _ in range(3)
    ]
    assert sum(int(a.replace(".", "")) for a in amounts) == int(line_total.replace(".", ""))
    assert errors(await refund(shop, order, lines={"PEN": 1})) == [
        (["lines", "0", "quantity"], "INVALID")
    ]


async def test_restocking_puts_delivered_units_back_on_the_shelf(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 2})
    parcel = await fulfill(shop, order, {"TEE": 2})
    await ship(shop, parcel)
    assert await stock_of(shop, "TEE") == [("Oakland", 8, 0)]
    # units not delivered yet cannot be restocked
    early = await refund(shop, order, lines={"TEE": 1}, restock=True)
    assert errors(early) == [(["lines", "0", "quantity"], "INVALID_STATE")]
    await deliver(shop, parcel)
    done = await refund(shop, order, lines={"TEE": 1}, restock=True)
    assert done["order"]["lines"][0]["quantityReturned"] == 1
    assert done["order"]["status"] == "DELIVERED"
    assert await stock_of(shop, "TEE") == [("Oakland", 9, 0)]
