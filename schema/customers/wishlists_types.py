"""Wishlists as GraphQL shows them."""

from datetime import datetime

import strawberry

from domain.customers import wishlists as domain
from resolvers.context import AgoraInfo
from resolvers.customers import wishlists as resolvers
from schema.catalog.products import ProductVariant
from schema.node import Node, shows


@strawberry.type(description="A variant kept on a wishlist.")
@shows(domain.WishlistItem)
class WishlistItem:
    added_at: datetime = strawberry.field(description="When it was added.")

    @strawberry.field(
        description="The variant, as the request's storefront shows it (null once it is no "
        "longer shown there)."
    )
    async def variant(self, root: domain.WishlistItem, info: AgoraInfo) -> ProductVariant | None:
        return await resolvers.variant_of(info, root)  # type: ignore[return-value]

    @strawberry.field(
        description="Out of stock when added, buyable now in the request's storefront."
    )
    async def back_in_stock(self, root: domain.WishlistItem, info: AgoraInfo) -> bool:
        return (await resolvers.item_news(info, root))[0]

    @strawberry.field(
        description="Reduced now in the request's storefront: below its compare-at price, or "
        "cheaper than when it was added."
    )
    async def on_sale(self, root: domain.WishlistItem, info: AgoraInfo) -> bool:
        return (await resolvers.item_news(info, root))[1]


@strawberry.type(description="A customer's named list of variants, shareable by link.")
@shows(domain.Wishlist)
class Wishlist(Node):
    name: str = strawberry.field(description="Display name.")
    share_token: str | None = strawberry.field(
        description="Anyone with this token (and a storefront token) can read the list with "
        "`sharedWishlist`; null when not shared."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="Its items, oldest first.")
    async def items(self, root: domain.Wishlist, info: AgoraInfo) -> list[WishlistItem]:
        return await resolvers.items_of(info, root)  # type: ignore[return-value]
