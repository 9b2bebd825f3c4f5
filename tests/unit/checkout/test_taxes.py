"""Taxes: the most specific rate applies, and net + tax always equals the gross."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from domain.checkout.taxes import TaxRate, parse_rate, rate_for, split_tax
from domain.errors import UserError

NOW = datetime(2026, 1, 1, tzinfo=UTC)
REDUCED = uuid4()


def rate(country: str, ppm: int, region: str = "", tax_class: object = None) -> TaxRate:
    return TaxRate(uuid4(), uuid4(), tax_class, country, region, ppm, NOW)  # type: ignore[arg-type]


RATES = [
    rate("US", 60_000),
    rate("US", 82_500, region="CA"),
    rate("US", 25_000, tax_class=REDUCED),
    rate("DE", 190_000),
]


def test_the_region_rate_beats_the_country_rate() -> None:
    assert rate_for(RATES, None, "US", "ca") == 82_500
    assert rate_for(RATES, None, "US", "NY") == 60_000


def test_a_class_uses_only_its_own_rates_and_nowhere_else_is_untaxed() -> None:
    assert rate_for(RATES, REDUCED, "US", "CA") == 25_000
    assert rate_for(RATES, REDUCED, "DE") == 0
    assert rate_for(RATES, None, "FR") == 0


def test_tax_is_added_to_a_price_without_tax_and_rounded_half_even() -> None:
    assert split_tax(1000, 82_500, included=False) == split_tax(1000, 82_500, included=False)
    taxed = split_tax(1000, 82_500, included=False)
    assert (taxed.net, taxed.tax, taxed.gross) == (1000, 82, 1082)  # 82.5 rounds to even
    assert split_tax(1100, 82_500, included=False).tax == 91  # 90.75


def test_tax_is_taken_out_of_a_price_that_includes_it() -> None:
    taxed = split_tax(2000, 200_000, included=True)
    assert (taxed.net, taxed.tax, taxed.gross) == (1667, 333, 2000)


def test_zero_rates_and_zero_amounts_carry_no_tax() -> None:
    assert split_tax(999, 0, included=True).tax == 0
    assert split_tax(0, 190_000, included=False).tax == 0


@pytest.mark.parametrize(
    ("text", "ppm"),
    [("20", 200_000), ("7.25", 72_500), ("0", 0), ("100", 1_000_000), ("0.0001", 1)],
)
def test_rates_are_read_as_exact_percentages(text: str, ppm: int) -> None:
    assert parse_rate(text) == ppm


@pytest.mark.parametrize("text", ["-1", "100.01", "abc", "NaN", "Infinity", "0.00001"])
def test_bad_rates_are_refused(text: str) -> None:
    with pytest.raises(UserError) as error:
        parse_rate(text)
    assert error.value.field == "rate"
