"""A cart's promotions: the engine (`domain/promotions`) asked about a cart as checkout sees it.

`cart_discounts` builds the engine's `PricingRequest` from what the quote read (the priced
lines, the merchant's live promotions, the codes the cart entered with their promotion and
uses left, the delivery options) and answers, per cart line, the discount to take off its
subtotal, plus the shipping discount, what applied and why each entered code does or does not.
It is pure. Line discounts already include the order-level amounts the engine split over the
lines by largest remainder, so a cart's parts still add up to its total.

What a line shows the engine (`line_item`): its variant, its product, the product's category
with its ancestors, its collections and its tags; also its cost, for the storefront's floor
by cost. The customer (tags, tier, segments, order count; None for a guest) and the
storefront's risk policy come from `promotion_facts`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.checkout.offers import NO_GROUPS, ProductGroups
from domain.errors import ErrorCode, UserError
from domain.money import Money
from domain.promotions.engine import price_cart
from domain.promotions.request import (
    NO_LIMITS,
    Customer,
    EnteredCode,
    PricingLine,
    PricingRequest,
    RiskPolicy,
)
from domain.promotions.request import ShippingOption as EngineOption
from domain.promotions.result import (
    AppliedPromotion,
    CodeResult,
    CodeStatus,
    GiftLine,
    NotApplied,
    PricingResult,
)
from domain.promotions.stored import PromotionCode, StoredPromotion
from domain.promotions.targets import Item


@dataclass(frozen=True)
class DiscountLine:
    line_id: UUID
    variant_id: UUID
    product_id: UUID
    quantity: int
    unit_price: Money
    category_id: UUID | None = None
    tags: frozenset[str] = frozenset()
    groups: ProductGroups = NO_GROUPS
    unit_cost: Money | None = None

    @property
    def item(self) -> Item:
        return line_item(self.variant_id, self.product_id, self.category_id, self.tags, self.groups)


def line_item(
    variant_id: UUID,
    product_id: UUID,
    category_id: UUID | None,
    tags: frozenset[str],
    groups: ProductGroups = NO_GROUPS,
) -> Item:
    """What promotions see of a variant, in carts and listings alike: its product's category
    and that category's ancestors (`groups`, when read), its collections and tags."""
    categories = {str(id) for id in groups.category_ids}
    if category_id is not None:
        categories.add(str(category_id))
    return Item(
        str(variant_id),
        str(product_id),
        category_ids=frozenset(categories),
        collection_ids=frozenset(str(id) for id in groups.collection_ids),
        tags=tags,
    )


@dataclass(frozen=True)
class CartDiscounts:
    line_discounts: Mapping[UUID, int]  # cart line id -> minor units off its subtotal
    shipping_discount: Money  # off the selected delivery option
    applied: tuple[AppliedPromotion, ...]
    codes: tuple[CodeResult, ...]  # one per entered code, in the order entered
    not_applied: tuple[NotApplied, ...] = ()  # with the reason, in the order considered
    gifts: tuple[GiftLine, ...] = ()  # what gift promotions add (see checkout/gifts.py)

    def promotion_ids(self) -> list[UUID]:
        return [UUID(applied.promotion_id) for applied in self.applied]


def cart_discounts(
    *,
    currency: str,
    storefront_id: UUID,
    customer_id: UUID | None,
    lines: Sequence[DiscountLine],
    customer: Customer | None = None,
    risk: RiskPolicy = NO_LIMITS,
    gift_stock: Mapping[str, int] | None = None,
    promotions: Sequence[StoredPromotion],
    entered: Sequence[str],
    codes: Sequence[PromotionCode],
    customer_uses: Mapping[UUID, int],
    options: Sequence[tuple[UUID, Money]],
    selected: UUID | None,
    now: datetime,
) -> CartDiscounts:
    live = {promotion.id: promotion for promotion in promotions if not promotion.is_archived}
    if not live:
        return CartDiscounts({}, Money(0, currency), (), _unknown(entered))
    by_code = {code.code: code for code in codes if code.promotion_id in live}
    request = PricingRequest(
        storefront_id=str(storefront_id),
        currency=currency,
        lines=tuple(
            PricingLine(
                str(line.line_id),
                line.item,
                line.quantity,
                line.unit_price,
                unit_cost=line.unit_cost,
            )
            for line in lines
        ),
        now=now,
        promotions=tuple(promotion.definition for promotion in live.values()),
        customer=customer
        if customer is not None or customer_id is None
        else Customer(str(customer_id)),
        shipping_options=tuple(EngineOption(str(id), price) for id, price in options),
        selected_shipping_option_id=None if selected is None else str(selected),
        entered_codes=tuple(_entered(code, by_code.get(code)) for code in entered),
        budgets={
            str(promotion.id): promotion.remaining(
                None if customer_id is None else customer_uses.get(promotion.id, 0)
            )
            for promotion in live.values()
        },
        risk=risk,
        gift_stock=gift_stock or {},
    )
    return _answer(price_cart(request), currency)


def _entered(text: str, code: PromotionCode | None) -> EnteredCode:
    if code is None:
        return EnteredCode(text)
    return EnteredCode(text, str(code.promotion_id), code.remaining_uses)


def _unknown(entered: Sequence[str]) -> tuple[CodeResult, ...]:
    return tuple(CodeResult(code, CodeStatus.UNKNOWN, None) for code in entered)


def _answer(result: PricingResult, currency: str) -> CartDiscounts:
    return CartDiscounts(
        line_discounts={UUID(line.line_id): line.discount.amount for line in result.lines},
        shipping_discount=Money(result.shipping_discount.amount, currency),
        applied=result.applied,
        codes=result.codes,
        not_applied=result.not_applied,
        gifts=result.gifts,
    )


# Why an entered code stops a checkout: the shopper should not pay more than the cart said
# without noticing. A valid code whose promotion's conditions are not met does not stop it.
_BLOCKING = {
    CodeStatus.MALFORMED: ("is not a valid code", ErrorCode.INVALID),
    CodeStatus.UNKNOWN: ("is not a code of a live promotion", ErrorCode.NOT_FOUND),
    CodeStatus.NOT_STARTED: ("cannot be used yet", ErrorCode.NOT_AVAILABLE),
    CodeStatus.EXPIRED: ("has expired", ErrorCode.EXPIRED),
    CodeStatus.EXHAUSTED: ("has been used up", ErrorCode.LIMIT_EXCEEDED),
}


def code_problems(codes: Sequence[CodeResult]) -> list[UserError]:
    """An entered code that cannot be used must be removed before checking out."""
    problems = []
    for index, result in enumerate(codes):
        blocking = _BLOCKING.get(result.status)
        if blocking is not None:
            reason, code = blocking
            problems.append(
                UserError(
                    f"The code {result.code} {reason}: remove it to check out.",
                    field=f"promoCodes.{index}",
                    code=code,
                )
            )
    return problems
