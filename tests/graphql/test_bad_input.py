"""Bad input gets a clear, coded answer: malformed IDs, wrong-type IDs, bad page arguments."""

import base64
import uuid

import httpx
import pytest

from resolvers.ids import encode_global_id
from tests.support.actors import MerchantWorld

GRAPHQL_RESPONSE = "application/graphql-response+json"
NODE = "query($id: ID!) { node(id: $id) { id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
STOREFRONT_UPDATE = """
mutation($id: ID!, $input: StorefrontInput!) {
  storefrontUpdate(id: $id, input: $input) {
    storefront { id name } userErrors { field message code }
  }
}
"""
STOREFRONTS_PAGE = """
query($first: Int, $after: String, $last: Int, $before: String) {
  storefronts(first: $first, after: $after, last: $last, before: $before) { nodes { id } }
}
"""


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


MALFORMED_IDS = {
    "garbage": "garbage!!",
    "not base64": "%%%~~~",
    "base64 of junk": b64("just some junk"),
    "base64 of non-utf8": base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode(),
    "bad uuid": b64("Storefront:not-a-uuid"),
    "unknown type": b64(f"Spaceship:{uuid.uuid4()}"),
    "empty": "",
    "very long": "A" * 5_000,
}


@pytest.mark.parametrize("bad_id", MALFORMED_IDS.values(), ids=MALFORMED_IDS.keys())
async def test_node_with_a_malformed_id_is_an_invalid_id_error(
    merchant_a: MerchantWorld, bad_id: str
) -> None:
    # when a client asks for an object by an ID we never issued
    result = await merchant_a.run(NODE, {"id": bad_id})
    # then it learns the ID is invalid (not merely missing), at the field that took it
    assert result.status == 200
    assert result.body["data"] == {"node": None}
    assert result.error_codes == ["INVALID_ID"]
    error = result.errors[0]
    assert error["path"] == ["node"]
    assert "is not a valid ID" in error["message"]
    assert len(error["message"]) < 200  # a huge input is not echoed back whole


async def test_a_well_formed_id_of_nothing_is_not_found_rather_than_invalid(
    merchant_a: MerchantWorld,
) -> None:
    missing = encode_global_id("Storefront", uuid.uuid4())
    result = await merchant_a.run(NODE, {"id": missing})
    assert result.body["data"] == {"node": None}
    assert result.error_codes == ["NOT_FOUND"]


@pytest.mark.parametrize(
    "bad_id", [MALFORMED_IDS["garbage"], MALFORMED_IDS["base64 of junk"]], ids=["garbage", "junk"]
)
async def test_a_mutation_given_a_malformed_id_answers_with_a_user_error(
    merchant_a: MerchantWorld, bad_id: str
) -> None:
    result = await merchant_a.run(STOREFRONT_UPDATE, {"id": bad_id, "input": {"name": "New"}})
    payload = result.data["storefrontUpdate"]
    assert payload["storefront"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["id"], "INVALID_ID")]


async def test_a_mutation_given_another_types_id_answers_with_a_user_error(
    merchant_a: MerchantWorld,
) -> None:
    # given a storefront, and the ID of a staff user (a real object, of the wrong type)
    await merchant_a.storefront("Web")
    # when the staff user's ID is passed where a storefront's is expected
    result = await merchant_a.run(
        STOREFRONT_UPDATE, {"id": merchant_a.owner_id, "input": {"name": "Renamed"}}
    )
    # then the mutation explains the mix-up and changes nothing
    payload = result.data["storefrontUpdate"]
    assert payload["storefront"] is None
    [error] = payload["userErrors"]
    assert error["field"] == ["id"]
    assert error["code"] == "INVALID_ID"
    assert error["message"] == "Expected an ID of a Storefront, got one of a StaffUser."
    names = await merchant_a.run("{ storefronts { nodes { name } } }")
    assert names.data["storefronts"]["nodes"] == [{"name": "Web"}]


async def test_nodes_reports_each_bad_id_at_its_own_index(merchant_a: MerchantWorld) -> None:
    # given two storefronts and a list mixing them with a malformed and a missing ID
    web, _ = await merchant_a.storefront("Web")
    app, _ = await merchant_a.storefront("App")
    missing = encode_global_id("Storefront", uuid.uuid4())
    # when they are fetched together
    result = await merchant_a.run(NODES, {"ids": [web, "garbage!!", app, missing]})
    # then the good ones come back in order, and each bad one is reported where it was
    assert result.body["data"] == {"nodes": [{"id": web}, None, {"id": app}, None]}
    reported = sorted((e["path"], e["extensions"]["code"]) for e in result.errors)
    assert reported == [(["nodes", 1], "INVALID_ID"), (["nodes", 3], "NOT_FOUND")]


async def test_nodes_refuses_more_than_100_ids_as_a_partial_response(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # when 101 IDs are asked for at once
    ids = [encode_global_id("Storefront", uuid.uuid4()) for _ in range(101)]
    response = await http.post(
        "/graphql",
        json={"query": NODES, "variables": {"ids": ids}},
        headers={
            "Authorization": f"Bearer {merchant_a.owner_token}",
            "Accept": GRAPHQL_RESPONSE,
        },
    )
    # then the field fails with a clear message; the request itself was fine (200, data null)
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Ask for at most 100 IDs at once."
    assert body["errors"][0]["extensions"] == {"code": "INVALID", "field": "ids"}


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"after": "not-a-cursor"}, "after"),
        ({"before": "not-a-cursor", "last": 2}, "before"),
        ({"after": b64("c1:not-a-uuid")}, "after"),
        ({"after": b64(f"Storefront:{uuid.uuid4()}")}, "after"),
    ],
    ids=["garbage after", "garbage before", "cursor of junk", "global id as cursor"],
)
async def test_an_invalid_cursor_is_a_clear_error(
    merchant_a: MerchantWorld, variables: dict[str, object], field: str
) -> None:
    result = await merchant_a.run(STOREFRONTS_PAGE, variables)
    assert result.body["data"] is None
    [error] = result.errors
    assert error["message"] == "This cursor is not valid."
    assert error["extensions"] == {"code": "INVALID", "field": field}


@pytest.mark.parametrize(
    ("variables", "message", "field"),
    [
        ({"first": 101}, "first must be between 0 and 100.", "first"),
        ({"first": -1}, "first must be between 0 and 100.", "first"),
        ({"last": 1_000}, "last must be between 0 and 100.", "last"),
        ({"last": -5}, "last must be between 0 and 100.", "last"),
        ({"first": 1, "last": 1}, "Give either first or last, not both.", "first"),
    ],
    ids=["first too large", "first negative", "last too large", "last negative", "both"],
)
async def test_page_sizes_out_of_bounds_are_clear_errors(
    merchant_a: MerchantWorld, variables: dict[str, object], message: str, field: str
) -> None:
    result = await merchant_a.run(STOREFRONTS_PAGE, variables)
    assert result.body["data"] is None
    [error] = result.errors
    assert error["message"] == message
    assert error["extensions"] == {"code": "INVALID", "field": field}


async def test_a_variable_of_the_wrong_type_is_a_request_error(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # when `first` (an Int) is sent as text
    response = await http.post(
        "/graphql",
        json={"query": STOREFRONTS_PAGE, "variables": {"first": "ten"}},
        headers={
            "Authorization": f"Bearer {merchant_a.owner_token}",
            "Accept": GRAPHQL_RESPONSE,
        },
    )
    # then nothing runs: a 400 naming the variable
    assert response.status_code == 400
    assert "data" not in response.json()
    [error] = response.json()["errors"]
    assert error["message"].startswith("Variable '$first' has invalid value")
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
