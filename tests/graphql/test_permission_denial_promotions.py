"""Promotion operations are refused without MANAGE_DISCOUNTS and change nothing; the
permission alone is enough (the rule of tests/graphql/test_permission_denial.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.permissions import CALLERS, assert_refused, credentials_lacking
from tests.support.promotion_api import (
    CODES_GENERATE,
    PROMOTION_CREATE,
    create_promotion,
    percent_off,
)

DISCOUNTS = "MANAGE_DISCOUNTS"
STATE = """
{ promotions(filter: {isArchived: null}) { nodes { id name isArchived updatedAt } } }
"""
UPDATE = """
mutation($id: ID!, $input: PromotionInput!) {
  promotionUpdate(id: $id, input: $input) { promotion { id } userErrors { code } }
}
"""
ARCHIVE = """
mutation($id: ID!) { promotionArchive(id: $id) { promotion { id } userErrors { code } } }
"""


@dataclass(frozen=True)
class Guarded:
    field: str
    document: str
    variables: Callable[[str], dict[str, Any]]  # given the target promotion's ID

    def __str__(self) -> str:
        return self.field


MUTATIONS = [
    Guarded("promotionCreate", PROMOTION_CREATE, lambda _id: {"input": percent_off("50")}),
    Guarded("promotionUpdate", UPDATE, lambda id: {"id": id, "input": percent_off("99")}),
    Guarded("promotionArchive", ARCHIVE, lambda id: {"id": id}),
    Guarded(
        "promotionCodesGenerate",
        CODES_GENERATE,
        lambda id: {"id": id, "count": 5, "prefix": "X"},
    ),
]


@pytest.fixture
async def promotion_id(merchant_a: MerchantWorld) -> str:
    return str((await create_promotion(merchant_a))["promotion"]["id"])


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_a_promotion_mutation_is_refused_without_manage_discounts(
    merchant_a: MerchantWorld, promotion_id: str, case: Guarded, caller: str
) -> None:
    # given a caller without MANAGE_DISCOUNTS
    token, expected = await credentials_lacking(merchant_a, caller, DISCOUNTS)
    before = (await merchant_a.run(STATE)).data
    # when it runs the mutation
    result = await merchant_a.client.execute(
        case.document, case.variables(promotion_id), token=token
    )
    # then it is refused and nothing changed
    assert_refused(result, case.field, expected)
    assert (await merchant_a.run(STATE)).data == before


@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_manage_discounts_alone_is_enough_for_a_promotion_mutation(
    merchant_a: MerchantWorld, promotion_id: str, case: Guarded
) -> None:
    _, token = await merchant_a.staff("holder@alpha.example.com", [DISCOUNTS])
    result = await merchant_a.client.execute(
        case.document, case.variables(promotion_id), token=token
    )
    assert result.errors == []
    assert ok(result.data[case.field])


@pytest.mark.parametrize("caller", CALLERS)
async def test_the_promotion_list_is_refused_without_manage_discounts(
    merchant_a: MerchantWorld, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, DISCOUNTS)
    result = await merchant_a.client.execute("{ promotions { nodes { id } } }", token=token)
    assert_refused(result, "promotions", expected)


async def test_codes_cannot_be_generated_for_another_merchants_promotion(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, promotion_id: str
) -> None:
    # when merchant B asks for codes on merchant A's promotion
    result = await merchant_b.run(CODES_GENERATE, {"id": promotion_id, "count": 3, "prefix": ""})
    # then it is not found, as if it never existed
    assert result.error_codes == ["NOT_FOUND"]


@pytest.mark.parametrize("caller", CALLERS)
async def test_price_explain_is_refused_without_manage_discounts(
    merchant_a: MerchantWorld, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, DISCOUNTS)
    some_cart = "Q2FydDowMTkwMDAwMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA"
    result = await merchant_a.client.execute(
        "query($id: ID!) { priceExplain(cartId: $id) { codes { code } } }",
        {"id": some_cart},
        token=token,
    )
    assert_refused(result, "priceExplain", expected)
