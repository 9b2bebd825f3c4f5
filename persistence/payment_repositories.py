"""Gift cards and their ledger. Tenant scope comes from the session, as everywhere."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from domain.pagination import Page, PageRequest
from domain.payments.gift_card_admin import GiftCardQuery
from domain.payments.gift_card_sales import SoldCard
from domain.payments.gift_cards import MAX_BALANCE, GiftCard, GiftCardTransaction
from persistence import tables
from persistence.repositories import SqlRepository, keyset_page
from persistence.tenancy import scope_of


def _criteria(query: GiftCardQuery) -> list[ColumnElement[bool]]:
    c = tables.gift_cards.c
    found: list[ColumnElement[bool]] = []
    if query.is_active is not None:
        found.append(c.is_active.is_(query.is_active))
    if query.customer_id is not None:
        found.append(c.customer_id == query.customer_id)
    if query.last4 is not None:
        found.append(c.last4.endswith(query.last4, autoescape=True))
    if query.code_digest is not None:
        found.append(c.code_digest == query.code_digest)
    return found


class GiftCardRepository(SqlRepository[GiftCard]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, GiftCard)

    async def by_digest(self, code_digest: str) -> GiftCard | None:
        statement = select(GiftCard).where(tables.gift_cards.c.code_digest == code_digest)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def of_customer(self, customer_id: UUID) -> list[GiftCard]:
        c = tables.gift_cards.c
        statement = select(GiftCard).where(c.customer_id == customer_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    async def current(self, card_id: UUID) -> GiftCard | None:
        statement = (
            select(GiftCard)
            .where(tables.gift_cards.c.id == card_id)
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def sold_on(self, order_id: UUID) -> list[GiftCard]:
        c, line = tables.gift_cards.c, tables.order_lines.c
        statement = (
            select(GiftCard)
            .join(tables.order_lines, line.id == c.order_line_id)
            .where(line.order_id == order_id)
            .order_by(line.position, c.id)
        )
        return list((await self.session.execute(statement)).scalars())

    async def claim_undelivered(self, now: datetime, limit: int) -> list[SoldCard]:
        c, line, order = tables.gift_cards.c, tables.order_lines.c, tables.orders.c
        due = (
            select(c.id)
            .where(c.sealed_code.is_not(None), c.delivered_at.is_(None))
            .order_by(c.created_at, c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if (merchant_id := scope_of(self.session.sync_session)) is not None:
            due = due.where(c.merchant_id == merchant_id)
        claimed = (
            update(tables.gift_cards)
            .where(c.id.in_(due.scalar_subquery()), c.delivered_at.is_(None))
            .values(delivered_at=now)
            .returning(c.id)
        )
        ids = list((await self.session.execute(claimed)).scalars())
        if not ids:
            return []
        statement = (
            select(GiftCard, order.email, order.number, order.storefront_name)
            .join(tables.order_lines, line.id == c.order_line_id)
            .join(tables.orders, order.id == line.order_id)
            .where(c.id.in_(ids))
            .order_by(c.created_at, c.id)
            .execution_options(populate_existing=True)
        )
        rows = (await self.session.execute(statement)).all()
        return [SoldCard(card, email, number, shop) for card, email, number, shop in rows]

    async def search(self, query: GiftCardQuery, request: PageRequest) -> Page[GiftCard]:
        statement = select(GiftCard).where(*_criteria(query))
        return await keyset_page(self.session, statement, tables.gift_cards.c.id, request)

    async def change_balance(
        self, card: GiftCard, delta: int, now: datetime, *, usable_only: bool
    ) -> int | None:
        # One conditional UPDATE (through the ORM, so the tenant criteria apply): concurrent
        # debits queue on the row and each re-checks the balance it finds, so none overdraws.
        c = tables.gift_cards.c
        statement = (
            update(GiftCard)
            .where(c.id == card.id, c.balance_amount + delta >= 0)
            .where(c.balance_amount + delta <= MAX_BALANCE)
            .values(balance_amount=c.balance_amount + delta, updated_at=now)
            .returning(c.balance_amount)
        )
        if usable_only:
            statement = statement.where(
                c.is_active.is_(True), or_(c.expires_at.is_(None), c.expires_at > now)
            )
        result = await self.session.execute(
            statement, execution_options={"synchronize_session": False}
        )
        balance = result.scalar_one_or_none()
        if balance is None:
            return None
        # The card shows what is stored, without becoming dirty: a flush must never write a
        # balance computed in Python back over a concurrent change.
        set_committed_value(card, "balance_amount", balance)
        set_committed_value(card, "updated_at", now)
        return int(balance)

    def add_transaction(self, entry: GiftCardTransaction) -> None:
        self.session.add(entry)

    async def transactions_of(self, card_id: UUID) -> list[GiftCardTransaction]:
        c = tables.gift_card_transactions.c
        statement = select(GiftCardTransaction).where(c.gift_card_id == card_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())
