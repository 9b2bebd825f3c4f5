"""Which storefront documents the response cache may keep, and what their answers read."""

from graphql import parse

from domain.catalog.freshness import CATALOG, STOCK
from schema.caching import cache_policy


def policy(document: str, operation: str | None = None) -> frozenset[str] | None:
    found = cache_policy(parse(document), operation)
    return None if found is None else found.tags


def test_catalog_reads_depend_on_the_catalog() -> None:
    assert policy("{ products(first: 5) { nodes { name } } storefront { name } }") == frozenset(
        {CATALOG}
    )


def test_an_exact_stock_count_anywhere_also_depends_on_stock() -> None:
    document = """
    query { product(slug: "hat") { ...Stock } }
    fragment Stock on Product { variants { ... on ProductVariant { quantityAvailable } } }
    """
    assert policy(document) == frozenset({CATALOG, STOCK})


def test_anything_but_catalog_reads_runs_every_time() -> None:
    assert policy("{ me { __typename } }") is None
    assert policy('{ node(id: "x") { id } products(first: 1) { nodes { name } } }') is None
    assert policy('mutation { logout(refreshToken: "x") { ok } }') is None
    assert policy("{ __schema { types { name } } }") is None


def test_the_named_operation_is_the_one_judged() -> None:
    document = "query A { storefront { name } } query B { me { __typename } }"
    assert policy(document, "A") == frozenset({CATALOG})
    assert policy(document, "B") is None
