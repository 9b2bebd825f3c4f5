"""Automatic persisted queries: a client sends a document's SHA-256, and the document only
when the server does not know it yet; persisted queries may be sent as cacheable GETs."""

import hashlib
from typing import Any

import httpx
import orjson

from tests.support.actors import MerchantWorld

STOREFRONT_NAME = "query StorefrontName { storefront { name currency } }"
HASH = hashlib.sha256(STOREFRONT_NAME.encode()).hexdigest()
PERSISTED = {"persistedQuery": {"version": 1, "sha256Hash": HASH}}


async def post(http: httpx.AsyncClient, token: str, body: dict[str, Any]) -> httpx.Response:
    return await http.post("/graphql", json=body, headers={"Agora-Storefront-Token": token})


async def get(http: httpx.AsyncClient, token: str, **headers: str) -> httpx.Response:
    params = {"extensions": orjson.dumps(PERSISTED).decode()}
    return await http.get(
        "/graphql", params=params, headers={"Agora-Storefront-Token": token, **headers}
    )


async def test_an_unknown_hash_asks_for_the_document_which_is_then_remembered(
    merchant_a: MerchantWorld,
) -> None:
    # given a storefront whose clients send hashes
    _id, token = await merchant_a.storefront("Web", "USD")
    http = merchant_a.client.http
    # when a client sends a hash the server has never seen
    unknown = await post(http, token, {"extensions": PERSISTED})
    # then it is told to send the document
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    # when it sends the hash with the document, then the hash alone
    registered = await post(http, token, {"query": STOREFRONT_NAME, "extensions": PERSISTED})
    by_hash = await post(http, token, {"extensions": PERSISTED})
    # then both are answered
    expected = {"data": {"storefront": {"name": "Web", "currency": "USD"}}}
    assert registered.json() == expected
    assert by_hash.json() == expected


async def test_a_hash_that_is_not_the_documents_is_refused(merchant_a: MerchantWorld) -> None:
    # given a storefront
    _id, token = await merchant_a.storefront("Web", "USD")
    # when a client sends a document with another document's hash
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    result = await post(
        merchant_a.client.http, token, {"query": STOREFRONT_NAME, "extensions": wrong}
    )
    # then nothing runs
    assert result.status_code == 400
    assert result.json()["errors"][0]["message"] == "provided sha does not match query"


async def test_a_persisted_query_over_get_carries_an_etag_and_answers_304(
    merchant_a: MerchantWorld,
) -> None:
    # given a registered document
    _id, token = await merchant_a.storefront("Web", "USD")
    http = merchant_a.client.http
    await post(http, token, {"query": STOREFRONT_NAME, "extensions": PERSISTED})
    # when a browser fetches it with GET, then revalidates
    first = await get(http, token)
    again = await get(http, token, **{"If-None-Match": first.headers["etag"]})
    # then the first answer may be kept by shared caches, and the second is a bodiless 304
    assert first.status_code == 200
    assert first.json()["data"]["storefront"]["name"] == "Web"
    assert first.headers["cache-control"] == "public, max-age=5"
    assert again.status_code == 304
    assert again.content == b""
