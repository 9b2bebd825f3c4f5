"""GraphQL over HTTP: methods, media types and status codes, per the GraphQL-over-HTTP spec."""

from collections.abc import AsyncIterator

import httpx
import orjson

from tests.conftest import make_settings
from tests.support.actors import MerchantWorld
from tests.support.apps import serving

GRAPHQL_RESPONSE = "application/graphql-response+json"
TYPENAME = "{ __typename }"
STOREFRONT_NAMES = "query($first: Int) { storefronts(first: $first) { nodes { name } } }"
LOGOUT = "mutation { logout { ok } }"
LOGOUT_NAMED = "mutation Out { logout { ok } }"
UNPARSABLE = "{ __typename "
INVALID = "{ noSuchField }"
TWO_OPERATIONS = "query One { __typename } query Two { __typename }"
API_KEY_IDS = "{ apiKeys { nodes { id } } }"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def error_codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


def media_type(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


# --- methods -------------------------------------------------------------------------------


async def test_a_query_posted_as_json_answers_with_data(http: httpx.AsyncClient) -> None:
    # when
    response = await http.post("/graphql", json={"query": TYPENAME})
    # then
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_a_query_sent_with_get_reads_query_variables_from_the_url(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # given two storefronts
    await merchant_a.storefront("Web")
    await merchant_a.storefront("App")
    # when the query and its variables travel in the query string
    response = await http.get(
        "/graphql",
        params={"query": STOREFRONT_NAMES, "variables": orjson.dumps({"first": 1}).decode()},
        headers={"Authorization": f"Bearer {merchant_a.owner_token}"},
    )
    # then the variables were applied
    assert response.status_code == 200
    assert response.json() == {"data": {"storefronts": {"nodes": [{"name": "Web"}]}}}


async def test_get_picks_the_named_operation_from_the_url(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": TWO_OPERATIONS, "operationName": "Two"})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_a_mutation_over_get_is_refused_with_405_and_allow_post(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # when a signed-in user tries to log out with GET (a link could trigger that)
    response = await http.get(
        "/graphql",
        params={"query": LOGOUT},
        headers={"Authorization": f"Bearer {merchant_a.owner_token}"},
    )
    # then nothing ran: 405 and a pointer to POST
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert error_codes(response) == ["METHOD_NOT_ALLOWED"]
    me = await http.post(
        "/graphql",
        json={"query": "{ me { __typename } }"},
        headers={"Authorization": f"Bearer {merchant_a.owner_token}"},
    )
    assert me.status_code == 200 and me.json()["data"]["me"] is not None


async def test_other_http_methods_are_not_allowed(http: httpx.AsyncClient) -> None:
    response = await http.put("/graphql", json={"query": TYPENAME})
    assert response.status_code == 405


# --- media types and status codes -----------------------------------------------------------


async def test_graphql_response_media_type_is_used_when_the_client_accepts_it(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"query": TYPENAME}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_a_document_that_fails_to_parse_is_a_400_with_graphql_response_json(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"query": UNPARSABLE}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 400
    assert media_type(response) == GRAPHQL_RESPONSE
    assert "data" not in response.json()
    assert error_codes(response) == ["GRAPHQL_PARSE_FAILED"]


async def test_a_document_that_fails_validation_is_a_400_with_graphql_response_json(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"query": INVALID}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 400
    assert media_type(response) == GRAPHQL_RESPONSE
    assert "data" not in response.json()
    assert error_codes(response) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "noSuchField" in response.json()["errors"][0]["message"]


async def test_with_application_json_a_bad_document_is_a_200_carrying_errors(
    http: httpx.AsyncClient,
) -> None:
    for document, code in (
        (UNPARSABLE, "GRAPHQL_PARSE_FAILED"),
        (INVALID, "GRAPHQL_VALIDATION_FAILED"),
    ):
        response = await http.post(
            "/graphql", json={"query": document}, headers={"Accept": "application/json"}
        )
        assert response.status_code == 200, document
        assert media_type(response) == "application/json"
        assert error_codes(response) == [code]


async def test_a_refused_non_null_field_is_a_200_with_null_data_once_execution_began(
    http: httpx.AsyncClient,
) -> None:
    # when an anonymous caller asks for a guarded field that cannot be null
    response = await http.post(
        "/graphql", json={"query": API_KEY_IDS}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    # then execution began, so the answer is a 200 carrying `data: null` and the refusal
    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE
    body = response.json()
    assert "data" in body and body["data"] is None
    assert error_codes(response) == ["UNAUTHENTICATED"]
    assert body["errors"][0]["path"] == ["apiKeys"]


async def test_an_unsupported_accept_header_is_a_406(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": TYPENAME}, headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert error_codes(response) == ["NOT_ACCEPTABLE"]
    assert GRAPHQL_RESPONSE in response.json()["errors"][0]["message"]


async def test_a_body_that_is_not_json_is_a_415(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql",
        content=b"query=%7B__typename%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert error_codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]


async def test_json_with_a_charset_parameter_is_accepted(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql",
        content=orjson.dumps({"query": TYPENAME}),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


# --- malformed requests ---------------------------------------------------------------------


async def post_raw(http: httpx.AsyncClient, body: bytes) -> httpx.Response:
    return await http.post("/graphql", content=body, headers={"Content-Type": "application/json"})


async def test_a_body_that_is_not_valid_json_is_a_400(http: httpx.AsyncClient) -> None:
    response = await post_raw(http, b'{"query": "{ __typename }"')
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "The body is not valid JSON."


async def test_batched_operations_are_refused_with_a_clear_message(
    http: httpx.AsyncClient,
) -> None:
    # when two operations arrive in one JSON array
    response = await http.post("/graphql", json=[{"query": TYPENAME}, {"query": TYPENAME}])
    # then neither runs, and the caller learns to send one per request
    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert "Batched operations are not supported" in message
    assert "data" not in response.json()


async def test_a_json_body_that_is_not_an_object_is_a_400(http: httpx.AsyncClient) -> None:
    response = await post_raw(http, b'"{ __typename }"')
    assert response.status_code == 400
    assert "must be a JSON object" in response.json()["errors"][0]["message"]


async def test_a_missing_or_non_string_query_is_a_400(http: httpx.AsyncClient) -> None:
    for body in ({}, {"query": None}, {"query": 42}, {"query": ["{ __typename }"]}, {"query": " "}):
        response = await http.post("/graphql", json=body)
        assert response.status_code == 400, body
        assert response.json()["errors"][0]["message"] == "A 'query' string is required."


async def test_a_get_without_a_query_is_a_400(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "A 'query' string is required."


async def test_variables_that_are_not_an_object_are_a_400(http: httpx.AsyncClient) -> None:
    for variables in ([1, 2], "first=1", 3):
        response = await http.post("/graphql", json={"query": TYPENAME, "variables": variables})
        assert response.status_code == 400, variables
        assert response.json()["errors"][0]["message"] == "'variables' must be a JSON object."


async def test_variables_in_the_url_that_are_not_json_are_a_400(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": TYPENAME, "variables": "{first: 1"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "'variables' is not valid JSON."


async def test_an_operation_name_that_is_not_a_string_is_a_400(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": TYPENAME, "operationName": 7})
    assert response.status_code == 400
    assert "'operationName' must be a string" in response.json()["errors"][0]["message"]


async def test_several_operations_without_an_operation_name_are_refused(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # given a document holding a mutation and a query, and no operationName
    document = f"{LOGOUT_NAMED} query Two {{ __typename }}"
    auth = {"Authorization": f"Bearer {merchant_a.owner_token}"}
    # when it is sent
    response = await http.post("/graphql", json={"query": document}, headers=auth)
    # then nothing runs (the session is still alive) and the caller is told to pick one
    assert response.status_code == 400
    assert "data" not in response.json()
    assert "operationName" in response.json()["errors"][0]["message"]
    me = await http.post("/graphql", json={"query": "{ me { __typename } }"}, headers=auth)
    assert me.json()["data"]["me"] is not None


async def test_an_unknown_operation_name_is_a_400_naming_it(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": TWO_OPERATIONS, "operationName": "Three"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "The document has no operation named 'Three'."
    )


# --- body size ------------------------------------------------------------------------------


async def test_a_body_over_the_size_limit_is_a_413(database_url: str) -> None:
    # given a server that accepts bodies up to 1,000 bytes
    async with serving(make_settings(database_url, max_body_bytes=1_000)) as http:
        small = {"query": TYPENAME}
        large = {"query": "# " + "x" * 1_200 + "\n" + TYPENAME}
        # when a small and a large body arrive
        fits = await http.post("/graphql", json=small)
        too_big = await http.post("/graphql", json=large)
    # then the small one runs and the large one is refused before parsing
    assert fits.status_code == 200
    assert too_big.status_code == 413
    assert [e["extensions"]["code"] for e in too_big.json()["errors"]] == ["PAYLOAD_TOO_LARGE"]
    assert "1000 bytes" in too_big.json()["errors"][0]["message"]


async def test_a_streamed_body_without_content_length_is_cut_off_at_the_limit(
    database_url: str,
) -> None:
    # given a server that accepts bodies up to 1,000 bytes
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "# '
        for _ in range(50):
            yield b"x" * 100
        yield b'\\n{ __typename }"}'

    async with serving(make_settings(database_url, max_body_bytes=1_000)) as http:
        # when a chunked body (no Content-Length) grows past it
        response = await http.post(
            "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
        )
    # then it is refused all the same
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


# --- GraphiQL -------------------------------------------------------------------------------


async def test_graphiql_is_served_to_browsers_when_enabled(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert media_type(response) == "text/html"
    assert "graphiql" in response.text.lower()


async def test_graphiql_is_not_served_when_disabled(database_url: str) -> None:
    # given a server with GraphiQL switched off
    async with serving(make_settings(database_url, graphiql=False)) as http:
        # when a browser opens /graphql
        response = await http.get("/graphql", headers={"Accept": BROWSER_ACCEPT})
        # then it gets no IDE, only GraphQL's answer to a request without a query
        query = await http.get("/graphql", params={"query": TYPENAME})
    assert media_type(response) != "text/html"
    assert "graphiql" not in response.text.lower()
    assert response.status_code == 400
    assert query.json() == {"data": {"__typename": "Query"}}
