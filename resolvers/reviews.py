"""Product reviews: a customer writes one, staff moderate, the storefront reads approved ones."""

from typing import Any
from uuid import UUID

from domain.catalog.products import Product
from domain.customers.accounts import Customer
from domain.reviews.reviews import (
    NewReview,
    ProductReview,
    RatingSummary,
    ReviewStatus,
    create_review,
    moderate_review,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate
from resolvers.permissions import shopper


async def review_create(
    info: AgoraInfo, product_id: str, rating: int, title: str, body: str
) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        new = NewReview(decode_id_of(product_id, "Product", field="productId"), rating, title, body)
        async with context.work() as uow:
            review = await create_review(
                uow, principal.merchant_id, principal.customer_id, new, context.clock()
            )
        return {"review": review}

    return await mutate(work)


async def review_moderate(info: AgoraInfo, id: str, status: ReviewStatus) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        review_id = decode_id_of(id, "ProductReview")
        async with context.work() as uow:
            review = await moderate_review(uow, review_id, status, context.clock())
        return {"review": review}

    return await mutate(work)


async def search(
    info: AgoraInfo, args: PageArgs, status: ReviewStatus | None, product_id: str | None
) -> ConnectionData[ProductReview]:
    request = page_request(args.first, args.after, args.last, args.before)
    product = None if product_id is None else decode_id_of(product_id, "Product", field="productId")
    async with info.context.work() as uow:
        page = await uow.reviews.search(
            request, status=None if status is None else status.value, product_id=product
        )
    return connection(page)


async def approved_of(
    info: AgoraInfo, product: Product, args: PageArgs
) -> ConnectionData[ProductReview]:
    """What every reader of the product sees: its approved reviews, newest first."""
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        page = await uow.reviews.search(
            request, status=ReviewStatus.APPROVED.value, product_id=product.id
        )
    return connection(page)


async def rating_of(info: AgoraInfo, product_id: UUID) -> RatingSummary:
    return await info.context.loaders.rating_of_product.load(product_id)


async def author_name(info: AgoraInfo, review: ProductReview) -> str:
    """The reviewer's first name, as shoppers see it (never their email)."""
    customer: Customer | None = await info.context.loaders.customer.load(review.customer_id)
    return (customer.first_name if customer is not None else "") or "A verified buyer"


async def product_of(info: AgoraInfo, review: ProductReview) -> Product | None:
    return await info.context.loaders.product.load(review.product_id)
