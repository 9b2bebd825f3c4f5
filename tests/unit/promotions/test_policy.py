"""A storefront's risk policy as staff enter it: percentages and amounts are checked, and the
engine takes the policy in the storefront's currency."""

from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.checkout.promotion_facts import risk_policy
from domain.errors import UserError
from domain.money import Money
from domain.promotions.policy import RiskPolicyInput, _kept, read_risk_policy
from domain.promotions.request import NO_LIMITS
from domain.storefronts import Storefront, StorefrontKind


def storefront(**fields: object) -> Storefront:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Storefront(
        uuid4(),
        uuid4(),
        "Web",
        StorefrontKind.WEB,
        "JPY",
        "JP",
        "t",
        True,
        now,
        now,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("text", "kept"), [("20", "20"), ("12.50", "12.5"), (" 0 ", "0"), ("100.00", "100")]
)
def test_a_percentage_is_kept_normalised(text: str, kept: str) -> None:
    policy = read_risk_policy(RiskPolicyInput(max_order_discount_percent=text), "JPY")
    assert _kept(policy.max_order_discount_percent) == kept


@pytest.mark.parametrize("text", ["-1", "100.01", "1.234", "NaN", "ten", "Infinity"])
def test_an_impossible_percentage_names_its_field(text: str) -> None:
    with pytest.raises(UserError) as refused:
        read_risk_policy(RiskPolicyInput(max_order_discount_percent=text), "JPY")
    assert refused.value.field == "maxOrderDiscountPercent"


def test_an_amount_is_read_in_the_storefront_currency() -> None:
    policy = read_risk_policy(RiskPolicyInput(max_order_discount="1500"), "JPY")
    assert policy.max_order_discount == Money(1500, "JPY")
    for text in ("15.5", "-1"):
        with pytest.raises(UserError) as refused:
            read_risk_policy(RiskPolicyInput(max_order_discount=text), "JPY")
        assert refused.value.field == "maxOrderDiscount"


def test_the_engine_takes_the_policy_in_the_storefront_currency() -> None:
    assert risk_policy(storefront()) is NO_LIMITS
    policy = risk_policy(
        storefront(
            max_order_discount_amount=500,
            max_order_discount_percent="10",
            floor_percent_of_cost="100",
        )
    )
    assert policy.max_order_discount == Money(500, "JPY")
    assert policy.max_order_discount_percent == Decimal(10)
    assert policy.floor_percent_of_cost == Decimal(100)
