"""Customer accounts: registration, profile, the merchant's management of them, deletion.

An account belongs to one merchant: the same email at two merchants is two accounts. Emails
are stored normalised (trimmed, lower-case), unique per merchant.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.auth import SubjectKind
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType, new_event, ref
from domain.ids import new_id
from domain.money import Money
from domain.passwords import PasswordHasher, validate_password
from domain.principals import CustomerPrincipal
from domain.unit_of_work import UnitOfWork
from domain.validation import (
    normalize_email,
    require_text,
    validate_metadata,
    validate_tags,
)

NAME_LENGTH = 80
SUBJECT_KIND = SubjectKind.CUSTOMER.value  # whose auth sessions end on deactivation


@dataclass(eq=False)
class Customer(TenantOwned):
    id: UUID
    merchant_id: UUID
    email: str
    first_name: str
    last_name: str
    password_hash: str
    is_active: bool
    email_verified_at: datetime | None
    tags: list[str]
    metadata: dict[str, str]
    private_metadata: dict[str, str]
    created_at: datetime
    updated_at: datetime
    # The spending summary the checkout keeps up to date (see domain.customers.tiers).
    tier_id: UUID | None = None
    order_count: int = 0
    total_spent: dict[str, int] = field(default_factory=dict)  # currency -> minor units
    last_order_at: datetime | None = None

    @property
    def spent(self) -> list[Money]:
        return [Money(amount, currency) for currency, amount in sorted(self.total_spent.items())]


def _name(value: str | None, field: str) -> str:
    """Optional names: empty is allowed, but bounded and free of control characters."""
    if value is None or not value.strip():
        return ""
    return require_text(value, field=field, max_length=NAME_LENGTH)


@dataclass(frozen=True)
class RegisterCustomer:
    email: str
    password: str
    first_name: str | None = None
    last_name: str | None = None


async def register_customer(
    uow: UnitOfWork,
    merchant_id: UUID,
    command: RegisterCustomer,
    hasher: PasswordHasher,
    now: datetime,
) -> tuple[Customer, bool]:
    """A new, active, not yet verified account, staged (True); or the existing account with
    this email, unchanged (False). The caller answers both alike and tells only the inbox."""
    email = normalize_email(command.email)
    first_name = _name(command.first_name, "firstName")
    last_name = _name(command.last_name, "lastName")
    # Hashed either way, so the answer takes as long whether or not the email is taken.
    password_hash = await hasher.hash(validate_password(command.password))
    existing = await uow.customers.by_email(email)
    if existing is not None:
        return existing, False
    customer = Customer(
        id=new_id(),
        merchant_id=merchant_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        password_hash=password_hash,
        is_active=True,
        email_verified_at=None,
        tags=[],
        metadata={},
        private_metadata={},
        created_at=now,
        updated_at=now,
    )
    uow.customers.add(customer)
    record_customer(uow, EventType.CUSTOMER_CREATED, customer, now)
    await uow.stage()
    return customer, True


def record_customer(uow: UnitOfWork, type: EventType, customer: Customer, now: datetime) -> None:
    """Record a customer event (v1 payloads, see domain/events.py)."""
    data: dict[str, object] = {"id": ref("Customer", customer.id)}
    if type is not EventType.CUSTOMER_DELETED:
        data |= {
            "email": customer.email,
            "firstName": customer.first_name,
            "lastName": customer.last_name,
            "isActive": customer.is_active,
            "tags": list(customer.tags),
        }
    uow.record(new_event(customer.merchant_id, type, {"customer": data}, now))


async def get_customer(uow: UnitOfWork, customer_id: UUID) -> Customer:
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise NotFound("No customer with this id.")
    return customer


@dataclass(frozen=True)
class ProfileInput:
    first_name: str | None = None
    last_name: str | None = None


async def update_profile(
    uow: UnitOfWork, actor: CustomerPrincipal, command: ProfileInput, now: datetime
) -> Customer:
    """A customer changes their own name (only their own: the id comes from the session)."""
    customer = await get_customer(uow, actor.customer_id)
    _apply_profile(customer, command)
    customer.updated_at = now
    record_customer(uow, EventType.CUSTOMER_UPDATED, customer, now)
    await uow.commit()
    return customer


def _apply_profile(customer: Customer, command: ProfileInput) -> None:
    if command.first_name is not None:
        customer.first_name = _name(command.first_name, "firstName")
    if command.last_name is not None:
        customer.last_name = _name(command.last_name, "lastName")


@dataclass(frozen=True)
class CustomerUpdate:
    """A merchant's change to a customer; omitted (None) fields stay as they are."""

    first_name: str | None = None
    last_name: str | None = None
    is_active: bool | None = None
    metadata: Mapping[str, str] | None = None
    private_metadata: Mapping[str, str] | None = None


async def update_customer(
    uow: UnitOfWork, customer_id: UUID, command: CustomerUpdate, now: datetime
) -> Customer:
    customer = await get_customer(uow, customer_id)
    _apply_profile(customer, ProfileInput(command.first_name, command.last_name))
    if command.metadata is not None:
        customer.metadata = validate_metadata(command.metadata, "metadata")
    if command.private_metadata is not None:
        customer.private_metadata = validate_metadata(command.private_metadata, "privateMetadata")
    if command.is_active is not None and command.is_active != customer.is_active:
        customer.is_active = command.is_active
        if not customer.is_active:
            # Signed out everywhere now; authentication also refuses inactive accounts.
            await uow.auth.revoke_sessions_of(SUBJECT_KIND, customer.id, now, reason="deactivated")
    customer.updated_at = now
    record_customer(uow, EventType.CUSTOMER_UPDATED, customer, now)
    await uow.commit()
    return customer


async def change_tags(
    uow: UnitOfWork,
    customer_id: UUID,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    now: datetime,
) -> Customer:
    customer = await get_customer(uow, customer_id)
    removed = set(validate_tags(remove))
    customer.tags = validate_tags([*(t for t in customer.tags if t not in removed), *add])
    customer.updated_at = now
    record_customer(uow, EventType.CUSTOMER_UPDATED, customer, now)
    await uow.commit()
    return customer


async def delete_customer(uow: UnitOfWork, customer_id: UUID, now: datetime) -> UUID:
    """Erase the account and everything stored with it (addresses, wishlists, notes, codes)."""
    customer = await get_customer(uow, customer_id)
    await uow.auth.revoke_sessions_of(SUBJECT_KIND, customer.id, now, reason="deleted")
    await uow.customers.delete(customer)
    record_customer(uow, EventType.CUSTOMER_DELETED, customer, now)
    await uow.commit()
    return customer_id


async def delete_own_account(
    uow: UnitOfWork,
    actor: CustomerPrincipal,
    password: str,
    hasher: PasswordHasher,
    now: datetime,
) -> UUID:
    """The customer erases their account, confirming with their password."""
    customer = await get_customer(uow, actor.customer_id)
    if not await hasher.verify(customer.password_hash, password[:256]):
        raise UserError(
            "The password is not correct.", field="password", code=ErrorCode.INVALID_CREDENTIALS
        )
    return await delete_customer(uow, customer.id, now)


async def change_password(
    uow: UnitOfWork,
    actor: CustomerPrincipal,
    current_password: str,
    new_password: str,
    hasher: PasswordHasher,
    now: datetime,
) -> Customer:
    """A new password, confirmed with the current one; every other session ends."""
    customer = await get_customer(uow, actor.customer_id)
    password = validate_password(new_password, field="newPassword")
    if not await hasher.verify(customer.password_hash, current_password[:256]):
        raise UserError(
            "The current password is not correct.",
            field="currentPassword",
            code=ErrorCode.INVALID_CREDENTIALS,
        )
    customer.password_hash = await hasher.hash(password)
    await uow.auth.revoke_sessions_of(
        SUBJECT_KIND, customer.id, now, reason="password changed", keep=actor.session_id
    )
    customer.updated_at = now
    await uow.commit()
    return customer
