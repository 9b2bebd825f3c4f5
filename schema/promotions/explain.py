"""priceExplain (MANAGE_DISCOUNTS): the engine's explanation of a cart's price."""

from typing import Annotated

import strawberry

from domain.checkout.discounts import CartDiscounts
from domain.permissions import Permission as P
from domain.promotions.result import AppliedPromotion, NotApplied, Reason
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from resolvers.promotions import explain as resolvers
from schema.checkout.cart_promotions import CartPromoCode
from schema.enums import graphql_enum
from schema.money import Money

graphql_enum(
    Reason,
    "Why a promotion did not apply, or applied for less than it asked.",
    {
        "CURRENCY_MISMATCH": "Its amounts are in another currency than the cart's.",
        "NOT_STARTED": "It has not started yet.",
        "EXPIRED": "It has ended.",
        "CONDITION_NOT_MET": "Its condition does not hold for this cart.",
        "EXCLUDED_BY_EXCLUSIVE": "An exclusive promotion considered earlier applies.",
        "NOT_COMBINABLE": "It does not combine with a promotion that applies.",
        "BUDGET_EXHAUSTED": "Its uses or budget are spent (in all, or for this customer).",
        "FLOOR_PRICE_REACHED": "A line would go below its floor price.",
        "MAX_DISCOUNT_REACHED": "The order reached the most it may be discounted.",
        "NOTHING_TO_DISCOUNT": "No line it targets, or they cost nothing already.",
        "GIFT_UNAVAILABLE": "Its gift is out of stock (or not sold in this storefront).",
    },
)


@strawberry.type(description="An applied promotion was cut down from what it asked.")
class PriceCap:
    reason: Reason = strawberry.field(description="Why.")
    wanted: Money = strawberry.field(description="What it asked for.")
    detail: str = strawberry.field(description="In words.")


@strawberry.type(description="A promotion that applies, with what it takes off.")
class PriceExplainApplied:
    name: str = strawberry.field(description="The promotion's name.")
    amount: Money = strawberry.field(description="What it takes off (items, order, delivery).")
    caps: list[PriceCap] = strawberry.field(description="Where it was cut down, if anywhere.")

    @strawberry.field(description="The Promotion's ID.")
    def promotion_id(self, root: AppliedPromotion) -> strawberry.ID:
        return resolvers.promotion_global_id(root.promotion_id)  # type: ignore[return-value]


@strawberry.type(description="A promotion that does not apply, and why.")
class PriceExplainSkipped:
    name: str = strawberry.field(description="The promotion's name.")
    reason: Reason = strawberry.field(description="Why not.")
    detail: str = strawberry.field(description="In words.")

    @strawberry.field(description="The Promotion's ID.")
    def promotion_id(self, root: NotApplied) -> strawberry.ID:
        return resolvers.promotion_global_id(root.promotion_id)  # type: ignore[return-value]

    @strawberry.field(description="The promotion that excluded it, if one did.")
    def blocked_by(self, root: NotApplied) -> strawberry.ID | None:
        return resolvers.promotion_global_id(root.blocked_by)  # type: ignore[return-value]


@strawberry.type(description="Why a cart is priced as it is, promotion by promotion.")
class PriceExplanation:
    @strawberry.field(description="The promotions that apply, in the order they applied.")
    def applied(self, root: CartDiscounts) -> list[PriceExplainApplied]:
        return list(root.applied)  # type: ignore[arg-type]

    @strawberry.field(description="Every other live promotion, in the order considered.")
    def not_applied(self, root: CartDiscounts) -> list[PriceExplainSkipped]:
        return list(root.not_applied)  # type: ignore[arg-type]

    @strawberry.field(description="Each entered code and whether it takes effect.")
    def codes(self, root: CartDiscounts) -> list[CartPromoCode]:
        return list(root.codes)  # type: ignore[arg-type]


@strawberry.type
class PriceExplainQuery:
    @strawberry.field(
        description="Why a cart is priced as it is: each promotion applied or not, and why.",
        extensions=requires(P.MANAGE_DISCOUNTS),
    )
    async def price_explain(
        self,
        info: AgoraInfo,
        cart_id: Annotated[strawberry.ID, strawberry.argument(description="The cart's ID.")],
    ) -> PriceExplanation:
        return await resolvers.price_explain(info, cart_id)  # type: ignore[return-value]
