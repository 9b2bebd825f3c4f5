"""Order editing: staff change an order's lines and discount before it ships; the order is
priced as checkout prices, its stock moves by exactly the difference, and what to charge or
refund is kept on the order. A dry run shows all that and changes nothing."""

import json
from decimal import Decimal
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import PAYMENT_CONFIRM, SETTINGS_UPDATE, Shop, open_shop, stock_of
from tests.support.order_editing import edit_order, order_as_staff
from tests.support.reviews import mark_order
from tests.support.webhooks import events


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.tax_rate("US", "10")
    await shop.sell("TEE", "20.00", stock=10)
    await shop.sell("MUG", "12.50", stock=3)
    await shop.sell("CAP", "8.00", stock=5)
    return shop


@pytest.fixture
async def order(shop: Shop) -> dict[str, Any]:
    """A paid order: 2 TEE and 1 MUG (52.50 + 5.00 shipping, 10% tax on top)."""
    cart = await shop.ready_cart({"TEE": 2, "MUG": 1})
    placed: dict[str, Any] = ok(await shop.complete(cart["id"]))["order"]
    return placed


def amount(money: dict[str, str]) -> Decimal:
    return Decimal(money["amount"])


def errors(payload: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def snapshot(shop: Shop, order_id: str) -> tuple[Any, ...]:
    """Everything an edit may change: the order, the stock of each SKU, the events."""
    stock = [await stock_of(shop, sku) for sku in ("TEE", "MUG", "CAP")]
    return await order_as_staff(shop, order_id), stock, await events(shop.merchant)


async def test_a_dry_run_shows_the_new_totals_and_the_difference_and_changes_nothing(
    shop: Shop, order: dict[str, Any]
) -> None:
    # given the order as it stands: 57.50 + 5.75 tax
    assert order["total"]["amount"] == "63.25"
    before = await snapshot(shop, order["id"])
    # when staff try one more TEE and a CAP without saving
    tried = ok(await edit_order(shop, order["id"], {"TEE": 3, "CAP": 1}, dry_run=True))
    # then they see the order as the edit would make it, and what the customer would owe
    edit = tried["edit"]
    assert edit["committed"] is False
    assert [(line["sku"], line["quantity"]) for line in edit["lines"]] == [
        ("TEE", 3),
        ("MUG", 1),
        ("CAP", 1),
    ]
    assert (edit["subtotal"], edit["tax"], edit["total"]) == (
        {"amount": "80.50"},
        {"amount": "8.55"},
        {"amount": "94.05"},
    )
    assert edit["difference"] == {"amount": "30.80", "currencyCode": "USD"}
    assert edit["balance"] == {"amount": "30.80"}
    # and nothing changed: not the order, its stock, nor the event log
    assert tried["order"]["total"] == {"amount": "63.25"}
    assert await snapshot(shop, order["id"]) == before


async def test_a_committed_edit_reserves_exactly_the_added_units_and_records_the_balance(
    shop: Shop, order: dict[str, Any]
) -> None:
    # when staff add a TEE and a CAP
    done = ok(await edit_order(shop, order["id"], {"TEE": 3, "CAP": 1}))
    assert done["edit"]["committed"] is True
    # then the order holds the new lines, priced and taxed, and owes the difference
    saved = await order_as_staff(shop, order["id"])
    assert [(line["sku"], line["quantity"]) for line in saved["lines"]] == [
        ("TEE", 3),
        ("MUG", 1),
        ("CAP", 1),
    ]
    assert saved["total"] == {"amount": "94.05"}
    assert saved["balance"] == {"amount": "30.80"}
    # and the stock reserved grew by exactly what was added
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 3)]
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 1)]
    assert await stock_of(shop, "CAP") == [("Oakland", 5, 1)]
    assert saved["fulfillmentGroups"] == [
        {
            "warehouseName": "Oakland",
            "lines": [
                {"sku": "TEE", "quantity": 3},
                {"sku": "MUG", "quantity": 1},
                {"sku": "CAP", "quantity": 1},
            ],
        }
    ]
    # and integrators hear of it
    assert [e["type"] for e in await events(shop.merchant, types=["ORDER_UPDATED"])] == [
        "ORDER_UPDATED"
    ]


async def test_removing_and_reducing_lines_releases_exactly_those_units_and_owes_a_refund(
    shop: Shop, order: dict[str, Any]
) -> None:
    done = ok(await edit_order(shop, order["id"], {"TEE": 1, "MUG": 0}))
    assert done["edit"]["difference"] == {"amount": "-35.75", "currencyCode": "USD"}
    saved = await order_as_staff(shop, order["id"])
    assert [(line["sku"], line["quantity"]) for line in saved["lines"]] == [("TEE", 1)]
    assert (saved["total"], saved["balance"]) == ({"amount": "27.50"}, {"amount": "-35.75"})
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 1)]
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 0)]
    assert saved["fulfillmentGroups"] == [
        {"warehouseName": "Oakland", "lines": [{"sku": "TEE", "quantity": 1}]}
    ]


async def test_an_edit_beyond_the_stock_is_refused_and_changes_nothing(
    shop: Shop, order: dict[str, Any]
) -> None:
    before = await snapshot(shop, order["id"])
    # the MUG has 3 units, one of them this order's: 4 in all cannot be had
    refused = await edit_order(shop, order["id"], {"CAP": 2, "MUG": 4})
    assert errors(refused) == [(["lines", "1", "quantity"], "OUT_OF_STOCK")]
    assert refused["order"] is None
    assert await snapshot(shop, order["id"]) == before
    # and the same edit as a dry run says so too
    tried = await edit_order(shop, order["id"], {"MUG": 4}, dry_run=True)
    assert errors(tried) == [(["lines", "0", "quantity"], "OUT_OF_STOCK")]


async def test_a_staff_discount_is_split_over_the_lines_and_everything_adds_up(
    shop: Shop, order: dict[str, Any]
) -> None:
    done = ok(await edit_order(shop, order["id"], discount="10.00"))
    saved = await order_as_staff(shop, order["id"])
    lines = saved["lines"]
    assert saved["discount"] == {"amount": "10.00"}
    assert sum(amount(line["discount"]) for line in lines) == Decimal("10.00")
    assert sum(amount(line["tax"]) for line in lines) + Decimal("0.50") == amount(saved["tax"])
    assert sum(amount(line["total"]) for line in lines) + amount(saved["shipping"]) + Decimal(
        "0.50"
    ) == amount(saved["total"])
    assert saved["total"] == {"amount": "52.25"}  # (52.50 - 10.00) * 1.1 + 5.00 * 1.1
    assert done["edit"]["difference"]["amount"] == "-11.00"
    # removing the discount restores the price and the balance
    ok(await edit_order(shop, order["id"], discount="0"))
    again = await order_as_staff(shop, order["id"])
    assert (again["total"], again["balance"]) == ({"amount": "63.25"}, {"amount": "0.00"})


async def test_an_edit_that_changes_nothing_prices_the_order_as_checkout_did(
    shop: Shop, order: dict[str, Any]
) -> None:
    same = ok(await edit_order(shop, order["id"], {"TEE": 2}, dry_run=True))["edit"]
    assert same["total"]["amount"] == order["total"]["amount"]
    assert same["difference"]["amount"] == "0.00"
    assert [line["total"] for line in same["lines"]] == [line["total"] for line in order["lines"]]


@pytest.mark.parametrize("status", ["CANCELLED", "DELIVERED"])
async def test_an_order_past_editing_is_refused(
    shop: Shop, order: dict[str, Any], status: str
) -> None:
    await mark_order(shop.merchant.client, order["id"], status)
    refused = await edit_order(shop, order["id"], {"TEE": 3})
    assert errors(refused) == [(["id"], "INVALID_STATE")]
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]


async def test_input_mistakes_are_user_errors(shop: Shop, order: dict[str, Any]) -> None:
    assert errors(await edit_order(shop, order["id"], {"TEE": -1})) == [
        (["lines", "0", "quantity"], "INVALID")
    ]
    assert errors(await edit_order(shop, order["id"], {"TEE": 0, "MUG": 0})) == [
        (["lines"], "REQUIRED")
    ]
    assert errors(await edit_order(shop, order["id"], discount="999.00")) == [
        (["discount"], "INVALID")
    ]
    assert errors(await edit_order(shop, order["id"])) == [(["lines"], "REQUIRED")]


async def test_an_unpaid_order_reserving_on_payment_takes_the_edited_units_when_paid(
    shop: Shop,
) -> None:
    # given a merchant reserving stock only on payment, and a bank transfer order
    await shop.admin(SETTINGS_UPDATE, {"input": {"stockReservation": "ON_PAYMENT"}})
    cart = await shop.ready_cart({"TEE": 2})
    placed = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    # when staff add a CAP before it is paid: nothing is reserved yet
    ok(await edit_order(shop, placed["id"], {"CAP": 2}))
    assert await stock_of(shop, "CAP") == [("Oakland", 5, 0)]
    # then confirming the payment reserves what the order now holds
    confirmed = await shop.admin(PAYMENT_CONFIRM, {"id": placed["payments"][0]["id"]})
    assert ok(confirmed["paymentConfirm"])["order"]["status"] == "PAID"
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]
    assert await stock_of(shop, "CAP") == [("Oakland", 5, 2)]


async def test_an_edit_taking_stock_below_the_threshold_sends_the_inventory_events(
    shop: Shop, order: dict[str, Any]
) -> None:
    # given a hat with a low stock threshold of 3 (6 in stock) and a paid order holding stock
    await shop.sell("HAT", "4.00", stock=6, lowStockThreshold=3)
    watched = ["INVENTORY_LOW_STOCK", "INVENTORY_OUT_OF_STOCK"]
    assert await events(shop.merchant, types=watched) == []
    # when staff add 4 hats (2 left), then the last 2
    ok(await edit_order(shop, order["id"], {"HAT": 4}))
    low = await events(shop.merchant, types=watched)
    ok(await edit_order(shop, order["id"], {"HAT": 6}))
    # then the events checkout sends follow the stock down, once each
    assert [(e["type"], json.loads(e["payload"])["available"]) for e in low] == [
        ("INVENTORY_LOW_STOCK", 2)
    ]
    out = await events(shop.merchant, types=watched)
    assert [(e["type"], json.loads(e["payload"])["available"]) for e in out] == [
        ("INVENTORY_LOW_STOCK", 2),
        ("INVENTORY_OUT_OF_STOCK", 0),
    ]
    # and a dry run, or an edit that gives units back, sends none
    ok(await edit_order(shop, order["id"], {"HAT": 5}, dry_run=True))
    ok(await edit_order(shop, order["id"], {"HAT": 1}))
    assert len(await events(shop.merchant, types=watched)) == 2
