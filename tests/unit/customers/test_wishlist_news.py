"""What a wishlist tells the customer: back in stock, on sale."""

from datetime import UTC, datetime
from uuid import uuid4

from domain.customers.wishlists import Offer, WishlistItem, back_in_stock, on_sale
from domain.money import Money

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def item(amount: int | None = 50_00, in_stock: bool | None = True) -> WishlistItem:
    return WishlistItem(
        uuid4(), uuid4(), uuid4(), uuid4(), NOW, amount, "EUR" if amount else None, in_stock
    )


def offer(
    amount: int = 50_00, compare_at: int | None = None, in_stock: bool | None = True
) -> Offer:
    return Offer(
        Money(amount, "EUR"), None if compare_at is None else Money(compare_at, "EUR"), in_stock
    )


def test_back_in_stock_only_after_being_out_of_stock() -> None:
    assert back_in_stock(item(in_stock=False), offer(in_stock=True))
    assert back_in_stock(item(in_stock=False), offer(in_stock=None))  # no longer tracked
    assert not back_in_stock(item(in_stock=False), offer(in_stock=False))
    assert not back_in_stock(item(in_stock=True), offer(in_stock=True))
    assert not back_in_stock(item(in_stock=None), offer(in_stock=True))


def test_on_sale_below_compare_at_or_cheaper_than_when_added() -> None:
    assert on_sale(item(), offer(compare_at=60_00))
    assert not on_sale(item(), offer(compare_at=50_00))
    assert on_sale(item(50_00), offer(45_00))
    assert not on_sale(item(50_00), offer(55_00))
    assert not on_sale(item(None), offer(45_00))
    other_currency = Offer(Money(1, "USD"), None, True)
    assert not on_sale(item(50_00), other_currency)
    assert not on_sale(item(), Offer(None, None, True))
