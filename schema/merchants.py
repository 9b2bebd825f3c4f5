"""Merchants: the tenants of an Agora installation."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain import merchants as domain
from resolvers import merchants as resolvers
from resolvers.context import AgoraInfo
from resolvers.payloads import Payload
from resolvers.permissions import members_only, platform_admins_only
from schema.connections import Connection, connection_field
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.node import Node, shows
from schema.staff import StaffUser

MerchantStatus = domain.MerchantStatus
graphql_enum(
    MerchantStatus,
    "Whether a merchant is in business on this platform.",
    {
        "ACTIVE": "Trading normally.",
        "SUSPENDED": "Suspended by a platform admin: its tokens, keys and storefronts stop working.",
    },
)


@strawberry.type(description="A merchant: a tenant owning its catalog, staff and storefronts.")
@shows(domain.Merchant)
class Merchant(Node):
    name: str = strawberry.field(description="Display name.")
    slug: str = strawberry.field(description="Unique handle; staff sign in with it.")
    status: MerchantStatus = strawberry.field(description="Active or suspended.")
    stock_reservation: str = strawberry.field(
        description="ON_ORDER: orders take stock when placed; ON_PAYMENT: when paid."
    )
    unpaid_order_minutes: int = strawberry.field(
        description="How long an order awaiting a lapsing payment waits before it is cancelled."
    )
    return_window_days: int = strawberry.field(
        description="How many days after delivery buyers may ask for a return."
    )
    customer_cancel_allowed: bool = strawberry.field(
        description="Whether buyers may cancel their own orders until anything is fulfilled."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")


@strawberry.input(description="A new merchant and its owner.")
class MerchantCreateInput:
    name: str = strawberry.field(description="Display name.")
    slug: str | None = strawberry.field(
        default=None, description="Handle; made from the name if omitted."
    )
    owner_email: str = strawberry.field(
        description="The owner's email; the owner holds every permission."
    )
    owner_name: str | None = strawberry.field(default=None, description="The owner's name.")
    owner_password: str = strawberry.field(
        description="The owner's initial password (10+ characters)."
    )


@strawberry.type(description="Result of merchantCreate.")
class MerchantCreatePayload:
    merchant: Merchant | None = strawberry.field(description="The new merchant.")
    owner: StaffUser | None = strawberry.field(description="Its owner staff user.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a merchant mutation.")
class MerchantPayload:
    merchant: Merchant | None = strawberry.field(description="The merchant.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


MerchantId = Annotated[strawberry.ID, strawberry.argument(description="The merchant's ID.")]


@strawberry.type
class MerchantQuery:
    @strawberry.field(
        description="The merchant of the signed-in staff user or API key.",
        extensions=members_only(),
    )
    async def merchant(self, info: AgoraInfo) -> Merchant | None:
        return await resolvers.current_merchant(info)  # type: ignore[return-value]

    merchants: Connection[Merchant] = connection_field(
        Merchant,
        resolvers.merchants,
        description="All merchants (platform admins).",
        extensions=platform_admins_only(),
    )


@strawberry.type
class MerchantMutation:
    @strawberry.mutation(
        description="Create a merchant with its owner (platform admins).",
        extensions=platform_admins_only(),
    )
    async def merchant_create(
        self,
        info: AgoraInfo,
        input: Annotated[
            MerchantCreateInput, strawberry.argument(description="The fields to set.")
        ],
    ) -> MerchantCreatePayload:
        payload: Payload = await resolvers.merchant_create(
            info, input.name, input.slug, input.owner_email, input.owner_name, input.owner_password
        )
        return payload  # type: ignore[return-value]

    @strawberry.mutation(
        description="Suspend a merchant: its sessions, keys and storefront tokens stop at once.",
        extensions=platform_admins_only(),
    )
    async def merchant_suspend(self, info: AgoraInfo, id: MerchantId) -> MerchantPayload:
        return await resolvers.merchant_set_status(info, id, domain.MerchantStatus.SUSPENDED)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Lift a merchant's suspension.", extensions=platform_admins_only()
    )
    async def merchant_reactivate(self, info: AgoraInfo, id: MerchantId) -> MerchantPayload:
        return await resolvers.merchant_set_status(info, id, domain.MerchantStatus.ACTIVE)  # type: ignore[return-value]
