"""Queries run from cached plans answer exactly as graphql-core would, errors included."""

from typing import Any

import pytest
from graphql.execution.executor import Executor

from schema.execution import PlannedExecution
from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog

LISTING = """
query Listing($first: Int!, $withVariants: Boolean!, $skipSlug: Boolean = false) {
  products(first: $first) {
    nodes {
      __typename
      ...Card
      handle: slug @skip(if: $skipSlug)
      variants @include(if: $withVariants) {
        ... on ProductVariant { sku }
        price { amount currencyCode }
        compareAtPrice { amount }
        quantityAvailable
        inStock
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
fragment Card on Product {
  id name
  category { name parent { name } }
  priceRange { start { amount currencyCode } stop { amount } }
  thumbnail { url alt }
  metadata { key value }
}
"""


def graphql_core_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on nothing is planned: graphql-core runs every operation."""
    monkeypatch.setattr(PlannedExecution, "plan", lambda _self: None)


def graphql_core_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on graphql-core cannot execute fields: only a plan can answer."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("graphql-core executed a field")

    monkeypatch.setattr(Executor, "execute_fields", refuse)


async def shop(merchant: MerchantWorld) -> str:
    storefront_id, token = await merchant.storefront("Web", "USD")
    catalog = Catalog(merchant)
    shoes = await catalog.category("Shoes")
    boots = await catalog.category("Boots", shoes)
    for number, category in ((1, shoes), (2, boots), (3, boots)):
        product = await catalog.product(
            f"Product {number}", categoryId=category, metadata=[{"key": "k", "value": "v"}]
        )
        for size, price in (("S", f"{number}.50"), ("L", f"{number}9.00")):
            variant = await catalog.variant(product, f"SKU-{number}-{size}")
            await catalog.price(variant, storefront_id, price, compareAtPrice="99.99")
        await catalog.publish(product, storefront_id)
    return token


async def test_a_storefront_listing_is_answered_from_its_plan(
    merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await shop(merchant_a)
    graphql_core_refuses(monkeypatch)
    variables = {"first": 2, "withVariants": True}

    planned = await merchant_a.client.execute(LISTING, variables, storefront=token)

    assert planned.errors == [], planned.body
    nodes = planned.data["products"]["nodes"]
    assert [n["__typename"] for n in nodes] == ["Product", "Product"]
    assert list(nodes[0]) == [
        "__typename", "id", "name", "category", "priceRange", "thumbnail", "metadata",
        "handle", "variants",
    ]  # fmt: skip
    assert nodes[0]["variants"][0]["price"] == {"amount": "1.50", "currencyCode": "USD"}
    assert nodes[0]["metadata"] == [{"key": "k", "value": "v"}]
    assert planned.data["products"]["pageInfo"]["hasNextPage"] is True


async def test_plans_and_graphql_core_give_the_same_response_byte_for_byte(
    merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await shop(merchant_a)
    variables = {"first": 3, "withVariants": True, "skipSlug": True}
    planned = await merchant_a.client.execute(LISTING, variables, storefront=token)

    graphql_core_only(monkeypatch)
    plain = await merchant_a.client.execute(LISTING, variables, storefront=token)

    assert planned.errors == []
    assert planned.body == plain.body


async def test_skip_and_include_follow_each_requests_variables(
    merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await shop(merchant_a)
    graphql_core_refuses(monkeypatch)

    with_variants = await merchant_a.client.execute(
        LISTING, {"first": 1, "withVariants": True}, storefront=token
    )
    without = await merchant_a.client.execute(
        LISTING, {"first": 1, "withVariants": False, "skipSlug": True}, storefront=token
    )

    assert "variants" in with_variants.data["products"]["nodes"][0]
    assert "handle" in with_variants.data["products"]["nodes"][0]
    node = without.data["products"]["nodes"][0]
    assert "variants" not in node
    assert "handle" not in node


ERRORS = """
query($first: Int!) {
  products(first: $first) {
    nodes { name variants { sku prices { price { amount } } } }
  }
  product(slug: "no-such-product") { name }
}
"""


async def test_an_error_while_running_a_plan_is_reported_exactly_as_graphql_core_reports_it(
    merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a visitor asking for a staff-only field next to public ones
    token = await shop(merchant_a)

    planned = await merchant_a.client.execute(ERRORS, {"first": 2}, storefront=token)
    graphql_core_only(monkeypatch)
    plain = await merchant_a.client.execute(ERRORS, {"first": 2}, storefront=token)

    assert planned.error_codes and set(planned.error_codes) == {"UNAUTHENTICATED"}
    assert planned.body == plain.body
    assert planned.errors[0]["path"][:3] == ["products", "nodes", 0]


async def test_introspection_and_mutations_are_left_to_graphql_core(
    merchant_a: MerchantWorld,
) -> None:
    introspection = await merchant_a.client.execute("{ __schema { queryType { name } } }")
    assert introspection.data == {"__schema": {"queryType": {"name": "Query"}}}

    created = await Catalog(merchant_a).category("Hats")
    assert created
