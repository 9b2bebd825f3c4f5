"""How a products listing is filtered, searched and sorted, and the facets that go with it."""

import strawberry

from domain.catalog import product_search as domain
from resolvers.ids import decode_id_of
from schema.catalog.attributes import Attribute, AttributeChoice
from schema.catalog.categories import Category
from schema.enums import graphql_enum
from schema.money import Money

graphql_enum(
    domain.ProductSortField,
    "What products are ordered by.",
    {
        "NAME": "Name, case-insensitively.",
        "PRICE": "Lowest variant price in the request's storefront (unpriced last).",
        "CREATED": "Creation time; DESC lists the newest first.",
        "RELEVANCE": "How well the search words match (needs `search`); the default when searching.",
        "COLLECTION": "Position in the filtered collection; the default when filtering by one.",
    },
)
graphql_enum(
    domain.SortDirection,
    "Ascending or descending.",
    {"ASC": "Smallest first.", "DESC": "Largest first."},
)


@strawberry.input(description="Products with any of these values of one attribute.")
class AttributeFilter:
    attribute: str = strawberry.field(description="The attribute's slug.")
    choices: list[str] | None = strawberry.field(
        default=None, description="Choice slugs (select and swatch attributes)."
    )
    boolean: bool | None = strawberry.field(default=None, description="For boolean attributes.")


@strawberry.input(description="Which products to list; every condition given must hold.")
class ProductFilter:
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="In this category or any below it."
    )
    collection_id: strawberry.ID | None = strawberry.field(
        default=None, description="In this collection."
    )
    attributes: list[AttributeFilter] | None = strawberry.field(
        default=None, description="Attribute values, e.g. colour is red or blue."
    )
    price_min: str | None = strawberry.field(
        default=None,
        description="A variant costs at least this (decimal, storefront currency).",
    )
    price_max: str | None = strawberry.field(
        default=None, description="A variant costs at most this (decimal, storefront currency)."
    )
    in_stock: bool = strawberry.field(
        default=False, description="Only products the storefront can sell now."
    )


@strawberry.input(description="A sort order; ties are broken by creation, so pages are stable.")
class ProductSort:
    field: domain.ProductSortField = strawberry.field(description="What to order by.")
    direction: domain.SortDirection | None = strawberry.field(
        default=None, description="ASC by default; DESC by default for relevance."
    )


def filter_input(
    search: str | None, wanted: ProductFilter | None, sort: ProductSort | None
) -> domain.ProductFilterInput:
    """The domain's filter input; raises a user error naming a malformed ID."""
    wanted = wanted or ProductFilter()
    return domain.ProductFilterInput(
        category_id=(
            None
            if wanted.category_id is None
            else decode_id_of(wanted.category_id, "Category", field="categoryId")
        ),
        collection_id=(
            None
            if wanted.collection_id is None
            else decode_id_of(wanted.collection_id, "Collection", field="collectionId")
        ),
        attributes=[
            domain.AttributeFilterInput(a.attribute, a.choices or [], a.boolean)
            for a in wanted.attributes or []
        ],
        price_min=wanted.price_min,
        price_max=wanted.price_max,
        in_stock=wanted.in_stock,
        search=search,
        sort=sort.field if sort else None,
        direction=sort.direction if sort else None,
    )


@strawberry.type(description="An attribute value and how many listed products have it.")
class FacetValue:
    choice: AttributeChoice | None = strawberry.field(description="The choice (select kinds).")
    boolean: bool | None = strawberry.field(description="The value (boolean attributes).")
    count: int = strawberry.field(description="Listed products with it.")


@strawberry.type(description="Counts per value of one filterable attribute.")
class AttributeFacet:
    attribute: Attribute = strawberry.field(description="The attribute.")
    values: list[FacetValue] = strawberry.field(description="Values with at least one product.")


@strawberry.type(description="A category and how many listed products are in it or below it.")
class CategoryFacet:
    category: Category = strawberry.field(description="The category.")
    count: int = strawberry.field(description="Listed products in it or below it.")


@strawberry.type(
    description=(
        "Listed products with a variant priced in [start, stop): what the listing shows with "
        "priceMin = start and priceMax = stop less one minor unit."
    )
)
class PriceFacet:
    start: Money = strawberry.field(description="Lower bound (inclusive).")
    stop: Money = strawberry.field(description="Upper bound (exclusive).")
    count: int = strawberry.field(description="Listed products with a variant priced in it.")


@strawberry.type(description="Counts for a filter UI over everything the filter lists.")
class ProductFacets:
    total: int = strawberry.field(description="Products listed.")
    attributes: list[AttributeFacet] = strawberry.field(
        description=(
            "Per attribute value. An attribute the filter names is counted without its own "
            "condition (so its other values show what choosing them too would add)."
        )
    )
    categories: list[CategoryFacet] = strawberry.field(description="Per category.")
    prices: list[PriceFacet] = strawberry.field(
        description="Price buckets (storefront requests only)."
    )
