"""Membership tiers: which tier spending earns, and how payments and refunds change it."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from domain.customers.tiers import CustomerTier, Spending, after_payment, after_refund, tier_for
from domain.money import Money

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def tier(name: str, level: int, **thresholds: int) -> CustomerTier:
    return CustomerTier(uuid4(), uuid4(), name, level, dict(thresholds), NOW, NOW)


MEMBER = tier("Member", 0)
SILVER = tier("Silver", 1, EUR=500_00, USD=550_00)
GOLD = tier("Gold", 2, EUR=2000_00)
TIERS = [GOLD, MEMBER, SILVER]


def test_the_highest_tier_earned_in_any_currency_applies() -> None:
    assert tier_for({}, TIERS) is MEMBER
    assert tier_for({"EUR": 499_99}, TIERS) is MEMBER
    assert tier_for({"EUR": 500_00}, TIERS) is SILVER
    assert tier_for({"EUR": 10_00, "USD": 550_00}, TIERS) is SILVER
    assert tier_for({"EUR": 2000_00}, TIERS) is GOLD
    # no exchange rates: a lot of yen earns nothing a tier does not name
    assert tier_for({"JPY": 10**9}, TIERS) is MEMBER


def test_without_an_open_tier_a_customer_may_have_none() -> None:
    assert tier_for({"EUR": 1}, [SILVER, GOLD]) is None
    assert tier_for({}, []) is None


def test_a_payment_then_a_refund_moves_the_customer_up_and_back_down() -> None:
    start = Spending(0, {}, None)
    paid = after_payment(start, Money(600_00, "EUR"), NOW)
    assert paid == Spending(1, {"EUR": 600_00}, NOW)
    assert tier_for(paid.total_spent, TIERS) is SILVER
    refunded = after_refund(paid, Money(200_00, "EUR"))
    assert refunded.total_spent == {"EUR": 400_00} and refunded.order_count == 1
    assert tier_for(refunded.total_spent, TIERS) is MEMBER


def test_a_refund_never_drives_spending_below_zero_and_the_last_order_stays_the_latest() -> None:
    spending = after_payment(Spending(0, {}, NOW), Money(5_00, "USD"), NOW - timedelta(days=3))
    assert spending.last_order_at == NOW
    assert after_refund(spending, Money(9_00, "USD")).total_spent == {"USD": 0}
    assert after_refund(spending, Money(9_00, "EUR")).total_spent == {"USD": 5_00, "EUR": 0}


amounts = st.integers(min_value=0, max_value=10**9)


@given(st.dictionaries(st.sampled_from(["EUR", "USD", "JPY"]), amounts), amounts)
def test_spending_more_never_lowers_the_tier(spent: dict[str, int], more: int) -> None:
    before = tier_for(spent, TIERS)
    after = tier_for({**spent, "EUR": spent.get("EUR", 0) + more}, TIERS)
    assert before is not None and after is not None
    assert after.level >= before.level


@given(st.lists(st.tuples(amounts, st.sampled_from(["EUR", "USD"])), max_size=20))
def test_payments_add_up_per_currency(payments: list[tuple[int, str]]) -> None:
    spending = Spending(0, {}, None)
    for amount, currency in payments:
        spending = after_payment(spending, Money(amount, currency), NOW)
    assert spending.order_count == len(payments)
    for currency in ("EUR", "USD"):
        expected = sum(a for a, c in payments if c == currency)
        assert spending.total_spent.get(currency, 0) == expected
