"""Product reviews: only a customer who received a product may review it, once; staff
moderate; the storefront shows approved reviews only, and rates the product on them."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.customers import Shopper, shopper
from tests.support.reviews import (
    PRODUCT_REVIEWS,
    REVIEW_CREATE,
    REVIEW_MODERATE,
    buy,
    database_of,
    mark_order,
    received,
    review,
)
from tests.support.statements import recorded_statements

REVIEWS_LIST = """
query($status: ReviewStatus) {
  productReviews(first: 10, status: $status) { nodes { title status product { name } } }
}
"""
LISTING = """
{ products(first: 10) { nodes { name rating { average count } } } }
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("LAMP", "30.00", stock=20)
    await shop.sell("DESK", "120.00", stock=20)
    return shop


@pytest.fixture
async def buyer(shop: Shop) -> Shopper:
    return await shopper(shop.merchant, shop.token)


def errors(payload: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def approve(shop: Shop, review_id: str) -> None:
    ok((await shop.admin(REVIEW_MODERATE, {"id": review_id, "status": "APPROVED"}))[
        "productReviewModerate"
    ])  # fmt: skip


async def test_a_customer_who_received_a_product_reviews_it_and_waits_for_moderation(
    shop: Shop, buyer: Shopper
) -> None:
    # given a lamp the customer bought and received
    await received(shop, buyer, "LAMP")
    # when they review it
    written = ok(await review(buyer, shop.products["LAMP"], 4, title="Bright", body="Good light."))
    # then it waits for staff, and the storefront does not show it yet
    assert written["review"] == {
        "id": written["review"]["id"],
        "rating": 4,
        "title": "Bright",
        "body": "Good light.",
        "status": "PENDING",
        "authorName": "Sam",
    }
    shown = await shop.visitor(PRODUCT_REVIEWS, {"id": shop.products["LAMP"]})
    assert shown.data["product"] == {
        "rating": {"average": None, "count": 0},
        "reviews": {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": None}},
    }


async def test_a_product_bought_but_not_yet_delivered_cannot_be_reviewed(
    shop: Shop, buyer: Shopper
) -> None:
    await buy(shop, buyer, {"LAMP": 1})  # paid, not delivered
    refused = await review(buyer, shop.products["LAMP"])
    assert errors(refused) == [(["productId"], "NOT_ELIGIBLE")]
    assert refused["review"] is None


async def test_a_product_never_bought_cannot_be_reviewed(shop: Shop, buyer: Shopper) -> None:
    await received(shop, buyer, "LAMP")
    assert errors(await review(buyer, shop.products["DESK"])) == [(["productId"], "NOT_ELIGIBLE")]


async def test_a_completed_order_makes_a_verified_buyer_too(shop: Shop, buyer: Shopper) -> None:
    order = await buy(shop, buyer, {"DESK": 1})
    await mark_order(buyer.client, order["id"], "COMPLETED")
    assert ok(await review(buyer, shop.products["DESK"]))["review"]["status"] == "PENDING"


async def test_a_customer_reviews_a_product_once(shop: Shop, buyer: Shopper) -> None:
    await received(shop, buyer, "LAMP")
    await received(shop, buyer, "LAMP")  # bought twice: still one review
    ok(await review(buyer, shop.products["LAMP"]))
    again = await review(buyer, shop.products["LAMP"], 1, title="Changed my mind")
    assert errors(again) == [(["productId"], "DUPLICATE")]


@pytest.mark.parametrize("rating", [0, 6, -1])
async def test_a_rating_is_one_to_five_stars(shop: Shop, buyer: Shopper, rating: int) -> None:
    await received(shop, buyer, "LAMP")
    assert errors(await review(buyer, shop.products["LAMP"], rating)) == [(["rating"], "INVALID")]


async def test_title_and_body_are_required_and_bounded(shop: Shop, buyer: Shopper) -> None:
    await received(shop, buyer, "LAMP")
    lamp = shop.products["LAMP"]
    assert errors(await review(buyer, lamp, title="x" * 121)) == [(["title"], "TOO_LONG")]
    assert errors(await review(buyer, lamp, body="x" * 5001)) == [(["body"], "TOO_LONG")]
    assert errors(await review(buyer, lamp, title=" ")) == [(["title"], "REQUIRED")]


async def test_approved_reviews_are_shown_and_rated_pending_and_rejected_are_not(
    shop: Shop, buyer: Shopper
) -> None:
    # given four buyers' reviews of the lamp: 5 and 4 approved, 1 rejected, 2 pending
    others = [buyer] + [await shopper(shop.merchant, shop.token) for _ in range(3)]
    ids = []
    for customer, stars in zip(others, [5, 4, 1, 2], strict=True):
        await received(shop, customer, "LAMP")
        written = ok(await review(customer, shop.products["LAMP"], stars, title=f"{stars} stars"))
        ids.append(written["review"]["id"])
    await approve(shop, ids[0])
    await approve(shop, ids[1])
    ok((await shop.admin(REVIEW_MODERATE, {"id": ids[2], "status": "REJECTED"}))[
        "productReviewModerate"
    ])  # fmt: skip
    # when a visitor reads the lamp, one review a page
    first = await shop.visitor(PRODUCT_REVIEWS, {"id": shop.products["LAMP"], "first": 1})
    product = first.data["product"]
    # then only the approved ones count and show, newest first, paged
    assert product["rating"] == {"average": "4.50", "count": 2}
    assert [r["title"] for r in product["reviews"]["nodes"]] == ["4 stars"]
    cursor = product["reviews"]["pageInfo"]["endCursor"]
    second = await shop.visitor(
        PRODUCT_REVIEWS, {"id": shop.products["LAMP"], "first": 1, "after": cursor}
    )
    assert [r["title"] for r in second.data["product"]["reviews"]["nodes"]] == ["5 stars"]
    # and staff see every review by status
    pending = (await shop.admin(REVIEWS_LIST, {"status": "PENDING"}))["productReviews"]["nodes"]
    assert pending == [
        {"title": "2 stars", "status": "PENDING", "product": {"name": "Product LAMP"}}
    ]


async def test_a_listing_rates_every_product_in_one_statement_whatever_the_page(
    shop: Shop, buyer: Shopper
) -> None:
    await received(shop, buyer, "LAMP")
    await approve(shop, ok(await review(buyer, shop.products["LAMP"], 3))["review"]["id"])
    with recorded_statements(database_of(buyer.client).engine.sync_engine) as statements:
        listed = await shop.visitor(LISTING)
    assert sum("product_reviews" in statement for statement in statements) == 1
    ratings = {p["name"]: p["rating"] for p in listed.data["products"]["nodes"]}
    assert ratings == {
        "Product LAMP": {"average": "3.00", "count": 1},
        "Product DESK": {"average": None, "count": 0},
    }


async def test_a_visitor_or_staff_cannot_write_a_review(shop: Shop) -> None:
    values = {"productId": shop.products["LAMP"], "rating": 5, "title": "t", "body": "b"}
    as_visitor = await shop.visitor(REVIEW_CREATE, {"input": values})
    assert as_visitor.error_codes == ["UNAUTHENTICATED"]
    as_staff = await shop.merchant.run(REVIEW_CREATE, {"input": values})
    assert as_staff.error_codes == ["FORBIDDEN"]


async def test_another_merchants_product_and_review_are_not_found(
    shop: Shop, buyer: Shopper, merchant_b: MerchantWorld
) -> None:
    # given a review in merchant B's shop
    other = await open_shop(merchant_b)
    await other.sell("CHAIR", "50.00")
    theirs = await shopper(merchant_b, other.token)
    await received(other, theirs, "CHAIR")
    their_review = ok(await review(theirs, other.products["CHAIR"]))["review"]["id"]
    # then merchant A's customer cannot review B's product, nor A's staff moderate B's review
    assert (await buyer.run(*_review_of(other.products["CHAIR"]))).error_codes == ["NOT_FOUND"]
    moderated = await shop.merchant.run(REVIEW_MODERATE, {"id": their_review, "status": "APPROVED"})
    assert moderated.error_codes == ["NOT_FOUND"]
    listed = (await shop.admin(REVIEWS_LIST, {}))["productReviews"]["nodes"]
    assert listed == []


def _review_of(product_id: str) -> tuple[str, dict[str, object]]:
    values = {"productId": product_id, "rating": 5, "title": "t", "body": "b"}
    return REVIEW_CREATE, {"input": values}
