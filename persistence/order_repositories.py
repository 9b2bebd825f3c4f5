"""Orders and payments. Tenant scope comes from the session; the two statements that must be
atomic across processes (the order number, claiming lapsed orders) are written out here."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, exists, false, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.orders.fulfillments import Fulfillment, FulfillmentLine
from domain.orders.orders import Order, OrderAllocation, OrderLine, OrderStatus
from domain.orders.refunds import Refund
from domain.orders.returns import OrderReturn
from domain.orders.search import OrderQuery
from domain.pagination import Page, PageRequest
from domain.payments.payments import Payment
from persistence import tables
from persistence.repositories import SqlRepository, keyset_page
from persistence.tenancy import scope_of


def _criteria(query: OrderQuery) -> list[ColumnElement[bool]]:
    c = tables.orders.c
    found: list[ColumnElement[bool]] = []
    if query.status is not None:
        found.append(c.status == query.status)
    if query.storefront_id is not None:
        found.append(c.storefront_id == query.storefront_id)
    if query.customer_id is not None:
        found.append(c.customer_id == query.customer_id)
    if query.created_from is not None:
        found.append(c.created_at >= query.created_from)
    if query.created_until is not None:
        found.append(c.created_at <= query.created_until)
    if query.payment_status is not None:
        found.append(c.payment_status == query.payment_status)
    if query.fulfillment_status is not None:
        found.append(c.fulfillment_status == query.fulfillment_status)
    if query.search:
        found.append(_search(query.search))
    return found


def _search(search: str) -> ColumnElement[bool]:
    """An order number, part of the buyer's email, or a SKU bought (exactly, any case).
    "#1042" asks for the number only."""
    c = tables.orders.c
    text = search.strip()
    if text.startswith("#"):
        number = text.lstrip("#")
        if number.isdigit() and len(number) < 18:
            return c.number == int(number)
        return false()
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    lines = tables.order_lines.c
    matches: list[ColumnElement[bool]] = [
        c.email.like(f"%{escaped}%", escape="\\"),
        exists().where(lines.order_id == c.id, func.lower(lines.sku) == text.lower()),
    ]
    if text.isdigit() and len(text) < 18:
        matches.append(c.number == int(text))
    return or_(*matches)


class OrderRepository(SqlRepository[Order]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Order)

    async def claim_version(self, id: UUID, version: int) -> bool:
        # Core SQL, so the merchant is named explicitly (platform sessions: any merchant).
        c = tables.orders.c
        statement = update(tables.orders).where(c.id == id, c.version == version)
        if (merchant_id := scope_of(self.session.sync_session)) is not None:
            statement = statement.where(c.merchant_id == merchant_id)
        result = await self.session.execute(statement.values(version=c.version + 1))
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def by_cart(self, cart_id: UUID) -> Order | None:
        statement = select(Order).where(tables.orders.c.cart_id == cart_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def by_token(self, token: str) -> Order | None:
        statement = select(Order).where(tables.orders.c.token == token)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def next_number(self, merchant_id: UUID) -> int:
        # Core SQL: the merchant is named explicitly (and must be the session's own). One
        # upsert: the first order creates the counter, later ones add one under its row lock.
        assert scope_of(self.session.sync_session) in (merchant_id, None)
        counters = tables.order_counters
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(counters)
            .values(merchant_id=merchant_id, last_number=1)
            .on_conflict_do_update(
                index_elements=[counters.c.merchant_id],
                set_={"last_number": counters.c.last_number + 1},
            )
            .returning(counters.c.last_number)
        )
        return int((await self.session.execute(statement)).scalar_one())

    async def lines_of(self, order_id: UUID) -> list[OrderLine]:
        c = tables.order_lines.c
        statement = select(OrderLine).where(c.order_id == order_id).order_by(c.position)
        return list((await self.session.execute(statement)).scalars())

    async def allocations_of(self, order_id: UUID) -> list[OrderAllocation]:
        c = tables.order_allocations.c
        statement = select(OrderAllocation).where(c.order_id == order_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    async def remove(self, row: OrderLine | OrderAllocation) -> None:
        """Delete a line or fulfillment group now (order editing), so what points at it goes
        first: flushed at once, in the order the caller deletes them."""
        await self.session.delete(row)
        await self.session.flush()

    async def search(self, query: OrderQuery, request: PageRequest) -> Page[Order]:
        statement = select(Order).where(*_criteria(query))
        return await keyset_page(
            self.session, statement, tables.orders.c.id, request, newest_first=True
        )

    async def claim_lapsed(self, now: datetime, limit: int) -> list[Order]:
        c = tables.orders.c
        due = (
            select(c.id)
            .where(c.status == OrderStatus.UNPAID.value, c.expires_at <= now)
            .order_by(c.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if (merchant_id := scope_of(self.session.sync_session)) is not None:
            due = due.where(c.merchant_id == merchant_id)
        statement = (
            update(tables.orders)
            .where(c.id.in_(due.scalar_subquery()), c.status == OrderStatus.UNPAID.value)
            .values(
                status=OrderStatus.CANCELLED.value,
                cancelled_at=now,
                updated_at=now,
                version=c.version + 1,  # staff actions read before this are refused
            )
            .returning(c.id)
        )
        ids = list((await self.session.execute(statement)).scalars())
        if not ids:
            return []
        loaded = select(Order).where(c.id.in_(ids)).execution_options(populate_existing=True)
        return list((await self.session.execute(loaded)).scalars())


class PaymentRepository(SqlRepository[Payment]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Payment)

    async def of_order(self, order_id: UUID) -> list[Payment]:
        c = tables.payments.c
        statement = select(Payment).where(c.order_id == order_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())


class FulfillmentRepository(SqlRepository[Fulfillment]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Fulfillment)

    async def of_order(self, order_id: UUID) -> list[Fulfillment]:
        c = tables.fulfillments.c
        statement = select(Fulfillment).where(c.order_id == order_id).order_by(c.created_at, c.id)
        return list((await self.session.execute(statement)).scalars())

    async def lines_of(self, fulfillment_ids: list[UUID]) -> list[FulfillmentLine]:
        if not fulfillment_ids:
            return []
        c = tables.fulfillment_lines.c
        statement = (
            select(FulfillmentLine).where(c.fulfillment_id.in_(fulfillment_ids)).order_by(c.id)
        )
        return list((await self.session.execute(statement)).scalars())


class RefundRepository(SqlRepository[Refund]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Refund)

    async def of_order(self, order_id: UUID) -> list[Refund]:
        c = tables.refunds.c
        statement = select(Refund).where(c.order_id == order_id).order_by(c.created_at, c.id)
        return list((await self.session.execute(statement)).scalars())


class OrderReturnRepository(SqlRepository[OrderReturn]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, OrderReturn)

    async def of_order(self, order_id: UUID) -> list[OrderReturn]:
        c = tables.order_returns.c
        statement = select(OrderReturn).where(c.order_id == order_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())
