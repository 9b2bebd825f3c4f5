"""Product reviews by verified buyers, moderated before the storefront shows them.

Rules:
- Only a signed-in customer who bought the product and received it (see
  `ReviewRepository.customer_may_review`) may review it, once per product (a unique
  constraint backs the check against concurrent requests).
- A rating is a whole number of stars, 1 to 5; a title at most 120 characters, a body at most
  5,000 (both required: a star rating alone says little to the next buyer).
- A new review is PENDING; staff APPROVE or REJECT it (and may change their mind). The
  storefront shows APPROVED reviews only, and rates a product on those alone.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

MIN_RATING, MAX_RATING = 1, 5
MAX_TITLE, MAX_BODY = 120, 5000


class ReviewStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@dataclass(eq=False)
class ProductReview(TenantOwned):
    id: UUID
    merchant_id: UUID
    product_id: UUID
    customer_id: UUID
    rating: int
    title: str
    body: str
    status: str
    created_at: datetime
    updated_at: datetime
    moderated_at: datetime | None = None


@dataclass(frozen=True)
class NewReview:
    product_id: UUID
    rating: int
    title: str
    body: str


@dataclass(frozen=True)
class RatingSummary:
    """A product's approved reviews in figures (no floats: the average is a Decimal)."""

    count: int
    total: int  # the sum of the ratings

    @property
    def average(self) -> Decimal | None:
        """Rounded half-to-even to two places; None without reviews."""
        if self.count == 0:
            return None
        exact = Decimal(self.total) / Decimal(self.count)
        return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def _rating(value: int) -> int:
    if not MIN_RATING <= value <= MAX_RATING:
        raise UserError(
            f"A rating is {MIN_RATING} to {MAX_RATING} stars.",
            field="rating",
            code=ErrorCode.INVALID,
        )
    return value


async def create_review(
    uow: UnitOfWork, merchant_id: UUID, customer_id: UUID, new: NewReview, now: datetime
) -> ProductReview:
    """The customer's review of a product they received, waiting for moderation."""
    rating = _rating(new.rating)
    title = require_text(new.title, field="title", max_length=MAX_TITLE)
    body = require_text(new.body, field="body", max_length=MAX_BODY)
    if await uow.products.get(new.product_id) is None:
        raise NotFound("No such product.")
    if not await uow.reviews.customer_may_review(customer_id, new.product_id):
        raise UserError(
            "Only a customer who received this product may review it.",
            field="productId",
            code=ErrorCode.NOT_ELIGIBLE,
        )
    if await uow.reviews.of_customer(customer_id, new.product_id) is not None:
        raise UserError(
            "You have reviewed this product already.", field="productId", code=ErrorCode.DUPLICATE
        )
    review = ProductReview(
        new_id(), merchant_id, new.product_id, customer_id, rating, title, body,
        ReviewStatus.PENDING.value, now, now,
    )  # fmt: skip
    uow.reviews.add(review)
    await uow.commit()
    return review


async def moderate_review(
    uow: UnitOfWork, review_id: UUID, status: ReviewStatus, now: datetime
) -> ProductReview:
    """Approve or reject a review (or send it back to PENDING)."""
    review = await uow.reviews.get(review_id)
    if review is None:
        raise NotFound("No such review.")
    review.status = status.value
    review.moderated_at = None if status == ReviewStatus.PENDING else now
    review.updated_at = now
    await uow.commit()
    return review
