"""The audit log: every admin mutation, who made it, in which request, and what it changed."""

import json
from typing import Any

from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog
from tests.support.webhooks import subscribe

AUDIT_LOG = """
query($filter: AuditLogFilter) {
  auditLog(first: 100, filter: $filter) {
    nodes {
      id occurredAt actorType actorId requestId operation
      changes { entityType entityId action fields { name before after } }
    }
  }
}
"""
PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } userErrors { field message code } }
}
"""
ME = "{ me { ... on StaffUser { id } ... on ApiKey { id } } }"


async def audit(merchant: MerchantWorld, **filter: Any) -> list[dict[str, Any]]:
    result = await merchant.run(AUDIT_LOG, {"filter": filter or None})
    assert result.errors == [], result.body
    nodes: list[dict[str, Any]] = result.data["auditLog"]["nodes"]
    return nodes


def fields(change: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {f["name"]: (json.loads(f["before"]), json.loads(f["after"])) for f in change["fields"]}


async def test_an_update_is_logged_with_its_actor_request_and_field_diff(
    merchant_a: MerchantWorld,
) -> None:
    # given a product, renamed by the owner in a request with a known id
    product_id = await Catalog(merchant_a).product("Trail runner")
    result = await merchant_a.client.execute(
        PRODUCT_UPDATE,
        {"id": product_id, "input": {"name": "Road runner"}},
        token=merchant_a.owner_token,
        headers={"x-request-id": "req-audit-0001"},
    )
    assert result.errors == []
    # when the audit log is read for that product
    entries = await audit(merchant_a, entityId=product_id)
    # then the creation and the update are there, the update with its before/after
    assert [e["operation"] for e in entries] == ["productCreate", "productUpdate"]
    update = entries[1]
    me = await merchant_a.run(ME)
    assert (update["actorType"], update["actorId"]) == ("STAFF", me.data["me"]["id"])
    assert update["requestId"] == "req-audit-0001"
    [change] = [c for c in update["changes"] if c["entityId"] == product_id]
    assert change["action"] == "UPDATED" and change["entityType"] == "Product"
    assert fields(change)["name"] == ("Trail runner", "Road runner")


async def test_an_api_key_is_the_actor_of_its_changes(merchant_a: MerchantWorld) -> None:
    key_id, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    created = await merchant_a.client.execute(
        'mutation { productCreate(input: {name: "By app"}) { product { id } } }', token=secret
    )
    assert created.errors == []
    [entry] = await audit(merchant_a, actorId=key_id)
    assert (entry["actorType"], entry["operation"]) == ("API_KEY", "productCreate")


async def test_a_refused_mutation_leaves_no_entry(merchant_a: MerchantWorld) -> None:
    catalog = Catalog(merchant_a)
    first = await catalog.product("One", slug="one")
    await catalog.product("Two", slug="two")
    refused = await merchant_a.run(PRODUCT_UPDATE, {"id": first, "input": {"slug": "two"}})
    assert refused.data["productUpdate"]["userErrors"]
    assert [e["operation"] for e in await audit(merchant_a)] == ["productCreate"] * 2


async def test_secrets_never_enter_the_log(merchant_a: MerchantWorld) -> None:
    # given a webhook subscription (its signing secret is a stored field)
    subscription_id, secret = await subscribe(merchant_a)
    # when its creation is read from the audit log
    [entry] = await audit(merchant_a, operation="webhookSubscriptionCreate")
    # then the entry shows the secret field only as redacted
    [change] = entry["changes"]
    assert change["entityId"] == subscription_id
    assert fields(change)["sealed_secret"] == ("[redacted]", "[redacted]")
    assert secret not in json.dumps(entry)


async def test_reading_the_log_needs_view_audit_log(merchant_a: MerchantWorld) -> None:
    _key, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    result = await merchant_a.client.execute(AUDIT_LOG, {}, token=secret)
    assert result.error_codes == ["FORBIDDEN"]
