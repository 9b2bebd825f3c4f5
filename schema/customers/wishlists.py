"""Wishlists: the customer's own lists, and shared ones read by link token."""

from typing import Annotated

import strawberry

from resolvers.context import AgoraInfo
from resolvers.customers import wishlists as resolvers
from resolvers.permissions import customers_only
from schema.customers.types import DeletedPayload
from schema.customers.wishlists_types import Wishlist
from schema.errors import UserError

CUSTOMER = customers_only()


@strawberry.type(description="Result of a wishlist mutation.")
class WishlistPayload:
    wishlist: Wishlist | None = strawberry.field(description="The wishlist.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The wishlist's ID.")]
Name = Annotated[str, strawberry.argument(description="Display name.")]
WishlistId = Annotated[strawberry.ID, strawberry.argument(description="The wishlist's ID.")]
VariantId = Annotated[strawberry.ID, strawberry.argument(description="The variant's ID.")]


@strawberry.type
class WishlistQuery:
    @strawberry.field(
        description="A shared wishlist by its link token (send a storefront token of its "
        "merchant); null when the token shares nothing."
    )
    async def shared_wishlist(
        self,
        info: AgoraInfo,
        token: Annotated[str, strawberry.argument(description="The list's share token.")],
    ) -> Wishlist | None:
        return await resolvers.shared(info, token)  # type: ignore[return-value]


@strawberry.type
class WishlistMutation:
    @strawberry.mutation(description="Start a new wishlist.", extensions=CUSTOMER)
    async def wishlist_create(self, info: AgoraInfo, name: Name) -> WishlistPayload:
        return await resolvers.wishlist_create(info, name)  # type: ignore[return-value]

    @strawberry.mutation(description="Rename one of your wishlists.", extensions=CUSTOMER)
    async def wishlist_rename(self, info: AgoraInfo, id: Id, name: Name) -> WishlistPayload:
        return await resolvers.wishlist_rename(info, id, name)  # type: ignore[return-value]

    @strawberry.mutation(description="Delete one of your wishlists.", extensions=CUSTOMER)
    async def wishlist_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.wishlist_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Share a wishlist with a new link token (an old link stops working), or "
        "stop sharing it.",
        extensions=CUSTOMER,
    )
    async def wishlist_share(
        self,
        info: AgoraInfo,
        id: Id,
        shared: Annotated[bool, strawberry.argument(description="Share (true) or stop.")],
    ) -> WishlistPayload:
        return await resolvers.wishlist_share(info, id, shared)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Add a variant the storefront shows (once; again changes nothing).",
        extensions=CUSTOMER,
    )
    async def wishlist_item_add(
        self, info: AgoraInfo, wishlist_id: WishlistId, variant_id: VariantId
    ) -> WishlistPayload:
        return await resolvers.wishlist_item_add(info, wishlist_id, variant_id)  # type: ignore[return-value]

    @strawberry.mutation(description="Remove a variant from a wishlist.", extensions=CUSTOMER)
    async def wishlist_item_remove(
        self, info: AgoraInfo, wishlist_id: WishlistId, variant_id: VariantId
    ) -> WishlistPayload:
        return await resolvers.wishlist_item_remove(info, wishlist_id, variant_id)  # type: ignore[return-value]
