"""Promotions, their codes and counters. Tenant scope comes from the session, as everywhere;
the one Core statement here (the batched code insert) names the merchant explicitly."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, case, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.ids import new_id
from domain.pagination import Page, PageRequest
from domain.promotions.admin import PromotionQuery
from domain.promotions.stored import PromotionCode, Redemption, StoredPromotion
from persistence import tables
from persistence.catalog_changes import CHANGE_REPORTED, report_catalog_change
from persistence.repositories import SqlRepository, keyset_page
from persistence.tenancy import scope_of

# Rows per statement: 10,000 codes are 10 statements; also well under PostgreSQL's bind limit.
CODE_BATCH = 1000


def _criteria(query: PromotionQuery) -> list[ColumnElement[bool]]:
    c = tables.promotions.c
    found: list[ColumnElement[bool]] = []
    if query.kind is not None:
        found.append(c.kind == query.kind.value)
    if query.is_archived is not None:
        found.append(c.is_archived.is_(query.is_archived))
    return found


class PromotionRepository(SqlRepository[StoredPromotion]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, StoredPromotion)

    async def live(self) -> list[StoredPromotion]:
        c = tables.promotions.c
        statement = select(StoredPromotion).where(c.is_archived.is_(False)).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    async def search(self, query: PromotionQuery, request: PageRequest) -> Page[StoredPromotion]:
        statement = select(StoredPromotion).where(*_criteria(query))
        return await keyset_page(self.session, statement, tables.promotions.c.id, request)

    async def codes(self, values: Sequence[str]) -> list[PromotionCode]:
        c = tables.promotion_codes.c
        statement = select(PromotionCode).where(c.code.in_(list(values))).order_by(c.code)
        return list((await self.session.execute(statement)).scalars())

    async def customer_uses(
        self, customer_id: UUID, promotion_ids: Sequence[UUID]
    ) -> dict[UUID, int]:
        # Core (no mapped entity): the merchant is named explicitly.
        c = tables.promotion_customer_uses.c
        statement = select(c.promotion_id, c.times_used).where(
            c.merchant_id == scope_of(self.session.sync_session),
            c.customer_id == customer_id,
            c.promotion_id.in_(list(promotion_ids)),
        )
        rows = (await self.session.execute(statement)).all()
        return {row.promotion_id: int(row.times_used) for row in rows}

    async def count_use(self, promotion_id: UUID, amount: int) -> bool:
        # One conditional UPDATE (through the ORM, so the tenant criteria apply): concurrent
        # checkouts queue on the row and each re-checks what it finds, so none over-redeems.
        c = tables.promotions.c
        statement = (
            update(StoredPromotion)
            .where(c.id == promotion_id, c.is_archived.is_(False))
            .where(or_(c.usage_limit.is_(None), c.times_used < c.usage_limit))
            .where(or_(c.budget_amount.is_(None), c.discount_given + amount <= c.budget_amount))
            .values(times_used=c.times_used + 1, discount_given=c.discount_given + amount)
            .returning(c.times_used, c.usage_limit, c.budget_amount)
            .execution_options(**CHANGE_REPORTED)
        )
        result = await self.session.execute(
            statement, execution_options={"synchronize_session": False}
        )
        row = result.first()
        if row is None:
            return False
        # What quotes and sale prices see changes only when the last use is taken or the
        # budget shrinks (its remainder caps discounts): only then are kept rules and cached
        # answers replaced, not at every redemption.
        times_used, limit, budget = row
        if budget is not None or (limit is not None and times_used >= limit):
            report_catalog_change(self.session.sync_session, scope_of(self.session.sync_session))
        return True

    async def count_code_use(self, code_id: UUID) -> bool:
        c = tables.promotion_codes.c
        statement = (
            update(PromotionCode)
            .where(c.id == code_id)
            .where(or_(c.usage_limit.is_(None), c.times_used < c.usage_limit))
            .values(times_used=c.times_used + 1)
            .returning(c.id)
        )
        return await self._applied(statement)

    async def count_customer_use(self, promotion_id: UUID, customer_id: UUID, limit: int) -> bool:
        # Core (no mapped entity): the merchant is named explicitly. The row is created on the
        # first use (a concurrent first use finds it there), then counted up conditionally.
        merchant_id = scope_of(self.session.sync_session)
        t = tables.promotion_customer_uses
        dialect = self.session.get_bind().dialect.name
        insert_row = postgresql_insert(t) if dialect == "postgresql" else sqlite_insert(t)
        await self.session.execute(
            insert_row.values(
                id=new_id(),
                merchant_id=merchant_id,
                promotion_id=promotion_id,
                customer_id=customer_id,
                times_used=0,
            ).on_conflict_do_nothing(index_elements=["promotion_id", "customer_id"])
        )
        statement = (
            t.update()
            .where(t.c.merchant_id == merchant_id, t.c.promotion_id == promotion_id)
            .where(t.c.customer_id == customer_id, t.c.times_used < limit)
            .values(times_used=t.c.times_used + 1)
            .returning(t.c.id)
        )
        return (await self.session.execute(statement)).first() is not None

    async def give_back(self, order_id: UUID, now: datetime) -> int:
        """Undo the order's redemptions not yet undone (its uses, what it was given) and mark
        them reversed at `now` (the rows stay, as history); how many there were. Each counter
        goes down by one conditional UPDATE, never below zero, and a redemption is reversed
        by a conditional UPDATE too, so two sweeps can never give one back twice. Works in a
        platform session too: every statement names the redemption's merchant."""
        r = tables.promotion_redemptions.c
        statement = select(Redemption).where(r.order_id == order_id, r.reversed_at.is_(None))
        redemptions = list((await self.session.execute(statement)).scalars())
        given = 0
        for redemption in sorted(redemptions, key=lambda r: r.promotion_id):
            reversed_now = await self.session.execute(
                tables.promotion_redemptions.update()
                .where(r.merchant_id == redemption.merchant_id, r.id == redemption.id)
                .where(r.reversed_at.is_(None))
                .values(reversed_at=now)
                .returning(r.id)
            )
            if reversed_now.first() is not None:
                await self._give_back_one(redemption)
                given += 1
        return given

    async def _give_back_one(self, redemption: Redemption) -> None:
        p, codes, uses = (
            tables.promotions,
            tables.promotion_codes,
            tables.promotion_customer_uses,
        )
        given = case((p.c.currency == redemption.currency, redemption.amount), else_=0)
        await self.session.execute(
            p.update()
            .where(p.c.merchant_id == redemption.merchant_id, p.c.id == redemption.promotion_id)
            .where(p.c.times_used > 0, p.c.discount_given >= given)
            .values(times_used=p.c.times_used - 1, discount_given=p.c.discount_given - given)
        )
        if redemption.code_id is not None:
            await self.session.execute(
                codes.update()
                .where(codes.c.merchant_id == redemption.merchant_id)
                .where(codes.c.id == redemption.code_id, codes.c.times_used > 0)
                .values(times_used=codes.c.times_used - 1)
            )
        if redemption.customer_id is not None:
            await self.session.execute(
                uses.update()
                .where(uses.c.merchant_id == redemption.merchant_id)
                .where(uses.c.promotion_id == redemption.promotion_id)
                .where(uses.c.customer_id == redemption.customer_id, uses.c.times_used > 0)
                .values(times_used=uses.c.times_used - 1)
            )

    async def _applied(self, statement: Any) -> bool:
        result = await self.session.execute(
            statement, execution_options={"synchronize_session": False}
        )
        return result.first() is not None

    async def existing_codes(self, codes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        c = tables.promotion_codes.c
        for start in range(0, len(codes), CODE_BATCH):
            batch = codes[start : start + CODE_BATCH]
            statement = select(PromotionCode).where(c.code.in_(batch))
            found.update(code.code for code in (await self.session.execute(statement)).scalars())
        return found

    async def add_codes(
        self,
        promotion: StoredPromotion,
        codes: Sequence[str],
        usage_limit: int | None,
        now: datetime,
    ) -> None:
        for start in range(0, len(codes), CODE_BATCH):
            batch = codes[start : start + CODE_BATCH]
            rows = [
                {
                    "id": new_id(),
                    "merchant_id": promotion.merchant_id,
                    "promotion_id": promotion.id,
                    "code": code,
                    "usage_limit": usage_limit,
                    "times_used": 0,
                    "created_at": now,
                }
                for code in batch
            ]
            await self.session.execute(insert(tables.promotion_codes), rows)
