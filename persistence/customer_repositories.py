"""Customers and what belongs to them. Tenant scope comes from the session, as everywhere."""

import json
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, String, cast, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customers.account_tokens import CustomerToken
from domain.customers.accounts import Customer
from domain.customers.addresses import Address
from domain.customers.notes import CustomerNote
from domain.customers.search import CustomerQuery
from domain.customers.segments import Segment
from domain.customers.tiers import CustomerTier
from domain.customers.wishlists import Wishlist, WishlistItem
from domain.pagination import Page, PageRequest
from persistence import tables
from persistence.repositories import SqlRepository, keyset_page


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _criteria(query: CustomerQuery) -> list[ColumnElement[bool]]:
    c = tables.customers.c
    found: list[ColumnElement[bool]] = []
    if query.search:
        pattern = _like(query.search)
        found.append(
            or_(
                c.email.like(pattern, escape="\\"),  # stored lower-case
                func.lower(c.first_name).like(pattern, escape="\\"),
                func.lower(c.last_name).like(pattern, escape="\\"),
                func.lower(c.first_name + " " + c.last_name).like(pattern, escape="\\"),
            )
        )
    if query.tag:
        # Tags are a JSON list of strings; its text holds the tag's JSON encoding, quotes and
        # all, exactly when the list holds the tag (the same on SQLite and PostgreSQL).
        found.append(cast(c.tags, String).like(_like(json.dumps(query.tag)), escape="\\"))
    if query.tier_id is not None:
        found.append(c.tier_id == query.tier_id)
    if query.created_from is not None:
        found.append(c.created_at >= query.created_from)
    if query.created_until is not None:
        found.append(c.created_at <= query.created_until)
    if query.has_orders is not None:
        found.append(c.order_count > 0 if query.has_orders else c.order_count == 0)
    return found


class CustomerRepository(SqlRepository[Customer]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Customer)

    async def by_email(self, email: str) -> Customer | None:
        statement = select(Customer).where(tables.customers.c.email == email)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def search(self, query: CustomerQuery, request: PageRequest) -> Page[Customer]:
        statement = select(Customer).where(*_criteria(query))
        return await keyset_page(self.session, statement, tables.customers.c.id, request)

    async def locked(self, customer_id: UUID) -> Customer | None:
        statement = (
            select(Customer)
            .where(tables.customers.c.id == customer_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def delete(self, customer: Customer) -> None:
        # Addresses, notes, codes and wishlists (with their items) go by ON DELETE CASCADE.
        await self.session.flush()
        await self.session.execute(delete(Customer).where(tables.customers.c.id == customer.id))


class AddressRepository(SqlRepository[Address]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Address)

    async def of_customer(self, customer_id: UUID) -> list[Address]:
        return await self.of_customers([customer_id])

    async def of_customers(self, customer_ids: Sequence[UUID]) -> list[Address]:
        if not customer_ids:
            return []
        c = tables.customer_addresses.c
        statement = select(Address).where(c.customer_id.in_(set(customer_ids))).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    async def delete(self, address: Address) -> None:
        await self.session.delete(address)


class CustomerNoteRepository(SqlRepository[CustomerNote]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, CustomerNote)

    async def of_customer(self, customer_id: UUID) -> list[CustomerNote]:
        c = tables.customer_notes.c
        statement = select(CustomerNote).where(c.customer_id == customer_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    async def delete(self, note: CustomerNote) -> None:
        await self.session.delete(note)


class CustomerTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, token: CustomerToken) -> None:
        self.session.add(token)

    async def claim(self, token_digest: str, purpose: str, now: datetime) -> CustomerToken | None:
        # One conditional UPDATE (through the ORM, so the tenant criteria apply): of two
        # concurrent uses of one code, exactly one wins.
        c = tables.customer_tokens.c
        claimed = await self.session.execute(
            update(CustomerToken)
            .where(c.token_digest == token_digest, c.purpose == purpose)
            .where(c.used_at.is_(None), c.expires_at > now)
            .values(used_at=now)
            .returning(c.id),
            execution_options={"synchronize_session": False},
        )
        token_id = claimed.scalar_one_or_none()
        if token_id is None:
            return None
        return await self.session.get(CustomerToken, token_id, populate_existing=True)


class CustomerTierRepository(SqlRepository[CustomerTier]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, CustomerTier)

    async def all(self) -> list[CustomerTier]:
        statement = select(CustomerTier).order_by(tables.customer_tiers.c.level)
        return list((await self.session.execute(statement)).scalars())

    async def delete(self, tier: CustomerTier) -> None:
        await self.session.flush()
        await self.session.execute(
            delete(CustomerTier).where(tables.customer_tiers.c.id == tier.id)
        )


class SegmentRepository(SqlRepository[Segment]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Segment)

    async def delete(self, segment: Segment) -> None:
        await self.session.delete(segment)


class WishlistRepository(SqlRepository[Wishlist]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Wishlist)

    async def of_customer(self, customer_id: UUID) -> list[Wishlist]:
        c = tables.wishlists.c
        statement = select(Wishlist).where(c.customer_id == customer_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    async def by_share_token(self, token: str) -> Wishlist | None:
        statement = select(Wishlist).where(tables.wishlists.c.share_token == token)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def delete(self, wishlist: Wishlist) -> None:
        await self.session.flush()
        await self.session.execute(delete(Wishlist).where(tables.wishlists.c.id == wishlist.id))

    async def items_of(self, wishlist_id: UUID) -> list[WishlistItem]:
        c = tables.wishlist_items.c
        statement = select(WishlistItem).where(c.wishlist_id == wishlist_id).order_by(c.id)
        return list((await self.session.execute(statement)).scalars())

    def add_item(self, item: WishlistItem) -> None:
        self.session.add(item)

    async def remove_item(self, item: WishlistItem) -> None:
        await self.session.delete(item)
