"""Money is integer minor units with a currency; it never silently mixes or loses a cent."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import UserError
from domain.money import Money, fraction_digits, validate_currency


def test_currencies_have_their_own_number_of_fraction_digits() -> None:
    assert (fraction_digits("USD"), fraction_digits("JPY"), fraction_digits("KWD")) == (2, 0, 3)


def test_amounts_format_as_decimal_strings_in_the_currency_precision() -> None:
    assert Money(1234, "USD").format() == "12.34"
    assert Money(1500, "JPY").format() == "1500"
    assert Money(1, "KWD").format() == "0.001"
    assert Money(-5, "EUR").format() == "-0.05"


@given(
    amount=st.integers(min_value=-(10**20), max_value=10**20),
    currency=st.sampled_from(["USD", "JPY", "KWD", "CLF", "EUR"]),
)
def test_formatted_amounts_are_the_exact_decimal_and_parse_back(amount: int, currency: str) -> None:
    money = Money(amount, currency)
    digits = fraction_digits(currency)
    assert money.format() == f"{money.to_decimal():.{digits}f}"
    assert Money.parse(money.text, currency) == money


def test_parsing_refuses_more_precision_than_the_currency_has() -> None:
    assert Money.parse("12.34", "USD") == Money(1234, "USD")
    with pytest.raises(UserError):
        Money.parse("12.345", "USD")
    with pytest.raises(UserError):
        Money.parse("1.5", "JPY")
    with pytest.raises(UserError):
        Money.parse("NaN", "USD")
    with pytest.raises(UserError):
        Money.parse("twelve", "USD")


def test_mixing_currencies_raises() -> None:
    with pytest.raises(ValueError, match="cannot mix"):
        Money(100, "USD") + Money(100, "EUR")


def test_floats_and_unknown_currencies_are_refused() -> None:
    with pytest.raises(TypeError):
        Money(1.5, "USD")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Money(1, "XYZ")


def test_percentages_round_half_to_even() -> None:
    assert Money(250, "USD").percentage(Decimal(1)) == Money(2, "USD")  # 2.5 -> 2
    assert Money(350, "USD").percentage(Decimal(1)) == Money(4, "USD")  # 3.5 -> 4


def test_allocation_splits_a_total_so_the_parts_add_up() -> None:
    assert Money(100, "USD").allocate([1, 1, 1]) == [
        Money(34, "USD"),
        Money(33, "USD"),
        Money(33, "USD"),
    ]
    assert Money(-100, "USD").allocate([1, 1, 1]) == [
        Money(-34, "USD"),
        Money(-33, "USD"),
        Money(-33, "USD"),
    ]


def test_currency_codes_are_validated_and_normalised() -> None:
    assert validate_currency(" eur ") == "EUR"
    with pytest.raises(UserError) as error:
        validate_currency("euro")
    assert error.value.field == "currency"


def test_decimal_amounts_keep_the_currency_precision_even_for_zero() -> None:
    assert str(Money(0, "USD").to_decimal()) == "0.00"
    assert str(Money(0, "JPY").to_decimal()) == "0"
    assert str(Money(123456789012345, "KWD").to_decimal()) == "123456789012.345"
