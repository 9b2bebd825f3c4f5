"""The partner API's leaky bucket and how a document's cost is computed."""

import pytest
from graphql import parse

from domain.rate_limits import BucketPolicy, take
from schema.build import build_schema
from schema.cost import query_cost
from server.security.cost_buckets import MemoryBuckets

POLICY = BucketPolicy(capacity=100, restore_rate=10)
SCHEMA = build_schema()._schema


def test_a_bucket_takes_until_full_then_refuses_with_the_wait() -> None:
    first = take(None, 60, 0.0, POLICY)
    assert first.allowed and first.available == 40
    refused = take(first.bucket, 50, 0.0, POLICY)
    assert not refused.allowed and refused.available == 40 and refused.retry_after == 1
    later = take(refused.bucket, 50, 1.0, POLICY)  # 10 points drained in a second
    assert later.allowed and later.available == 0


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_memory_buckets_recover_at_the_restore_rate_per_key() -> None:
    clock = Clock()
    buckets = MemoryBuckets(POLICY, clock)
    assert (await buckets.take("a", 100)).allowed
    assert not (await buckets.take("a", 1)).allowed
    assert (await buckets.take("b", 100)).allowed  # another key has its own bucket
    clock.now += 5
    assert (await buckets.take("a", 50)).allowed
    assert not (await buckets.take("a", 1)).allowed


@pytest.mark.parametrize(
    ("document", "variables", "cost"),
    [
        ("{ me { __typename } }", {}, 1),
        ("{ products(first: 10) { nodes { id name } } }", {}, 2 + 10 * 1),
        ("{ products { nodes { id variants { sku } } } }", {}, 2 + 20 * (1 + 1)),
        (
            "query($n: Int) { products(first: $n) { edges { node { id } } } }",
            {"n": 50},
            2 + 50 * (1 + 1),
        ),
        (
            '{ node(id: "x") { ... on Product { variants { sku } } } }',
            {},
            1 + 1,
        ),
        (
            "query { ...F } fragment F on Query { products(last: 5) { nodes { id } } }",
            {},
            2 + 5,
        ),
        ('mutation { productCreate(input: {name: "x"}) { product { id } } }', {}, 10 + 1 + 1),
    ],
)
def test_cost_comes_from_fields_and_page_sizes(
    document: str, variables: dict[str, int], cost: int
) -> None:
    assert query_cost(SCHEMA, parse(document), None, variables) == cost
