"""Shipping methods: which apply to a cart, and what they cost."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from domain.checkout.shipping import Destination, ShippingMethod, ShippingZone, applicable_methods
from domain.money import Money

NOW = datetime(2026, 1, 1, tzinfo=UTC)
STOREFRONT = uuid4()


def zone(countries: list[str], storefronts: list[UUID] | None = None) -> ShippingZone:
    return ShippingZone(uuid4(), uuid4(), "Zone", countries, storefronts or [STOREFRONT], NOW, NOW)


def method(zone: ShippingZone, name: str, amount: int = 500, **fields: object) -> ShippingMethod:
    values: dict[str, object] = {
        "free_above_amount": None,
        "weight_tiers": [],
        "is_active": True,
        "currency": "USD",
    }
    values.update(fields)
    return ShippingMethod(
        uuid4(), uuid4(), zone.id, name, values["currency"], amount, values["free_above_amount"],  # type: ignore[arg-type]
        values["weight_tiers"], values["is_active"], NOW, NOW,  # type: ignore[arg-type]
    )  # fmt: skip


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def test_a_flat_rate_applies_in_its_zone_only() -> None:
    us, ca = zone(["US"]), zone(["CA"])
    methods = [method(us, "Standard"), method(ca, "Canada")]
    found = applicable_methods([us, ca], methods, Destination(STOREFRONT, "US"), 0, usd(1000))
    assert [(m.name, p) for m, p in found] == [("Standard", usd(500))]


def test_a_zone_not_offered_on_the_storefront_does_not_apply() -> None:
    elsewhere = zone(["US"], storefronts=[uuid4()])
    found = applicable_methods(
        [elsewhere], [method(elsewhere, "X")], Destination(STOREFRONT, "US"), 0, usd(0)
    )
    assert found == []


def test_weight_tiers_pick_the_first_tier_that_fits_and_refuse_heavier_carts() -> None:
    us = zone(["US"])
    tiered = method(us, "Freight", weight_tiers=[[500, 700], [2000, 1500]])
    assert tiered.price_for(500, usd(0)) == usd(700)
    assert tiered.price_for(501, usd(0)) == usd(1500)
    assert tiered.price_for(2001, usd(0)) is None


def test_free_above_a_subtotal_and_never_in_another_currency() -> None:
    us = zone(["US"])
    free = method(us, "Free over 50", free_above_amount=5000)
    assert free.price_for(0, usd(4999)) == usd(500)
    assert free.price_for(0, usd(5000)) == usd(0)
    assert free.price_for(0, Money(9999, "EUR")) is None


def test_options_come_cheapest_first_and_inactive_ones_are_hidden() -> None:
    us = zone(["US"])
    methods = [
        method(us, "Express", 1500),
        method(us, "Economy", 300),
        method(us, "Old", 100, is_active=False),
    ]
    found = applicable_methods([us], methods, Destination(STOREFRONT, "US"), 0, usd(0))
    assert [m.name for m, _ in found] == ["Economy", "Express"]
