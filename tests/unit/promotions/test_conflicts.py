"""Conflict detection: warnings for a merchant about to save a promotion."""

from datetime import timedelta

from domain.promotions.actions import FREE_SHIPPING, AmountOffEach, PercentOff
from domain.promotions.conflicts import CatalogEntry, ConflictKind, ConflictWarning, find_conflicts
from domain.promotions.promotion import Kind
from domain.promotions.targets import Item, Target
from tests.support.promotions import NOW, pct, promo, usd

SHOES = Target(category_ids=frozenset({"shoes"}))
HATS = Target(category_ids=frozenset({"hats"}))
DAY = timedelta(days=1)
BOOT = CatalogEntry(Item("boot-42", "boot", frozenset({"shoes"})), usd(100_00), usd(60_00))


def kinds(warnings: list[ConflictWarning]) -> list[ConflictKind]:
    return [warning.kind for warning in warnings]


def test_two_exclusive_promotions_on_the_same_targets_and_time_are_reported() -> None:
    new = promo("new", PercentOff(pct(10), SHOES), exclusive=True, priority=1)
    old = promo("old", PercentOff(pct(20), SHOES), exclusive=True, priority=5)
    (warning,) = find_conflicts(new, [old])
    assert warning.kind is ConflictKind.OVERLAPPING_EXCLUSIVE
    assert warning.promotion_ids == ("old", "new")  # old is considered first
    assert "only 'Old' will" in warning.message


def test_one_exclusive_promotion_shadowing_a_combinable_one_is_reported_too() -> None:
    new = promo("new", PercentOff(pct(10), SHOES), exclusive=True)
    assert kinds(find_conflicts(new, [promo("old", PercentOff(pct(5)))])) == [
        ConflictKind.OVERLAPPING_EXCLUSIVE
    ]


def test_no_warning_without_overlap_in_targets_time_or_kind() -> None:
    new = promo("new", PercentOff(pct(10), SHOES), exclusive=True, starts_at=NOW, ends_at=NOW + DAY)
    assert find_conflicts(new, [promo("hats", PercentOff(pct(10), HATS), exclusive=True)]) == []
    tomorrow = promo("next", PercentOff(pct(10), SHOES), exclusive=True, starts_at=NOW + DAY)
    assert find_conflicts(new, [tomorrow]) == []  # windows are half-open
    sale = promo("sale", PercentOff(pct(10), SHOES), exclusive=True, kind=Kind.CATALOG)
    assert find_conflicts(new, [sale]) == []  # catalog and cart stack separately
    in_euros = promo("euro", PercentOff(pct(10), SHOES), exclusive=True, currency="EUR")
    assert find_conflicts(new, [in_euros]) == []  # never priced in the same cart
    assert find_conflicts(new, [promo("combinable", PercentOff(pct(5), SHOES))]) != []


def test_targets_of_different_kinds_overlap_through_the_catalog() -> None:
    new = promo("new", PercentOff(pct(10), SHOES), exclusive=True)
    by_product = promo("boot", PercentOff(pct(10), Target(product_ids=frozenset({"boot"}))))
    assert find_conflicts(new, [by_product]) == []  # nothing known links them
    assert kinds(find_conflicts(new, [by_product], [BOOT])) == [ConflictKind.OVERLAPPING_EXCLUSIVE]


def test_combinations_that_could_breach_a_floor_are_reported() -> None:
    sale = promo("sale", PercentOff(pct(30), SHOES), kind=Kind.CATALOG)
    coupon = promo("coupon", AmountOffEach(usd(15_00)))
    warnings = find_conflicts(coupon, [sale], [BOOT])  # 100 -> 70 -> 55, floor 60
    assert kinds(warnings) == [ConflictKind.FLOOR_AT_RISK]
    assert warnings[0].promotion_ids == ("sale", "coupon")
    assert warnings[0].variant_id == "boot-42"
    assert "55.00, below its floor of 60.00" in warnings[0].message


def test_promotions_that_cannot_stack_do_not_add_up_against_the_floor() -> None:
    big = promo("big", PercentOff(pct(30), SHOES), exclusive=True, priority=9)
    coupon = promo("coupon", AmountOffEach(usd(15_00)))
    assert kinds(find_conflicts(coupon, [big], [BOOT])) == [ConflictKind.OVERLAPPING_EXCLUSIVE]
    assert find_conflicts(promo("ship", FREE_SHIPPING, currency=None), [], [BOOT]) == []
