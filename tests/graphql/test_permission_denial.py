"""Every admin operation is refused to callers without its permission, and changes nothing.

The tables below list each guarded mutation and list query with the permission it needs
(`None`: platform admins only). A new admin operation joins the table with one entry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, create_merchant, ok
from tests.support.catalog import Catalog
from tests.support.client import GraphQLClient
from tests.support.customers import shopper
from tests.support.gift_cards import GIFT_CARD_ISSUE, issue_gift_card
from tests.support.permissions import CALLERS, assert_refused, credentials_lacking
from tests.support.webhooks import SUBSCRIPTION_CREATE, SUBSCRIPTION_TEST, ping, subscribe

MERCHANT_CREATE = """
mutation($input: MerchantCreateInput!) {
  merchantCreate(input: $input) { merchant { id } userErrors { field message code } }
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
STAFF_CREATE = """
mutation($input: StaffCreateInput!) {
  staffCreate(input: $input) { staffUser { id } userErrors { field message code } }
}
"""
STAFF_UPDATE = """
mutation($id: ID!, $input: StaffUpdateInput!) {
  staffUpdate(id: $id, input: $input) { staffUser { id } userErrors { field message code } }
}
"""
ROLE_CREATE = """
mutation($input: RoleInput!) {
  roleCreate(input: $input) { role { id } userErrors { field message code } }
}
"""
ROLE_UPDATE = """
mutation($id: ID!, $input: RoleInput!) {
  roleUpdate(id: $id, input: $input) { role { id } userErrors { field message code } }
}
"""
ROLE_DELETE = """
mutation($id: ID!) { roleDelete(id: $id) { deletedId userErrors { field message code } } }
"""
API_KEY_CREATE = """
mutation($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { apiKey { id } secret userErrors { field message code } }
}
"""
API_KEY_REVOKE = """
mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { id } userErrors { field message code } } }
"""
STOREFRONT_CREATE = """
mutation($input: StorefrontInput!) {
  storefrontCreate(input: $input) { storefront { id } userErrors { field message code } }
}
"""
STOREFRONT_UPDATE = """
mutation($id: ID!, $input: StorefrontInput!) {
  storefrontUpdate(id: $id, input: $input) { storefront { id } userErrors { field message code } }
}
"""
STOREFRONT_TOKEN_ROTATE = """
mutation($id: ID!) {
  storefrontTokenRotate(id: $id) { storefront { id } userErrors { field message code } }
}
"""
CATEGORY_CREATE = """
mutation($input: CategoryInput!) {
  categoryCreate(input: $input) { category { id } userErrors { field message code } }
}
"""
CATEGORY_UPDATE = """
mutation($id: ID!, $input: CategoryInput!) {
  categoryUpdate(id: $id, input: $input) { category { id } userErrors { field message code } }
}
"""
CATEGORY_DELETE = """
mutation($id: ID!) { categoryDelete(id: $id) { deletedId userErrors { field message code } } }
"""
PRODUCT_CREATE = """
mutation($input: ProductInput!) {
  productCreate(input: $input) { product { id } userErrors { field message code } }
}
"""
PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } userErrors { field message code } }
}
"""
PRODUCT_ARCHIVE = """
mutation($id: ID!) {
  productArchive(id: $id) { product { id } userErrors { field message code } }
}
"""
VARIANT_CREATE = """
mutation($product: ID!, $input: ProductVariantInput!) {
  productVariantCreate(productId: $product, input: $input) {
    variant { id } userErrors { field message code }
  }
}
"""
VARIANT_UPDATE = """
mutation($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) { variant { id } userErrors { field message code } }
}
"""
VARIANT_ARCHIVE = """
mutation($id: ID!) {
  productVariantArchive(id: $id) { variant { id } userErrors { field message code } }
}
"""
LISTING_SET = """
mutation($product: ID!, $storefront: ID!) {
  productListingSet(productId: $product, storefrontId: $storefront, isPublished: true) {
    listing { isPublished } userErrors { field message code }
  }
}
"""
PRICE_SET = """
mutation($variant: ID!, $storefront: ID!, $input: VariantPriceInput!) {
  productVariantPriceSet(variantId: $variant, storefrontId: $storefront, input: $input) {
    price { price { amount } } userErrors { field message code }
  }
}
"""
WAREHOUSE_CREATE = """
mutation($input: WarehouseInput!) {
  warehouseCreate(input: $input) { warehouse { id } userErrors { field message code } }
}
"""
WAREHOUSE_UPDATE = """
mutation($id: ID!, $input: WarehouseInput!) {
  warehouseUpdate(id: $id, input: $input) { warehouse { id } userErrors { field message code } }
}
"""
STOREFRONT_WAREHOUSES_SET = """
mutation($storefront: ID!, $warehouses: [ID!]!) {
  storefrontWarehousesSet(storefrontId: $storefront, warehouseIds: $warehouses) {
    warehouseIds userErrors { field message code }
  }
}
"""
STOCK_UPDATE = """
mutation($variant: ID!, $warehouse: ID!, $quantity: Int!) {
  stockUpdate(variantId: $variant, warehouseId: $warehouse, quantity: $quantity) {
    stock { quantity } userErrors { field message code }
  }
}
"""
ATTRIBUTE_CREATE = """
mutation($input: AttributeInput!) {
  attributeCreate(input: $input) { attribute { id } userErrors { field message code } }
}
"""
ATTRIBUTE_UPDATE = """
mutation($id: ID!, $input: AttributeInput!) {
  attributeUpdate(id: $id, input: $input) { attribute { id } userErrors { field message code } }
}
"""
ATTRIBUTE_DELETE = """
mutation($id: ID!) { attributeDelete(id: $id) { deletedId userErrors { field message code } } }
"""
PRODUCT_TYPE_CREATE = """
mutation($input: ProductTypeInput!) {
  productTypeCreate(input: $input) { productType { id } userErrors { field message code } }
}
"""
PRODUCT_TYPE_UPDATE = """
mutation($id: ID!, $input: ProductTypeInput!) {
  productTypeUpdate(id: $id, input: $input) {
    productType { id } userErrors { field message code }
  }
}
"""
PRODUCT_TYPE_DELETE = """
mutation($id: ID!) { productTypeDelete(id: $id) { deletedId userErrors { field message code } } }
"""
COLLECTION_CREATE = """
mutation($input: CollectionInput!) {
  collectionCreate(input: $input) { collection { id } userErrors { field message code } }
}
"""
COLLECTION_UPDATE = """
mutation($id: ID!, $input: CollectionInput!) {
  collectionUpdate(id: $id, input: $input) { collection { id } userErrors { field message code } }
}
"""
COLLECTION_DELETE = """
mutation($id: ID!) { collectionDelete(id: $id) { deletedId userErrors { field message code } } }
"""
COLLECTION_MEMBERS = """
mutation($id: ID!, $products: [ID!]!) {
  %s(id: $id, productIds: $products) { collection { id } userErrors { field message code } }
}
"""
TRANSLATION_SET = """
mutation($id: ID!) {
  translationSet(id: $id, languageCode: "fr", input: {name: "Piraté"}) {
    fields { field } userErrors { field message code }
  }
}
"""
CHOICE_TRANSLATION_SET = """
mutation($id: ID!) {
  attributeChoiceTranslationSet(
    attributeId: $id, choiceSlug: "cotton", languageCode: "fr", name: "Piraté"
  ) { fields { field } userErrors { field message code } }
}
"""
PRODUCT_BULK_UPDATE = """
mutation($products: [ProductBulkUpdateInput!]!) {
  productBulkUpdate(products: $products) { count userErrors { field message code } }
}
"""
PRODUCT_BULK_CREATE = """
mutation($products: [ProductBulkInput!]!) {
  productBulkCreate(products: $products) { count userErrors { field message code } }
}
"""
CUSTOMER_UPDATE = """
mutation($id: ID!, $input: CustomerUpdateInput!) {
  customerUpdate(id: $id, input: $input) { customer { id } userErrors { field message code } }
}
"""
CUSTOMER_TAGS = """
mutation($id: ID!, $tags: [String!]!) {
  %s(id: $id, tags: $tags) { customer { id } userErrors { field message code } }
}
"""
CUSTOMER_NOTE_ADD = """
mutation($id: ID!) {
  customerNoteAdd(id: $id, body: "Sneaky") { note { id } userErrors { field message code } }
}
"""
DELETE_BY_ID = "mutation($id: ID!) { %s(id: $id) { deletedId userErrors { field message code } } }"
CUSTOMER_TIER_CREATE = """
mutation($input: CustomerTierInput!) {
  customerTierCreate(input: $input) { tier { id } userErrors { field message code } }
}
"""
CUSTOMER_TIER_UPDATE = """
mutation($id: ID!, $input: CustomerTierInput!) {
  customerTierUpdate(id: $id, input: $input) { tier { id } userErrors { field message code } }
}
"""
SEGMENT_CREATE = """
mutation($input: SegmentInput!) {
  segmentCreate(input: $input) { segment { id } userErrors { field message code } }
}
"""
SEGMENT_UPDATE = """
mutation($id: ID!, $input: SegmentInput!) {
  segmentUpdate(id: $id, input: $input) { segment { id } userErrors { field message code } }
}
"""
GIFT_CARD_UPDATE = """
mutation($id: ID!, $input: GiftCardUpdateInput!) {
  giftCardUpdate(id: $id, input: $input) { giftCard { id } userErrors { field message code } }
}
"""
GIFT_CARD_ADJUST = """
mutation($id: ID!, $amount: String!) {
  giftCardBalanceAdjust(id: $id, amount: $amount) {
    giftCard { id } userErrors { field message code }
  }
}
"""
VIP_RULE = {"match": "ANY", "conditions": [{"field": "TAG", "operator": "CONTAINS", "value": "x"}]}
WAREHOUSE_INPUT = {
    "name": "Hijack depot",
    "street": "1 Main St",
    "city": "Springfield",
    "postalCode": "12345",
    "country": "US",
}

MERCHANT_STATE = """
{
  staffUsers(first: 100) { nodes { id email name isActive roles { id } } }
  roles(first: 100) { nodes { id name permissions } }
  apiKeys(first: 100) { nodes { id name scopes revokedAt } }
  storefronts(first: 100) {
    nodes { id name kind currency defaultCountry isActive token updatedAt }
  }
  categories(first: 100) { nodes { id name slug description updatedAt parent { id } } }
  french: products(first: 100, languageCode: "fr") {
    nodes { name attributes { attribute { name } choices { name } } }
  }
  products(first: 100) {
    nodes {
      id name slug descriptionHtml tags archivedAt updatedAt category { id }
      metadata { key value } privateMetadata { key value }
      listings { isPublished availableFrom updatedAt storefront { id } }
      productType { id }
      attributes { attribute { id } choices { slug } text number boolean date }
      variants {
        id sku name weightGrams purchaseLimit archivedAt
        prices { price { amount currencyCode } compareAtPrice { amount } costPrice { amount } }
        stocks { quantity reserved warehouse { id } }
      }
    }
  }
  warehouses(first: 100) { nodes { id name street city postalCode country countriesServed } }
  attributes(first: 100) {
    nodes { id name slug kind unit filterable updatedAt choices { name slug color } }
  }
  productTypes(first: 100) {
    nodes { id name slug updatedAt productAttributes { id } variantAttributes { id } }
  }
  collections(first: 100) {
    nodes { id name slug descriptionHtml updatedAt products(first: 100) { nodes { id } } }
  }
  customers(first: 100) {
    nodes {
      id email firstName lastName isActive tags updatedAt tier { id }
      metadata { key value } privateMetadata { key value } notes { id body }
    }
  }
  customerTiers(first: 100) { nodes { id name level thresholds { amount currencyCode } } }
  segments(first: 100) { nodes { id name rule { match conditions { field value } } } }
  giftCards(first: 100) {
    nodes {
      id isActive expiresAt note updatedAt balance { amount } transactions { kind amount { amount } }
    }
  }
  webhookSubscriptions(first: 100) {
    nodes {
      id url eventTypes isActive updatedAt previousSecretExpiresAt
      deliveries(first: 100) { nodes { id status nextAttemptAt } }
    }
  }
}
"""
WEBHOOK_SUBSCRIPTION_UPDATE = """
mutation($id: ID!, $input: WebhookSubscriptionUpdateInput!) {
  webhookSubscriptionUpdate(id: $id, input: $input) {
    webhookSubscription { id } userErrors { field message code }
  }
}
"""
WEBHOOK_SUBSCRIPTION_DELETE = """
mutation($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedId userErrors { field message code } }
}
"""
WEBHOOK_SUBSCRIPTION_ROTATE = """
mutation($id: ID!) {
  webhookSubscriptionRotateSecret(id: $id) {
    webhookSubscription { id } secret userErrors { field message code }
  }
}
"""
WEBHOOK_SUBSCRIPTION_REPLAY = """
mutation($id: ID!) {
  webhookSubscriptionReplay(id: $id, since: "2020-01-01T00:00:00Z") {
    queued userErrors { field message code }
  }
}
"""
WEBHOOK_DELIVERY_RETRY = """
mutation($id: ID!) {
  webhookDeliveryRetry(id: $id) { webhookDelivery { id } userErrors { field message code } }
}
"""
PLATFORM_STATE = "{ merchants(first: 100) { nodes { id slug name status updatedAt } } }"


@dataclass(frozen=True)
class Targets:
    """Existing objects of merchant alpha (and a suspended merchant) for mutations to aim at."""

    merchant_id: str
    suspended_merchant_id: str
    staff_id: str
    role_id: str
    api_key_id: str
    storefront_id: str
    category_id: str
    product_id: str
    variant_id: str
    warehouse_id: str
    attribute_id: str  # used by product_type_id, with a value on product_id
    product_type_id: str  # product_id has it
    spare_attribute_id: str  # used by nothing: deletable
    spare_product_type_id: str  # used by nothing: deletable
    collection_id: str  # holds product_id
    customer_id: str  # with a note
    note_id: str
    tier_id: str
    segment_id: str
    gift_card_id: str
    webhook_subscription_id: str
    webhook_delivery_id: str  # a ping to webhook_subscription_id


@dataclass(frozen=True)
class Guarded:
    field: str
    document: str
    variables: Callable[[Targets], dict[str, Any]]
    permission: str | None  # None: platform admins only

    def __str__(self) -> str:
        return self.field


MUTATIONS = [
    Guarded(
        "merchantCreate",
        MERCHANT_CREATE,
        lambda t: {
            "input": {
                "name": "Charlie",
                "slug": "charlie",
                "ownerEmail": "owner@charlie.example.com",
                "ownerPassword": "a long enough password",
            }
        },
        None,
    ),
    Guarded("merchantSuspend", MERCHANT_SUSPEND, lambda t: {"id": t.merchant_id}, None),
    Guarded(
        "merchantReactivate", MERCHANT_REACTIVATE, lambda t: {"id": t.suspended_merchant_id}, None
    ),
    Guarded(
        "staffCreate",
        STAFF_CREATE,
        lambda t: {
            "input": {
                "email": "intruder@alpha.example.com",
                "name": "Intruder",
                "password": "a long enough password",
                "roleIds": [],
            }
        },
        "MANAGE_STAFF",
    ),
    Guarded(
        "staffUpdate",
        STAFF_UPDATE,
        lambda t: {"id": t.staff_id, "input": {"name": "Renamed"}},
        "MANAGE_STAFF",
    ),
    Guarded(
        "roleCreate",
        ROLE_CREATE,
        lambda t: {"input": {"name": "Sneaky", "permissions": ["MANAGE_STAFF"]}},
        "MANAGE_STAFF",
    ),
    Guarded(
        "roleUpdate",
        ROLE_UPDATE,
        lambda t: {"id": t.role_id, "input": {"name": "Renamed"}},
        "MANAGE_STAFF",
    ),
    Guarded("roleDelete", ROLE_DELETE, lambda t: {"id": t.role_id}, "MANAGE_STAFF"),
    Guarded(
        "apiKeyCreate",
        API_KEY_CREATE,
        lambda t: {"input": {"name": "Sneaky", "scopes": ["MANAGE_APPS"]}},
        "MANAGE_APPS",
    ),
    Guarded("apiKeyRevoke", API_KEY_REVOKE, lambda t: {"id": t.api_key_id}, "MANAGE_APPS"),
    Guarded(
        "storefrontCreate",
        STOREFRONT_CREATE,
        lambda t: {"input": {"name": "Pop-up", "currency": "USD", "defaultCountry": "US"}},
        "MANAGE_STOREFRONTS",
    ),
    Guarded(
        "storefrontUpdate",
        STOREFRONT_UPDATE,
        lambda t: {"id": t.storefront_id, "input": {"name": "Renamed", "currency": "GBP"}},
        "MANAGE_STOREFRONTS",
    ),
    Guarded(
        "storefrontTokenRotate",
        STOREFRONT_TOKEN_ROTATE,
        lambda t: {"id": t.storefront_id},
        "MANAGE_STOREFRONTS",
    ),
    Guarded(
        "categoryCreate",
        CATEGORY_CREATE,
        lambda t: {"input": {"name": "Sneaky", "parentId": t.category_id}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "categoryUpdate",
        CATEGORY_UPDATE,
        lambda t: {"id": t.category_id, "input": {"name": "Renamed", "parentId": None}},
        "MANAGE_PRODUCTS",
    ),
    Guarded("categoryDelete", CATEGORY_DELETE, lambda t: {"id": t.category_id}, "MANAGE_PRODUCTS"),
    Guarded(
        "productCreate",
        PRODUCT_CREATE,
        lambda t: {"input": {"name": "Sneaky", "categoryId": t.category_id}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productUpdate",
        PRODUCT_UPDATE,
        lambda t: {
            "id": t.product_id,
            "input": {"name": "Renamed", "privateMetadata": [{"key": "k", "value": "v"}]},
        },
        "MANAGE_PRODUCTS",
    ),
    Guarded("productArchive", PRODUCT_ARCHIVE, lambda t: {"id": t.product_id}, "MANAGE_PRODUCTS"),
    Guarded(
        "productVariantCreate",
        VARIANT_CREATE,
        lambda t: {"product": t.product_id, "input": {"sku": "SNEAKY-1"}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productVariantUpdate",
        VARIANT_UPDATE,
        lambda t: {"id": t.variant_id, "input": {"sku": "RENAMED-1", "weightGrams": 1}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productVariantArchive", VARIANT_ARCHIVE, lambda t: {"id": t.variant_id}, "MANAGE_PRODUCTS"
    ),
    Guarded(
        "productListingSet",
        LISTING_SET,
        lambda t: {"product": t.product_id, "storefront": t.storefront_id},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productVariantPriceSet",
        PRICE_SET,
        lambda t: {
            "variant": t.variant_id,
            "storefront": t.storefront_id,
            "input": {"price": "0.01", "costPrice": "99.00"},
        },
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "warehouseCreate", WAREHOUSE_CREATE, lambda t: {"input": WAREHOUSE_INPUT}, "MANAGE_PRODUCTS"
    ),
    Guarded(
        "warehouseUpdate",
        WAREHOUSE_UPDATE,
        lambda t: {"id": t.warehouse_id, "input": {"name": "Hijacked"}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "storefrontWarehousesSet",
        STOREFRONT_WAREHOUSES_SET,
        lambda t: {"storefront": t.storefront_id, "warehouses": []},
        "MANAGE_STOREFRONTS",
    ),
    Guarded(
        "stockUpdate",
        STOCK_UPDATE,
        lambda t: {"variant": t.variant_id, "warehouse": t.warehouse_id, "quantity": 999},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "attributeCreate",
        ATTRIBUTE_CREATE,
        lambda t: {"input": {"name": "Sneaky", "kind": "TEXT"}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "attributeUpdate",
        ATTRIBUTE_UPDATE,
        lambda t: {"id": t.attribute_id, "input": {"name": "Renamed", "choices": []}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "attributeDelete",
        ATTRIBUTE_DELETE,
        lambda t: {"id": t.spare_attribute_id},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productTypeCreate",
        PRODUCT_TYPE_CREATE,
        lambda t: {"input": {"name": "Sneaky", "productAttributeIds": [t.attribute_id]}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productTypeUpdate",
        PRODUCT_TYPE_UPDATE,
        lambda t: {
            "id": t.product_type_id,
            "input": {"name": "Renamed", "productAttributeIds": []},
        },
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productTypeDelete",
        PRODUCT_TYPE_DELETE,
        lambda t: {"id": t.spare_product_type_id},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "collectionCreate",
        COLLECTION_CREATE,
        lambda t: {"input": {"name": "Sneaky"}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "collectionUpdate",
        COLLECTION_UPDATE,
        lambda t: {"id": t.collection_id, "input": {"name": "Renamed"}},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "collectionDelete", COLLECTION_DELETE, lambda t: {"id": t.collection_id}, "MANAGE_PRODUCTS"
    ),
    *(
        Guarded(
            name,
            COLLECTION_MEMBERS % name,
            lambda t: {"id": t.collection_id, "products": [t.product_id]},
            "MANAGE_PRODUCTS",
        )
        for name in ("collectionProductsAdd", "collectionProductsRemove", "collectionProductsSet")
    ),
    Guarded("translationSet", TRANSLATION_SET, lambda t: {"id": t.product_id}, "MANAGE_PRODUCTS"),
    Guarded(
        "attributeChoiceTranslationSet",
        CHOICE_TRANSLATION_SET,
        lambda t: {"id": t.attribute_id},
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productBulkUpdate",
        PRODUCT_BULK_UPDATE,
        lambda t: {
            "products": [
                {
                    "id": t.product_id,
                    "name": "Hijacked",
                    "variants": [{"id": t.variant_id, "sku": "HIJACKED"}],
                }
            ]
        },
        "MANAGE_PRODUCTS",
    ),
    Guarded(
        "productBulkCreate",
        PRODUCT_BULK_CREATE,
        lambda t: {
            "products": [{"name": "Sneaky", "variants": [{"sku": "SNEAKY-BULK"}], "listings": []}]
        },
        "MANAGE_PRODUCTS",
    ),
]

MUTATIONS += [
    Guarded(
        "customerUpdate",
        CUSTOMER_UPDATE,
        lambda t: {"id": t.customer_id, "input": {"isActive": False, "privateMetadata": []}},
        "MANAGE_CUSTOMERS",
    ),
    *(
        Guarded(
            name,
            CUSTOMER_TAGS % name,
            lambda t: {"id": t.customer_id, "tags": ["vip", "target"]},
            "MANAGE_CUSTOMERS",
        )
        for name in ("customerTagsAdd", "customerTagsRemove")
    ),
    Guarded(
        "customerNoteAdd", CUSTOMER_NOTE_ADD, lambda t: {"id": t.customer_id}, "MANAGE_CUSTOMERS"
    ),
    Guarded(
        "customerNoteDelete",
        DELETE_BY_ID % "customerNoteDelete",
        lambda t: {"id": t.note_id},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "customerDelete",
        DELETE_BY_ID % "customerDelete",
        lambda t: {"id": t.customer_id},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "customerTierCreate",
        CUSTOMER_TIER_CREATE,
        lambda t: {"input": {"name": "Sneaky", "level": 7, "thresholds": []}},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "customerTierUpdate",
        CUSTOMER_TIER_UPDATE,
        lambda t: {"id": t.tier_id, "input": {"thresholds": []}},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "customerTierDelete",
        DELETE_BY_ID % "customerTierDelete",
        lambda t: {"id": t.tier_id},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "segmentCreate",
        SEGMENT_CREATE,
        lambda t: {"input": {"name": "Sneaky", "rule": VIP_RULE}},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "segmentUpdate",
        SEGMENT_UPDATE,
        lambda t: {"id": t.segment_id, "input": {"name": "Renamed", "rule": VIP_RULE}},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "segmentDelete",
        DELETE_BY_ID % "segmentDelete",
        lambda t: {"id": t.segment_id},
        "MANAGE_CUSTOMERS",
    ),
    Guarded(
        "giftCardIssue",
        GIFT_CARD_ISSUE,
        lambda t: {"input": {"initialBalance": "25.00", "currency": "EUR"}},
        "MANAGE_GIFT_CARDS",
    ),
    Guarded(
        "giftCardUpdate",
        GIFT_CARD_UPDATE,
        lambda t: {"id": t.gift_card_id, "input": {"isActive": False, "note": "Sneaky"}},
        "MANAGE_GIFT_CARDS",
    ),
    Guarded(
        "giftCardBalanceAdjust",
        GIFT_CARD_ADJUST,
        lambda t: {"id": t.gift_card_id, "amount": "100.00"},
        "MANAGE_GIFT_CARDS",
    ),
    Guarded(
        "webhookSubscriptionCreate",
        SUBSCRIPTION_CREATE,
        lambda t: {
            "input": {"url": "https://sneaky.example.com/", "eventTypes": ["PRODUCT_CREATED"]}
        },
        "MANAGE_WEBHOOKS",
    ),
    Guarded(
        "webhookSubscriptionUpdate",
        WEBHOOK_SUBSCRIPTION_UPDATE,
        lambda t: {"id": t.webhook_subscription_id, "input": {"isActive": False}},
        "MANAGE_WEBHOOKS",
    ),
    Guarded(
        "webhookSubscriptionDelete",
        WEBHOOK_SUBSCRIPTION_DELETE,
        lambda t: {"id": t.webhook_subscription_id},
        "MANAGE_WEBHOOKS",
    ),
    Guarded(
        "webhookSubscriptionRotateSecret",
        WEBHOOK_SUBSCRIPTION_ROTATE,
        lambda t: {"id": t.webhook_subscription_id},
        "MANAGE_WEBHOOKS",
    ),
    Guarded(
        "webhookSubscriptionTest",
        SUBSCRIPTION_TEST,
        lambda t: {"id": t.webhook_subscription_id},
        "MANAGE_WEBHOOKS",
    ),
    Guarded(
        "webhookSubscriptionReplay",
        WEBHOOK_SUBSCRIPTION_REPLAY,
        lambda t: {"id": t.webhook_subscription_id},
        "MANAGE_WEBHOOKS",
    ),
    Guarded(
        "webhookDeliveryRetry",
        WEBHOOK_DELIVERY_RETRY,
        lambda t: {"id": t.webhook_delivery_id},
        "MANAGE_WEBHOOKS",
    ),
]

LIST_QUERIES = [
    Guarded("staffUsers", "{ staffUsers { nodes { id email } } }", lambda t: {}, "MANAGE_STAFF"),
    Guarded("roles", "{ roles { nodes { id name } } }", lambda t: {}, "MANAGE_STAFF"),
    Guarded("apiKeys", "{ apiKeys { nodes { id name } } }", lambda t: {}, "MANAGE_APPS"),
    Guarded(
        "storefronts", "{ storefronts { nodes { id token } } }", lambda t: {}, "MANAGE_STOREFRONTS"
    ),
    Guarded("merchants", "{ merchants { nodes { id slug } } }", lambda t: {}, None),
    Guarded("customers", "{ customers { nodes { id email } } }", lambda t: {}, "MANAGE_CUSTOMERS"),
    Guarded(
        "customerTiers",
        "{ customerTiers { nodes { id name } } }",
        lambda t: {},
        "MANAGE_CUSTOMERS",
    ),
    Guarded("segments", "{ segments { nodes { id name } } }", lambda t: {}, "MANAGE_CUSTOMERS"),
    Guarded("giftCards", "{ giftCards { nodes { id last4 } } }", lambda t: {}, "MANAGE_GIFT_CARDS"),
    Guarded(
        "webhookSubscriptions",
        "{ webhookSubscriptions { nodes { id url } } }",
        lambda t: {},
        "MANAGE_WEBHOOKS",
    ),
    Guarded("events", "{ events { nodes { id type payload } } }", lambda t: {}, "MANAGE_WEBHOOKS"),
    Guarded("auditLog", "{ auditLog { nodes { id operation } } }", lambda t: {}, "VIEW_AUDIT_LOG"),
]


@pytest.fixture
async def targets(client: GraphQLClient, admin_token: str, merchant_a: MerchantWorld) -> Targets:
    suspended = await create_merchant(client, admin_token, "suspended")
    result = await client.execute(MERCHANT_SUSPEND, {"id": suspended.id}, token=admin_token)
    assert ok(result.data["merchantSuspend"])["merchant"]["status"] == "SUSPENDED"
    staff_id, _ = await merchant_a.staff("target@alpha.example.com", ["MANAGE_STAFF"])
    api_key_id, _ = await merchant_a.api_key(["MANAGE_PRODUCTS"], name="target")
    storefront_id, storefront_token = await merchant_a.storefront("Target")
    # a category with a parent, a child and a product, so a stray delete or move would show
    catalog = Catalog(merchant_a)
    category_id = await catalog.category("Target category", await catalog.category("Top"))
    await catalog.category("Child", category_id)
    # an attribute, a type using it and the target product of that type holding a value of it
    attribute_id = await catalog.attribute("Target material", "MULTI_SELECT", ["Cotton", "Linen"])
    product_type_id = await catalog.product_type("Target type", [attribute_id])
    product_id = await catalog.product(
        "Target product",
        categoryId=category_id,
        productTypeId=product_type_id,
        attributes=[{"attributeId": attribute_id, "choices": ["cotton"]}],
    )
    variant_id = await catalog.variant(product_id, "TARGET-1")
    await catalog.price(variant_id, storefront_id, "10.00", costPrice="4.00")
    warehouse = await merchant_a.run(
        WAREHOUSE_CREATE, {"input": {**WAREHOUSE_INPUT, "name": "Target depot"}}
    )
    warehouse_id = ok(warehouse.data["warehouseCreate"])["warehouse"]["id"]
    linked = await merchant_a.run(
        STOREFRONT_WAREHOUSES_SET, {"storefront": storefront_id, "warehouses": [warehouse_id]}
    )
    ok(linked.data["storefrontWarehousesSet"])
    stocked = await merchant_a.run(
        STOCK_UPDATE, {"variant": variant_id, "warehouse": warehouse_id, "quantity": 7}
    )
    ok(stocked.data["stockUpdate"])
    subscription_id, _secret = await subscribe(merchant_a)
    return Targets(
        merchant_id=merchant_a.id,
        suspended_merchant_id=suspended.id,
        staff_id=staff_id,
        role_id=await merchant_a.role("Target role", ["MANAGE_STAFF"]),
        api_key_id=api_key_id,
        storefront_id=storefront_id,
        category_id=category_id,
        product_id=product_id,
        variant_id=variant_id,
        warehouse_id=warehouse_id,
        attribute_id=attribute_id,
        product_type_id=product_type_id,
        spare_attribute_id=await catalog.attribute("Spare", "TEXT"),
        spare_product_type_id=await catalog.product_type("Spare type"),
        collection_id=await collection_with(merchant_a, product_id),
        **await customer_targets(merchant_a, storefront_token),
        gift_card_id=(await issue_gift_card(merchant_a, "10.00"))[0],
        webhook_subscription_id=subscription_id,
        webhook_delivery_id=await ping(merchant_a, subscription_id),
    )


async def customer_targets(merchant: MerchantWorld, storefront_token: str) -> dict[str, str]:
    """A tier, a customer in it (tagged, with metadata and a note) and a segment."""
    tier = await merchant.run(
        CUSTOMER_TIER_CREATE, {"input": {"name": "Member", "level": 1, "thresholds": []}}
    )
    tier_id = ok(tier.data["customerTierCreate"])["tier"]["id"]
    customer = await shopper(merchant, storefront_token, "target@customers.example.com")
    updated = await merchant.run(
        CUSTOMER_UPDATE,
        {
            "id": customer.id,
            "input": {"privateMetadata": [{"key": "k", "value": "v"}], "metadata": []},
        },
    )
    ok(updated.data["customerUpdate"])
    tagged = await merchant.run(
        CUSTOMER_TAGS % "customerTagsAdd", {"id": customer.id, "tags": ["target"]}
    )
    ok(tagged.data["customerTagsAdd"])
    note = await merchant.run(CUSTOMER_NOTE_ADD, {"id": customer.id})
    segment = await merchant.run(SEGMENT_CREATE, {"input": {"name": "Target", "rule": VIP_RULE}})
    return {
        "customer_id": customer.id,
        "note_id": ok(note.data["customerNoteAdd"])["note"]["id"],
        "tier_id": tier_id,
        "segment_id": ok(segment.data["segmentCreate"])["segment"]["id"],
    }


async def collection_with(merchant: MerchantWorld, product_id: str) -> str:
    made = await merchant.run(COLLECTION_CREATE, {"input": {"name": "Target collection"}})
    collection_id = str(ok(made.data["collectionCreate"])["collection"]["id"])
    added = await merchant.run(
        COLLECTION_MEMBERS % "collectionProductsAdd",
        {"id": collection_id, "products": [product_id]},
    )
    ok(added.data["collectionProductsAdd"])
    return collection_id


async def stored_state(merchant: MerchantWorld, admin_token: str) -> dict[str, Any]:
    """Everything the denied operations could have touched, read back by owner and admin."""
    own = await merchant.run(MERCHANT_STATE)
    platform = await merchant.client.execute(PLATFORM_STATE, token=admin_token)
    return {**own.data, **platform.data}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_an_admin_mutation_is_refused_without_its_permission_and_changes_nothing(
    merchant_a: MerchantWorld, admin_token: str, targets: Targets, case: Guarded, caller: str
) -> None:
    # given a caller holding every permission except the one the mutation needs
    token, expected = await credentials_lacking(merchant_a, caller, case.permission)
    before = await stored_state(merchant_a, admin_token)
    # when it runs the mutation
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    # then it is refused with a top-level error, and nothing stored changed
    assert_refused(result, case.field, expected)
    assert await stored_state(merchant_a, admin_token) == before


@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_the_permission_alone_is_enough_for_an_admin_mutation(
    merchant_a: MerchantWorld, admin_token: str, targets: Targets, case: Guarded
) -> None:
    # given a caller holding exactly the permission the mutation needs (or the platform admin)
    if case.permission is None:
        token = admin_token
    else:
        _, token = await merchant_a.staff("holder@alpha.example.com", [case.permission])
    # when it runs the same mutation the denial test sends
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    # then it succeeds: the denials above are about the permission, not the input
    assert result.errors == []
    assert ok(result.data[case.field])


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", LIST_QUERIES, ids=str)
async def test_an_admin_list_is_refused_without_its_permission(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    # given a caller holding every permission except the one the list needs
    token, expected = await credentials_lacking(merchant_a, caller, case.permission)
    # when it asks for the list
    result = await merchant_a.client.execute(case.document, token=token)
    # then it is refused and sees none of it
    assert_refused(result, case.field, expected)


@pytest.mark.parametrize("case", LIST_QUERIES, ids=str)
async def test_the_permission_alone_is_enough_for_an_admin_list(
    merchant_a: MerchantWorld, admin_token: str, targets: Targets, case: Guarded
) -> None:
    if case.permission is None:
        token = admin_token
    else:
        _, token = await merchant_a.api_key([case.permission], name="holder")
    result = await merchant_a.client.execute(case.document, token=token)
    assert result.errors == []
    assert result.data[case.field]["nodes"]
