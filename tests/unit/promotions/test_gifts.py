"""Gift items need their units: a gift short of stock is not given, and the engine says why;
two promotions giving the same variant share its stock."""

from domain.promotions.actions import GiftItem
from domain.promotions.result import GiftLine, Reason
from tests.support.promotions import line, price, promo, reasons, usd


def test_a_gift_in_stock_is_given_and_one_out_of_stock_is_not() -> None:
    tote = promo("tote", GiftItem("tote-bag", usd(12_00)))
    given = price([line("mug", 20_00)], tote, gift_stock={"tote-bag": 1})
    assert given.gifts == (GiftLine("tote", "tote-bag", 1, usd(12_00)),)
    short = price([line("mug", 20_00)], tote, gift_stock={"tote-bag": 0})
    assert short.gifts == ()
    assert reasons(short) == {"tote": Reason.GIFT_UNAVAILABLE}
    assert [n.detail for n in short.not_applied] == ["the gift is out of stock"]


def test_two_gifts_of_one_variant_share_its_stock_and_untracked_gifts_are_unlimited() -> None:
    first = promo("first", GiftItem("tote-bag", usd(12_00)), priority=2)
    second = promo("second", GiftItem("tote-bag", usd(12_00), quantity=2), priority=1)
    shared = price([line("mug", 20_00)], first, second, gift_stock={"tote-bag": 2})
    assert [g.promotion_id for g in shared.gifts] == ["first"]
    unlimited = price([line("mug", 20_00)], first, second)
    assert [g.quantity for g in unlimited.gifts] == [1, 2]
