"""One factory per GraphQL Node type: how to make one object of it through the public API.

The generic tenant-isolation test (tests/graphql/test_tenant_isolation.py) enumerates the
schema's Node types and needs an entry here for each. When you add a Node type, add a
`NodeFactory` to `NODE_FACTORIES` below: a function that creates one object of the type for a
merchant and returns its global ID, and a `snapshot` selection that shows whether it changed.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from itertools import count
from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import CART_CREATE, TAX_CLASS_CREATE, TAX_RATE_SET, open_shop
from tests.support.client import GraphQLClient
from tests.support.customers import Shopper, shopper
from tests.support.drafts import ready_draft
from tests.support.gift_cards import issue_gift_card
from tests.support.orders import fulfill, place_order, refund, requested_return
from tests.support.promotion_api import create_promotion
from tests.support.reviews import received, review
from tests.support.webhooks import events, ping, subscribe


@dataclass(frozen=True)
class Tenant:
    """A merchant to create objects for, and the platform admin that created it."""

    world: MerchantWorld
    admin_token: str


@dataclass(frozen=True)
class NodeFactory:
    create: Callable[[Tenant], Awaitable[str]]
    # Fields read back (as the owning merchant) to tell whether someone else changed the object.
    snapshot: str
    # False for types no merchant owns (platform admins): no merchant may ever read them.
    tenant_owned: bool = True


ADMIN_ME = "{ me { ... on PlatformAdmin { id } } }"
READ_BACK = "query($id: ID!) { node(id: $id) { __typename %s } }"

_serial = count(1)


async def _platform_admin(tenant: Tenant) -> str:
    result = await tenant.world.client.execute(ADMIN_ME, token=tenant.admin_token)
    return str(result.data["me"]["id"])


async def _merchant(tenant: Tenant) -> str:
    return tenant.world.id


async def _staff_user(tenant: Tenant) -> str:
    email = f"clerk{next(_serial)}@{tenant.world.slug}.example.com"
    role_id = await tenant.world.role(f"clerks {next(_serial)}", ["MANAGE_PRODUCTS"])
    result = await tenant.world.run(
        """
        mutation($input: StaffCreateInput!) {
          staffCreate(input: $input) { staffUser { id } userErrors { field message code } }
        }
        """,
        {
            "input": {
                "email": email,
                "name": "Clerk",
                "password": "correct horse battery",
                "roleIds": [role_id],
            }
        },
    )
    return str(ok(result.data["staffCreate"])["staffUser"]["id"])


async def _role(tenant: Tenant) -> str:
    return await tenant.world.role(f"buyers {next(_serial)}", ["MANAGE_PRODUCTS"])


async def _api_key(tenant: Tenant) -> str:
    key_id, _secret = await tenant.world.api_key(["MANAGE_PRODUCTS"], name="catalog sync")
    return key_id


async def _storefront(tenant: Tenant) -> str:
    storefront_id, _token = await tenant.world.storefront(f"Shop {next(_serial)}")
    return storefront_id


async def _trusted_document(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($name: String!, $document: String!) {
          trustedDocumentRegister(name: $name, document: $document) {
            trustedDocument { id } userErrors { field message code }
          }
        }
        """,
        {"name": "Shop", "document": f"query Shop{next(_serial)} {{ storefront {{ name }} }}"},
    )
    return str(ok(result.data["trustedDocumentRegister"])["trustedDocument"]["id"])


async def _category(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($input: CategoryInput!) {
          categoryCreate(input: $input) { category { id } userErrors { field message code } }
        }
        """,
        {"input": {"name": f"Shoes {next(_serial)}"}},
    )
    return str(ok(result.data["categoryCreate"])["category"]["id"])


async def _product(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($input: ProductInput!) {
          productCreate(input: $input) { product { id } userErrors { field message code } }
        }
        """,
        {"input": {"name": f"Trail runner {next(_serial)}", "privateMetadata": []}},
    )
    return str(ok(result.data["productCreate"])["product"]["id"])


async def _product_variant(tenant: Tenant) -> str:
    product_id = await _product(tenant)
    result = await tenant.world.run(
        """
        mutation($product: ID!, $input: ProductVariantInput!) {
          productVariantCreate(productId: $product, input: $input) {
            variant { id } userErrors { field message code }
          }
        }
        """,
        {"product": product_id, "input": {"sku": f"SKU-{next(_serial)}", "name": "42 / Blue"}},
    )
    return str(ok(result.data["productVariantCreate"])["variant"]["id"])


async def _warehouse(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($input: WarehouseInput!) {
          warehouseCreate(input: $input) { warehouse { id } userErrors { field message code } }
        }
        """,
        {
            "input": {
                "name": f"Depot {next(_serial)}",
                "street": "1 Dock Road",
                "city": "Hamburg",
                "postalCode": "20457",
                "country": "DE",
            }
        },
    )
    return str(ok(result.data["warehouseCreate"])["warehouse"]["id"])


async def _attribute(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($input: AttributeInput!) {
          attributeCreate(input: $input) { attribute { id } userErrors { field message code } }
        }
        """,
        {
            "input": {
                "name": f"Size {next(_serial)}",
                "kind": "SINGLE_SELECT",
                "choices": [{"name": "S"}, {"name": "M"}],
            }
        },
    )
    return str(ok(result.data["attributeCreate"])["attribute"]["id"])


async def _product_type(tenant: Tenant) -> str:
    size = await _attribute(tenant)
    result = await tenant.world.run(
        """
        mutation($input: ProductTypeInput!) {
          productTypeCreate(input: $input) {
            productType { id } userErrors { field message code }
          }
        }
        """,
        {"input": {"name": f"T-shirt {next(_serial)}", "variantAttributeIds": [size]}},
    )
    return str(ok(result.data["productTypeCreate"])["productType"]["id"])


async def _collection(tenant: Tenant) -> str:
    product_id = await _product(tenant)
    result = await tenant.world.run(
        """
        mutation($input: CollectionInput!) {
          collectionCreate(input: $input) { collection { id } userErrors { field message code } }
        }
        """,
        {"input": {"name": f"Picks {next(_serial)}"}},
    )
    collection_id = str(ok(result.data["collectionCreate"])["collection"]["id"])
    added = await tenant.world.run(
        """
        mutation($id: ID!, $products: [ID!]!) {
          collectionProductsAdd(id: $id, productIds: $products) {
            collection { id } userErrors { field message code }
          }
        }
        """,
        {"id": collection_id, "products": [product_id]},
    )
    ok(added.data["collectionProductsAdd"])
    return collection_id


async def _shopper(tenant: Tenant) -> Shopper:
    _storefront_id, token = await tenant.world.storefront(f"Shop {next(_serial)}")
    return await shopper(tenant.world, token)


async def _customer(tenant: Tenant) -> str:
    return (await _shopper(tenant)).id


async def _address(tenant: Tenant) -> str:
    return await (await _shopper(tenant)).address()


async def _wishlist(tenant: Tenant) -> str:
    result = await (await _shopper(tenant)).run(
        """
        mutation($name: String!) {
          wishlistCreate(name: $name) { wishlist { id } userErrors { field message code } }
        }
        """,
        {"name": f"Birthday {next(_serial)}"},
    )
    return str(ok(result.data["wishlistCreate"])["wishlist"]["id"])


async def _customer_note(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($id: ID!) {
          customerNoteAdd(id: $id, body: "Prefers email") {
            note { id } userErrors { field message code }
          }
        }
        """,
        {"id": await _customer(tenant)},
    )
    return str(ok(result.data["customerNoteAdd"])["note"]["id"])


async def _customer_tier(tenant: Tenant) -> str:
    serial = next(_serial)
    result = await tenant.world.run(
        """
        mutation($input: CustomerTierInput!) {
          customerTierCreate(input: $input) { tier { id } userErrors { field message code } }
        }
        """,
        {
            "input": {
                "name": f"Gold {serial}",
                "level": serial % 1000,
                "thresholds": [{"amount": "500.00", "currencyCode": "EUR"}],
            }
        },
    )
    return str(ok(result.data["customerTierCreate"])["tier"]["id"])


async def _segment(tenant: Tenant) -> str:
    result = await tenant.world.run(
        """
        mutation($input: SegmentInput!) {
          segmentCreate(input: $input) { segment { id } userErrors { field message code } }
        }
        """,
        {
            "input": {
                "name": f"VIPs {next(_serial)}",
                "rule": {
                    "match": "ALL",
                    "conditions": [{"field": "TAG", "operator": "CONTAINS", "value": "vip"}],
                },
            }
        },
    )
    return str(ok(result.data["segmentCreate"])["segment"]["id"])


async def _gift_card(tenant: Tenant) -> str:
    card_id, _code = await issue_gift_card(tenant.world, "20.00", expiresAt="2099-01-01T00:00:00Z")
    return card_id


async def _promotion(tenant: Tenant) -> str:
    return str((await create_promotion(tenant.world))["promotion"]["id"])


async def _event(tenant: Tenant) -> str:
    await _product(tenant)
    return str((await events(tenant.world, types=["PRODUCT_CREATED"]))[-1]["id"])


async def _webhook_subscription(tenant: Tenant) -> str:
    subscription_id, _secret = await subscribe(tenant.world)
    return subscription_id


async def _webhook_delivery(tenant: Tenant) -> str:
    return await ping(tenant.world, await _webhook_subscription(tenant))


async def _audit_entry(tenant: Tenant) -> str:
    await _category(tenant)
    result = await tenant.world.run("{ auditLog(last: 1) { nodes { id } } }")
    return str(result.data["auditLog"]["nodes"][0]["id"])


async def _cart(tenant: Tenant) -> str:
    _storefront_id, token = await tenant.world.storefront(f"Cart shop {next(_serial)}", "USD")
    result = await tenant.world.client.execute(
        CART_CREATE, {"input": {"email": "cart@example.com"}}, storefront=token
    )
    return str(ok(result.data["cartCreate"])["cart"]["id"])


async def _paid_order(tenant: Tenant) -> dict[str, Any]:
    shop = await open_shop(tenant.world)
    sku = f"ORDER-{next(_serial)}"
    await shop.sell(sku, "10.00", stock=5)
    cart = await shop.ready_cart({sku: 1})
    order: dict[str, Any] = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    return order


async def _order(tenant: Tenant) -> str:
    return str((await _paid_order(tenant))["id"])


async def _payment(tenant: Tenant) -> str:
    return str((await _paid_order(tenant))["payments"][0]["id"])


async def _fulfillment(tenant: Tenant) -> str:
    shop = await open_shop(tenant.world)
    sku = f"PARCEL-{next(_serial)}"
    await shop.sell(sku, "10.00", stock=5)
    return await fulfill(shop, await place_order(shop, {sku: 1}), {sku: 1})


async def _refund(tenant: Tenant) -> str:
    shop = await open_shop(tenant.world)
    sku = f"REFUND-{next(_serial)}"
    await shop.sell(sku, "10.00", stock=5)
    payload = ok(await refund(shop, await place_order(shop, {sku: 1}), lines={sku: 1}))
    return str(payload["refund"]["id"])


async def _order_return(tenant: Tenant) -> str:
    shop = await open_shop(tenant.world)
    sku = f"RETURN-{next(_serial)}"
    await shop.sell(sku, "10.00", stock=5)
    return await requested_return(shop, sku)


async def _product_review(tenant: Tenant) -> str:
    shop = await open_shop(tenant.world)
    sku = f"REVIEWED-{next(_serial)}"
    await shop.sell(sku, "10.00", stock=5)
    buyer = await shopper(tenant.world, shop.token)
    await received(shop, buyer, sku)
    return str(ok(await review(buyer, shop.products[sku]))["review"]["id"])


async def _draft_order(tenant: Tenant) -> str:
    shop = await open_shop(tenant.world)
    sku = f"DRAFTED-{next(_serial)}"
    await shop.sell(sku, "10.00", stock=5)
    return str((await ready_draft(shop, {sku: 1}))["id"])


async def _tax_class(tenant: Tenant) -> str:
    result = await tenant.world.run(TAX_CLASS_CREATE, {"name": f"Class {next(_serial)}"})
    return str(ok(result.data["taxClassCreate"])["taxClass"]["id"])


async def _tax_rate(tenant: Tenant) -> str:
    variables = {"country": "US", "rate": "5", "region": f"Region {next(_serial)}"}
    result = await tenant.world.run(TAX_RATE_SET, variables)
    return str(ok(result.data["taxRateSet"])["taxRate"]["id"])


async def _shipping_zone(tenant: Tenant) -> str:
    shop = await open_shop(tenant.world)
    zones = await tenant.world.run("{ shippingZones { id storefrontIds } }")
    return str(
        next(
            z["id"]
            for z in zones.data["shippingZones"]
            if z["storefrontIds"] == [shop.storefront_id]
        )
    )


async def _shipping_method(tenant: Tenant) -> str:
    return (await open_shop(tenant.world)).method_id


NODE_FACTORIES: dict[str, NodeFactory] = {
    "PlatformAdmin": NodeFactory(
        _platform_admin, "... on PlatformAdmin { email }", tenant_owned=False
    ),
    "Merchant": NodeFactory(_merchant, "... on Merchant { name slug status updatedAt }"),
    "StaffUser": NodeFactory(
        _staff_user, "... on StaffUser { name isActive updatedAt roles { id } permissions }"
    ),
    "Role": NodeFactory(_role, "... on Role { name permissions updatedAt }"),
    "ApiKey": NodeFactory(_api_key, "... on ApiKey { name scopes revokedAt }"),
    "Storefront": NodeFactory(
        _storefront, "... on Storefront { name kind isActive token updatedAt }"
    ),
    "TrustedDocument": NodeFactory(_trusted_document, "... on TrustedDocument { name sha256 }"),
    "Category": NodeFactory(_category, "... on Category { name slug updatedAt parent { id } }"),
    "Product": NodeFactory(
        _product, "... on Product { name slug archivedAt updatedAt privateMetadata { key } }"
    ),
    "ProductVariant": NodeFactory(
        _product_variant, "... on ProductVariant { sku name archivedAt }"
    ),
    "Warehouse": NodeFactory(_warehouse, "... on Warehouse { name city countriesServed }"),
    "Attribute": NodeFactory(
        _attribute, "... on Attribute { name slug kind updatedAt choices { name slug } }"
    ),
    "ProductType": NodeFactory(
        _product_type,
        "... on ProductType { name slug updatedAt productAttributes { id } "
        "variantAttributes { id } }",
    ),
    "Collection": NodeFactory(
        _collection,
        "... on Collection { name slug updatedAt products(first: 10) { nodes { id } } }",
    ),
    "Customer": NodeFactory(
        _customer,
        "... on Customer { email firstName isActive tags updatedAt "
        "metadata { key } privateMetadata { key } notes { id } addresses { id } }",
    ),
    "Address": NodeFactory(
        _address, "... on Address { firstName city postalCode country isDefaultShipping updatedAt }"
    ),
    "Wishlist": NodeFactory(
        _wishlist, "... on Wishlist { name shareToken updatedAt items { addedAt } }"
    ),
    "CustomerNote": NodeFactory(_customer_note, "... on CustomerNote { body createdAt }"),
    "CustomerTier": NodeFactory(
        _customer_tier,
        "... on CustomerTier { name level updatedAt thresholds { amount currencyCode } }",
    ),
    "Segment": NodeFactory(
        _segment, "... on Segment { name updatedAt rule { match conditions { value } } }"
    ),
    "GiftCard": NodeFactory(
        _gift_card,
        "... on GiftCard { isActive expiresAt note updatedAt balance { amount } "
        "transactions { kind amount { amount } } }",
    ),
    "Promotion": NodeFactory(
        _promotion, "... on Promotion { name action isArchived timesUsed updatedAt }"
    ),
    "Event": NodeFactory(_event, "... on Event { type payload }"),
    "AuditEntry": NodeFactory(_audit_entry, "... on AuditEntry { operation changes { action } }"),
    "WebhookSubscription": NodeFactory(
        _webhook_subscription,
        "... on WebhookSubscription { url eventTypes isActive updatedAt previousSecretExpiresAt }",
    ),
    "WebhookDelivery": NodeFactory(
        _webhook_delivery, "... on WebhookDelivery { status attemptCount nextAttemptAt }"
    ),
    "Cart": NodeFactory(_cart, "... on Cart { email status totalQuantity updatedAt }"),
    "Order": NodeFactory(_order, "... on Order { number status email payments { state } }"),
    "Payment": NodeFactory(_payment, "... on Payment { state captured { amount } }"),
    "Fulfillment": NodeFactory(
        _fulfillment, "... on Fulfillment { status trackingNumber carrier shippedAt }"
    ),
    "Refund": NodeFactory(_refund, "... on Refund { amount { amount } reason restock }"),
    "OrderReturn": NodeFactory(
        _order_return, "... on OrderReturn { status staffNote restocked receivedAt }"
    ),
    "ProductReview": NodeFactory(_product_review, "... on ProductReview { status title rating }"),
    "DraftOrder": NodeFactory(
        _draft_order, "... on DraftOrder { status email note lines { quantity } }"
    ),
    "TaxClass": NodeFactory(_tax_class, "... on TaxClass { name }"),
    "TaxRate": NodeFactory(_tax_rate, "... on TaxRate { country region rate }"),
    "ShippingZone": NodeFactory(
        _shipping_zone, "... on ShippingZone { name countries methods { id isActive } }"
    ),
    "ShippingMethod": NodeFactory(
        _shipping_method, "... on ShippingMethod { name isActive price { amount } }"
    ),
}


async def read_back(
    client: GraphQLClient, token: str, type_name: str, global_id: str
) -> dict[str, Any] | None:
    """The object as its own merchant's owner sees it (None when it is gone)."""
    query = READ_BACK % NODE_FACTORIES[type_name].snapshot
    result = await client.execute(query, {"id": global_id}, token=token)
    node: dict[str, Any] | None = (result.body.get("data") or {}).get("node")
    return node
