"""Authentication: logins, access and refresh tokens, API keys, storefront tokens.

Access tokens are short-lived JWTs naming a session; refresh tokens are opaque, single-use and
rotate on every refresh. Presenting a refresh token that was already used means it was stolen
(or replayed), so the whole session is revoked: the thief and the owner are both signed out.
"""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from domain.errors import ErrorCode, Forbidden, Unauthenticated, UserError
from domain.ids import new_id
from domain.passwords import PasswordHasher
from domain.permissions import Permission
from domain.principals import (
    AppPrincipal,
    CustomerPrincipal,
    PlatformAdminPrincipal,
    Principal,
    StaffPrincipal,
)
from domain.staff import effective_permissions
from domain.storefronts import Storefront
from domain.tokens import (
    API_KEY_PREFIX,
    STOREFRONT_TOKEN_PREFIX,
    digest,
    generate_token,
    has_valid_shape,
)
from domain.unit_of_work import UnitOfWork
from domain.validation import normalize_email

REFRESH_TOKEN_PREFIX = "agora_rt_"
API_KEY_TOUCH_INTERVAL = timedelta(minutes=1)


class SubjectKind(StrEnum):
    STAFF = "staff"
    ADMIN = "admin"
    CUSTOMER = "customer"


# Who exchanges refresh tokens on `tokenRefresh`; customers have `customerTokenRefresh`.
STAFF_KINDS = frozenset({SubjectKind.STAFF, SubjectKind.ADMIN})


@dataclass(eq=False)
class PlatformAdmin:
    id: UUID
    email: str
    password_hash: str
    is_active: bool
    created_at: datetime


@dataclass(eq=False)
class AuthSession:
    """One sign-in: the family of refresh tokens it has issued, revoked as a whole."""

    id: UUID
    subject_kind: str
    subject_id: UUID
    merchant_id: UUID | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    revoked_reason: str | None


@dataclass(eq=False)
class RefreshToken:
    id: UUID
    session_id: UUID
    token_digest: str
    created_at: datetime
    used_at: datetime | None


@dataclass(frozen=True)
class AccessClaims:
    subject_kind: SubjectKind
    subject_id: UUID
    session_id: UUID
    merchant_id: UUID | None
    expires_at: datetime


class TokenCodec(Protocol):
    def encode_access(self, claims: AccessClaims) -> str: ...

    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        """Verify signature, algorithm, issuer, audience and expiry; raise Unauthenticated."""
        ...


class LoginThrottle(Protocol):
    async def register_attempt(self, key: str) -> None:
        """Count a sign-in attempt for `key`; raise Throttled past the limit."""
        ...

    async def reset(self, key: str) -> None:
        """Forget the attempts after a successful sign-in."""
        ...


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


_BAD_CREDENTIALS = "Invalid email or password."


@dataclass(frozen=True)
class Authenticator:
    codec: TokenCodec
    hasher: PasswordHasher
    throttle: LoginThrottle
    access_ttl: timedelta
    session_ttl: timedelta

    async def staff_login(
        self, uow: UnitOfWork, merchant_slug: str, email: str, password: str, now: datetime
    ) -> TokenPair:
        address = normalize_email(email)
        throttle_key = f"staff:{merchant_slug.lower()}:{address}"
        await self.throttle.register_attempt(throttle_key)
        merchant = await uow.merchants.by_slug(merchant_slug.lower())
        staff = await uow.auth.staff_for_login(merchant.id, address) if merchant else None
        await self._check_password(staff.password_hash if staff else None, password)
        await self.throttle.reset(throttle_key)
        assert merchant is not None and staff is not None
        if not staff.is_active or not merchant.is_active:
            raise UserError(
                "This account is not active.", field="email", code=ErrorCode.INVALID_STATE
            )
        return await self._start_session(uow, SubjectKind.STAFF, staff.id, merchant.id, now)

    async def customer_login(
        self, uow: UnitOfWork, merchant_id: UUID, email: str, password: str, now: datetime
    ) -> TokenPair:
        """Sign a customer in to their account at the merchant whose storefront is asking.
        Unknown email, wrong password and (after the password) a deactivated account fail with
        the same answer, so the form tells nothing about who has an account."""
        address = normalize_email(email)
        throttle_key = f"customer:{merchant_id}:{address}"
        await self.throttle.register_attempt(throttle_key)
        customer = await uow.auth.customer_for_login(merchant_id, address)
        await self._check_password(customer.password_hash if customer else None, password)
        assert customer is not None
        if not customer.is_active:
            raise UserError(_BAD_CREDENTIALS, field="password", code=ErrorCode.INVALID_CREDENTIALS)
        await self.throttle.reset(throttle_key)
        return await self._start_session(uow, SubjectKind.CUSTOMER, customer.id, merchant_id, now)

    async def admin_login(
        self, uow: UnitOfWork, email: str, password: str, now: datetime
    ) -> TokenPair:
        address = normalize_email(email)
        await self.throttle.register_attempt(f"admin:{address}")
        admin = await uow.auth.admin_by_email(address)
        await self._check_password(admin.password_hash if admin else None, password)
        await self.throttle.reset(f"admin:{address}")
        assert admin is not None
        if not admin.is_active:
            raise UserError(
                "This account is not active.", field="email", code=ErrorCode.INVALID_STATE
            )
        return await self._start_session(uow, SubjectKind.ADMIN, admin.id, None, now)

    async def _check_password(self, password_hash: str | None, password: str) -> None:
        """The same work whether or not the account exists: a dummy hash stands in for none."""
        if password_hash is None:
            await self.hasher.verify_dummy(password)
        if password_hash is None or not await self.hasher.verify(password_hash, password):
            raise UserError(_BAD_CREDENTIALS, field="password", code=ErrorCode.INVALID_CREDENTIALS)

    async def _start_session(
        self,
        uow: UnitOfWork,
        kind: SubjectKind,
        subject_id: UUID,
        merchant_id: UUID | None,
        now: datetime,
    ) -> TokenPair:
        session = AuthSession(
            new_id(), kind.value, subject_id, merchant_id, now, now + self.session_ttl, None, None
        )
        uow.auth.add_session(session)
        pair = self._issue(uow, session, now)
        await uow.commit()
        return pair

    def _issue(self, uow: UnitOfWork, session: AuthSession, now: datetime) -> TokenPair:
        refresh = generate_token(REFRESH_TOKEN_PREFIX)
        uow.auth.add_refresh_token(RefreshToken(new_id(), session.id, digest(refresh), now, None))
        access_expires = min(now + self.access_ttl, session.expires_at)
        claims = AccessClaims(
            SubjectKind(session.subject_kind),
            session.subject_id,
            session.id,
            session.merchant_id,
            access_expires,
        )
        return TokenPair(
            self.codec.encode_access(claims), access_expires, refresh, session.expires_at
        )

    async def refresh(
        self,
        uow: UnitOfWork,
        refresh_token: str,
        now: datetime,
        *,
        kinds: frozenset[SubjectKind] = frozenset(SubjectKind),
    ) -> TokenPair:
        """Exchange a refresh token for a new pair. Each refresh token works once; `kinds`
        are the sessions this exchange serves (customers refresh on their own endpoint)."""
        invalid = UserError(
            "The refresh token is invalid or expired.",
            field="refreshToken",
            code=ErrorCode.INVALID_TOKEN,
        )
        if not has_valid_shape(refresh_token, REFRESH_TOKEN_PREFIX):
            raise invalid
        token_digest = digest(refresh_token)
        claimed = await uow.auth.claim_refresh_token(token_digest, now)
        if claimed is None:
            known = await uow.auth.refresh_token_by_digest(token_digest)
            if known is not None:
                # A used token came back: someone holds a copy. End the whole session.
                await uow.auth.revoke_session(known.session_id, now, reason="refresh token reuse")
                await uow.commit()
            raise invalid
        session = await uow.auth.get_session(claimed.session_id)
        if session is None or session.subject_kind not in kinds:
            raise invalid  # nothing committed: the token stays usable where it belongs
        if not await self._session_usable(uow, session, now):
            await uow.commit()
            raise invalid
        pair = self._issue(uow, session, now)
        await uow.commit()
        return pair

    async def logout(self, uow: UnitOfWork, principal: Principal, now: datetime) -> None:
        """End the caller's session: its refresh token and its access tokens stop working."""
        if isinstance(principal, AppPrincipal):
            raise Forbidden("API keys have no session to end: revoke the key with apiKeyRevoke.")
        if not isinstance(principal, StaffPrincipal | PlatformAdminPrincipal | CustomerPrincipal):
            raise Unauthenticated("Sign in to sign out.")
        await uow.auth.revoke_session(principal.session_id, now, reason="logout")
        await uow.commit()

    async def _session_usable(self, uow: UnitOfWork, session: AuthSession, now: datetime) -> bool:
        if session.revoked_at is not None or session.expires_at <= now:
            return False
        return await self._subject_principal(uow, session) is not None

    async def _subject_principal(self, uow: UnitOfWork, session: AuthSession) -> Principal | None:
        if session.subject_kind == SubjectKind.ADMIN:
            admin = await uow.auth.admin_by_id(session.subject_id)
            if admin is None or not admin.is_active:
                return None
            return PlatformAdminPrincipal(admin.id, session.id)
        if session.subject_kind == SubjectKind.CUSTOMER:
            return await self._customer_principal(uow, session)
        found = await uow.auth.staff_with_roles(session.subject_id)
        if found is None:
            return None
        staff, roles, merchant = found
        if not staff.is_active or not merchant.is_active:
            return None
        return StaffPrincipal(
            staff.id, merchant.id, session.id, effective_permissions(staff, roles)
        )

    async def _customer_principal(
        self, uow: UnitOfWork, session: AuthSession
    ) -> CustomerPrincipal | None:
        found = await uow.auth.customer_with_merchant(session.subject_id)
        if found is None:
            return None
        customer, merchant = found
        if not customer.is_active or not merchant.is_active or merchant.id != session.merchant_id:
            return None
        return CustomerPrincipal(customer.id, merchant.id, session.id)

    async def principal_from_access_token(
        self, uow: UnitOfWork, token: str, now: datetime
    ) -> Principal:
        claims = self.codec.decode_access(token, now)
        session = await uow.auth.get_session(claims.session_id)
        expired = Unauthenticated("The access token is no longer valid.")
        if session is None or session.subject_id != claims.subject_id:
            raise expired
        if session.revoked_at is not None or session.expires_at <= now:
            raise expired
        principal = await self._subject_principal(uow, session)
        if principal is None:
            raise expired
        return principal

    async def principal_from_api_key(
        self, uow: UnitOfWork, secret: str, now: datetime
    ) -> AppPrincipal:
        invalid = Unauthenticated("The API key is invalid or revoked.")
        if not has_valid_shape(secret, API_KEY_PREFIX):
            raise invalid
        secret_digest = digest(secret)
        found = await uow.auth.api_key_by_digest(secret_digest)
        if found is None:
            raise invalid
        key, merchant, creator_active = found
        # The look-up was by digest; compare again in constant time, as defence in depth.
        if not hmac.compare_digest(key.secret_digest, secret_digest):
            raise invalid
        if key.is_revoked or not merchant.is_active or not creator_active:
            raise invalid
        await uow.auth.touch_api_key(key.id, now, now - API_KEY_TOUCH_INTERVAL)
        await uow.commit()
        scopes = frozenset(Permission(s) for s in key.scopes if s in Permission.__members__)
        return AppPrincipal(key.id, merchant.id, scopes)


async def storefront_from_token(uow: UnitOfWork, token: str) -> Storefront:
    """The storefront a public token opens; it must be active and its merchant too."""
    invalid = Unauthenticated("The storefront token is invalid.")
    if not has_valid_shape(token, STOREFRONT_TOKEN_PREFIX):
        raise invalid
    found = await uow.auth.storefront_by_token(token)
    if found is None:
        raise invalid
    storefront, merchant = found
    if not storefront.is_active or not merchant.is_active:
        raise invalid
    return storefront
