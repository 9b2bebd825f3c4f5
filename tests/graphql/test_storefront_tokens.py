"""A storefront token is read from the database once, then served while nothing about its
storefront or merchant changed; any change is seen on the very next request."""

from starlette.applications import Starlette

from tests.graphql.test_storefronts import STOREFRONT_UPDATE, VISITOR
from tests.support.actors import MerchantWorld, ok
from tests.support.client import GraphQLClient
from tests.support.statements import recorded_statements


async def storefront_reads(app: Starlette, client: GraphQLClient, token: str) -> int:
    """How many statements read the storefronts table for one visitor request."""
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        await client.execute(VISITOR, storefront=token)
    return sum("FROM storefronts" in statement for statement in statements)


async def test_a_token_seen_before_is_opened_without_the_database(
    app: Starlette, client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    _, token = await merchant_a.storefront("Web")
    assert await storefront_reads(app, client, token) > 0  # first seen: read
    assert await storefront_reads(app, client, token) == 0


async def test_a_changed_storefront_is_read_again_on_the_next_request(
    app: Starlette, client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a token a visitor has used
    storefront_id, token = await merchant_a.storefront("Web")
    await client.execute(VISITOR, storefront=token)
    # when staff rename the storefront
    renamed = await merchant_a.run(
        STOREFRONT_UPDATE, {"id": storefront_id, "input": {"name": "Web shop"}}
    )
    ok(renamed.data["storefrontUpdate"])
    # then the next visitor sees the new name, and the one after is served from memory again
    seen = await client.execute(VISITOR, storefront=token)
    assert seen.data["storefront"]["name"] == "Web shop"
    assert await storefront_reads(app, client, token) == 0


async def test_an_unknown_token_is_refused_every_time(client: GraphQLClient) -> None:
    for _ in range(2):
        refused = await client.execute(VISITOR, storefront="agora_pt_" + "x" * 30)
        assert refused.status == 401 and refused.error_codes == ["UNAUTHENTICATED"]
