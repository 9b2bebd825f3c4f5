"""Trusted documents: a storefront set to trusted documents only runs, for visitors and
customers, nothing but the documents its merchant registered."""

import hashlib
from typing import Any

import httpx

from tests.support.actors import MerchantWorld, ok

ALLOWED = "query Shop { storefront { name } }"
OTHER = "query Other { storefront { currency } }"
REGISTER = """
mutation($name: String!, $document: String!) {
  trustedDocumentRegister(name: $name, document: $document) {
    trustedDocument { sha256 name } userErrors { field message code }
  }
}
"""
DELETE = """
mutation($id: ID!) {
  trustedDocumentDelete(id: $id) { trustedDocument { sha256 } userErrors { message } }
}
"""
LIST = "{ trustedDocuments(first: 10) { nodes { id sha256 name } } }"
LOCK = """
mutation($id: ID!, $only: Boolean!) {
  storefrontUpdate(id: $id, input: { trustedDocumentsOnly: $only }) {
    storefront { trustedDocumentsOnly } userErrors { message }
  }
}
"""


def persisted(document: str) -> dict[str, Any]:
    digest = hashlib.sha256(document.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


async def visit(http: httpx.AsyncClient, token: str, body: dict[str, Any]) -> httpx.Response:
    return await http.post("/graphql", json=body, headers={"Agora-Storefront-Token": token})


async def locked_storefront(merchant: MerchantWorld) -> tuple[str, str]:
    storefront, token = await merchant.storefront("Web", "USD")
    result = await merchant.run(REGISTER, {"name": "Shop", "document": ALLOWED})
    ok(result.data["trustedDocumentRegister"])
    locked = await merchant.run(LOCK, {"id": storefront, "only": True})
    assert ok(locked.data["storefrontUpdate"])["storefront"]["trustedDocumentsOnly"] is True
    return storefront, token


async def test_a_locked_storefront_runs_registered_documents_by_hash_or_text(
    merchant_a: MerchantWorld,
) -> None:
    # given a storefront locked to the merchant's trusted documents
    _id, token = await locked_storefront(merchant_a)
    http = merchant_a.client.http
    # when a visitor sends the registered document's hash alone, or its text
    by_hash = await visit(http, token, {"extensions": persisted(ALLOWED)})
    by_text = await visit(http, token, {"query": ALLOWED})
    # then both run
    assert by_hash.json() == {"data": {"storefront": {"name": "Web"}}}
    assert by_text.json() == {"data": {"storefront": {"name": "Web"}}}


async def test_a_locked_storefront_refuses_any_other_document(merchant_a: MerchantWorld) -> None:
    # given a locked storefront
    _id, token = await locked_storefront(merchant_a)
    http = merchant_a.client.http
    # when a visitor sends another document, by text or as an automatic persisted query
    for body in ({"query": OTHER}, {"query": OTHER, "extensions": persisted(OTHER)}):
        refused = await visit(http, token, body)
        # then it is refused, saying why
        assert refused.status_code == 400
        error = refused.json()["errors"][0]
        assert error["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"
        assert "trusted documents" in error["message"]
    # but staff may still run anything with the storefront's token
    staff = await merchant_a.client.execute(OTHER, storefront=token, token=merchant_a.owner_token)
    assert staff.data == {"storefront": {"currency": "USD"}}


async def test_a_removed_document_is_refused_even_if_its_answer_was_cached(
    merchant_a: MerchantWorld,
) -> None:
    # given a locked storefront whose visitors' answer to the trusted document is cached
    _id, token = await locked_storefront(merchant_a)
    http = merchant_a.client.http
    await visit(http, token, {"query": ALLOWED})
    assert (await visit(http, token, {"query": ALLOWED})).headers["agora-cache"] == "hit"
    listed = await merchant_a.run(LIST)
    [document] = listed.data["trustedDocuments"]["nodes"]
    # when staff remove the document from the list
    result = await merchant_a.run(DELETE, {"id": document["id"]})
    ok(result.data["trustedDocumentDelete"])
    # then the next request is refused
    refused = await visit(http, token, {"query": ALLOWED})
    assert refused.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"


async def test_only_storefront_managers_manage_trusted_documents(
    merchant_a: MerchantWorld,
) -> None:
    # given a staff user without MANAGE_STOREFRONTS
    _id, clerk = await merchant_a.staff("clerk@alpha.example.com", ["MANAGE_PRODUCTS"])
    # when they try to register a document or list them
    register = await merchant_a.run(REGISTER, {"name": "x", "document": OTHER}, token=clerk)
    listing = await merchant_a.run(LIST, token=clerk)
    # then they are refused
    assert register.error_codes == ["FORBIDDEN"]
    assert listing.error_codes == ["FORBIDDEN"]
