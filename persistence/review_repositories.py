"""Product reviews. Tenant scope comes from the session."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.orders.orders import Order, OrderLine
from domain.pagination import Page, PageRequest
from domain.reviews.reviews import ProductReview, RatingSummary, ReviewStatus
from persistence import tables
from persistence.database import Database, retry_after_disconnect
from persistence.repositories import SqlRepository, keyset_page

# Orders whose goods reached the buyer. The order lifecycle (fulfillments, deliveries) sets
# these; until it does per line, an order in one of them counts as received in full.


class ReviewRepository(SqlRepository[ProductReview]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, ProductReview)

    async def customer_may_review(self, customer_id: UUID, product_id: UUID) -> bool:
        """The verified-buyer rule, in this one place: the customer has an order line of the
        product with units delivered (a partly delivered order counts for what arrived)."""
        # The entities' mapped columns, not the tables': the tenant criteria apply to both.
        line: Any = OrderLine
        order: Any = Order
        bought = (
            select(line.id)
            .join(order, order.id == line.order_id)
            .where(
                line.product_id == product_id,
                order.customer_id == customer_id,
                line.quantity_delivered > 0,
            )
        )
        return bool((await self.session.execute(select(exists(bought)))).scalar())

    async def of_customer(self, customer_id: UUID, product_id: UUID) -> ProductReview | None:
        c = tables.product_reviews.c
        statement = select(ProductReview).where(
            c.customer_id == customer_id, c.product_id == product_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def search(
        self, request: PageRequest, *, status: str | None = None, product_id: UUID | None = None
    ) -> Page[ProductReview]:
        """Newest first, optionally of one status and one product."""
        c = tables.product_reviews.c
        found: list[ColumnElement[bool]] = []
        if status is not None:
            found.append(c.status == status)
        if product_id is not None:
            found.append(c.product_id == product_id)
        statement = select(ProductReview).where(*found)
        return await keyset_page(self.session, statement, c.id, request, newest_first=True)


@retry_after_disconnect
async def load_ratings(
    database: Database, merchant_id: UUID | None, product_ids: Sequence[UUID]
) -> list[RatingSummary]:
    """Each product's approved reviews counted and summed: one statement for a whole page."""
    review: Any = ProductReview  # its mapped columns keep the tenant criteria
    statement = (
        select(review.product_id, func.count(), func.sum(review.rating))
        .where(
            review.product_id.in_(set(product_ids)),
            review.status == ReviewStatus.APPROVED.value,
        )
        .group_by(review.product_id)
    )
    async with database.reading(merchant_id) as session:
        found = {
            product: RatingSummary(int(count), int(total or 0))
            for product, count, total in (await session.execute(statement)).all()
        }
    return [found.get(id, RatingSummary(0, 0)) for id in product_ids]
