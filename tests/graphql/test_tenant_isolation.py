"""Merchant A never sees or changes merchant B's objects, whatever the Node type.

Generic on purpose: the Node types, the connection fields and the mutations taking an `id`
are read from the schema, so types and fields added later are covered (or fail loudly here
until someone says how to create them).
"""

from dataclasses import dataclass
from typing import Any

import pytest
from graphql import GraphQLObjectType, GraphQLSchema, get_named_type

from domain.permissions import Permission
from schema.build import build_schema
from tests.support.actors import MerchantWorld
from tests.support.client import GraphQLClient, Response
from tests.support.node_factories import NODE_FACTORIES, Tenant, read_back

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
CONNECTION = "{ %s(first: 50) { edges { node { id } } } }"

STAFF_UPDATE = """
mutation($id: ID!) {
  staffUpdate(id: $id, input: {name: "Hijacked", isActive: false, roleIds: []}) {
    staffUser { id } userErrors { code }
  }
}
"""
ROLE_UPDATE = """
mutation($id: ID!) {
  roleUpdate(id: $id, input: {name: "Hijacked", permissions: [MANAGE_STAFF]}) {
    role { id } userErrors { code }
  }
}
"""
ROLE_DELETE = "mutation($id: ID!) { roleDelete(id: $id) { deletedId userErrors { code } } }"
API_KEY_REVOKE = """
mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { id } userErrors { code } } }
"""
STOREFRONT_UPDATE = """
mutation($id: ID!) {
  storefrontUpdate(id: $id, input: {name: "Hijacked", isActive: false}) {
    storefront { id } userErrors { code }
  }
}
"""
STOREFRONT_TOKEN_ROTATE = """
mutation($id: ID!) { storefrontTokenRotate(id: $id) { storefront { id } userErrors { code } } }
"""
TRUSTED_DOCUMENT_DELETE = """
mutation($id: ID!) {
  trustedDocumentDelete(id: $id) { trustedDocument { id } userErrors { code } }
}
"""
MERCHANT_SUSPEND = """
mutation($id: ID!) { merchantSuspend(id: $id) { merchant { id } userErrors { code } } }
"""
MERCHANT_REACTIVATE = """
mutation($id: ID!) { merchantReactivate(id: $id) { merchant { id } userErrors { code } } }
"""
CATEGORY_UPDATE = """
mutation($id: ID!) {
  categoryUpdate(id: $id, input: {name: "Hijacked"}) { category { id } userErrors { code } }
}
"""
CATEGORY_DELETE = """
mutation($id: ID!) { categoryDelete(id: $id) { deletedId userErrors { code } } }
"""
PRODUCT_UPDATE = """
mutation($id: ID!) {
  productUpdate(id: $id, input: {name: "Hijacked"}) { product { id } userErrors { code } }
}
"""
PRODUCT_ARCHIVE = """
mutation($id: ID!) { productArchive(id: $id) { product { id } userErrors { code } } }
"""
VARIANT_UPDATE = """
mutation($id: ID!) {
  productVariantUpdate(id: $id, input: {name: "Hijacked"}) { variant { id } userErrors { code } }
}
"""
VARIANT_ARCHIVE = """
mutation($id: ID!) { productVariantArchive(id: $id) { variant { id } userErrors { code } } }
"""
WAREHOUSE_UPDATE = """
mutation($id: ID!) {
  warehouseUpdate(id: $id, input: {name: "Hijacked"}) { warehouse { id } userErrors { code } }
}
"""

ATTRIBUTE_UPDATE = """
mutation($id: ID!) {
  attributeUpdate(id: $id, input: {name: "Hijacked", choices: []}) {
    attribute { id } userErrors { code }
  }
}
"""
ATTRIBUTE_DELETE = """
mutation($id: ID!) { attributeDelete(id: $id) { deletedId userErrors { code } } }
"""
PRODUCT_TYPE_UPDATE = """
mutation($id: ID!) {
  productTypeUpdate(id: $id, input: {name: "Hijacked", variantAttributeIds: []}) {
    productType { id } userErrors { code }
  }
}
"""
PRODUCT_TYPE_DELETE = """
mutation($id: ID!) { productTypeDelete(id: $id) { deletedId userErrors { code } } }
"""


TRANSLATION_SET = """
mutation($id: ID!) {
  translationSet(id: $id, languageCode: "fr", input: {name: "Piraté"}) {
    fields { field } userErrors { code }
  }
}
"""
COLLECTION_UPDATE = """
mutation($id: ID!) {
  collectionUpdate(id: $id, input: {name: "Hijacked"}) { collection { id } userErrors { code } }
}
"""
COLLECTION_DELETE = """
mutation($id: ID!) { collectionDelete(id: $id) { deletedId userErrors { code } } }
"""
COLLECTION_MEMBERS = """
mutation($id: ID!) { %s(id: $id, productIds: []) { collection { id } userErrors { code } } }
"""
CUSTOMER_UPDATE = """
mutation($id: ID!) {
  customerUpdate(id: $id, input: {firstName: "Hijacked", isActive: false}) {
    customer { id } userErrors { code }
  }
}
"""
CUSTOMER_TAGS = """
mutation($id: ID!) { %s(id: $id, tags: ["hijacked"]) { customer { id } userErrors { code } } }
"""
CUSTOMER_NOTE_ADD = """
mutation($id: ID!) { customerNoteAdd(id: $id, body: "Hijacked") { note { id } userErrors { code } } }
"""
DELETE_BY_ID = "mutation($id: ID!) { %s(id: $id) { deletedId userErrors { code } } }"
CUSTOMER_TIER_UPDATE = """
mutation($id: ID!) {
  customerTierUpdate(id: $id, input: {name: "Hijacked", thresholds: []}) {
    tier { id } userErrors { code }
  }
}
"""
SEGMENT_UPDATE = """
mutation($id: ID!) {
  segmentUpdate(id: $id, input: {name: "Hijacked", rule: {match: ANY}}) {
    segment { id } userErrors { code }
  }
}
"""
ADDRESS_UPDATE = """
mutation($id: ID!) {
  customerAddressUpdate(id: $id, address: {city: "Hijacked"}) { address { id } userErrors { code } }
}
"""
WISHLIST_RENAME = """
mutation($id: ID!) { wishlistRename(id: $id, name: "Hijacked") { wishlist { id } userErrors { code } } }
"""
WISHLIST_SHARE = """
mutation($id: ID!) { wishlistShare(id: $id, shared: true) { wishlist { id } userErrors { code } } }
"""
GIFT_CARD_UPDATE = """
mutation($id: ID!) {
  giftCardUpdate(id: $id, input: {isActive: false, note: "Hijacked", expiresAt: null}) {
    giftCard { id } userErrors { code }
  }
}
"""
PROMOTION_UPDATE = """
mutation($id: ID!) {
  promotionUpdate(id: $id, input: {name: "Hijacked", kind: CART,
                                   action: {percentOff: {percent: "99"}}}) {
    promotion { id } userErrors { code }
  }
}
"""
PROMOTION_ARCHIVE = """
mutation($id: ID!) { promotionArchive(id: $id) { promotion { id } userErrors { code } } }
"""
GIFT_CARD_ADJUST = """
mutation($id: ID!) {
  giftCardBalanceAdjust(id: $id, amount: "-1.00", note: "Hijacked") {
    giftCard { id } userErrors { code }
  }
}
"""


WEBHOOK_SUBSCRIPTION_UPDATE = """
mutation($id: ID!) {
  webhookSubscriptionUpdate(id: $id, input: {url: "https://evil.example.com/"}) {
    webhookSubscription { id } userErrors { code }
  }
}
"""
WEBHOOK_SUBSCRIPTION_DELETE = """
mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedId userErrors { code } } }
"""
WEBHOOK_SUBSCRIPTION_ROTATE = """
mutation($id: ID!) {
  webhookSubscriptionRotateSecret(id: $id) { secret userErrors { code } }
}
"""
WEBHOOK_SUBSCRIPTION_TEST = """
mutation($id: ID!) {
  webhookSubscriptionTest(id: $id) { webhookDelivery { id } userErrors { code } }
}
"""
WEBHOOK_SUBSCRIPTION_REPLAY = """
mutation($id: ID!) {
  webhookSubscriptionReplay(id: $id, since: "2020-01-01T00:00:00Z") { queued userErrors { code } }
}
"""
WEBHOOK_DELIVERY_RETRY = """
mutation($id: ID!) {
  webhookDeliveryRetry(id: $id) { webhookDelivery { id } userErrors { code } }
}
"""


SHIPPING_ZONE_UPDATE = """
mutation($id: ID!) {
  shippingZoneUpdate(id: $id, name: "Hijacked", countries: ["FR"]) { zone { id } userErrors { code } }
}
"""
SHIPPING_METHOD_UPDATE = """
mutation($id: ID!) {
  shippingMethodUpdate(id: $id, input: {isActive: false, price: "0"}) {
    method { id } userErrors { code }
  }
}
"""
REVIEW_MODERATE = """
mutation($id: ID!) {
  productReviewModerate(id: $id, status: APPROVED) { review { id } userErrors { code } }
}
"""
ORDER_EDIT = """
mutation($id: ID!) {
  orderEdit(id: $id, input: {discount: "1.00"}) { order { id } userErrors { code } }
}
"""
DRAFT_UPDATE = """
mutation($id: ID!) {
  draftOrderUpdate(id: $id, input: {note: "Hijacked"}) { draftOrder { id } userErrors { code } }
}
"""
DRAFT_LINES = """
mutation($id: ID!) { %s(id: $id, lines: []) { draftOrder { id } userErrors { code } } }
"""
DRAFT_LINES_REMOVE = """
mutation($id: ID!) {
  draftOrderLinesRemove(id: $id, variantIds: []) { draftOrder { id } userErrors { code } }
}
"""
DRAFT_DELIVERY = """
mutation($id: ID!) {
  draftOrderDeliveryOptionSet(id: $id, deliveryOptionId: $id) {
    draftOrder { id } userErrors { code }
  }
}
"""
DRAFT_COMPLETE = """
mutation($id: ID!) {
  draftOrderComplete(id: $id, gateway: "bank_transfer", markPaid: true) {
    order { id } userErrors { code }
  }
}
"""


@dataclass(frozen=True)
class ByIdMutation:
    node_type: str
    document: str
    # What A gets for B's object. Another merchant's object is NOT_FOUND, exactly like an id
    # that never existed; mutations only platform admins may call are FORBIDDEN to anyone else.
    denied_with: str = "NOT_FOUND"


# Every Mutation field taking an `id`. Add new ones here (the coverage test below insists).
BY_ID_MUTATIONS: dict[str, ByIdMutation] = {
    "staffUpdate": ByIdMutation("StaffUser", STAFF_UPDATE),
    "roleUpdate": ByIdMutation("Role", ROLE_UPDATE),
    "roleDelete": ByIdMutation("Role", ROLE_DELETE),
    "apiKeyRevoke": ByIdMutation("ApiKey", API_KEY_REVOKE),
    "storefrontUpdate": ByIdMutation("Storefront", STOREFRONT_UPDATE),
    "storefrontTokenRotate": ByIdMutation("Storefront", STOREFRONT_TOKEN_ROTATE),
    "trustedDocumentDelete": ByIdMutation("TrustedDocument", TRUSTED_DOCUMENT_DELETE),
    "merchantSuspend": ByIdMutation("Merchant", MERCHANT_SUSPEND, denied_with="FORBIDDEN"),
    "merchantReactivate": ByIdMutation("Merchant", MERCHANT_REACTIVATE, denied_with="FORBIDDEN"),
    "categoryUpdate": ByIdMutation("Category", CATEGORY_UPDATE),
    "categoryDelete": ByIdMutation("Category", CATEGORY_DELETE),
    "productUpdate": ByIdMutation("Product", PRODUCT_UPDATE),
    "productArchive": ByIdMutation("Product", PRODUCT_ARCHIVE),
    "productVariantUpdate": ByIdMutation("ProductVariant", VARIANT_UPDATE),
    "productVariantArchive": ByIdMutation("ProductVariant", VARIANT_ARCHIVE),
    "warehouseUpdate": ByIdMutation("Warehouse", WAREHOUSE_UPDATE),
    "attributeUpdate": ByIdMutation("Attribute", ATTRIBUTE_UPDATE),
    "attributeDelete": ByIdMutation("Attribute", ATTRIBUTE_DELETE),
    "productTypeUpdate": ByIdMutation("ProductType", PRODUCT_TYPE_UPDATE),
    "productTypeDelete": ByIdMutation("ProductType", PRODUCT_TYPE_DELETE),
    "collectionUpdate": ByIdMutation("Collection", COLLECTION_UPDATE),
    "translationSet": ByIdMutation("Product", TRANSLATION_SET),
    "collectionDelete": ByIdMutation("Collection", COLLECTION_DELETE),
    "webhookSubscriptionUpdate": ByIdMutation("WebhookSubscription", WEBHOOK_SUBSCRIPTION_UPDATE),
    "webhookSubscriptionDelete": ByIdMutation("WebhookSubscription", WEBHOOK_SUBSCRIPTION_DELETE),
    "webhookSubscriptionRotateSecret": ByIdMutation(
        "WebhookSubscription", WEBHOOK_SUBSCRIPTION_ROTATE
    ),
    "webhookSubscriptionTest": ByIdMutation("WebhookSubscription", WEBHOOK_SUBSCRIPTION_TEST),
    "webhookSubscriptionReplay": ByIdMutation("WebhookSubscription", WEBHOOK_SUBSCRIPTION_REPLAY),
    "webhookDeliveryRetry": ByIdMutation("WebhookDelivery", WEBHOOK_DELIVERY_RETRY),
    **{
        name: ByIdMutation("Collection", COLLECTION_MEMBERS % name)
        for name in ("collectionProductsAdd", "collectionProductsRemove", "collectionProductsSet")
    },
    "customerUpdate": ByIdMutation("Customer", CUSTOMER_UPDATE),
    "customerTagsAdd": ByIdMutation("Customer", CUSTOMER_TAGS % "customerTagsAdd"),
    "customerTagsRemove": ByIdMutation("Customer", CUSTOMER_TAGS % "customerTagsRemove"),
    "customerNoteAdd": ByIdMutation("Customer", CUSTOMER_NOTE_ADD),
    "customerDelete": ByIdMutation("Customer", DELETE_BY_ID % "customerDelete"),
    "customerNoteDelete": ByIdMutation("CustomerNote", DELETE_BY_ID % "customerNoteDelete"),
    "customerTierUpdate": ByIdMutation("CustomerTier", CUSTOMER_TIER_UPDATE),
    "customerTierDelete": ByIdMutation("CustomerTier", DELETE_BY_ID % "customerTierDelete"),
    "segmentUpdate": ByIdMutation("Segment", SEGMENT_UPDATE),
    "segmentDelete": ByIdMutation("Segment", DELETE_BY_ID % "segmentDelete"),
    "giftCardUpdate": ByIdMutation("GiftCard", GIFT_CARD_UPDATE),
    "giftCardBalanceAdjust": ByIdMutation("GiftCard", GIFT_CARD_ADJUST),
    "promotionUpdate": ByIdMutation("Promotion", PROMOTION_UPDATE),
    "promotionArchive": ByIdMutation("Promotion", PROMOTION_ARCHIVE),
    # A customer's own address book and wishlists: merchant staff and apps may not call these
    # at all (a customer of another merchant is tested in test_customer_idor.py).
    "customerAddressUpdate": ByIdMutation("Address", ADDRESS_UPDATE, denied_with="FORBIDDEN"),
    "customerAddressDelete": ByIdMutation(
        "Address", DELETE_BY_ID % "customerAddressDelete", denied_with="FORBIDDEN"
    ),
    "wishlistRename": ByIdMutation("Wishlist", WISHLIST_RENAME, denied_with="FORBIDDEN"),
    "wishlistShare": ByIdMutation("Wishlist", WISHLIST_SHARE, denied_with="FORBIDDEN"),
    "wishlistDelete": ByIdMutation(
        "Wishlist", DELETE_BY_ID % "wishlistDelete", denied_with="FORBIDDEN"
    ),
    "taxClassDelete": ByIdMutation("TaxClass", DELETE_BY_ID % "taxClassDelete"),
    "taxRateDelete": ByIdMutation("TaxRate", DELETE_BY_ID % "taxRateDelete"),
    "shippingZoneUpdate": ByIdMutation("ShippingZone", SHIPPING_ZONE_UPDATE),
    "shippingZoneDelete": ByIdMutation("ShippingZone", DELETE_BY_ID % "shippingZoneDelete"),
    "shippingMethodUpdate": ByIdMutation("ShippingMethod", SHIPPING_METHOD_UPDATE),
    "shippingMethodDelete": ByIdMutation("ShippingMethod", DELETE_BY_ID % "shippingMethodDelete"),
    "productReviewModerate": ByIdMutation("ProductReview", REVIEW_MODERATE),
    "orderEdit": ByIdMutation("Order", ORDER_EDIT),
    "draftOrderUpdate": ByIdMutation("DraftOrder", DRAFT_UPDATE),
    "draftOrderLinesAdd": ByIdMutation("DraftOrder", DRAFT_LINES % "draftOrderLinesAdd"),
    "draftOrderLinesUpdate": ByIdMutation("DraftOrder", DRAFT_LINES % "draftOrderLinesUpdate"),
    "draftOrderLinesRemove": ByIdMutation("DraftOrder", DRAFT_LINES_REMOVE),
    "draftOrderDeliveryOptionSet": ByIdMutation("DraftOrder", DRAFT_DELIVERY),
    "draftOrderComplete": ByIdMutation("DraftOrder", DRAFT_COMPLETE),
    "draftOrderDelete": ByIdMutation("DraftOrder", DELETE_BY_ID % "draftOrderDelete"),
}


def node_type_names(schema: GraphQLSchema) -> list[str]:
    """Every object type implementing `Node`."""
    return sorted(
        name
        for name, type_ in schema.type_map.items()
        if isinstance(type_, GraphQLObjectType)
        and any(interface.name == "Node" for interface in type_.interfaces)
    )


def connection_fields(schema: GraphQLSchema) -> dict[str, str]:
    """Query fields returning a connection, with the type of node each lists."""
    assert schema.query_type is not None
    found = {}
    for name, field in schema.query_type.fields.items():
        connection = get_named_type(field.type)
        if isinstance(connection, GraphQLObjectType) and connection.name.endswith("Connection"):
            edge = get_named_type(connection.fields["edges"].type)
            assert isinstance(edge, GraphQLObjectType)
            found[name] = get_named_type(edge.fields["node"].type).name
    return found


def mutations_taking_an_id(schema: GraphQLSchema) -> list[str]:
    assert schema.mutation_type is not None
    return sorted(name for name, f in schema.mutation_type.fields.items() if "id" in f.args)


SCHEMA = build_schema()._schema
NODE_TYPES = node_type_names(SCHEMA)
CONNECTIONS = connection_fields(SCHEMA)
ID_MUTATIONS = mutations_taking_an_id(SCHEMA)
PRINCIPALS = ["owner staff", "api key with every scope"]


def factory_for(type_name: str) -> Any:
    factory = NODE_FACTORIES.get(type_name)
    if factory is None:
        pytest.fail(
            f"Node type {type_name} has no factory: add a NodeFactory for it to NODE_FACTORIES "
            "in tests/support/node_factories.py, so tenant isolation is tested for it."
        )
    return factory


@pytest.fixture(params=PRINCIPALS)
async def a_credential(request: pytest.FixtureRequest, merchant_a: MerchantWorld) -> str:
    """What merchant A authenticates with: its owner's token or an all-powerful API key."""
    if request.param == "owner staff":
        return merchant_a.owner_token
    _key_id, secret = await merchant_a.api_key([p.value for p in Permission], name="everything")
    return secret


def codes(result: Response) -> set[str]:
    return set(result.error_codes)


def test_every_node_type_has_a_factory() -> None:
    missing = [name for name in NODE_TYPES if name not in NODE_FACTORIES]
    assert missing == [], (
        f"Node types without a factory: {missing}. Add a NodeFactory for each to "
        "NODE_FACTORIES in tests/support/node_factories.py."
    )


def test_every_mutation_taking_an_id_is_checked_for_isolation() -> None:
    missing = [name for name in ID_MUTATIONS if name not in BY_ID_MUTATIONS]
    assert missing == [], (
        f"Mutations taking an id without an isolation check: {missing}. Add them to "
        "BY_ID_MUTATIONS in tests/graphql/test_tenant_isolation.py."
    )


@pytest.mark.parametrize("type_name", NODE_TYPES)
async def test_node_of_another_merchant_is_not_found(
    type_name: str,
    a_credential: str,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    admin_token: str,
) -> None:
    # given an object of this type belonging to merchant B
    factory = factory_for(type_name)
    b_id = await factory.create(Tenant(merchant_b, admin_token))
    # when merchant A asks for it by ID
    result = await merchant_a.run(NODE, {"id": b_id}, token=a_credential)
    # then A gets no data, only NOT_FOUND (FORBIDDEN at most for platform-level objects)
    assert (result.body.get("data") or {}).get("node") is None, result.body
    allowed = {"NOT_FOUND"} if factory.tenant_owned else {"NOT_FOUND", "FORBIDDEN"}
    assert len(result.errors) == 1 and codes(result) <= allowed, result.body


@pytest.mark.parametrize("type_name", NODE_TYPES)
async def test_nodes_reports_another_merchants_object_as_not_found_at_its_index(
    type_name: str,
    a_credential: str,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    admin_token: str,
) -> None:
    # given one object of this type for A and one for B
    factory = factory_for(type_name)
    a_id = await factory.create(Tenant(merchant_a, admin_token))
    b_id = await factory.create(Tenant(merchant_b, admin_token))
    # when A asks for both at once
    result = await merchant_a.run(NODES, {"ids": [a_id, b_id]}, token=a_credential)
    # then B's is null at its index with NOT_FOUND, while A's own is there (if A may read it)
    data = result.body.get("data") or {}
    nodes = data.get("nodes") or [None, None]
    assert nodes[1] is None, result.body
    b_errors = [e for e in result.errors if e.get("path") == ["nodes", 1]]
    allowed = {"NOT_FOUND"} if factory.tenant_owned else {"NOT_FOUND", "FORBIDDEN"}
    assert [e["extensions"]["code"] in allowed for e in b_errors] == [True], result.body
    if factory.tenant_owned:
        assert nodes[0] == {"__typename": type_name, "id": a_id}, result.body
    assert b_id not in str(data)


async def test_connections_never_list_another_merchants_objects(
    a_credential: str,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    admin_token: str,
) -> None:
    # given objects of every listed type for A and for B
    a_ids, b_ids = {}, {}
    for type_name in sorted(set(CONNECTIONS.values())):
        factory = factory_for(type_name)
        a_ids[type_name] = await factory.create(Tenant(merchant_a, admin_token))
        b_ids[type_name] = await factory.create(Tenant(merchant_b, admin_token))
    listed = 0
    for field, type_name in CONNECTIONS.items():
        # when A lists the connection
        result = await merchant_a.run(CONNECTION % field, token=a_credential)
        # then it is refused outright, or it lists A's objects and none of B's
        assert b_ids[type_name] not in str(result.body), (field, result.body)
        if codes(result) == {"FORBIDDEN"}:
            continue
        ids = [edge["node"]["id"] for edge in result.data[field]["edges"]]
        assert a_ids[type_name] in ids, (field, result.body)
        listed += 1
    assert listed > 0, "A could list none of the connections: the check above proved nothing"


@pytest.mark.parametrize("mutation", ID_MUTATIONS)
async def test_mutation_on_another_merchants_object_is_not_found_and_changes_nothing(
    mutation: str,
    a_credential: str,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    admin_token: str,
) -> None:
    spec = BY_ID_MUTATIONS.get(mutation)
    if spec is None:
        pytest.fail(f"Add {mutation} to BY_ID_MUTATIONS in tests/graphql/test_tenant_isolation.py")
    # given B's object of the type the mutation takes, as B sees it
    b_id = await factory_for(spec.node_type).create(Tenant(merchant_b, admin_token))
    before = await read_back(merchant_b.client, merchant_b.owner_token, spec.node_type, b_id)
    assert before is not None
    # when A runs the mutation on it
    result = await merchant_a.run(spec.document, {"id": b_id}, token=a_credential)
    # then A is told it does not exist (or may not call it at all), and B's object is unchanged
    assert codes(result) == {spec.denied_with}, result.body
    assert (result.body.get("data") or {}).get(mutation) is None, result.body
    after = await read_back(merchant_b.client, merchant_b.owner_token, spec.node_type, b_id)
    assert after == before


async def test_a_platform_admin_node_is_readable_by_platform_admins_only(
    client: GraphQLClient, merchant_a: MerchantWorld, admin_token: str
) -> None:
    # given the platform admin's global ID
    admin_id = await factory_for("PlatformAdmin").create(Tenant(merchant_a, admin_token))
    # when the admin and then A's owner ask for it
    as_admin = await client.execute(NODE, {"id": admin_id}, token=admin_token)
    as_staff = await merchant_a.run(NODE, {"id": admin_id})
    # then the admin gets it, the staff user is forbidden and gets no data
    assert as_admin.data["node"] == {"__typename": "PlatformAdmin", "id": admin_id}
    assert as_staff.error_codes == ["FORBIDDEN"]
    assert (as_staff.body.get("data") or {}).get("node") is None


# --- merchant A's storefront visitors ---------------------------------------------------------

# A visitor may read its own storefront at most; any other type is refused before lookup.
VISITOR_REFUSALS = {"NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED"}


@pytest.fixture
async def a_visitor(merchant_a: MerchantWorld) -> str:
    """The public token of one of merchant A's storefronts, as a shopper's browser sends it."""
    _storefront_id, token = await merchant_a.storefront("A's shop")
    return token


@pytest.mark.parametrize("type_name", NODE_TYPES)
async def test_a_visitor_of_another_merchant_never_gets_the_node(
    type_name: str,
    a_visitor: str,
    client: GraphQLClient,
    merchant_b: MerchantWorld,
    admin_token: str,
) -> None:
    # given an object of this type belonging to merchant B
    b_id = await factory_for(type_name).create(Tenant(merchant_b, admin_token))
    # when a visitor of A's storefront asks for it by ID
    result = await client.execute(NODE, {"id": b_id}, storefront=a_visitor)
    # then it gets no data, only a refusal
    assert (result.body.get("data") or {}).get("node") is None, result.body
    assert len(result.errors) == 1 and codes(result) <= VISITOR_REFUSALS, result.body
    assert b_id not in str(result.body.get("data"))


@pytest.mark.parametrize("type_name", NODE_TYPES)
async def test_a_visitor_of_another_merchant_never_gets_it_through_nodes(
    type_name: str,
    a_visitor: str,
    client: GraphQLClient,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    admin_token: str,
) -> None:
    # given one object of this type for A and one for B
    factory = factory_for(type_name)
    a_id = await factory.create(Tenant(merchant_a, admin_token))
    b_id = await factory.create(Tenant(merchant_b, admin_token))
    # when a visitor of A's storefront asks for both at once
    result = await client.execute(NODES, {"ids": [a_id, b_id]}, storefront=a_visitor)
    # then B's is null at its index with a refusal, and nothing of B's is in the data
    data = result.body.get("data") or {}
    nodes = data.get("nodes") or [None, None]
    assert nodes[1] is None, result.body
    b_errors = [e for e in result.errors if e.get("path") == ["nodes", 1]]
    assert [e["extensions"]["code"] in VISITOR_REFUSALS for e in b_errors] == [True], result.body
    assert b_id not in str(data)


async def test_a_visitor_reads_its_own_storefront_by_id_but_not_another_merchants(
    client: GraphQLClient, merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    # given a storefront of A with its visitor, and one of B
    a_id, a_token = await merchant_a.storefront("A's shop")
    b_id, _ = await merchant_b.storefront("B's shop")
    # when the visitor asks for both
    result = await client.execute(NODES, {"ids": [a_id, b_id]}, storefront=a_token)
    # then it gets its own (so the refusal above is not blanket) and NOT_FOUND for B's
    assert result.data["nodes"] == [{"__typename": "Storefront", "id": a_id}, None]
    assert [(e["path"], e["extensions"]["code"]) for e in result.errors] == [
        (["nodes", 1], "NOT_FOUND")
    ]
