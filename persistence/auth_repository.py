"""Look-ups that authentication makes before it knows the merchant.

These run in a platform session, so where they touch tenant-owned rows they name the merchant
(or a secret that belongs to exactly one merchant) themselves.
"""

from datetime import datetime
from uuid import UUID

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.api_keys import ApiKey
from domain.auth import AuthSession, PlatformAdmin, RefreshToken
from domain.customers.accounts import Customer
from domain.merchants import Merchant
from domain.staff import Role, StaffRole, StaffUser
from domain.storefronts import Storefront
from persistence import tables


class SqlAuthRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def staff_for_login(self, merchant_id: UUID, email: str) -> StaffUser | None:
        statement = select(StaffUser).where(
            tables.staff_users.c.merchant_id == merchant_id,
            tables.staff_users.c.email == email,
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def staff_with_roles(
        self, staff_id: UUID
    ) -> tuple[StaffUser, list[Role], Merchant] | None:
        row = (
            await self.session.execute(
                select(StaffUser, Merchant)
                .join(Merchant, tables.merchants.c.id == tables.staff_users.c.merchant_id)
                .where(tables.staff_users.c.id == staff_id)
            )
        ).one_or_none()
        if row is None:
            return None
        staff, merchant = row
        roles = await self.session.execute(
            select(Role)
            .join(StaffRole, tables.staff_roles.c.role_id == tables.roles.c.id)
            .where(tables.staff_roles.c.staff_id == staff_id)
        )
        return staff, list(roles.scalars()), merchant

    async def customer_for_login(self, merchant_id: UUID, email: str) -> Customer | None:
        statement = select(Customer).where(
            tables.customers.c.merchant_id == merchant_id, tables.customers.c.email == email
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def customer_with_merchant(self, customer_id: UUID) -> tuple[Customer, Merchant] | None:
        row = (
            await self.session.execute(
                select(Customer, Merchant)
                .join(Merchant, tables.merchants.c.id == tables.customers.c.merchant_id)
                .where(tables.customers.c.id == customer_id)
            )
        ).one_or_none()
        return None if row is None else (row[0], row[1])

    async def admin_by_email(self, email: str) -> PlatformAdmin | None:
        statement = select(PlatformAdmin).where(tables.platform_admins.c.email == email)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def admin_by_id(self, admin_id: UUID) -> PlatformAdmin | None:
        return await self.session.get(PlatformAdmin, admin_id)

    def add_admin(self, admin: PlatformAdmin) -> None:
        self.session.add(admin)

    def add_session(self, session: AuthSession) -> None:
        self.session.add(session)

    def add_refresh_token(self, token: RefreshToken) -> None:
        self.session.add(token)

    async def get_session(self, session_id: UUID) -> AuthSession | None:
        return await self.session.get(AuthSession, session_id)

    async def claim_refresh_token(self, token_digest: str, now: datetime) -> RefreshToken | None:
        # One conditional UPDATE: of two concurrent refreshes with one token, exactly one wins.
        t = tables.refresh_tokens
        claimed = await self.session.execute(
            update(t)
            .where(t.c.token_digest == token_digest, t.c.used_at.is_(None))
            .values(used_at=now)
            .returning(t.c.id)
        )
        token_id = claimed.scalar_one_or_none()
        if token_id is None:
            return None
        return await self.session.get(RefreshToken, token_id, populate_existing=True)

    async def refresh_token_by_digest(self, token_digest: str) -> RefreshToken | None:
        statement = select(RefreshToken).where(tables.refresh_tokens.c.token_digest == token_digest)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def revoke_session(self, session_id: UUID, now: datetime, *, reason: str) -> None:
        t = tables.auth_sessions
        await self.session.execute(
            update(t)
            .where(t.c.id == session_id, t.c.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
        )

    async def revoke_sessions_of(
        self,
        subject_kind: str,
        subject_id: UUID,
        now: datetime,
        *,
        reason: str,
        keep: UUID | None = None,
    ) -> None:
        t = tables.auth_sessions
        statement = (
            update(t)
            .where(t.c.subject_kind == subject_kind, t.c.subject_id == subject_id)
            .where(t.c.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
        )
        if keep is not None:
            statement = statement.where(t.c.id != keep)
        await self.session.execute(statement)

    async def api_key_by_digest(self, secret_digest: str) -> tuple[ApiKey, Merchant, bool] | None:
        creators = tables.staff_users
        row = (
            await self.session.execute(
                select(ApiKey, Merchant, creators.c.is_active)
                .join(Merchant, tables.merchants.c.id == tables.api_keys.c.merchant_id)
                .outerjoin(creators, creators.c.id == tables.api_keys.c.created_by_staff_id)
                .where(tables.api_keys.c.secret_digest == secret_digest)
            )
        ).one_or_none()
        if row is None:
            return None
        key, merchant, creator_active = row
        return key, merchant, creator_active is not False

    async def touch_api_key(self, key_id: UUID, now: datetime, stale_before: datetime) -> None:
        # Written at most once a minute per key, so busy keys do not contend on one row.
        t = tables.api_keys
        await self.session.execute(
            update(t)
            .where(t.c.id == key_id)
            .where(or_(t.c.last_used_at.is_(None), t.c.last_used_at < stale_before))
            .values(last_used_at=now)
        )

    async def storefront_by_token(self, token: str) -> tuple[Storefront, Merchant] | None:
        row = (
            await self.session.execute(
                select(Storefront, Merchant)
                .join(Merchant, tables.merchants.c.id == tables.storefronts.c.merchant_id)
                .where(tables.storefronts.c.token == token)
            )
        ).one_or_none()
        return None if row is None else (row[0], row[1])
