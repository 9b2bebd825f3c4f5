"""Which cache tags a stock change touches: the exact count always, `inStock` only at zero."""

from domain.catalog.freshness import CATALOG, STOCK, available, stock_tags


def test_a_sale_that_leaves_stock_touches_only_exact_counts() -> None:
    assert stock_tags(5, 3) == {STOCK}


def test_selling_the_last_one_or_restocking_from_zero_touches_in_stock_too() -> None:
    assert stock_tags(1, 0) == {STOCK, CATALOG}
    assert stock_tags(0, 4) == {STOCK, CATALOG}


def test_what_is_reserved_is_not_available() -> None:
    assert available(quantity=3, reserved=3) == 0
    assert available(quantity=2, reserved=5) == 0
