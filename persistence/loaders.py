"""Batch functions behind the per-request dataloaders. Each batch reads in its own session.

Results come back in key order, None (or an empty list) where nothing matches.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import and_, bindparam, case, func, or_, select

from domain.catalog.inventory import Stock
from domain.catalog.listings import Shelf, ShelfPrice, VariantPrice
from domain.catalog.variants import ProductVariant, VariantRow
from domain.checkout.offers import NO_GROUPS, ProductGroups
from domain.orders.orders import OrderLine
from domain.payments.gift_cards import GiftCard
from domain.promotions.promotion import Kind, Promotion
from domain.promotions.stored import StoredPromotion
from domain.staff import Role, StaffRole
from persistence import tables
from persistence.database import Database, retry_after_disconnect
from persistence.prepared_reads import PreparedRead, one_of
from persistence.product_groups import product_groups

T = TypeVar("T")


@retry_after_disconnect
async def load_by_ids(
    database: Database, merchant_id: UUID | None, entity: type[T], ids: Sequence[UUID]
) -> list[T | None]:
    key: Any = entity.id  # type: ignore[attr-defined]
    async with database.reading(merchant_id) as session:
        rows = (await session.execute(select(entity).where(key.in_(set(ids))))).scalars()
        found = {row.id: row for row in rows}  # type: ignore[attr-defined]
    return [found.get(id) for id in ids]


@retry_after_disconnect
async def load_roles_of_staff(
    database: Database, merchant_id: UUID | None, staff_ids: Sequence[UUID]
) -> list[list[Role]]:
    statement = (
        select(StaffRole, Role)  # entities, not bare columns: the tenant criteria apply to both
        .join(Role, tables.roles.c.id == tables.staff_roles.c.role_id)
        .where(tables.staff_roles.c.staff_id.in_(set(staff_ids)))
        .order_by(tables.roles.c.name)
    )
    grouped: dict[UUID, list[Role]] = defaultdict(list)
    async with database.reading(merchant_id) as session:
        for membership, role in (await session.execute(statement)).all():
            grouped[membership.staff_id].append(role)
    return [grouped.get(id, []) for id in staff_ids]


@retry_after_disconnect
async def load_grouped(
    database: Database,
    merchant_id: UUID | None,
    entity: type[T],
    column: Any,
    keys: Sequence[UUID],
    *,
    live_only: bool = False,
    where: Any = None,
) -> list[list[T]]:
    # `keys` comes last among the positionals: the loaders bind everything before it.
    """Rows of `entity` whose `column` is each key (ordered by id), also meeting `where`."""
    statement = select(entity).where(column.in_(set(keys))).order_by(column.table.c.id)
    if live_only:
        statement = statement.where(column.table.c.archived_at.is_(None))
    if where is not None:
        statement = statement.where(where)
    grouped: dict[UUID, list[T]] = defaultdict(list)
    async with database.reading(merchant_id) as session:
        for row in (await session.execute(statement)).scalars():
            grouped[getattr(row, column.name)].append(row)
    return [grouped.get(key, []) for key in keys]


@retry_after_disconnect
async def load_sold_gift_cards(
    database: Database, merchant_id: UUID | None, order_ids: Sequence[UUID]
) -> list[list[GiftCard]]:
    """The gift cards each order bought, in the order of its lines: one statement."""
    line = tables.order_lines.c
    statement = (
        select(GiftCard, OrderLine)  # entities: the tenant criteria apply to both
        .join(OrderLine, line.id == tables.gift_cards.c.order_line_id)
        .where(line.order_id.in_(set(order_ids)))
        .order_by(line.order_id, line.position, tables.gift_cards.c.id)
    )
    grouped: dict[UUID, list[GiftCard]] = defaultdict(list)
    async with database.reading(merchant_id) as session:
        for card, order_line in (await session.execute(statement)).all():
            grouped[order_line.order_id].append(card)
    return [grouped.get(id, []) for id in order_ids]


@retry_after_disconnect
async def load_by_pairs(
    database: Database,
    merchant_id: UUID | None,
    entity: type[T],
    columns: tuple[Any, Any],
    pairs: Sequence[tuple[UUID, UUID]],
) -> list[T | None]:
    """Rows of `entity` by a two-column key such as (variant, storefront)."""
    first, second = columns
    statement = select(entity).where(
        first.in_({a for a, _ in pairs}), second.in_({b for _, b in pairs})
    )
    async with database.reading(merchant_id) as session:
        rows = (await session.execute(statement)).scalars()
        found = {(getattr(r, first.name), getattr(r, second.name)): r for r in rows}
    return [found.get(pair) for pair in pairs]


@retry_after_disconnect
async def load_shelves(
    database: Database, merchant_id: UUID | None, pairs: Sequence[tuple[UUID, UUID]]
) -> list[Shelf]:
    """Each (variant, storefront)'s shelf (`_shelved`): one statement per storefront (a
    request has one)."""
    found: dict[tuple[UUID, UUID], Shelf] = {}
    async with database.reading(merchant_id) as session:
        for storefront_id, variant_ids in _by_storefront(pairs).items():
            parameters = {"storefront": storefront_id, "keys": list(variant_ids)}
            for row in await SHELVES_OF_VARIANTS.rows(session, parameters):
                found[(row[0], storefront_id)] = _shelf(row[1:])
    return [found.get(pair, Shelf(None, 0)) for pair in pairs]


@retry_after_disconnect
async def load_shelved_variants(
    database: Database, merchant_id: UUID | None, pairs: Sequence[tuple[UUID, UUID]]
) -> list[list[tuple[VariantRow, Shelf]]]:
    """Each (product, storefront)'s live variants, ordered by id, each with its shelf there:
    one statement per storefront (a request has one) for a whole page of products. The
    variants are plain rows (`VariantRow`): storefront reads only read them."""
    grouped: dict[tuple[UUID, UUID], list[tuple[VariantRow, Shelf]]] = defaultdict(list)
    width = len(_VARIANT_COLUMNS)
    async with database.reading(merchant_id) as session:
        for storefront_id, product_ids in _by_storefront(pairs).items():
            parameters = {"storefront": storefront_id, "keys": list(product_ids)}
            for row in await SHELVED_VARIANTS_OF_PRODUCTS.rows(session, parameters):
                variant = VariantRow(*row[:width])
                grouped[(variant.product_id, storefront_id)].append((variant, _shelf(row[width:])))
    return [grouped.get(pair, []) for pair in pairs]


def _by_storefront(pairs: Sequence[tuple[UUID, UUID]]) -> dict[UUID, set[UUID]]:
    found: dict[UUID, set[UUID]] = defaultdict(set)
    for key, storefront_id in pairs:
        found[storefront_id].add(key)
    return found


_VARIANT_COLUMNS = VariantRow._fields


def _shelves_of_variants(dialect: str) -> Any:
    variant: Any = ProductVariant
    return _shelved(variant.id).where(one_of(variant.id, "keys", dialect))


def _shelved_variants_of_products(dialect: str) -> Any:
    variant: Any = ProductVariant
    return (
        _shelved(*(getattr(variant, name) for name in _VARIANT_COLUMNS))
        .where(one_of(variant.product_id, "keys", dialect), variant.archived_at.is_(None))
        .order_by(variant.id)
    )


SHELVES_OF_VARIANTS = PreparedRead(_shelves_of_variants)
SHELVED_VARIANTS_OF_PRODUCTS = PreparedRead(_shelved_variants_of_products)


def _shelved(*head: Any) -> Any:
    """`head` (a variant's columns, or its id) with its price in the storefront
    (`:storefront`) and the units the storefront's warehouses can sell, summed in SQL (a stock
    row's available units never go below zero, as `Stock.available`). The entities' columns
    (not the tables') keep the tenant criteria on the variants, their prices and the stock
    rows; the link rows joined to stock are then the merchant's too."""
    variant: Any = ProductVariant
    price: Any = VariantPrice
    stock: Any = Stock
    link = tables.storefront_warehouses.c
    storefront: Any = bindparam("storefront")
    units = case((stock.quantity > stock.reserved, stock.quantity - stock.reserved), else_=0)
    available = (
        select(func.sum(units))
        .join(tables.storefront_warehouses, link.warehouse_id == stock.warehouse_id)
        .where(stock.variant_id == variant.id, link.storefront_id == storefront)
        .scalar_subquery()
    )
    return (
        select(
            *head,
            price.currency,
            price.amount,
            price.compare_at_amount,
            price.cost_amount,
            available.label("available"),
        )
        .select_from(variant)
        .outerjoin(price, and_(price.variant_id == variant.id, price.storefront_id == storefront))
    )


def _shelf(values: Sequence[Any]) -> Shelf:
    """(currency, amount, compare-at amount, cost amount, available units) as a shelf."""
    currency, amount, compare_at, cost, available = values
    price = None if amount is None else ShelfPrice(currency, amount, compare_at, cost)
    return Shelf(price, int(available or 0))


@retry_after_disconnect
async def load_catalog_promotions(
    database: Database, merchant_id: UUID | None, keys: Sequence[UUID]
) -> list[tuple[Promotion, ...]]:
    """The merchant's live catalog promotions (sale prices), as the engine takes them, but
    not those used up (uses or budget: a cart would no longer get them); keyed by merchant id
    (a request has one), one statement."""
    c = tables.promotions.c
    statement = select(StoredPromotion).where(
        c.is_archived.is_(False),
        c.kind == Kind.CATALOG.value,
        or_(c.usage_limit.is_(None), c.times_used < c.usage_limit),
        or_(c.budget_amount.is_(None), c.discount_given < c.budget_amount),
    )
    async with database.reading(merchant_id) as session:
        found = tuple(row.definition for row in (await session.execute(statement)).scalars())
    return [found if key == merchant_id else () for key in keys]


@retry_after_disconnect
async def load_product_groups(
    database: Database, merchant_id: UUID | None, product_ids: Sequence[UUID]
) -> list[ProductGroups]:
    """Each product's categories (with their ancestors) and collections: one statement."""
    async with database.reading(merchant_id) as session:
        found = await product_groups(session, product_ids)
    return [found.get(id, NO_GROUPS) for id in product_ids]
