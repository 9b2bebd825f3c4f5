"""What promotions do to a cart: those applied, and the status of each entered code."""

import strawberry

from domain.promotions.result import AppliedPromotion, CodeStatus
from resolvers.checkout import cart_promotions as resolvers
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
