"""`Idempotency-Key`: a retried mutation runs once, whatever the network did to the first try."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select

from persistence.database import Database
from persistence.idempotency import CLAIM_LEASE
from persistence.tables import idempotency_keys
from resolvers import storefronts as storefront_resolvers
from resolvers.ids import decode_global_id
from server.graphql_http import GraphQLRequest
from tests.support.actors import API_KEY_CREATE, MerchantWorld

STOREFRONT_CREATE = """
mutation($input: StorefrontInput!) {
  storefrontCreate(input: $input) {
    storefront { id name } userErrors { field message code }
  }
}
"""
STAFF_ROLES_SET = """
mutation($id: ID!, $roles: [ID!]!) {
  staffUpdate(id: $id, input: {roleIds: $roles}) { userErrors { code } }
}
"""
STOREFRONT_NAMES = "{ storefronts(first: 100) { nodes { name } } }"
WEB = {"input": {"name": "Web", "currency": "EUR", "defaultCountry": "DE"}}
APP = {"input": {"name": "App", "currency": "EUR", "defaultCountry": "DE"}}


async def create_storefront(
    http: httpx.AsyncClient,
    token: str,
    key: str | None,
    variables: dict[str, Any] = WEB,
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return await http.post(
        "/graphql", json={"query": STOREFRONT_CREATE, "variables": variables}, headers=headers
    )


async def storefront_names(merchant: MerchantWorld) -> list[str]:
    result = await merchant.run(STOREFRONT_NAMES)
    return [node["name"] for node in result.data["storefronts"]["nodes"]]


async def test_a_retry_with_the_same_key_replays_the_first_answer(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # given a storefront created with an idempotency key
    first = await create_storefront(http, merchant_a.owner_token, "create-web-1")
    assert first.json()["data"]["storefrontCreate"]["storefront"]["name"] == "Web"
    # when the client retries the very same request (it never saw the answer)
    retry = await create_storefront(http, merchant_a.owner_token, "create-web-1")
    # then it gets the stored answer, marked as replayed, and the mutation ran only once
    assert retry.status_code == first.status_code == 200
    assert retry.content == first.content
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await storefront_names(merchant_a) == ["Web"]


async def test_without_a_key_every_request_runs(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    await create_storefront(http, merchant_a.owner_token, None)
    await create_storefront(http, merchant_a.owner_token, None)
    assert await storefront_names(merchant_a) == ["Web", "Web"]


async def test_the_same_key_with_other_variables_is_refused(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # given a key already used to create the Web storefront
    await create_storefront(http, merchant_a.owner_token, "shared-key", WEB)
    # when it is reused for a different request
    reused = await create_storefront(http, merchant_a.owner_token, "shared-key", APP)
    # then that request is refused with a clear error, and did not run
    assert reused.status_code == 422
    error = reused.json()["errors"][0]
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert "different request" in error["message"]
    assert await storefront_names(merchant_a) == ["Web"]


async def test_the_same_key_with_another_document_is_refused(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    await create_storefront(http, merchant_a.owner_token, "shared-key")
    other = await http.post(
        "/graphql",
        json={"query": "mutation { logout { ok } }"},
        headers={
            "Authorization": f"Bearer {merchant_a.owner_token}",
            "Idempotency-Key": "shared-key",
        },
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert await storefront_names(merchant_a) == ["Web"]  # and the owner is still signed in


async def test_keys_belong_to_the_principal_that_sent_them(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # given the owner and a colleague of the same merchant
    _, colleague = await merchant_a.staff("colleague@alpha.example.com", ["MANAGE_STOREFRONTS"])
    await create_storefront(http, merchant_a.owner_token, "my-key")
    # when the colleague happens to send the same key and request
    theirs = await create_storefront(http, colleague, "my-key")
    # then the colleague's request runs on its own
    assert theirs.status_code == 200
    assert "idempotent-replayed" not in theirs.headers
    assert theirs.json()["data"]["storefrontCreate"]["userErrors"] == []
    assert await storefront_names(merchant_a) == ["Web", "Web"]


async def test_concurrent_requests_with_one_key_run_the_mutation_once(
    http: httpx.AsyncClient, merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a mutation slow enough that identical requests overlap while it runs
    original = storefront_resolvers.storefront_create
    runs = 0

    async def slow(*args: Any) -> Any:
        nonlocal runs
        runs += 1
        await asyncio.sleep(0.3)
        return await original(*args)

    monkeypatch.setattr(storefront_resolvers, "storefront_create", slow)
    # when five identical requests with one key arrive at the same moment
    responses = await asyncio.gather(
        *(create_storefront(http, merchant_a.owner_token, "burst-key") for _ in range(5))
    )
    # then the mutation ran once, one storefront exists, and every caller got that same answer
    assert runs == 1
    assert [r.status_code for r in responses] == [200] * 5
    assert len({r.content for r in responses}) == 1
    assert sum("idempotent-replayed" not in r.headers for r in responses) == 1
    assert await storefront_names(merchant_a) == ["Web"]


@pytest.mark.parametrize("key", ["has spaces", "x" * 256, "", "naïve"])
async def test_a_malformed_key_is_a_400_and_nothing_runs(
    http: httpx.AsyncClient, merchant_a: MerchantWorld, key: str
) -> None:
    # when a mutation carries a key that is empty, too long or not visible ASCII
    response = await http.post(
        "/graphql",
        json={"query": STOREFRONT_CREATE, "variables": WEB},
        headers=[
            (b"Authorization", f"Bearer {merchant_a.owner_token}".encode()),
            (b"Idempotency-Key", key.encode()),
        ],
    )
    # then the request is refused, with a message saying what a key must be
    assert response.status_code == 400
    assert "Idempotency-Key must be" in response.json()["errors"][0]["message"]
    assert await storefront_names(merchant_a) == []


async def test_a_request_that_failed_unexpectedly_can_be_retried_with_its_key(
    http: httpx.AsyncClient, merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a first attempt that hits an unexpected server error
    original = storefront_resolvers.storefront_create

    async def broken(*args: Any) -> Any:
        raise RuntimeError("database went away")

    monkeypatch.setattr(storefront_resolvers, "storefront_create", broken)
    failed = await create_storefront(http, merchant_a.owner_token, "retry-me")
    assert failed.json()["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    # when the client retries with the same key once the server is healthy again
    monkeypatch.setattr(storefront_resolvers, "storefront_create", original)
    retry = await create_storefront(http, merchant_a.owner_token, "retry-me")
    # then the retry runs for real instead of replaying the failure
    assert "idempotent-replayed" not in retry.headers
    assert retry.json()["data"]["storefrontCreate"]["storefront"]["name"] == "Web"
    assert await storefront_names(merchant_a) == ["Web"]


async def test_a_key_on_a_query_is_ignored(
    http: httpx.AsyncClient, merchant_a: MerchantWorld
) -> None:
    # given a key sent with a read
    headers = {"Authorization": f"Bearer {merchant_a.owner_token}", "Idempotency-Key": "k-1"}
    await http.post("/graphql", json={"query": STOREFRONT_NAMES}, headers=headers)
    # when the same key is then used for a mutation
    created = await create_storefront(http, merchant_a.owner_token, "k-1")
    # then the mutation runs: reads neither claim nor replay keys
    assert created.status_code == 200
    assert created.json()["data"]["storefrontCreate"]["userErrors"] == []
    assert await storefront_names(merchant_a) == ["Web"]


async def stored_bodies(database: Database) -> list[bytes]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(select(idempotency_keys.c.body))
    return [row.body for row in rows if row.body is not None]


async def test_a_stored_answer_holding_a_secret_is_not_kept_readable_but_still_replays(
    http: httpx.AsyncClient, merchant_a: MerchantWorld, database: Database
) -> None:
    # given an API key created with an idempotency key: its secret is in the answer
    headers = {"Authorization": f"Bearer {merchant_a.owner_token}", "Idempotency-Key": "key-1"}
    body = {
        "query": API_KEY_CREATE,
        "variables": {"input": {"name": "erp", "scopes": ["MANAGE_PRODUCTS"]}},
    }
    first = await http.post("/graphql", json=body, headers=headers)
    secret = first.json()["data"]["apiKeyCreate"]["secret"]
    assert secret and secret.encode() in first.content
    # when the stored answer is read straight from the database
    [stored] = await stored_bodies(database)
    # then neither the secret nor its random part can be found in it
    assert secret.encode() not in stored
    assert secret[len("agora_sk_") :].encode() not in stored
    assert b"apiKeyCreate" not in stored
    # and a retry with the same key still replays the very same secret
    retry = await http.post("/graphql", json=body, headers=headers)
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.content == first.content
    assert retry.json()["data"]["apiKeyCreate"]["secret"] == secret


async def test_an_access_refusal_is_not_kept_so_the_key_runs_once_access_is_granted(
    http: httpx.AsyncClient, merchant_a: MerchantWorld, database: Database
) -> None:
    # given a staff user who may not yet manage storefronts
    staff_id, token = await merchant_a.staff("clerk@alpha.example.com", ["MANAGE_PRODUCTS"])
    refused = await create_storefront(http, token, "first-web")
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await stored_bodies(database) == []
    # when the owner grants them storefronts and they retry with the same key
    role_id = await merchant_a.role("Channels", ["MANAGE_STOREFRONTS"])
    granted = await merchant_a.run(
        STAFF_ROLES_SET,
        {"id": staff_id, "roles": [role_id]},
    )
    assert granted.data["staffUpdate"]["userErrors"] == []
    retry = await create_storefront(http, token, "first-web")
    # then the mutation runs, instead of replaying the refusal
    assert "idempotent-replayed" not in retry.headers
    assert retry.json()["data"]["storefrontCreate"]["storefront"]["name"] == "Web"
    assert await storefront_names(merchant_a) == ["Web"]


async def test_a_claim_abandoned_by_a_dead_request_does_not_block_its_key(
    http: httpx.AsyncClient, merchant_a: MerchantWorld, database: Database
) -> None:
    # given the owner's request with this key, claimed longer ago than the lease and never
    # completed (the process running it died)
    _, owner_id = decode_global_id(merchant_a.owner_id)
    fingerprint = GraphQLRequest(STOREFRONT_CREATE, WEB, None).fingerprint("application/json")
    async with database.engine.begin() as connection:
        await connection.execute(
            insert(idempotency_keys).values(
                principal=f"staff:{owner_id}",
                key="orphaned",
                fingerprint=fingerprint,
                created_at=datetime.now(UTC) - CLAIM_LEASE - timedelta(seconds=5),
                completed_at=None,
            )
        )
    # when the client retries that request with the same key
    retry = await create_storefront(http, merchant_a.owner_token, "orphaned")
    # then it runs now, instead of waiting for the dead request and getting a 409
    assert retry.status_code == 200
    assert "idempotent-replayed" not in retry.headers
    assert retry.json()["data"]["storefrontCreate"]["storefront"]["name"] == "Web"
    assert await storefront_names(merchant_a) == ["Web"]
