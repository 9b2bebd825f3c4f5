"""Partner API keys are rate limited by query cost, and told their budget on every response."""

from collections.abc import AsyncIterator

import pytest

from tests.conftest import make_settings
from tests.support.actors import MerchantWorld
from tests.support.apps import serving
from tests.support.client import GraphQLClient

PRODUCTS = "{ products(first: 10) { nodes { id name } } }"  # costs 2 + 10 * 1 = 12
REVOKE = "mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { revokedAt } } }"


@pytest.fixture
async def limited(database_url: str) -> AsyncIterator[GraphQLClient]:
    """The app with a 30-point bucket per key, restoring 1 point a second."""
    settings = make_settings(database_url, api_cost_capacity=30, api_cost_restore_rate=1)
    async with serving(settings) as http:
        yield GraphQLClient(http)


async def test_each_response_carries_the_cost_and_the_budget_left(
    merchant_a: MerchantWorld, limited: GraphQLClient
) -> None:
    _key, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    result = await limited.execute(PRODUCTS, token=secret)
    assert result.errors == []
    cost = result.body["extensions"]["cost"]
    assert cost["requestedQueryCost"] == 12
    status = cost["throttleStatus"]
    assert (status["maximumAvailable"], status["restoreRate"]) == (30, 1)
    assert 18 <= status["currentlyAvailable"] <= 19


async def test_a_key_over_its_budget_is_throttled_with_retry_after(
    merchant_a: MerchantWorld, limited: GraphQLClient
) -> None:
    # given a key that spent 24 of its 30 points
    _key, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    for _ in range(2):
        assert (await limited.execute(PRODUCTS, token=secret)).errors == []
    # when it asks for 12 more
    refused = await limited.execute(PRODUCTS, token=secret)
    # then it is refused without running, told when to come back, and sees its budget
    assert refused.error_codes == ["THROTTLED"]
    retry_after = refused.errors[0]["extensions"]["retryAfter"]
    assert retry_after >= 1 and refused.headers["retry-after"] == str(retry_after)
    assert refused.body.get("data") is None
    assert refused.body["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] < 12
    # and another key of the same merchant, and its staff, are not affected
    _other, fresh = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    assert (await limited.execute(PRODUCTS, token=fresh)).errors == []
    staff = await limited.execute(PRODUCTS, token=merchant_a.owner_token)
    assert staff.errors == [] and "extensions" not in staff.body


async def test_a_document_costing_more_than_the_bucket_never_runs(
    merchant_a: MerchantWorld, limited: GraphQLClient
) -> None:
    _key, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    result = await limited.execute("{ products(first: 50) { nodes { id } } }", token=secret)
    assert result.error_codes == ["QUERY_TOO_COSTLY"]


async def test_a_revoked_key_stops_at_once(merchant_a: MerchantWorld) -> None:
    key_id, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    assert (await merchant_a.client.execute(PRODUCTS, token=secret)).errors == []
    await merchant_a.run(REVOKE, {"id": key_id})
    assert (await merchant_a.client.execute(PRODUCTS, token=secret)).error_codes == [
        "UNAUTHENTICATED"
    ]
