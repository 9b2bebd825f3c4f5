"""Money invariants that must hold for every amount, not just the examples we thought of."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.money import CURRENCIES, Money

currencies = st.sampled_from(sorted(CURRENCIES))
amounts = st.integers(min_value=-(10**15), max_value=10**15)


@given(
    amounts,
    currencies,
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=50),
)
def test_allocated_parts_always_add_up_to_the_whole(
    amount: int, currency: str, weights: list[int]
) -> None:
    if sum(weights) == 0:
        weights = [*weights[:-1], 1]
    parts = Money(amount, currency).allocate(weights)
    assert sum(p.amount for p in parts) == amount
    assert len(parts) == len(weights)
    exact = [Decimal(amount) * w / sum(weights) for w in weights]
    assert all(abs(p.amount - e) < 1 for p, e in zip(parts, exact, strict=True))


@given(amounts, currencies)
def test_formatting_and_parsing_round_trip(amount: int, currency: str) -> None:
    money = Money(amount, currency)
    assert Money.parse(money.format(), currency) == money


@given(
    st.integers(min_value=0, max_value=10**12), st.decimals(min_value=0, max_value=100, places=2)
)
def test_a_percentage_never_exceeds_the_amount(amount: int, percent: Decimal) -> None:
    part = Money(amount, "USD").percentage(percent)
    assert 0 <= part.amount <= amount
