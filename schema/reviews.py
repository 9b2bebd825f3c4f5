"""Product reviews: written by verified buyers, moderated by staff, shown when approved."""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain.permissions import Permission as P
from domain.reviews import reviews as domain
from resolvers import reviews as resolvers
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.permissions import customers_only, requires
from schema.connections import After, Before, Connection, First, Last
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.node import Node, shows

if TYPE_CHECKING:
    from schema.catalog.products import Product

REVIEWS = requires(P.MANAGE_REVIEWS)

graphql_enum(
    domain.ReviewStatus,
    "Where a review stands in moderation.",
    {
        "PENDING": "Waiting for staff; not shown to shoppers.",
        "APPROVED": "Shown on the storefront and counted in the product's rating.",
        "REJECTED": "Not shown.",
    },
)


@strawberry.type(description="A verified buyer's review of a product.")
@shows(domain.ProductReview)
class ProductReview(Node):
    rating: int = strawberry.field(description="Stars, 1 to 5.")
    title: str = strawberry.field(description="The headline (at most 120 characters).")
    body: str = strawberry.field(description="The review (at most 5,000 characters).")
    created_at: datetime = strawberry.field(description="When it was written.")

    @strawberry.field(description="PENDING, APPROVED or REJECTED.")
    def status(self, root: domain.ProductReview) -> domain.ReviewStatus:
        return domain.ReviewStatus(root.status)

    @strawberry.field(description="The reviewer's first name (never their email).")
    async def author_name(self, root: domain.ProductReview, info: AgoraInfo) -> str:
        return await resolvers.author_name(info, root)

    @strawberry.field(description="The product reviewed.")
    async def product(
        self, root: domain.ProductReview, info: AgoraInfo
    ) -> Annotated["Product", strawberry.lazy("schema.catalog.products")] | None:
        return await resolvers.product_of(info, root)  # type: ignore[return-value]


@strawberry.type(description="A product's approved reviews in figures.")
class ProductRating:
    count: int = strawberry.field(description="How many approved reviews.")

    @strawberry.field(description="Their average rating (2 decimals); null without reviews.")
    def average(self, root: domain.RatingSummary) -> Decimal | None:
        return root.average


@strawberry.type(description="Result of a review mutation.")
class ProductReviewPayload:
    review: ProductReview | None = strawberry.field(description="The review.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.input(description="A review of a product you received.")
class ProductReviewCreateInput:
    product_id: strawberry.ID = strawberry.field(description="The product.")
    rating: int = strawberry.field(description="Stars, 1 to 5.")
    title: str = strawberry.field(description="A headline, at most 120 characters.")
    body: str = strawberry.field(description="The review, at most 5,000 characters.")


@strawberry.type
class ReviewQuery:
    @strawberry.field(description="The merchant's reviews, newest first.", extensions=REVIEWS)
    async def product_reviews(
        self,
        info: AgoraInfo,
        status: Annotated[
            domain.ReviewStatus | None, strawberry.argument(description="Only these.")
        ] = None,
        product_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this product's.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ProductReview]:
        args = PageArgs(first, after, last, before)
        return await resolvers.search(info, args, status, product_id)  # type: ignore[return-value]


@strawberry.type
class ReviewMutation:
    @strawberry.mutation(
        description="Review a product you received (signed-in customers; once per product). "
        "It is shown once staff approve it.",
        extensions=customers_only(),
    )
    async def product_review_create(
        self,
        info: AgoraInfo,
        input: Annotated[ProductReviewCreateInput, strawberry.argument(description="The review.")],
    ) -> ProductReviewPayload:
        return await resolvers.review_create(  # type: ignore[return-value]
            info, input.product_id, input.rating, input.title, input.body
        )

    @strawberry.mutation(
        description="Approve or reject a review (or send it back to PENDING).", extensions=REVIEWS
    )
    async def product_review_moderate(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The review's ID.")],
        status: Annotated[domain.ReviewStatus, strawberry.argument(description="Its new state.")],
    ) -> ProductReviewPayload:
        return await resolvers.review_moderate(info, id, status)  # type: ignore[return-value]
