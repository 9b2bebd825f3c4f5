"""The audit log: every admin mutation, who made it, in which request, and what it changed."""

import json
from typing import Any

from resolvers.ids import decode_id_of
from tests.support.actors import PASSWORD, STAFF_CREATE, MerchantWorld
from tests.support.catalog import CATEGORY_DELETE, Catalog
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
ME_ADMIN = "{ me { ... on PlatformAdmin { id } } }"
STAFF_UPDATE = """
mutation($id: ID!, $input: StaffUpdateInput!) {
  staffUpdate(id: $id, input: $input) { staffUser { id } userErrors { field message code } }
}
"""
ROLE_DELETE = """
mutation($id: ID!) { roleDelete(id: $id) { deletedId userErrors { field message code } } }
"""
COLLECTION_CREATE = """
mutation($input: CollectionInput!) {
  collectionCreate(input: $input) { collection { id } userErrors { field message code } }
}
"""
MEMBERS = """
mutation($id: ID!, $products: [ID!]!) {
  %s(id: $id, productIds: $products) { collection { id } userErrors { field message code } }
}
"""
MERCHANT_SUSPEND = """
mutation($id: ID!) {
  merchantSuspend(id: $id) { merchant { id status } userErrors { field message code } }
}
"""
MERCHANT_REACTIVATE = """
mutation($id: ID!) {
  merchantReactivate(id: $id) { merchant { id status } userErrors { field message code } }
}
"""


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
    operations = [e["operation"] for e in await audit(merchant_a)]
    assert operations == ["merchantCreate", "productCreate", "productCreate"]


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


def changed(entry: dict[str, Any], entity_type: str, action: str) -> list[dict[str, Any]]:
    """The entry's changes to objects of one type, done by one action."""
    return [
        fields(c)
        for c in entry["changes"]
        if (c["entityType"], c["action"]) == (entity_type, action)
    ]


def uuid_of(global_id: str, type_name: str) -> str:
    return str(decode_id_of(global_id, type_name))


async def test_taking_a_role_away_from_a_staff_user_is_logged(merchant_a: MerchantWorld) -> None:
    # given a staff user holding one role, and another role
    staff_id, _ = await merchant_a.staff("sam@alpha.example.com", ["MANAGE_PRODUCTS"])
    [old_role] = [
        e["changes"][0]["entityId"] for e in await audit(merchant_a, operation="roleCreate")
    ]
    new_role = await merchant_a.role("Orders", ["MANAGE_ORDERS"])
    # when the user's roles are replaced
    result = await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "input": {"roleIds": [new_role]}})
    assert result.data["staffUpdate"]["userErrors"] == []
    # then the entry shows the membership taken away and the one given
    [entry] = await audit(merchant_a, operation="staffUpdate")
    [taken] = changed(entry, "StaffRole", "DELETED")
    assert taken["role_id"] == (uuid_of(old_role, "Role"), None)
    assert taken["staff_id"] == (uuid_of(staff_id, "StaffUser"), None)
    [given] = changed(entry, "StaffRole", "CREATED")
    assert given["role_id"] == (None, uuid_of(new_role, "Role"))


async def test_deleting_a_role_logs_the_memberships_it_ends(merchant_a: MerchantWorld) -> None:
    # given a role held by a staff user
    role_id = await merchant_a.role("Writers", ["MANAGE_PRODUCTS"])
    await merchant_a.run(
        STAFF_CREATE,
        {
            "input": {
                "email": "w@alpha.example.com",
                "name": "W",
                "password": PASSWORD,
                "roleIds": [role_id],
            }
        },
    )
    # when the role is deleted
    assert (await merchant_a.run(ROLE_DELETE, {"id": role_id})).errors == []
    # then its deletion and the membership's are in the entry
    [entry] = await audit(merchant_a, operation="roleDelete")
    assert changed(entry, "Role", "DELETED")[0]["name"] == ("Writers", None)
    [membership] = changed(entry, "StaffRole", "DELETED")
    assert membership["role_id"] == (uuid_of(role_id, "Role"), None)


async def test_removing_products_from_a_collection_is_logged(merchant_a: MerchantWorld) -> None:
    # given a collection of two products
    catalog = Catalog(merchant_a)
    kept, removed = await catalog.product("Kept"), await catalog.product("Removed")
    made = await merchant_a.run(COLLECTION_CREATE, {"input": {"name": "Picks"}})
    collection_id = made.data["collectionCreate"]["collection"]["id"]
    await merchant_a.run(
        MEMBERS % "collectionProductsAdd", {"id": collection_id, "products": [kept, removed]}
    )
    # when one is removed
    result = await merchant_a.run(
        MEMBERS % "collectionProductsRemove", {"id": collection_id, "products": [removed]}
    )
    assert result.errors == []
    # then the entry shows that membership deleted, and only that one
    [entry] = await audit(merchant_a, operation="collectionProductsRemove")
    [membership] = changed(entry, "CollectionProduct", "DELETED")
    assert membership["product_id"] == (uuid_of(removed, "Product"), None)


async def test_changing_a_storefronts_warehouses_is_logged(merchant_a: MerchantWorld) -> None:
    # given a storefront supplied from one warehouse
    catalog = Catalog(merchant_a)
    storefront_id, _ = await merchant_a.storefront()
    north, south = await catalog.warehouse("North"), await catalog.warehouse("South")
    await catalog.link_warehouses(storefront_id, [north])
    # when it is switched to another
    await catalog.link_warehouses(storefront_id, [south])
    # then the last entry shows the old link deleted and the new one created
    *_, entry = await audit(merchant_a, operation="storefrontWarehousesSet")
    [unlinked] = changed(entry, "StorefrontWarehouse", "DELETED")
    assert unlinked["warehouse_id"] == (uuid_of(north, "Warehouse"), None)
    [linked] = changed(entry, "StorefrontWarehouse", "CREATED")
    assert linked["warehouse_id"] == (None, uuid_of(south, "Warehouse"))


async def test_replacing_a_products_attribute_value_is_logged(merchant_a: MerchantWorld) -> None:
    # given a product whose "fit" is slim
    catalog = Catalog(merchant_a)
    fit = await catalog.attribute("Fit", "TEXT")
    type_id = await catalog.product_type("Shirt", product_attributes=[fit])
    product_id = await catalog.product(
        "Shirt", productTypeId=type_id, attributes=[{"attributeId": fit, "text": "slim"}]
    )
    # when its fit is changed
    result = await merchant_a.run(
        PRODUCT_UPDATE,
        {"id": product_id, "input": {"attributes": [{"attributeId": fit, "text": "loose"}]}},
    )
    assert result.data["productUpdate"]["userErrors"] == []
    # then the entry shows the old value deleted and the new one created
    [entry] = await audit(merchant_a, operation="productUpdate")
    [old] = changed(entry, "AttributeValue", "DELETED")
    [new] = changed(entry, "AttributeValue", "CREATED")
    assert (old["text"], new["text"]) == (("slim", None), (None, "loose"))


async def test_deleting_a_category_logs_it_and_its_products_left_without_one(
    merchant_a: MerchantWorld,
) -> None:
    # given a category holding a product
    catalog = Catalog(merchant_a)
    category_id = await catalog.category("Shoes")
    product_id = await catalog.product("Boot", categoryId=category_id)
    # when the category is deleted
    result = await merchant_a.run(CATEGORY_DELETE, {"id": category_id})
    assert result.data["categoryDelete"]["userErrors"] == []
    # then the entry shows the category deleted and the product's category cleared
    [entry] = await audit(merchant_a, operation="categoryDelete")
    assert changed(entry, "Category", "DELETED")[0]["name"] == ("Shoes", None)
    [product] = changed(entry, "Product", "UPDATED")
    assert product["category_id"] == (uuid_of(category_id, "Category"), None)
    by_product = await audit(merchant_a, entityId=product_id)
    assert [e["operation"] for e in by_product] == ["productCreate", "categoryDelete"]


async def test_a_platform_admins_changes_are_in_the_merchants_log(
    merchant_a: MerchantWorld, admin_token: str
) -> None:
    # given the merchant was suspended and reactivated by a platform admin
    for document in (MERCHANT_SUSPEND, MERCHANT_REACTIVATE):
        result = await merchant_a.client.execute(
            document,
            {"id": merchant_a.id},
            token=admin_token,
            headers={"x-request-id": "req-platform-01"},
        )
        assert result.errors == [], result.body
    admin = await merchant_a.client.execute(ME_ADMIN, {}, token=admin_token)
    # when its staff read the audit log
    entries = await audit(merchant_a, actorId=admin.data["me"]["id"])
    # then its creation (with its owner, password redacted), suspension and reactivation are there
    assert [e["operation"] for e in entries] == [
        "merchantCreate",
        "merchantSuspend",
        "merchantReactivate",
    ]
    assert {e["actorType"] for e in entries} == {"PLATFORM_ADMIN"}
    created, suspended, reactivated = entries
    [owner] = changed(created, "StaffUser", "CREATED")
    assert owner["password_hash"] == ("[redacted]", "[redacted]")
    assert changed(suspended, "Merchant", "UPDATED")[0]["status"] == ("ACTIVE", "SUSPENDED")
    assert changed(reactivated, "Merchant", "UPDATED")[0]["status"] == ("SUSPENDED", "ACTIVE")
    assert suspended["requestId"] == "req-platform-01"


async def test_a_platform_admins_change_is_only_in_the_merchant_it_changed(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, admin_token: str
) -> None:
    result = await merchant_a.client.execute(
        MERCHANT_SUSPEND, {"id": merchant_b.id}, token=admin_token
    )
    assert result.errors == []
    assert "merchantSuspend" not in [e["operation"] for e in await audit(merchant_a)]
