"""Repositories over one AsyncSession. Tenant scope is added by the session, not here."""

from collections.abc import Sequence
from typing import Any, Generic, TypeVar
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.api_keys import ApiKey
from domain.ids import new_id
from domain.merchants import Merchant
from domain.pagination import LogRequest, Page, PageRequest
from domain.staff import Role, StaffRole, StaffUser
from domain.storefronts import Storefront
from persistence import tables
from persistence.conflicts import conflicts_as_user_errors

T = TypeVar("T")


class SqlRepository(Generic[T]):
    def __init__(self, session: AsyncSession, entity: type[T]) -> None:
        self.session = session
        self.entity = entity
        self._id: Any = entity.id  # type: ignore[attr-defined]

    async def get(self, id: UUID) -> T | None:
        result = await self.session.execute(select(self.entity).where(self._id == id))
        return result.scalar_one_or_none()

    async def get_many(self, ids: Sequence[UUID]) -> list[T]:
        if not ids:
            return []
        result = await self.session.execute(select(self.entity).where(self._id.in_(set(ids))))
        return list(result.scalars())

    def add(self, entity: T) -> None:
        self.session.add(entity)

    async def page(self, request: PageRequest) -> Page[T]:
        return await keyset_page(self.session, select(self.entity), self._id, request)


async def keyset_page(
    session: AsyncSession,
    statement: Any,
    key: Any,
    request: PageRequest | LogRequest,
    *,
    newest_first: bool = False,
) -> Page[Any]:
    """Relay-style page over a statement ordered by a unique key (a time-ordered id, or a log
    position), oldest first or newest first."""
    if request.after is not None:
        statement = statement.where(key < request.after if newest_first else key > request.after)
    if request.before is not None:
        statement = statement.where(key > request.before if newest_first else key < request.before)
    order = key.desc() if request.backwards != newest_first else key.asc()
    rows = list(
        (await session.execute(statement.order_by(order).limit(request.size + 1))).scalars()
    )
    more = len(rows) > request.size
    rows = rows[: request.size]
    if request.backwards:
        rows.reverse()
        return Page(rows, has_next_page=request.before is not None, has_previous_page=more)
    return Page(rows, has_next_page=more, has_previous_page=request.after is not None)


class MerchantRepository(SqlRepository[Merchant]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Merchant)

    async def by_slug(self, slug: str) -> Merchant | None:
        result = await self.session.execute(select(Merchant).where(tables.merchants.c.slug == slug))
        return result.scalar_one_or_none()


class StaffRepository(SqlRepository[StaffUser]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, StaffUser)

    async def by_email(self, email: str) -> StaffUser | None:
        result = await self.session.execute(
            select(StaffUser).where(tables.staff_users.c.email == email)
        )
        return result.scalar_one_or_none()

    async def role_ids(self, staff_id: UUID) -> list[UUID]:
        # Select the entity, not a bare column, so the tenant criteria apply to it.
        statement = select(StaffRole).where(tables.staff_roles.c.staff_id == staff_id)
        return [
            membership.role_id for membership in (await self.session.execute(statement)).scalars()
        ]

    async def set_roles(self, staff: StaffUser, role_ids: Sequence[UUID]) -> None:
        with conflicts_as_user_errors():
            await self.session.flush()
        await self.session.execute(
            delete(StaffRole).where(tables.staff_roles.c.staff_id == staff.id)
        )
        for role_id in dict.fromkeys(role_ids):
            self.session.add(StaffRole(new_id(), staff.merchant_id, staff.id, role_id))


class RoleRepository(SqlRepository[Role]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Role)

    async def delete(self, role: Role) -> None:
        await self.session.execute(delete(StaffRole).where(tables.staff_roles.c.role_id == role.id))
        await self.session.delete(role)


def api_key_repository(session: AsyncSession) -> SqlRepository[ApiKey]:
    return SqlRepository(session, ApiKey)


def storefront_repository(session: AsyncSession) -> SqlRepository[Storefront]:
    return SqlRepository(session, Storefront)
