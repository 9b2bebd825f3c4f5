"""Product listings as SQL: one statement per page, whatever the filters and sort.

Sorted pages are keyset pages over (sort value, id): the cursor is the last product's id, and
its sort value is recomputed in the same statement, so cursors stay short and opaque.
"""

from collections import defaultdict
from dataclasses import replace
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, distinct, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import Select

from domain.catalog.categories import Category
from domain.catalog.facets import FacetCounts
from domain.catalog.listings import ProductListing
from domain.catalog.product_search import ProductPage, ProductQuery, ProductSortField
from domain.catalog.products import Product
from domain.pagination import Page, PageRequest
from persistence import search_index, tables

P = tables.products
L = tables.product_listings
PV = tables.product_variants
VP = tables.variant_prices
S = tables.stocks
SW = tables.storefront_warehouses
CP = tables.collection_products
V = tables.attribute_values

NO_PRICE_LAST = 10**16  # above any price (prices are capped at 10^15 minor units)


def _dialect(session: AsyncSession) -> str:
    bind: Any = session.bind
    return str(bind.dialect.name)


def _lowest_price(query: ProductQuery) -> ColumnElement[Any]:
    """The product's lowest live variant price in the storefront (its currency only)."""
    return (
        select(func.min(VP.c.amount))
        .select_from(VP.join(PV, PV.c.id == VP.c.variant_id))
        .where(PV.c.product_id == P.c.id, PV.c.archived_at.is_(None))
        .where(VP.c.storefront_id == query.storefront_id, VP.c.currency == query.currency)
        .scalar_subquery()
    )


def _live_variant(variant_id: Any) -> Any:
    return exists().where(PV.c.id == variant_id, PV.c.archived_at.is_(None))


def _in_stock(query: ProductQuery) -> Any:
    warehouses = select(SW.c.warehouse_id).where(SW.c.storefront_id == query.storefront_id)
    sellable = exists().where(
        S.c.variant_id == PV.c.id, S.c.quantity > S.c.reserved, S.c.warehouse_id.in_(warehouses)
    )
    return exists().where(
        PV.c.product_id == P.c.id,
        PV.c.archived_at.is_(None),
        or_(PV.c.track_inventory.is_(False), sellable),
    )


def _priced_within(query: ProductQuery) -> Any:
    conditions = [
        PV.c.id == VP.c.variant_id,
        PV.c.product_id == P.c.id,
        PV.c.archived_at.is_(None),
        VP.c.storefront_id == query.storefront_id,
        VP.c.currency == query.currency,
    ]
    if query.price_min is not None:
        conditions.append(VP.c.amount >= query.price_min)
    if query.price_max is not None:
        conditions.append(VP.c.amount <= query.price_max)
    return exists().where(*conditions)


def _has_attribute(attribute_id: UUID, choice_ids: Any, boolean: bool | None) -> Any:
    value = V.c.boolean == boolean if boolean is not None else V.c.choice_id.in_(choice_ids)
    return exists().where(
        V.c.product_id == P.c.id,
        V.c.attribute_id == attribute_id,
        value,
        or_(V.c.variant_id.is_(None), _live_variant(V.c.variant_id)),
    )


def filtered(statement: Select[Any], query: ProductQuery, dialect: str) -> Select[Any]:
    """`statement` (over products) narrowed to what the query lists."""
    if query.storefront_id is not None:
        statement = statement.join(
            ProductListing, (L.c.product_id == P.c.id) & (L.c.storefront_id == query.storefront_id)
        ).where(
            L.c.is_published.is_(True),
            or_(L.c.available_from.is_(None), L.c.available_from <= query.now),
        )
    if query.matches_nothing:
        statement = statement.where(false())
    if not query.include_archived:
        statement = statement.where(P.c.archived_at.is_(None))
    if query.category_ids is not None:
        statement = statement.where(P.c.category_id.in_(query.category_ids))
    if query.collection_id is not None:
        statement = statement.where(
            exists().where(CP.c.product_id == P.c.id, CP.c.collection_id == query.collection_id)
        )
    for condition in query.attributes:
        statement = statement.where(
            _has_attribute(condition.attribute_id, condition.choice_ids, condition.boolean)
        )
    if query.price_min is not None or query.price_max is not None:
        statement = statement.where(_priced_within(query))
    if query.in_stock:
        statement = statement.where(_in_stock(query))
    if query.terms:
        statement = search_index.matching(statement, dialect, query.terms)
    return statement


def _sort_value(query: ProductQuery, dialect: str) -> ColumnElement[Any] | None:
    match query.sort:
        case ProductSortField.NAME:
            return func.lower(P.c.name)
        case ProductSortField.PRICE:
            missing = -1 if query.descending else NO_PRICE_LAST
            return func.coalesce(_lowest_price(query), missing)
        case ProductSortField.RELEVANCE:
            return search_index.rank(dialect, query.terms)
        case ProductSortField.COLLECTION:
            return (
                select(CP.c.position)
                .where(CP.c.product_id == P.c.id, CP.c.collection_id == query.collection_id)
                .scalar_subquery()
            )
    return None  # CREATED: the id itself is time-ordered


def _after(
    value: ColumnElement[Any] | None, cursor: UUID, query: ProductQuery, dialect: str, later: bool
) -> Any:
    """Rows past the cursor in the direction of travel (`later`: towards the end)."""
    ahead = later != query.descending
    beyond = P.c.id > cursor if ahead else P.c.id < cursor
    if value is None:
        return beyond
    # From the Product entity, so the cursor's product is looked up in the tenant's scope only.
    cursor_value = select(value).select_from(Product)
    if query.sort is ProductSortField.RELEVANCE:
        cursor_value = search_index.matching(cursor_value, dialect, query.terms)
    mark = cursor_value.where(P.c.id == cursor).correlate_except(P).scalar_subquery()
    return or_(value > mark if ahead else value < mark, and_(value == mark, beyond))


async def listing_page(
    session: AsyncSession, query: ProductQuery, request: PageRequest, with_categories: bool
) -> ProductPage:
    """One statement; with the products' categories joined when asked for (as an entity, so
    the tenant criteria apply to it too)."""
    dialect = _dialect(session)
    statement: Select[Any] = select(Product)
    if with_categories:
        statement = statement.add_columns(Category).outerjoin(
            Category, tables.categories.c.id == P.c.category_id
        )
    statement = filtered(statement, query, dialect)
    value = _sort_value(query, dialect)
    if request.after is not None:
        statement = statement.where(_after(value, request.after, query, dialect, later=True))
    if request.before is not None:
        statement = statement.where(_after(value, request.before, query, dialect, later=False))
    keys = [value, P.c.id] if value is not None else [P.c.id]
    reverse = request.backwards != query.descending
    statement = statement.order_by(*(k.desc() if reverse else k.asc() for k in keys))
    found: list[Any] = list((await session.execute(statement.limit(request.size + 1))).all())
    more = len(found) > request.size
    found = found[: request.size]
    if request.backwards:
        found.reverse()
        following, preceding = request.before is not None, more
    else:
        following, preceding = more, request.after is not None
    categories = [row[1] for row in found if with_categories and row[1] is not None]
    page = Page([row[0] for row in found], has_next_page=following, has_previous_page=preceding)
    return ProductPage(page, categories)


async def facet_counts(session: AsyncSession, query: ProductQuery) -> FacetCounts:
    """Counts over every product the query lists: three statements, none per product, and one
    more per attribute the query filters on.

    Attribute values are counted disjunctively, as shoppers expect from a filter panel: the
    values of an attribute being filtered on are counted without that attribute's own
    condition, so ticking "red" still shows how many are blue (and choosing blue as well would
    list them), while every other facet counts what the whole filter lists.
    """
    dialect = _dialect(session)
    matching = filtered(select(Product), query, dialect).subquery()
    ids = select(matching.c.id)
    choices, booleans = await _value_counts(session, ids)
    for condition in query.attributes:
        others = replace(query, attributes=tuple(c for c in query.attributes if c != condition))
        without = select(filtered(select(Product), others, dialect).subquery().c.id)
        own_choices, own_booleans = await _value_counts(session, without, condition.attribute_id)
        choices = {k: v for k, v in choices.items() if k[0] != condition.attribute_id}
        booleans = {k: v for k, v in booleans.items() if k[0] != condition.attribute_id}
        choices.update(own_choices)
        booleans.update(own_booleans)
    per_category: dict[UUID | None, int] = defaultdict(int)
    for (category_id,) in (await session.execute(select(matching.c.category_id))).all():
        per_category[category_id] += 1
    prices: dict[UUID, set[int]] = defaultdict(set)
    if query.storefront_id is not None:
        priced = (
            select(PV.c.product_id, VP.c.amount)
            .join(VP, VP.c.variant_id == PV.c.id)
            .where(PV.c.product_id.in_(ids), PV.c.archived_at.is_(None))
            .where(VP.c.storefront_id == query.storefront_id, VP.c.currency == query.currency)
            .distinct()
        )
        # Within a price filter, only the prices it accepts: a product listed for its 120.00
        # variant does not count in the 80-100 bucket for its 90.00 one.
        if query.price_min is not None:
            priced = priced.where(VP.c.amount >= query.price_min)
        if query.price_max is not None:
            priced = priced.where(VP.c.amount <= query.price_max)
        for product_id, amount in (await session.execute(priced)).all():
            prices[product_id].add(amount)
    total = sum(per_category.values())
    categories = {k: v for k, v in per_category.items() if k is not None}
    return FacetCounts(
        total, choices, booleans, categories, [frozenset(p) for p in prices.values()]
    )


async def _value_counts(
    session: AsyncSession, product_ids: Select[Any], attribute_id: UUID | None = None
) -> tuple[dict[tuple[UUID, UUID], int], dict[tuple[UUID, bool], int]]:
    """Products among `product_ids` per (attribute, choice) and per (attribute, boolean)."""
    statement = (
        select(V.c.attribute_id, V.c.choice_id, V.c.boolean, func.count(distinct(V.c.product_id)))
        .where(V.c.product_id.in_(product_ids))
        .where(or_(V.c.variant_id.is_(None), _live_variant(V.c.variant_id)))
        .where(or_(V.c.choice_id.is_not(None), V.c.boolean.is_not(None)))
        .group_by(V.c.attribute_id, V.c.choice_id, V.c.boolean)
    )
    if attribute_id is not None:
        statement = statement.where(V.c.attribute_id == attribute_id)
    choices: dict[tuple[UUID, UUID], int] = {}
    booleans: dict[tuple[UUID, bool], int] = {}
    for attribute, choice_id, boolean, count in (await session.execute(statement)).all():
        if choice_id is not None:
            choices[(attribute, choice_id)] = count
        else:
            booleans[(attribute, bool(boolean))] = count
    return choices, booleans
