"""Promotion settings (MANAGE_DISCOUNTS): storefront risk policies and the conflict mode."""

from typing import Annotated

import strawberry

from domain import storefronts as domain
from domain.money import Money as DomainMoney
from domain.permissions import Permission as P
from domain.promotions.policy import PromotionConflictMode, RiskPolicyInput
from resolvers.context import AgoraInfo
from resolvers.ids import encode_global_id
from resolvers.permissions import requires
from resolvers.promotions import policy as resolvers
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.money import Money

STAFF = requires(P.MANAGE_DISCOUNTS)

graphql_enum(
    PromotionConflictMode,
    "What a promotion that overlaps the merchant's other promotions gets when saved.",
    {
        "WARN": "It is saved, and the payload warns of the overlap.",
        "REFUSE": "It is refused with a userError (CONFLICT) naming the overlap.",
    },
)


@strawberry.type(
    description="A storefront's limits on promotions, applied to carts, checkout and sale prices."
)
class PromotionRiskPolicy:
    @strawberry.field(description="The storefront it belongs to.")
    def storefront_id(self, root: domain.Storefront) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Storefront", root.id))

    @strawberry.field(
        description="The most promotions may take off one order (items and order amounts, "
        "not shipping or gifts); null: no limit."
    )
    def max_order_discount(self, root: domain.Storefront) -> Money | None:
        amount = root.max_order_discount_amount
        return None if amount is None else DomainMoney(amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(
        description="The most promotions may take off one order, as a percentage of its list "
        'subtotal (a decimal string, "20"); null: no limit. The lower of the two limits binds.'
    )
    def max_order_discount_percent(self, root: domain.Storefront) -> str | None:
        return root.max_order_discount_percent

    @strawberry.field(
        description='No unit is discounted below this percentage of its cost ("100": never '
        "below cost; a decimal string); null: no such floor."
    )
    def floor_percent_of_cost(self, root: domain.Storefront) -> str | None:
        return root.floor_percent_of_cost


@strawberry.input(description="A storefront's whole risk policy; an omitted limit is no limit.")
class PromotionRiskPolicyInput:
    max_order_discount: str | None = strawberry.field(
        default=None,
        description="The most off one order, a decimal string in the storefront's currency.",
    )
    max_order_discount_percent: str | None = strawberry.field(
        default=None, description="The most off one order, in percent of its subtotal (0-100)."
    )
    floor_percent_of_cost: str | None = strawberry.field(
        default=None, description="The lowest unit price, in percent of its cost (0-1000)."
    )


@strawberry.type(description="Result of promotionRiskPolicySet.")
class PromotionRiskPolicyPayload:
    risk_policy: PromotionRiskPolicy | None = strawberry.field(description="The policy as saved.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of promotionConflictModeSet.")
class PromotionConflictModePayload:
    mode: PromotionConflictMode | None = strawberry.field(description="The mode as saved.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


StorefrontId = Annotated[strawberry.ID, strawberry.argument(description="The storefront's ID.")]


@strawberry.type
class PromotionPolicyQuery:
    @strawberry.field(description="A storefront's promotion risk policy.", extensions=STAFF)
    async def promotion_risk_policy(
        self, info: AgoraInfo, storefront_id: StorefrontId
    ) -> PromotionRiskPolicy:
        return await resolvers.risk_policy(info, storefront_id)  # type: ignore[return-value]

    @strawberry.field(
        description="Whether promotions that overlap others are saved with warnings or refused.",
        extensions=STAFF,
    )
    async def promotion_conflict_mode(self, info: AgoraInfo) -> PromotionConflictMode:
        return await resolvers.conflict_mode(info)


@strawberry.type
class PromotionPolicyMutation:
    @strawberry.mutation(
        description="Set a storefront's promotion risk policy (replaces the whole policy).",
        extensions=STAFF,
    )
    async def promotion_risk_policy_set(
        self,
        info: AgoraInfo,
        storefront_id: StorefrontId,
        input: Annotated[PromotionRiskPolicyInput, strawberry.argument(description="The limits.")],
    ) -> PromotionRiskPolicyPayload:
        command = RiskPolicyInput(
            input.max_order_discount, input.max_order_discount_percent, input.floor_percent_of_cost
        )
        return await resolvers.risk_policy_set(info, storefront_id, command)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Choose whether promotions that overlap others are saved or refused.",
        extensions=STAFF,
    )
    async def promotion_conflict_mode_set(
        self,
        info: AgoraInfo,
        mode: Annotated[PromotionConflictMode, strawberry.argument(description="WARN or REFUSE.")],
    ) -> PromotionConflictModePayload:
        return await resolvers.conflict_mode_set(info, mode)  # type: ignore[return-value]
