"""Batch functions behind the per-request dataloaders. Each batch reads in its own session.

Results come back in key order, None (or an empty list) where nothing matches.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import select

from domain.catalog.inventory import Stock
from domain.staff import Role, StaffRole
from persistence import tables
from persistence.database import Database

T = TypeVar("T")


async def load_by_ids(
    database: Database, merchant_id: UUID | None, entity: type[T], ids: Sequence[UUID]
) -> list[T | None]:
    key: Any = entity.id  # type: ignore[attr-defined]
    async with database.reading(merchant_id) as session:
        rows = (await session.execute(select(entity).where(key.in_(set(ids))))).scalars()
        found = {row.id: row for row in rows}  # type: ignore[attr-defined]
    return [found.get(id) for id in ids]


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


async def load_available_stock(
    database: Database, merchant_id: UUID | None, pairs: Sequence[tuple[UUID, UUID]]
) -> list[int]:
    """Units of each (variant, storefront) the storefront's warehouses can sell: one statement.

    Selecting the Stock entity (not bare columns) keeps the tenant criteria on the stock rows;
    the link rows joined to them are then the same merchant's by construction.
    """
    link = tables.storefront_warehouses.c
    statement = (
        select(Stock, link.storefront_id)
        .join(tables.storefront_warehouses, link.warehouse_id == tables.stocks.c.warehouse_id)
        .where(tables.stocks.c.variant_id.in_({v for v, _ in pairs}))
        .where(link.storefront_id.in_({s for _, s in pairs}))
    )
    totals: dict[tuple[UUID, UUID], int] = defaultdict(int)
    async with database.reading(merchant_id) as session:
        for stock, storefront_id in (await session.execute(statement)).all():
            totals[(stock.variant_id, storefront_id)] += stock.available
    return [totals.get(pair, 0) for pair in pairs]
