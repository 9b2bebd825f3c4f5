"""Query guards: abusive documents are refused before they run, with a clear error and a code."""

import httpx

from tests.conftest import make_settings
from tests.support.actors import MerchantWorld
from tests.support.apps import serving

GRAPHQL_RESPONSE = "application/graphql-response+json"
INTROSPECTION = "{ __schema { queryType { name } } }"
TYPE_INTROSPECTION = '{ __type(name: "Storefront") { fields { name } } }'
NODE_ID = "query($id: ID!) { node(id: $id) { id } }"
API_KEY_CREATOR_ROLES = """
query($id: ID!) {
  node(id: $id) { ... on ApiKey { createdBy { roles { name } } } }
}
"""


def nested(depth: int) -> str:
    """A document of `depth` (top-level fields are depth 0, so it nests depth + 1 fields).

    The inner fields do not exist: depth is checked on the document, before anything runs."""
    return "{ me " + "{ inner " * (depth - 1) + "{ leaf }" + " }" * (depth - 1) + " }"


def aliased(count: int) -> str:
    return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"


def with_tokens(count: int) -> str:
    """`{ nodes(ids: ["0", "1", ...]) { id } }`: 12 tokens plus one per ID."""
    ids = ", ".join(f'"{i}"' for i in range(count - 12))
    return f"{{ nodes(ids: [{ids}]) {{ id }} }}"


async def post(http: httpx.AsyncClient, query: str) -> httpx.Response:
    return await http.post("/graphql", json={"query": query}, headers={"Accept": GRAPHQL_RESPONSE})


def messages(response: httpx.Response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


def codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json()["errors"]]


async def test_a_query_deeper_than_12_levels_is_refused(http: httpx.AsyncClient) -> None:
    # when a document of depth 13 arrives
    response = await post(http, nested(13))
    # then the depth guard refuses it, saying why
    assert response.status_code == 400
    assert "data" not in response.json()
    assert "'anonymous' exceeds maximum operation depth of 12" in messages(response)
    assert set(codes(response)) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_a_query_of_depth_12_passes_the_depth_guard(http: httpx.AsyncClient) -> None:
    response = await post(http, nested(12))
    assert not any("depth" in message for message in messages(response))


async def test_the_depth_limit_is_a_setting_and_applies_to_real_fields(
    database_url: str, merchant_a: MerchantWorld
) -> None:
    # given a server allowing depth 2, and a real query of depth 3
    api_key_id, _ = await merchant_a.api_key(["MANAGE_STOREFRONTS"])
    async with serving(make_settings(database_url, max_query_depth=2)) as http:
        # when it arrives, and so does a shallower one
        response = await http.post(
            "/graphql",
            json={"query": API_KEY_CREATOR_ROLES, "variables": {"id": api_key_id}},
            headers={"Authorization": f"Bearer {merchant_a.owner_token}"},
        )
        shallow = await http.post(
            "/graphql",
            json={"query": NODE_ID, "variables": {"id": api_key_id}},
            headers={"Authorization": f"Bearer {merchant_a.owner_token}"},
        )
    # then the deep one is refused by name, and the shallow one answers
    assert response.json()["errors"][0]["message"] == (
        "'anonymous' exceeds maximum operation depth of 2"
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert shallow.json() == {"data": {"node": {"id": api_key_id}}}


async def test_more_than_30_aliases_are_refused(http: httpx.AsyncClient) -> None:
    response = await post(http, aliased(31))
    assert response.status_code == 400
    assert messages(response) == ["31 aliases found. Allowed: 30"]
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_30_aliases_are_allowed(http: httpx.AsyncClient) -> None:
    response = await post(http, aliased(30))
    assert response.status_code == 200
    assert len(response.json()["data"]) == 30


async def test_a_document_of_more_than_4000_tokens_is_refused(http: httpx.AsyncClient) -> None:
    response = await post(http, with_tokens(4_001))
    assert response.status_code == 400
    assert messages(response) == [
        "Syntax Error: Document contains more than 4000 tokens. Parsing aborted."
    ]
    assert codes(response) == ["GRAPHQL_PARSE_FAILED"]


async def test_a_document_of_4000_tokens_gets_past_the_token_guard(
    http: httpx.AsyncClient,
) -> None:
    # when a document of exactly 4000 tokens arrives
    response = await post(http, with_tokens(4_000))
    # then it runs: the answer comes from the resolver, which takes at most 100 IDs
    assert messages(response) == ["Ask for at most 100 IDs at once."]
    assert codes(response) == ["INVALID"]


async def test_introspection_is_available_by_default(http: httpx.AsyncClient) -> None:
    response = await post(http, INTROSPECTION)
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_introspection_can_be_switched_off(database_url: str) -> None:
    # given a server with introspection off
    async with serving(make_settings(database_url, introspection=False)) as http:
        # when a client asks for the schema, or a type, or just a typename
        schema = await post(http, INTROSPECTION)
        type_ = await post(http, TYPE_INTROSPECTION)
        typename = await post(http, "{ __typename }")
    # then the schema stays private, while __typename (clients need it) still works
    for response in (schema, type_):
        assert response.status_code == 400
        assert "data" not in response.json()
        assert set(codes(response)) == {"GRAPHQL_VALIDATION_FAILED"}
        assert "introspection has been disabled" in messages(response)[0]
    assert typename.json() == {"data": {"__typename": "Query"}}
