"""Another merchant's orders, fulfillments and returns do not exist for a merchant's staff:
every order operation answers NOT_FOUND and changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld
from tests.support.checkout import Shop, open_shop
from tests.support.orders import (
    FULFILLMENT_CREATE,
    FULFILLMENT_DELIVER,
    FULFILLMENT_SHIP,
    HOLD,
    NOTE_ADD,
    REFUND,
    TRACKING_UPDATE,
    fulfill,
    line_id,
    order_state,
    place_order,
    requested_return,
)

RETURN_APPROVE = """
mutation($id: ID!) { orderReturnApprove(returnId: $id) { orderReturn { id } userErrors { code } } }
"""


@dataclass
class BTargets:
    shop: Shop
    order: dict[str, Any]
    fulfillment: str
    order_return: str


@dataclass(frozen=True)
class Case:
    field: str
    document: str
    variables: Callable[[BTargets], dict[str, Any]]

    def __str__(self) -> str:
        return self.field


def _lines(t: BTargets) -> list[dict[str, Any]]:
    return [{"orderLineId": line_id(t.order, "B-TEE"), "quantity": 1}]


CASES = [
    Case("fulfillmentCreate", FULFILLMENT_CREATE,
         lambda t: {"input": {"orderId": t.order["id"], "lines": _lines(t)}}),
    Case("fulfillmentShip", FULFILLMENT_SHIP, lambda t: {"id": t.fulfillment}),
    Case("fulfillmentDeliver", FULFILLMENT_DELIVER, lambda t: {"id": t.fulfillment}),
    Case("fulfillmentTrackingUpdate", TRACKING_UPDATE,
         lambda t: {"id": t.fulfillment, "tracking": {"trackingNumber": "X"}}),
    Case("orderHold", HOLD, lambda t: {"id": t.order["id"], "reason": "X"}),
    Case("orderNoteAdd", NOTE_ADD, lambda t: {"id": t.order["id"], "body": "X"}),
    Case("orderRefund", REFUND, lambda t: {"input": {"orderId": t.order["id"], "amount": "1.00"}}),
    Case("orderReturnApprove", RETURN_APPROVE, lambda t: {"id": t.order_return}),
]  # fmt: skip


@pytest.fixture
async def b_targets(merchant_b: MerchantWorld) -> BTargets:
    shop = await open_shop(merchant_b)
    await shop.sell("B-TEE", "10.00", stock=10)
    order = await place_order(shop, {"B-TEE": 2})
    return BTargets(
        shop, order, await fulfill(shop, order, {"B-TEE": 1}), await requested_return(shop, "B-TEE")
    )


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_another_merchants_order_objects_are_not_found(
    merchant_a: MerchantWorld, b_targets: BTargets, case: Case
) -> None:
    before = await order_state(b_targets.shop, b_targets.order["id"])
    result = await merchant_a.run(case.document, case.variables(b_targets))
    assert result.error_codes == ["NOT_FOUND"], result.body
    assert (result.body.get("data") or {}).get(case.field) is None
    assert await order_state(b_targets.shop, b_targets.order["id"]) == before
