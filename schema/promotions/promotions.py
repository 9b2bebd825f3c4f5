"""Promotions (MANAGE_DISCOUNTS): the type, its inputs, the connection and the mutations."""

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from domain.permissions import Permission as P
from domain.promotions import stored as domain
from domain.promotions.conflicts import ConflictKind, ConflictWarning
from domain.promotions.promotion import Kind, Stacking
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from resolvers.promotions import promotions as resolvers
from resolvers.promotions.promotions import PromotionFields
from schema.connections import After, Before, Connection, First, Last
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.money import Money
from schema.node import Node, shows
from schema.promotions.definitions import PromotionActionInput, PromotionConditionInput

STAFF = requires(P.MANAGE_DISCOUNTS)
FORMAT = "(the JSON format is described in domain/promotions/serialization.py)"

graphql_enum(
    Kind,
    "Where a promotion works.",
    {
        "CATALOG": "A sale price, shown in listings and product pages.",
        "CART": "A discount on a cart at checkout.",
    },
)
graphql_enum(
    Stacking,
    "How a promotion combines with others of its kind.",
    {
        "EXCLUSIVE": "Applies alone or not at all.",
        "COMBINABLE": "With any combinable promotion (of its combination group, if any).",
    },
)
graphql_enum(
    ConflictKind,
    "Why a promotion may not work as its merchant expects.",
    {
        "OVERLAPPING_EXCLUSIVE": "It overlaps an exclusive promotion (or is exclusive and "
        "overlaps another): where they overlap, only one applies.",
        "FLOOR_AT_RISK": "Together with others it would take a variant below its floor price.",
    },
)


@strawberry.type(
    description="A promotion: a condition, an action, how it stacks, and its limits and usage."
)
@shows(domain.StoredPromotion)
class Promotion(Node):
    name: str = strawberry.field(description="Its name, as shoppers and staff see it.")
    kind: Kind = strawberry.field(description="A sale price or a cart discount.")
    priority: int = strawberry.field(description="Larger goes first.")
    stacking: Stacking = strawberry.field(description="How it combines with others.")
    combination_group: str | None = strawberry.field(
        description="Combines only with promotions of this group; null: with those of none."
    )
    currency: str | None = strawberry.field(
        description="The currency its amounts are in; null for a percentage in any currency."
    )
    starts_at: datetime | None = strawberry.field(description="When it starts; null: now.")
    ends_at: datetime | None = strawberry.field(description="When it ends; null: never.")
    usage_limit: int | None = strawberry.field(description="Uses in all; null: no limit.")
    usage_limit_per_customer: int | None = strawberry.field(
        description="Uses per customer; null: no limit."
    )
    times_used: int = strawberry.field(description="Orders it has discounted so far.")
    is_archived: bool = strawberry.field(description="Archived promotions no longer apply.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description=f"What it does, as JSON {FORMAT}.")
    def action(self, root: domain.StoredPromotion) -> JSON:
        return resolvers.action_of(root)  # type: ignore[return-value]

    @strawberry.field(description=f"When it applies, as JSON {FORMAT}.")
    def condition(self, root: domain.StoredPromotion) -> JSON:
        return resolvers.condition_of(root)  # type: ignore[return-value]

    @strawberry.field(description="The most it may take off in all; null: no budget.")
    def budget(self, root: domain.StoredPromotion) -> Money | None:
        return root.budget  # type: ignore[return-value]

    @strawberry.field(
        description="What it has taken off so far (null for a promotion without a currency)."
    )
    def discount_given(self, root: domain.StoredPromotion) -> Money | None:
        return root.discount_given_money  # type: ignore[return-value]


@strawberry.type(description="A warning about a saved promotion: it is saved all the same.")
class PromotionWarning:
    kind: ConflictKind = strawberry.field(description="What kind of conflict.")
    message: str = strawberry.field(description="What may happen, for a person.")

    @strawberry.field(description="The promotions involved, in the order they are considered.")
    def promotion_ids(self, root: ConflictWarning) -> list[strawberry.ID]:
        return resolvers.warning_ids(root)  # type: ignore[return-value]

    @strawberry.field(description="The variant at risk, for FLOOR_AT_RISK.")
    def variant_id(self, root: ConflictWarning) -> strawberry.ID | None:
        return resolvers.warning_variant_id(root)  # type: ignore[return-value]


@strawberry.input(description="A whole promotion definition (an update replaces all of it).")
class PromotionInput:
    name: str = strawberry.field(description="Its name.")
    kind: Kind = strawberry.field(description="A sale price or a cart discount.")
    action: PromotionActionInput = strawberry.field(
        description='What it does (exactly one kind), e.g. {percentOff: {percent: "10"}}.'
    )
    condition: PromotionConditionInput | None = strawberry.field(
        default=None,
        description="When it applies (exactly one kind; nest with `all` and `any`); "
        "omitted: always.",
    )
    priority: int = strawberry.field(default=0, description="Larger goes first.")
    stacking: Stacking = strawberry.field(
        default=Stacking.COMBINABLE, description="How it combines with others."
    )
    combination_group: str | None = strawberry.field(
        default=None, description="Combines only with promotions of this group."
    )
    currency: str | None = strawberry.field(
        default=None, description="Required when the action or a condition names an amount."
    )
    starts_at: datetime | None = strawberry.field(default=None, description="When it starts.")
    ends_at: datetime | None = strawberry.field(default=None, description="When it ends.")
    usage_limit: int | None = strawberry.field(
        default=None, description="How many orders it may discount in all."
    )
    usage_limit_per_customer: int | None = strawberry.field(
        default=None, description="How many orders of one customer it may discount."
    )
    budget: str | None = strawberry.field(
        default=None,
        description='The most it may take off in all, a decimal string in its currency ("500.00").',
    )


@strawberry.input(description="Which promotions to list; every given criterion must hold.")
class PromotionFilter:
    kind: Kind | None = strawberry.field(default=None, description="Of this kind.")
    is_archived: bool | None = strawberry.field(
        default=False, description="Archived or not (default: live ones); null: both."
    )


@strawberry.type(description="Result of a promotion mutation.")
class PromotionPayload:
    promotion: Promotion | None = strawberry.field(description="The promotion as saved.")
    warnings: list[PromotionWarning] | None = strawberry.field(
        description="Conflicts with the merchant's other promotions (it is saved anyway)."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of promotionCodesGenerate.")
class PromotionCodesGeneratePayload:
    codes: list[str] | None = strawberry.field(description="The new codes.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The promotion's ID.")]
Input = Annotated[PromotionInput, strawberry.argument(description="The definition.")]


def _fields(input: PromotionInput) -> PromotionFields:
    return PromotionFields(
        name=input.name,
        kind=input.kind,
        action=input.action,
        condition=input.condition,
        priority=input.priority,
        stacking=input.stacking,
        combination_group=input.combination_group,
        currency=input.currency,
        starts_at=input.starts_at,
        ends_at=input.ends_at,
        usage_limit=input.usage_limit,
        usage_limit_per_customer=input.usage_limit_per_customer,
        budget=input.budget,
    )


@strawberry.type
class PromotionQuery:
    @strawberry.field(description="The merchant's promotions, oldest first.", extensions=STAFF)
    async def promotions(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PromotionFilter | None, strawberry.argument(description="Which promotions.")
        ] = None,
    ) -> Connection[Promotion]:
        wanted = filter or PromotionFilter()
        return await resolvers.promotions(  # type: ignore[return-value]
            info,
            PageArgs(first, after, last, before),
            kind=wanted.kind,
            is_archived=wanted.is_archived,
        )


@strawberry.type
class PromotionMutation:
    @strawberry.mutation(
        description="Create a promotion; the payload warns of conflicts with others.",
        extensions=STAFF,
    )
    async def promotion_create(self, info: AgoraInfo, input: Input) -> PromotionPayload:
        return await resolvers.promotion_create(info, _fields(input))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Replace a promotion's definition and limits (its usage stays).",
        extensions=STAFF,
    )
    async def promotion_update(self, info: AgoraInfo, id: Id, input: Input) -> PromotionPayload:
        return await resolvers.promotion_update(info, id, _fields(input))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Archive a promotion: it no longer applies; its history stays.",
        extensions=STAFF,
    )
    async def promotion_archive(self, info: AgoraInfo, id: Id) -> PromotionPayload:
        return await resolvers.promotion_archive(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Generate random codes for a promotion (up to 10,000 at a time).",
        extensions=STAFF,
    )
    async def promotion_codes_generate(
        self,
        info: AgoraInfo,
        promotion_id: Annotated[
            strawberry.ID, strawberry.argument(description="The promotion the codes apply.")
        ],
        count: Annotated[int, strawberry.argument(description="How many (1 to 10,000).")],
        prefix: Annotated[
            str, strawberry.argument(description='Put before each code, e.g. "SUMMER-".')
        ] = "",
        usage_limit: Annotated[
            int | None, strawberry.argument(description="Uses per code; null: no limit.")
        ] = None,
    ) -> PromotionCodesGeneratePayload:
        return await resolvers.promotion_codes_generate(  # type: ignore[return-value]
            info, promotion_id, count, prefix, usage_limit
        )
