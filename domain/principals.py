"""Who is asking. Authentication builds one of these once per request; everything else reads it."""

from dataclasses import dataclass, field
from uuid import UUID

from domain.errors import Forbidden, Unauthenticated
from domain.permissions import Permission, check_permissions


@dataclass(frozen=True, slots=True)
class Anonymous:
    identity: str = "anonymous"


@dataclass(frozen=True, slots=True)
class StaffPrincipal:
    staff_id: UUID
    merchant_id: UUID
    session_id: UUID
    permissions: frozenset[Permission] = field(default_factory=frozenset)

    @property
    def identity(self) -> str:
        return f"staff:{self.staff_id}"


@dataclass(frozen=True, slots=True)
class AppPrincipal:
    """A partner app calling with an API key; its scopes are permission names."""

    api_key_id: UUID
    merchant_id: UUID
    permissions: frozenset[Permission] = field(default_factory=frozenset)

    @property
    def identity(self) -> str:
        return f"apikey:{self.api_key_id}"


@dataclass(frozen=True, slots=True)
class PlatformAdminPrincipal:
    admin_id: UUID
    session_id: UUID

    @property
    def identity(self) -> str:
        return f"admin:{self.admin_id}"


@dataclass(frozen=True, slots=True)
class CustomerPrincipal:
    """A shopper signed in to their account at one merchant (accounts are per merchant)."""

    customer_id: UUID
    merchant_id: UUID
    session_id: UUID

    @property
    def identity(self) -> str:
        return f"customer:{self.customer_id}"


Principal = Anonymous | StaffPrincipal | AppPrincipal | PlatformAdminPrincipal | CustomerPrincipal
MerchantPrincipal = StaffPrincipal | AppPrincipal


def authorize(principal: Principal, required: frozenset[Permission]) -> MerchantPrincipal:
    """The one permission check: a merchant's staff or app holding every required permission."""
    member = authorize_member(principal)
    check_permissions(member.permissions, required)
    return member


def authorize_platform_admin(principal: Principal) -> PlatformAdminPrincipal:
    if isinstance(principal, PlatformAdminPrincipal):
        return principal
    if isinstance(principal, Anonymous):
        raise Unauthenticated("Sign in as a platform admin to do this.")
    raise Forbidden("Only a platform admin may do this.")


def authorize_member(principal: Principal) -> MerchantPrincipal:
    """Any signed-in staff user or app of a merchant, whatever its permissions."""
    if isinstance(principal, Anonymous):
        raise Unauthenticated("Sign in or send an API key to do this.")
    if isinstance(principal, PlatformAdminPrincipal):
        raise Forbidden("Platform admins manage merchants, not a merchant's store.")
    if isinstance(principal, CustomerPrincipal):
        raise Forbidden("Customers cannot use the merchant's admin operations.")
    return principal


def authorize_customer(principal: Principal) -> CustomerPrincipal:
    """A signed-in customer: the only caller of a shopper's own account operations."""
    if isinstance(principal, CustomerPrincipal):
        return principal
    if isinstance(principal, Anonymous):
        raise Unauthenticated("Sign in as a customer to do this.")
    raise Forbidden("Only a signed-in customer may do this.")
