"""Issue 7's staff operations (reviews' moderation, order editing, draft orders) are refused
without their permission and change nothing (the rule of test_permission_denial.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.customers import shopper
from tests.support.drafts import (
    DRAFT_COMPLETE,
    DRAFT_CREATE,
    DRAFT_DELETE,
    DRAFT_DELIVERY,
    DRAFT_LINES,
    DRAFT_LINES_REMOVE,
    DRAFT_UPDATE,
    DRAFTS,
    ready_draft,
)
from tests.support.permissions import CALLERS, assert_refused, credentials_lacking
from tests.support.reviews import REVIEW_MODERATE, received, review

STATE = """
{
  productReviews(first: 10) { nodes { id status } }
  draftOrders(first: 10) { nodes { id status email note lines { quantity } } }
  orders(first: 10) { nodes { id status total { amount } lines { sku quantity } } }
}
"""
REVIEWS = "MANAGE_REVIEWS"
ORDERS = "MANAGE_ORDERS"
ORDER_EDIT = """
mutation($id: ID!, $dryRun: Boolean!) {
  orderEdit(id: $id, input: {discount: "1.00"}, dryRun: $dryRun) {
    order { id } userErrors { code }
  }
}
"""


@dataclass
class Targets:
    shop: Shop
    review_id: str
    order_id: str
    draft: dict[str, Any]

    @property
    def draft_id(self) -> str:
        return str(self.draft["id"])

    def lines(self, quantity: int) -> list[dict[str, Any]]:
        return self.shop.lines({"TARGET": quantity})


@dataclass(frozen=True)
class Guarded:
    field: str
    document: str
    variables: Callable[[Targets], dict[str, Any]]
    permission: str
    label: str = ""  # the case's name, when one field is tested in two ways

    def __str__(self) -> str:
        return self.label or self.field


MUTATIONS = [
    Guarded(
        "productReviewModerate",
        REVIEW_MODERATE,
        lambda t: {"id": t.review_id, "status": "APPROVED"},
        REVIEWS,
    ),
    Guarded("orderEdit", ORDER_EDIT, lambda t: {"id": t.order_id, "dryRun": False}, ORDERS),
    Guarded(
        "orderEdit",
        ORDER_EDIT,
        lambda t: {"id": t.order_id, "dryRun": True},
        ORDERS,
        label="orderEdit dry run",
    ),
    Guarded(
        "draftOrderCreate",
        DRAFT_CREATE,
        lambda t: {"input": {"storefrontId": t.shop.storefront_id, "lines": t.lines(1)}},
        ORDERS,
    ),
    Guarded("draftOrderUpdate", DRAFT_UPDATE, lambda t: {"id": t.draft_id, "input": {}}, ORDERS),
    Guarded(
        "draftOrderLinesAdd",
        DRAFT_LINES % "draftOrderLinesAdd",
        lambda t: {"id": t.draft_id, "lines": t.lines(1)},
        ORDERS,
    ),
    Guarded(
        "draftOrderLinesUpdate",
        DRAFT_LINES % "draftOrderLinesUpdate",
        lambda t: {"id": t.draft_id, "lines": t.lines(2)},
        ORDERS,
    ),
    Guarded(
        "draftOrderLinesRemove",
        DRAFT_LINES_REMOVE,
        lambda t: {"id": t.draft_id, "variants": [t.shop.variants["TARGET"]]},
        ORDERS,
    ),
    Guarded(
        "draftOrderDeliveryOptionSet",
        DRAFT_DELIVERY,
        lambda t: {"id": t.draft_id, "option": t.draft["deliveryOptions"][0]["id"]},
        ORDERS,
    ),
    Guarded(
        "draftOrderComplete",
        DRAFT_COMPLETE,
        lambda t: {"id": t.draft_id, "gateway": "cash_on_delivery", "markPaid": True},
        ORDERS,
    ),
    Guarded("draftOrderDelete", DRAFT_DELETE, lambda t: {"id": t.draft_id}, ORDERS),
]
LISTS = [
    Guarded("productReviews", "{ productReviews { nodes { id } } }", lambda t: {}, REVIEWS),
    Guarded("draftOrders", DRAFTS, lambda t: {}, ORDERS),
]


@pytest.fixture
async def targets(merchant_a: MerchantWorld) -> Targets:
    shop = await open_shop(merchant_a)
    await shop.sell("TARGET", "10.00", stock=5)
    buyer = await shopper(merchant_a, shop.token)
    await received(shop, buyer, "TARGET")
    written = ok(await review(buyer, shop.products["TARGET"]))
    cart = await shop.ready_cart({"TARGET": 1})
    order = ok(await shop.complete(cart["id"]))["order"]  # paid, not shipped: editable
    return Targets(
        shop, written["review"]["id"], order["id"], await ready_draft(shop, {"TARGET": 1})
    )


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_an_issue_7_mutation_is_refused_without_its_permission(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, case.permission)
    before = (await merchant_a.run(STATE)).data
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    assert_refused(result, case.field, expected)
    assert (await merchant_a.run(STATE)).data == before


@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_the_permission_alone_is_enough_for_an_issue_7_mutation(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded
) -> None:
    _, token = await merchant_a.staff("holder@alpha.example.com", [case.permission])
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    assert result.errors == []
    assert ok(result.data[case.field])


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_an_issue_7_list_is_refused_without_its_permission(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, case.permission)
    result = await merchant_a.client.execute(case.document, token=token)
    assert_refused(result, case.field, expected)
