"""Redeeming a cart's promotions when it becomes an order, inside the checkout's transaction.

For every promotion the quote applied, in promotion id order (so concurrent checkouts take
the counters' row locks in one order and never deadlock):

1. the promotion's counter: one conditional UPDATE adds a use and the discount given, only
   while it is live, under its total uses and within its budget;
2. the code the shopper entered for it, if any: one conditional UPDATE under the code's uses;
3. the customer's uses, when the promotion limits them: one conditional UPDATE under the limit
   (the customer's row is created on the first use).

Any of them refused means another checkout used the promotion up since the cart was priced
(or staff archived it): a `UserError` (LIMIT_EXCEEDED), and the checkout rolls back with nothing changed. Each
redemption is recorded with the order (amount, code, customer).
"""

from datetime import datetime

from domain.checkout.quotes import CartQuote
from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.orders.orders import Order
from domain.promotions.result import AppliedPromotion, CodeStatus
from domain.promotions.stored import PromotionCode, Redemption, StoredPromotion
from domain.unit_of_work import UnitOfWork


async def redeem(
    uow: UnitOfWork, quote: CartQuote, order: Order, now: datetime
) -> list[Redemption]:
    """The redemptions to write with the order (after it is staged). Does not commit."""
    promotions = {str(p.id): p for p in quote.reads.promotions}
    known = {code.code: code for code in quote.reads.codes}
    entered = {
        result.promotion_id: (index, known[result.code])
        for index, result in enumerate(quote.discounts.codes)
        if result.status is CodeStatus.APPLIED and result.code in known
    }
    redemptions = []
    for applied in sorted(quote.discounts.applied, key=lambda a: a.promotion_id):
        promotion = promotions[applied.promotion_id]
        index, code = entered.get(applied.promotion_id, (None, None))
        field = None if index is None else f"promoCodes.{index}"
        await _count(uow, promotion, applied, order, code, field)
        redemptions.append(
            Redemption(
                id=new_id(),
                merchant_id=order.merchant_id,
                promotion_id=promotion.id,
                order_id=order.id,
                code_id=None if code is None else code.id,
                customer_id=order.customer_id,
                amount=applied.amount.amount,
                currency=applied.amount.currency,
                created_at=now,
            )
        )
    return redemptions


async def _count(
    uow: UnitOfWork,
    promotion: StoredPromotion,
    applied: AppliedPromotion,
    order: Order,
    code: PromotionCode | None,
    field: str | None,
) -> None:
    # A budget is kept in the promotion's currency; a promotion without one has no budget.
    given = applied.amount.amount if promotion.currency == applied.amount.currency else 0
    if not await uow.promotions.count_use(promotion.id, given):
        raise _used_up(
            f"The promotion {promotion.name!r} is no longer available (used up or retired).",
            field,
        )
    if code is not None and not await uow.promotions.count_code_use(code.id):
        raise _used_up(f"The code {code.code} has just been used up.", field)
    limit, customer_id = promotion.usage_limit_per_customer, order.customer_id
    if limit is None or customer_id is None:
        return
    if not await uow.promotions.count_customer_use(promotion.id, customer_id, limit):
        raise _used_up(
            f"You have used the promotion {promotion.name!r} as often as it allows.", field
        )


def _used_up(message: str, field: str | None) -> UserError:
    return UserError(message, field=field, code=ErrorCode.LIMIT_EXCEEDED)
