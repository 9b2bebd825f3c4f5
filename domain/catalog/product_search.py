"""What a products listing asks for: filters, search words and sort, checked and resolved.

The storage behind `ProductRepository.listing` / `.facets` answers a `ProductQuery`; full-text
search is PostgreSQL's tsvector or SQLite's FTS5 there, the same words and rules here.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from uuid import UUID

from domain.catalog.attributes import AttributeKind
from domain.catalog.categories import Category, descendants
from domain.catalog.listings import ProductListing
from domain.catalog.products import Product
from domain.errors import ErrorCode, UserError
from domain.money import Money
from domain.pagination import Page
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork

MAX_TERMS = 8
MAX_ATTRIBUTE_FILTERS = 10
MAX_FILTER_CHOICES = 100
PRICE_BOUND_LIMIT = 10**15 + 1  # prices are at most 10^15 minor units; BIGINT holds this
MAX_BOUND_DIGITS = 30  # a bound up to 10^30 is accepted (as no bound); beyond, refused
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ProductPage:
    """A listing page, and (when asked for) its products' categories, read with it."""

    page: Page[Product]
    categories: list[Category]


@dataclass(frozen=True)
class ShownProduct:
    """A product found for a storefront, with its listing there (None: not listed) and its
    category, read with it: what its visibility check and `category` field look up next."""

    product: Product
    listing: ProductListing | None
    category: Category | None


class ProductSortField(StrEnum):
    NAME = "NAME"
    PRICE = "PRICE"
    CREATED = "CREATED"
    RELEVANCE = "RELEVANCE"
    COLLECTION = "COLLECTION"


class SortDirection(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


def search_terms(text: str | None) -> tuple[str, ...]:
    """Lower-case words; each matches as a prefix ("shoe" finds "shoes"), all must match."""
    words = [w[:40] for w in _WORD.findall((text or "").lower())]
    return tuple(dict.fromkeys(words))[:MAX_TERMS]


@dataclass(frozen=True)
class AttributeFilterInput:
    """Products having any of these choices (or this boolean) for the attribute."""

    attribute: str  # slug
    choices: Sequence[str] = ()
    boolean: bool | None = None


@dataclass(frozen=True)
class ProductFilterInput:
    category_id: UUID | None = None
    collection_id: UUID | None = None
    attributes: Sequence[AttributeFilterInput] = ()
    price_min: str | None = None
    price_max: str | None = None
    in_stock: bool = False
    search: str | None = None
    sort: ProductSortField | None = None
    direction: SortDirection | None = None


@dataclass(frozen=True)
class AttributeCondition:
    attribute_id: UUID
    choice_ids: frozenset[UUID] = frozenset()
    boolean: bool | None = None


@dataclass(frozen=True)
class ProductQuery:
    """A resolved listing request. Without a storefront (staff) every product is listed."""

    storefront_id: UUID | None
    currency: str | None
    now: datetime
    category_ids: frozenset[UUID] | None = None
    collection_id: UUID | None = None
    attributes: tuple[AttributeCondition, ...] = ()
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False
    terms: tuple[str, ...] = ()
    sort: ProductSortField = ProductSortField.CREATED
    descending: bool = False
    include_archived: bool = False
    # Search text was given but held no word (e.g. "%"): nothing matches it.
    matches_nothing: bool = False


def _price(text: str | None, currency: str | None, field: str) -> int | None:
    if text is None:
        return None
    if currency is None:
        raise UserError("Price filters need a storefront token.", field=field)
    try:
        # Checked before parsing: expanding an exponent like 1e999999 takes a minute of CPU.
        too_large = Decimal(text).adjusted() > MAX_BOUND_DIGITS
    except InvalidOperation:
        too_large = False  # Money.parse says what is wrong with it
    if too_large:
        raise UserError("This price is too large.", field=field)
    try:
        amount = Money.parse(text, currency).amount
    except UserError as error:
        raise UserError(error.message, field=field) from None
    if amount < 0:
        raise UserError("Prices cannot be negative.", field=field)
    return amount


def _bounded(amount: int | None) -> int | None:
    """A bound the database can compare: beyond every price (at most 10^15), it is one above."""
    return None if amount is None else min(amount, PRICE_BOUND_LIMIT)


async def _attribute_conditions(
    uow: UnitOfWork, filters: Sequence[AttributeFilterInput]
) -> tuple[AttributeCondition, ...]:
    if len(filters) > MAX_ATTRIBUTE_FILTERS:
        raise UserError(f"At most {MAX_ATTRIBUTE_FILTERS} attribute filters.", field="attributes")
    conditions = []
    for index, wanted in enumerate(filters):
        path = f"attributes.{index}"
        attribute = await uow.attributes.by_slug(wanted.attribute.strip().lower())
        if attribute is None or not attribute.filterable:
            raise UserError(
                "No filterable attribute with this slug.",
                field=f"{path}.attribute",
                code=ErrorCode.NOT_FOUND,
            )
        if attribute.attribute_kind is AttributeKind.BOOLEAN:
            if wanted.boolean is None:
                raise UserError(
                    f"'{attribute.name}' filters by `boolean`.", field=f"{path}.boolean"
                )
            conditions.append(AttributeCondition(attribute.id, boolean=wanted.boolean))
            continue
        if len(wanted.choices) > MAX_FILTER_CHOICES:
            raise UserError(
                f"At most {MAX_FILTER_CHOICES} choices per attribute.", field=f"{path}.choices"
            )
        by_slug = {choice.slug: choice for choice in attribute.choice_list}
        choice_ids = set()
        for slug in dict.fromkeys(wanted.choices):
            choice = by_slug.get(slug.strip().lower())
            if choice is None:
                raise UserError(
                    f"'{attribute.name}' has no choice '{slug}'.",
                    field=f"{path}.choices",
                    code=ErrorCode.NOT_FOUND,
                )
            choice_ids.add(choice.id)
        if not choice_ids:
            raise UserError(f"'{attribute.name}' filters by `choices`.", field=f"{path}.choices")
        conditions.append(AttributeCondition(attribute.id, frozenset(choice_ids)))
    return tuple(conditions)


def _sort(
    wanted: ProductFilterInput, terms: tuple[str, ...], storefront: Storefront | None
) -> tuple[ProductSortField, bool]:
    default = (
        ProductSortField.RELEVANCE
        if terms
        else ProductSortField.COLLECTION
        if wanted.collection_id
        else ProductSortField.CREATED
    )
    sort = wanted.sort or default
    if sort is ProductSortField.RELEVANCE and not terms:
        raise UserError("Sorting by relevance needs search words.", field="sortBy")
    if sort is ProductSortField.COLLECTION and wanted.collection_id is None:
        raise UserError("Sorting by collection position needs a collection.", field="sortBy")
    if sort is ProductSortField.PRICE and storefront is None:
        raise UserError("Sorting by price needs a storefront token.", field="sortBy")
    direction = wanted.direction or (
        SortDirection.DESC if sort is ProductSortField.RELEVANCE else SortDirection.ASC
    )
    return sort, direction is SortDirection.DESC


async def product_query(
    uow: UnitOfWork, storefront: Storefront | None, wanted: ProductFilterInput, now: datetime
) -> ProductQuery:
    """Check the filter input and resolve slugs and subtrees; unknown ones are user errors."""
    currency = storefront.currency if storefront else None
    category_ids = None
    if wanted.category_id is not None:
        if await uow.categories.get(wanted.category_id) is None:
            raise UserError(
                "No category with this id.", field="categoryId", code=ErrorCode.NOT_FOUND
            )
        category_ids = frozenset(descendants([wanted.category_id], await uow.categories.all()))
    if wanted.collection_id is not None and await uow.collections.get(wanted.collection_id) is None:
        raise UserError(
            "No collection with this id.", field="collectionId", code=ErrorCode.NOT_FOUND
        )
    if wanted.in_stock and storefront is None:
        raise UserError("The in-stock filter needs a storefront token.", field="inStock")
    terms = search_terms(wanted.search)
    sort, descending = _sort(wanted, terms, storefront)
    low = _price(wanted.price_min, currency, "priceMin")
    high = _price(wanted.price_max, currency, "priceMax")
    if low is not None and high is not None and low > high:
        raise UserError("The lowest price is above the highest.", field="priceMin")
    query = ProductQuery(
        storefront_id=storefront.id if storefront else None,
        currency=currency,
        now=now,
        category_ids=category_ids,
        collection_id=wanted.collection_id,
        attributes=await _attribute_conditions(uow, wanted.attributes),
        price_min=_bounded(low),
        price_max=_bounded(high),
        in_stock=wanted.in_stock,
        terms=terms,
        sort=sort,
        descending=descending,
        include_archived=storefront is None,
        matches_nothing=bool((wanted.search or "").strip()) and not terms,
    )
    return query
