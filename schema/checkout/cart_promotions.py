"""What promotions do to a cart: those applied, and the status of each entered code."""

import strawberry

from domain.checkout.gifts import GiftView
from domain.promotions.result import AppliedPromotion, CodeStatus, NotApplied
from resolvers.catalog.visibility import visible_variant
from resolvers.checkout import cart_promotions as resolvers
from resolvers.context import AgoraInfo
from schema.catalog.products import ProductVariant
from schema.enums import graphql_enum
from schema.money import Money

graphql_enum(
    CodeStatus,
    "Whether an entered promotion code takes effect, and if not, why.",
    {
        "APPLIED": "Its promotion applies to the cart.",
        "MALFORMED": "It cannot be a code (letters, digits, '-' and '_', 3 to 32 of them).",
        "UNKNOWN": "No live promotion has this code.",
        "NOT_STARTED": "Its promotion has not started yet.",
        "EXPIRED": "Its promotion has ended.",
        "EXHAUSTED": "It, or its promotion, has been used up (or its budget spent).",
        "NOT_APPLIED": "It is valid, but its promotion does not apply to this cart "
        "(see the promotion's conditions).",
    },
)


@strawberry.type(description="A promotion that applies to the cart.")
class CartPromotion:
    name: str = strawberry.field(description="The promotion's name.")
    amount: Money = strawberry.field(
        description="What it takes off: items, order and the selected delivery together."
    )

    @strawberry.field(description="The Promotion's ID (readable with MANAGE_DISCOUNTS).")
    def promotion_id(self, root: AppliedPromotion) -> strawberry.ID:
        return resolvers.promotion_global_id(root.promotion_id)  # type: ignore[return-value]


@strawberry.type(description="An entered promotion code and whether it takes effect.")
class CartPromoCode:
    code: str = strawberry.field(description="The code, normalised (upper case, no spaces).")
    status: CodeStatus = strawberry.field(description="Applied, or why not.")


@strawberry.type(
    description="A gift a promotion adds to the cart: free, shown while the promotion applies, "
    "not editable (it goes when the promotion stops applying)."
)
class CartGiftLine:
    @strawberry.field(description="The gifted variant (null if the storefront does not show it).")
    async def variant(self, root: GiftView, info: AgoraInfo) -> ProductVariant | None:
        return await visible_variant(info.context, root.variant_id)  # type: ignore[return-value]

    @strawberry.field(description="How many.")
    def quantity(self, root: GiftView) -> int:
        return root.quantity

    @strawberry.field(description="Always true: a gift, which the shopper cannot change.")
    def is_gift(self, root: GiftView) -> bool:
        return True

    @strawberry.field(description="What the shopper pays for it: nothing.")
    def total(self, root: GiftView) -> Money:
        return resolvers.free(root)  # type: ignore[return-value]

    @strawberry.field(description="What it is worth (its list value, all units together).")
    def value(self, root: GiftView) -> Money:
        return root.value  # type: ignore[return-value]

    @strawberry.field(description="The promotion's name.")
    def promotion_name(self, root: GiftView) -> str:
        return root.promotion_name

    @strawberry.field(description="The Promotion's ID (readable with MANAGE_DISCOUNTS).")
    def promotion_id(self, root: GiftView) -> strawberry.ID:
        return resolvers.promotion_global_id(str(root.promotion_id))  # type: ignore[return-value]


@strawberry.type(description="A gift promotion that would apply, but whose gift cannot be given.")
class CartUnavailableGift:
    name: str = strawberry.field(description="The promotion's name.")
    detail: str = strawberry.field(description="Why not, for a person (e.g. out of stock).")

    @strawberry.field(description="The Promotion's ID (readable with MANAGE_DISCOUNTS).")
    def promotion_id(self, root: NotApplied) -> strawberry.ID:
        return resolvers.promotion_global_id(root.promotion_id)  # type: ignore[return-value]
