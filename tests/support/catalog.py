"""Build a merchant's catalog through the public admin API, as a merchant's back office would."""

from dataclasses import dataclass
from typing import Any

from tests.support.actors import MerchantWorld, ok

WAREHOUSE_CREATE = """
mutation($input: WarehouseInput!) {
  warehouseCreate(input: $input) { warehouse { id } userErrors { field message code } }
}
"""
WAREHOUSES_LINK = """
mutation($storefront: ID!, $warehouses: [ID!]!) {
  storefrontWarehousesSet(storefrontId: $storefront, warehouseIds: $warehouses) {
    warehouseIds userErrors { field message code }
  }
}
"""
STOCK_SET = """
mutation($variant: ID!, $warehouse: ID!, $quantity: Int!) {
  stockUpdate(variantId: $variant, warehouseId: $warehouse, quantity: $quantity) {
    stock { quantity } userErrors { field message code }
  }
}
"""
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

ATTRIBUTE_CREATE = """
mutation($input: AttributeInput!) {
  attributeCreate(input: $input) {
    attribute { id name slug kind unit filterable choices { name slug color } }
    userErrors { field message code }
  }
}
"""
ATTRIBUTE_UPDATE = """
mutation($id: ID!, $input: AttributeInput!) {
  attributeUpdate(id: $id, input: $input) {
    attribute { id name slug kind unit filterable choices { name slug color } }
    userErrors { field message code }
  }
}
"""
ATTRIBUTE_DELETE = """
mutation($id: ID!) { attributeDelete(id: $id) { deletedId userErrors { field message code } } }
"""
PRODUCT_TYPE_CREATE = """
mutation($input: ProductTypeInput!) {
  productTypeCreate(input: $input) {
    productType { id name slug productAttributes { id } variantAttributes { id } }
    userErrors { field message code }
  }
}
"""
PRODUCT_TYPE_UPDATE = """
mutation($id: ID!, $input: ProductTypeInput!) {
  productTypeUpdate(id: $id, input: $input) {
    productType { id name slug productAttributes { id } variantAttributes { id } }
    userErrors { field message code }
  }
}
"""
PRODUCT_TYPE_DELETE = """
mutation($id: ID!) { productTypeDelete(id: $id) { deletedId userErrors { field message code } } }
"""

SELECTED_ATTRIBUTE = "attribute { slug } choices { slug name color } text number boolean date"
PRODUCT_ATTRIBUTE_VALUES = f"""
query($id: ID!) {{
  product(id: $id) {{
    productType {{ id }}
    attributes {{ {SELECTED_ATTRIBUTE} }}
    variants {{ sku name attributes {{ {SELECTED_ATTRIBUTE} }} }}
  }}
}}
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

    async def warehouse(self, name: str, country: str = "US") -> str:
        address = {"street": "1 Dock Road", "city": "Oakland", "postalCode": "94607"}
        result = await self.world.run(
            WAREHOUSE_CREATE, {"input": {"name": name, "country": country, **address}}
        )
        return str(ok(result.data["warehouseCreate"])["warehouse"]["id"])

    async def link_warehouses(self, storefront_id: str, warehouse_ids: list[str]) -> None:
        result = await self.world.run(
            WAREHOUSES_LINK, {"storefront": storefront_id, "warehouses": warehouse_ids}
        )
        ok(result.data["storefrontWarehousesSet"])

    async def stock(self, variant_id: str, warehouse_id: str, quantity: int) -> None:
        result = await self.world.run(
            STOCK_SET, {"variant": variant_id, "warehouse": warehouse_id, "quantity": quantity}
        )
        ok(result.data["stockUpdate"])

    async def attribute(
        self, name: str, kind: str, choices: list[str | dict[str, Any]] | None = None, **fields: Any
    ) -> str:
        """An attribute; each choice is a name, or the full choice input (for a swatch)."""
        if choices is not None:
            fields["choices"] = [c if isinstance(c, dict) else {"name": c} for c in choices]
        result = await self.world.run(
            ATTRIBUTE_CREATE, {"input": {"name": name, "kind": kind, **fields}}
        )
        return str(ok(result.data["attributeCreate"])["attribute"]["id"])

    async def product_type(
        self,
        name: str,
        product_attributes: list[str] | None = None,
        variant_attributes: list[str] | None = None,
        **fields: Any,
    ) -> str:
        result = await self.world.run(
            PRODUCT_TYPE_CREATE,
            {
                "input": {
                    "name": name,
                    "productAttributeIds": product_attributes or [],
                    "variantAttributeIds": variant_attributes or [],
                    **fields,
                }
            },
        )
        return str(ok(result.data["productTypeCreate"])["productType"]["id"])


def attribute_values(selected: list[dict[str, Any]]) -> dict[str, Any]:
    """Selected attributes by slug, each value as the simplest thing: choice slugs, text,
    number, yes/no or date."""
    shown: dict[str, Any] = {}
    for item in selected:
        slug = item["attribute"]["slug"]
        if item["choices"]:
            shown[slug] = [choice["slug"] for choice in item["choices"]]
        else:
            shown[slug] = next(
                item[key] for key in ("text", "number", "boolean", "date") if item[key] is not None
            )
    return shown


@dataclass
class Wardrobe:
    """
    A merchant's attributes and a T-shirt type using them, made by `Wardrobe.build`:

    Attributes: material (multi select: cotton, linen, wool), weight (number, kg),
    care (rich text), organic (boolean), released (date), fit (text),
    size (single select: s, m, l), colour (swatch: black, white), gift-wrap (boolean).
    Type "T-shirt": product attributes material, weight, care, organic, released, fit;
    variant attributes size, colour. `ids` holds each by those names, and "tshirt".
    """

    merchant: MerchantWorld
    catalog: Catalog
    ids: dict[str, str]

    @classmethod
    async def build(cls, merchant: MerchantWorld) -> "Wardrobe":
        catalog = Catalog(merchant)
        ids = {
            "material": await catalog.attribute(
                "Material", "MULTI_SELECT", ["Cotton", "Linen", "Wool"]
            ),
            "weight": await catalog.attribute("Weight", "NUMBER", unit="kg"),
            "care": await catalog.attribute("Care", "RICH_TEXT"),
            "organic": await catalog.attribute("Organic", "BOOLEAN"),
            "released": await catalog.attribute("Released", "DATE"),
            "fit": await catalog.attribute("Fit", "TEXT"),
            "size": await catalog.attribute("Size", "SINGLE_SELECT", ["S", "M", "L"]),
            "colour": await catalog.attribute(
                "Colour",
                "SWATCH",
                [{"name": "Black", "color": "#000000"}, {"name": "White", "color": "#FFFFFF"}],
            ),
            "gift-wrap": await catalog.attribute("Gift wrap", "BOOLEAN"),
        }
        ids["tshirt"] = await catalog.product_type(
            "T-shirt",
            [ids[key] for key in ("material", "weight", "care", "organic", "released", "fit")],
            [ids["size"], ids["colour"]],
        )
        return cls(merchant, catalog, ids)

    async def run(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        """The payload of a mutation that ran (it may hold userErrors)."""
        result = await self.merchant.run(document, variables)
        assert result.errors == [], result.body
        (payload,) = result.data.values()
        return dict(payload)

    async def values(self, product_id: str) -> dict[str, Any]:
        """The product's type id, its values and its variants' names and values."""
        result = await self.merchant.run(PRODUCT_ATTRIBUTE_VALUES, {"id": product_id})
        assert result.errors == [], result.body
        product = result.data["product"]
        return {
            "type": product["productType"] and product["productType"]["id"],
            "attributes": attribute_values(product["attributes"]),
            "variants": {
                v["sku"]: {"name": v["name"], **attribute_values(v["attributes"])}
                for v in product["variants"]
            },
        }

    def given(self, **values: dict[str, Any]) -> list[dict[str, Any]]:
        """Attribute value inputs from values keyed by attribute: material={"choices": [...]}."""
        return [{"attributeId": self.ids[key], **value} for key, value in values.items()]

    async def shirt(self, name: str = "Tee", **values: dict[str, Any]) -> str:
        """A T-shirt product holding `values` (see `given`)."""
        return await self.catalog.product(
            name, productTypeId=self.ids["tshirt"], attributes=self.given(**values)
        )

    async def variant(self, product_id: str, sku: str, **values: dict[str, Any]) -> dict[str, Any]:
        """The payload of creating a variant holding `values` (see `given`)."""
        return await self.run(
            VARIANT_CREATE,
            {"product": product_id, "input": {"sku": sku, "attributes": self.given(**values)}},
        )
