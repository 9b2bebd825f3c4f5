"""Promotions on a cart, as the Cart type shows them."""

from uuid import UUID

from domain.checkout.gifts import GiftView, unavailable_gifts
from domain.checkout.quotes import CartQuote
from domain.money import Money
from domain.promotions.result import AppliedPromotion, CodeResult, NotApplied
from resolvers.ids import encode_global_id


def applied(quote: CartQuote) -> list[AppliedPromotion]:
    return list(quote.discounts.applied)


def code_results(quote: CartQuote) -> list[CodeResult]:
    return list(quote.discounts.codes)


def promotion_global_id(promotion_id: str) -> str:
    return encode_global_id("Promotion", UUID(promotion_id))


def gifts(quote: CartQuote) -> list[GiftView]:
    return list(quote.gifts)


def unavailable(quote: CartQuote) -> list[NotApplied]:
    return list(unavailable_gifts(quote.discounts.not_applied))


def free(gift: GiftView) -> Money:
    return Money(0, gift.value.currency)
