"""Warehouses and stock. Tenant scope comes from the session, as everywhere."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.inventory import Stock, StorefrontWarehouse, Warehouse
from domain.ids import new_id
from persistence import tables
from persistence.catalog_changes import CHANGE_REPORTED, report_stock_change
from persistence.repositories import SqlRepository


class WarehouseRepository(SqlRepository[Warehouse]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Warehouse)

    async def link(self, storefront_id: UUID, warehouse_ids: Sequence[UUID]) -> None:
        links = tables.storefront_warehouses
        await self.session.execute(
            delete(StorefrontWarehouse).where(links.c.storefront_id == storefront_id)
        )
        for warehouse_id in warehouse_ids:
            # merchant_id is stamped by the session's tenant scope on flush.
            self.session.add(
                StorefrontWarehouse(new_id(), None, storefront_id, warehouse_id)  # type: ignore[arg-type]
            )


class StockRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, variant_id: UUID, warehouse_id: UUID) -> Stock | None:
        t = tables.stocks
        statement = select(Stock).where(
            t.c.variant_id == variant_id, t.c.warehouse_id == warehouse_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def of_variant(self, variant_id: UUID) -> list[Stock]:
        statement = select(Stock).where(tables.stocks.c.variant_id == variant_id)
        return list((await self.session.execute(statement)).scalars())

    def add(self, stock: Stock) -> None:
        self.session.add(stock)

    async def available_totals(self, variant_ids: Sequence[UUID]) -> dict[UUID, int]:
        stock: Any = Stock
        units = case((stock.quantity > stock.reserved, stock.quantity - stock.reserved), else_=0)
        statement = (
            select(stock.variant_id, func.sum(units))
            .where(stock.variant_id.in_(set(variant_ids)))
            .group_by(stock.variant_id)
        )
        rows = (await self.session.execute(statement)).all()
        return {variant_id: int(total) for variant_id, total in rows}

    async def reserve(
        self, variant_id: UUID, warehouse_id: UUID, units: int, now: datetime
    ) -> bool:
        c = tables.stocks.c
        statement = (
            update(Stock)
            .where(c.variant_id == variant_id, c.warehouse_id == warehouse_id)
            .where(c.quantity - c.reserved >= units)
            .values(reserved=c.reserved + units, updated_at=now)
            .returning(c.merchant_id, c.quantity, c.reserved)
            .execution_options(synchronize_session=False, **CHANGE_REPORTED)
        )
        row = (await self.session.execute(statement)).first()
        if row is None:
            return False
        merchant_id, quantity, reserved = row
        # Only a sale that empties the row changes what a cached `inStock` says.
        report_stock_change(
            self.session.sync_session, merchant_id, crossed_zero=quantity == reserved
        )
        return True

    async def release(
        self, variant_id: UUID, warehouse_id: UUID, units: int, now: datetime
    ) -> None:
        c = tables.stocks.c
        statement = (
            update(Stock)
            .where(c.variant_id == variant_id, c.warehouse_id == warehouse_id)
            .values(
                reserved=case((c.reserved > units, c.reserved - units), else_=0), updated_at=now
            )
            .returning(c.merchant_id, c.quantity, c.reserved)
            .execution_options(synchronize_session=False, **CHANGE_REPORTED)
        )
        for merchant_id, quantity, reserved in (await self.session.execute(statement)).all():
            after = max(0, quantity - reserved)
            before = max(0, quantity - min(quantity, reserved + units))
            report_stock_change(
                self.session.sync_session, merchant_id, crossed_zero=(before == 0) != (after == 0)
            )

    async def take(
        self, variant_id: UUID, warehouse_id: UUID, units: int, reserved: bool, now: datetime
    ) -> bool:
        # Shipped units leave the shelf: from the order's reservation when it holds one (the
        # available count does not move), else from what is unreserved (it does).
        c = tables.stocks.c
        statement = update(Stock).where(c.variant_id == variant_id, c.warehouse_id == warehouse_id)
        if reserved:
            statement = statement.where(c.reserved >= units, c.quantity >= units).values(
                quantity=c.quantity - units, reserved=c.reserved - units, updated_at=now
            )
        else:
            statement = statement.where(c.quantity - c.reserved >= units).values(
                quantity=c.quantity - units, updated_at=now
            )
        statement = statement.returning(c.merchant_id, c.quantity, c.reserved).execution_options(
            synchronize_session=False, **CHANGE_REPORTED
        )
        row = (await self.session.execute(statement)).first()
        if row is None:
            return False
        merchant_id, quantity, left_reserved = row
        report_stock_change(
            self.session.sync_session,
            merchant_id,
            crossed_zero=not reserved and quantity == left_reserved,
        )
        return True

    async def restock(
        self, variant_id: UUID, warehouse_id: UUID, units: int, now: datetime
    ) -> None:
        c = tables.stocks.c
        statement = (
            update(Stock)
            .where(c.variant_id == variant_id, c.warehouse_id == warehouse_id)
            .values(quantity=c.quantity + units, updated_at=now)
            .returning(c.merchant_id, c.quantity, c.reserved)
            .execution_options(synchronize_session=False, **CHANGE_REPORTED)
        )
        for merchant_id, quantity, reserved in (await self.session.execute(statement)).all():
            report_stock_change(
                self.session.sync_session, merchant_id, crossed_zero=quantity - units <= reserved
            )
