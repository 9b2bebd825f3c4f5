"""A pricing request the caller should never build is refused outright (a bug, not user input)."""

from dataclasses import replace
from typing import Any

import pytest

from domain.money import Money
from domain.promotions.actions import PercentOff
from domain.promotions.request import PricingRequest, ShippingOption
from tests.support.promotions import NOW, line, pct, price, promo, usd

VALID = PricingRequest(storefront_id="web", currency="USD", lines=(line("a", 1_00),), now=NOW)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lines": (line("a", 1_00), line("a", 2_00))}, "line ids must be unique"),
        ({"lines": (line("a", 1_00, currency="EUR"),)}, "not priced in USD"),
        ({"lines": (line("a", 1_00, quantity=0),)}, "needs a quantity"),
        ({"lines": (line("a", -1),)}, "needs a quantity and a price"),
        (
            {"promotions": (promo("p", PercentOff(pct(1))), promo("p", PercentOff(pct(2))))},
            "promotion ids must be unique",
        ),
        ({"shipping_options": (ShippingOption("s", Money(1, "EUR")),)}, "shipping options"),
        ({"selected_shipping_option_id": "nowhere"}, "not among the options"),
    ],
)
def test_inconsistent_requests_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(VALID, **changes)


def test_an_empty_cart_prices_to_zero() -> None:
    result = price([], promo("p", PercentOff(pct(10))))
    assert (result.subtotal, result.discount, result.total) == (usd(0), usd(0), usd(0))
    assert result.not_applied[0].reason.value == "nothing_to_discount"
