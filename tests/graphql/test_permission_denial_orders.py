"""Order operations after checkout are refused without MANAGE_ORDERS and change nothing (the
same rule as tests/graphql/test_permission_denial.py, for this area's operations)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.orders import (
    CANCEL,
    COMPLETE_ORDER,
    FULFILLMENT_CREATE,
    FULFILLMENT_DELIVER,
    FULFILLMENT_SHIP,
    HOLD,
    NOTE_ADD,
    REFUND,
    RELEASE,
    TRACKING_UPDATE,
    deliver,
    fulfill,
    line_id,
    place_order,
    requested_return,
    ship,
)
from tests.support.permissions import CALLERS, assert_refused, credentials_lacking

STATE = """
{ orders(first: 10) { nodes { id status paymentStatus fulfillmentStatus timeline { nodes { kind } }
  fulfillments { status trackingNumber } refunds { id } returns { status }
  lines { quantityRefunded quantityReturned } } } }
"""
ORDERS = "MANAGE_ORDERS"
RETURN_FIELDS = "orderReturn { id status } userErrors { code }"
RETURN_APPROVE = f"mutation($id: ID!) {{ orderReturnApprove(returnId: $id) {{ {RETURN_FIELDS} }} }}"
RETURN_REJECT = f"mutation($id: ID!) {{ orderReturnReject(returnId: $id) {{ {RETURN_FIELDS} }} }}"
RETURN_RECEIVE = f"""
mutation($id: ID!) {{ orderReturnReceive(returnId: $id, restock: true) {{ {RETURN_FIELDS} }} }}
"""
RETURN_RECEIVE_REFUND = f"""
mutation($id: ID!) {{
  orderReturnReceive(returnId: $id, restock: false, refund: true) {{ {RETURN_FIELDS} }}
}}
"""
PARCEL = "fulfillment { id status } userErrors { code }"
PICK = f"mutation($id: ID!) {{ fulfillmentPick(fulfillmentId: $id) {{ {PARCEL} }} }}"
PACK = f"mutation($id: ID!) {{ fulfillmentPack(fulfillmentId: $id) {{ {PARCEL} }} }}"
PARCEL_CANCEL = f"mutation($id: ID!) {{ fulfillmentCancel(fulfillmentId: $id) {{ {PARCEL} }} }}"


@dataclass
class Targets:
    shop: Shop
    order: dict[str, Any]  # paid, nothing fulfilled
    packed: str  # a fulfillment created, not shipped
    shipped: str  # a fulfillment shipped
    delivered: str  # an order delivered
    requested: str  # a return asked for
    approved: str  # a return approved
    picking: str  # a fulfillment being picked


@dataclass(frozen=True)
class Guarded:
    field: str
    document: str
    variables: Callable[[Targets], dict[str, Any]]

    def __str__(self) -> str:
        return self.field


def _lines(t: Targets) -> list[dict[str, Any]]:
    return [{"orderLineId": line_id(t.order, "TARGET"), "quantity": 1}]


MUTATIONS = [
    Guarded(
        "fulfillmentCreate",
        FULFILLMENT_CREATE,
        lambda t: {"input": {"orderId": t.order["id"], "lines": _lines(t)}},
    ),
    Guarded("fulfillmentShip", FULFILLMENT_SHIP, lambda t: {"id": t.packed}),
    Guarded("fulfillmentDeliver", FULFILLMENT_DELIVER, lambda t: {"id": t.shipped}),
    Guarded("fulfillmentPick", PICK, lambda t: {"id": t.packed}),
    Guarded("fulfillmentPack", PACK, lambda t: {"id": t.picking}),
    Guarded("fulfillmentCancel", PARCEL_CANCEL, lambda t: {"id": t.packed}),
    Guarded(
        "fulfillmentTrackingUpdate",
        TRACKING_UPDATE,
        lambda t: {"id": t.packed, "tracking": {"trackingNumber": "SNEAKY"}},
    ),
    Guarded("orderHold", HOLD, lambda t: {"id": t.order["id"], "reason": "Sneaky"}),
    Guarded("orderNoteAdd", NOTE_ADD, lambda t: {"id": t.order["id"], "body": "Sneaky"}),
    Guarded("orderCancel", CANCEL, lambda t: {"id": t.order["id"]}),
    Guarded("orderComplete", COMPLETE_ORDER, lambda t: {"id": t.delivered}),
    Guarded("orderReturnApprove", RETURN_APPROVE, lambda t: {"id": t.requested}),
    Guarded("orderReturnReject", RETURN_REJECT, lambda t: {"id": t.requested}),
    Guarded("orderReturnReceive", RETURN_RECEIVE, lambda t: {"id": t.approved}),
    Guarded("orderReturnReceive", RETURN_RECEIVE_REFUND, lambda t: {"id": t.approved}),
    Guarded(
        "orderRefund",
        REFUND,
        lambda t: {"input": {"orderId": t.order["id"], "lines": _lines(t)}},
    ),
]
LISTS = [
    Guarded(
        "orders",
        'query { orders(filter: {search: "TARGET", paymentStatus: "PAID"}) { nodes { id } } }',
        lambda t: {},
    ),
]


@pytest.fixture
async def targets(merchant_a: MerchantWorld) -> Targets:
    shop = await open_shop(merchant_a)
    await shop.sell("TARGET", "10.00", stock=10)
    order = await place_order(shop, {"TARGET": 2})
    other = await place_order(shop, {"TARGET": 2})
    packed = await fulfill(shop, other, {"TARGET": 1})
    shipped = await fulfill(shop, other, {"TARGET": 1})
    await ship(shop, shipped)
    delivered = await place_order(shop, {"TARGET": 1})
    parcel = await fulfill(shop, delivered, {"TARGET": 1})
    await ship(shop, parcel)
    await deliver(shop, parcel)
    requested = await requested_return(shop, "TARGET")
    approved = await requested_return(shop, "TARGET")
    ok((await shop.admin(RETURN_APPROVE, {"id": approved}))["orderReturnApprove"])
    third = await place_order(shop, {"TARGET": 1})
    picking = await fulfill(shop, third, {"TARGET": 1})
    ok((await shop.admin(PICK, {"id": picking}))["fulfillmentPick"])
    return Targets(shop, order, packed, shipped, delivered["id"], requested, approved, picking)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_an_order_operation_is_refused_without_manage_orders(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, ORDERS)
    before = (await merchant_a.run(STATE)).data
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    assert_refused(result, case.field, expected)
    assert (await merchant_a.run(STATE)).data == before


@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_manage_orders_alone_is_enough_for_an_order_operation(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded
) -> None:
    _, token = await merchant_a.staff("holder@alpha.example.com", [ORDERS])
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    assert result.errors == []
    assert ok(result.data[case.field])


async def test_release_is_refused_without_manage_orders(
    merchant_a: MerchantWorld, targets: Targets
) -> None:
    ok(
        (await targets.shop.admin(HOLD, {"id": targets.order["id"], "reason": "Check"}))[
            "orderHold"
        ]
    )
    for caller in CALLERS:
        token, expected = await credentials_lacking(merchant_a, caller, ORDERS)
        result = await merchant_a.client.execute(RELEASE, {"id": targets.order["id"]}, token=token)
        assert_refused(result, "orderRelease", expected)
    assert (await merchant_a.run(STATE)).data["orders"]["nodes"][-1]["status"] == "ON_HOLD"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_the_order_list_and_its_filters_are_refused_without_manage_orders(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, ORDERS)
    result = await merchant_a.client.execute(case.document, token=token)
    assert_refused(result, case.field, expected)


async def test_a_fulfillment_is_not_readable_by_staff_without_manage_orders(
    merchant_a: MerchantWorld, targets: Targets
) -> None:
    token, _ = await credentials_lacking(merchant_a, "staff lacking it", ORDERS)
    query = "query($id: ID!) { node(id: $id) { ... on Fulfillment { id } } }"
    result = await merchant_a.client.execute(query, {"id": targets.packed}, token=token)
    assert result.error_codes == ["FORBIDDEN"]
