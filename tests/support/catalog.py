"""Build a merchant's catalog through the public admin API, as a merchant's back office would."""

from dataclasses import dataclass
from typing import Any

from tests.support.actors import MerchantWorld, ok

CATEGORY_CREATE = """
mutation($input: CategoryInput!) {
  categoryCreate(input: $input) {
    category { id name slug parent { id } }
    userErrors { field message code }
  }
}
"""
CATEGORY_UPDATE = """
mutation($id: ID!, $input: CategoryInput!) {
  categoryUpdate(id: $id, input: $input) {
    category { id name slug parent { id } }
    userErrors { field message code }
  }
}
"""
CATEGORY_DELETE = """
mutation($id: ID!) { categoryDelete(id: $id) { deletedId userErrors { field message code } } }
"""
PRODUCT_CREATE = """
mutation($input: ProductInput!) {
  productCreate(input: $input) {
    product {
      id name slug descriptionHtml tags archivedAt category { id }
      metadata { key value } privateMetadata { key value }
    }
    userErrors { field message code }
  }
}
"""
PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) {
    product { id name slug descriptionHtml tags category { id } }
    userErrors { field message code }
  }
}
"""
PRODUCT_ARCHIVE = """
mutation($id: ID!) {
  productArchive(id: $id) { product { id archivedAt } userErrors { field message code } }
}
"""
VARIANT_CREATE = """
mutation($product: ID!, $input: ProductVariantInput!) {
  productVariantCreate(productId: $product, input: $input) {
    variant { id sku name weightGrams purchaseLimit archivedAt }
    userErrors { field message code }
  }
}
"""
VARIANT_UPDATE = """
mutation($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) {
    variant { id sku name weightGrams purchaseLimit }
    userErrors { field message code }
  }
}
"""
VARIANT_ARCHIVE = """
mutation($id: ID!) {
  productVariantArchive(id: $id) { variant { id archivedAt } userErrors { field message code } }
}
"""
LISTING_SET = """
mutation($product: ID!, $storefront: ID!, $published: Boolean!, $from: DateTime) {
  productListingSet(
    productId: $product, storefrontId: $storefront, isPublished: $published, availableFrom: $from
  ) {
    listing { isPublished availableFrom storefront { id } }
    userErrors { field message code }
  }
}
"""
PRICE_SET = """
mutation($variant: ID!, $storefront: ID!, $input: VariantPriceInput!) {
  productVariantPriceSet(variantId: $variant, storefrontId: $storefront, input: $input) {
    price {
      price { amount currencyCode }
      compareAtPrice { amount currencyCode }
      costPrice { amount currencyCode }
    }
    userErrors { field message code }
  }
}
"""


@dataclass
class Catalog:
    """A merchant's back office: each helper runs one admin mutation that must succeed."""

    world: MerchantWorld

    async def category(self, name: str, parent: str | None = None, **fields: Any) -> str:
        result = await self.world.run(
            CATEGORY_CREATE, {"input": {"name": name, "parentId": parent, **fields}}
        )
        return str(ok(result.data["categoryCreate"])["category"]["id"])

    async def product(self, name: str, **fields: Any) -> str:
        result = await self.world.run(PRODUCT_CREATE, {"input": {"name": name, **fields}})
        return str(ok(result.data["productCreate"])["product"]["id"])

    async def variant(self, product_id: str, sku: str, **fields: Any) -> str:
        result = await self.world.run(
            VARIANT_CREATE, {"product": product_id, "input": {"sku": sku, **fields}}
        )
        return str(ok(result.data["productVariantCreate"])["variant"]["id"])

    async def publish(
        self, product_id: str, storefront_id: str, *, available_from: str | None = None
    ) -> None:
        result = await self.world.run(
            LISTING_SET,
            {
                "product": product_id,
                "storefront": storefront_id,
                "published": True,
                "from": available_from,
            },
        )
        ok(result.data["productListingSet"])

    async def price(self, variant_id: str, storefront_id: str, price: str, **more: str) -> None:
        result = await self.world.run(
            PRICE_SET,
            {"variant": variant_id, "storefront": storefront_id, "input": {"price": price, **more}},
        )
        ok(result.data["productVariantPriceSet"])

    async def archive_product(self, product_id: str) -> None:
        result = await self.world.run(PRODUCT_ARCHIVE, {"id": product_id})
        ok(result.data["productArchive"])

    async def archive_variant(self, variant_id: str) -> None:
        result = await self.world.run(VARIANT_ARCHIVE, {"id": variant_id})
        ok(result.data["productVariantArchive"])
