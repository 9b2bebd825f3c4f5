"""Membership tiers (MANAGE_CUSTOMERS)."""

from typing import Annotated

import strawberry

from domain.customers.tiers import TierInput
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.customers import tiers as resolvers
from resolvers.permissions import requires
from schema.connections import Connection, connection_field
from schema.customers.types import CustomerTier, DeletedPayload
from schema.errors import UserError

STAFF = requires(P.MANAGE_CUSTOMERS)


@strawberry.input(description="An amount in one currency.")
class MoneyInput:
    amount: str = strawberry.field(description='A decimal amount, e.g. "500.00".')
    currency_code: str = strawberry.field(description="ISO 4217 currency code.")


@strawberry.input(description="A tier's fields; omitted ones stay as they are on update.")
class CustomerTierInput:
    name: str | None = strawberry.field(default=None, description="Display name.")
    level: int | None = strawberry.field(
        default=None, description="Rank from 0 to 1000, unique: the highest earned applies."
    )
    thresholds: list[MoneyInput] | None = strawberry.field(
        default=None,
        description="Spending that earns it, at most one amount per currency (replaces all).",
    )


def tier_input(input: CustomerTierInput) -> TierInput:
    thresholds = None
    if input.thresholds is not None:
        thresholds = [(item.amount, item.currency_code) for item in input.thresholds]
    return TierInput(input.name, input.level, thresholds)


@strawberry.type(description="Result of a tier mutation.")
class CustomerTierPayload:
    tier: CustomerTier | None = strawberry.field(description="The tier.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The tier's ID.")]
Input = Annotated[CustomerTierInput, strawberry.argument(description="The fields to set.")]


@strawberry.type
class CustomerTierQuery:
    customer_tiers: Connection[CustomerTier] = connection_field(
        CustomerTier,
        resolvers.tiers,
        description="The merchant's membership tiers.",
        extensions=STAFF,
    )


@strawberry.type
class CustomerTierMutation:
    @strawberry.mutation(
        description="Create a tier; every customer's tier is recomputed.", extensions=STAFF
    )
    async def customer_tier_create(self, info: AgoraInfo, input: Input) -> CustomerTierPayload:
        return await resolvers.tier_create(info, tier_input(input))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Change a tier; every customer's tier is recomputed.", extensions=STAFF
    )
    async def customer_tier_update(
        self, info: AgoraInfo, id: Id, input: Input
    ) -> CustomerTierPayload:
        return await resolvers.tier_update(info, id, tier_input(input))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete a tier; its customers move to the tier they earn.", extensions=STAFF
    )
    async def customer_tier_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.tier_delete(info, id)  # type: ignore[return-value]
