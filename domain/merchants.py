"""Merchants (tenants): created and suspended by platform admins."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantRoot
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.passwords import PasswordHasher
from domain.staff import StaffUser, new_staff_user
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text, slugify, validate_slug


class MerchantStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"


@dataclass(eq=False)
class Merchant(TenantRoot):
    id: UUID
    name: str
    slug: str
    status: MerchantStatus
    created_at: datetime
    updated_at: datetime
    # Checkout settings: when orders take stock (see domain.orders.orders.StockReservation),
    # and how long an order may wait for a payment that can lapse before it is cancelled.
    stock_reservation: str = "ON_ORDER"
    unpaid_order_minutes: int = 60
    # Whether buyers may cancel their own orders (only before anything is fulfilled).
    customer_cancel_allowed: bool = False
    # How many days after delivery buyers may ask to return units.
    return_window_days: int = 30
    # What a new or changed promotion that overlaps others gets: WARN (saved, with warnings)
    # or REFUSE (a userError); see domain/promotions/policy.py.
    promotion_conflicts: str = "WARN"

    @property
    def is_active(self) -> bool:
        return self.status == MerchantStatus.ACTIVE


@dataclass(frozen=True)
class CreateMerchant:
    name: str
    slug: str | None
    owner_email: str
    owner_name: str | None
    owner_password: str


async def create_merchant(
    uow: UnitOfWork, command: CreateMerchant, hasher: PasswordHasher, now: datetime
) -> tuple[Merchant, StaffUser]:
    """A new merchant with its owner, who holds every permission."""
    name = require_text(command.name, field="name", max_length=120)
    slug = validate_slug(command.slug if command.slug else slugify(name), field="slug")
    if await uow.merchants.by_slug(slug) is not None:
        raise UserError("A merchant with this slug exists.", field="slug", code=ErrorCode.DUPLICATE)
    merchant = Merchant(new_id(), name, slug, MerchantStatus.ACTIVE, now, now)
    uow.merchants.add(merchant)
    owner = await new_staff_user(
        merchant.id,
        email=command.owner_email,
        name=command.owner_name or command.owner_email,
        password=command.owner_password,
        hasher=hasher,
        now=now,
        field_prefix="owner",
    )
    owner.is_owner = True
    uow.staff.add(owner)
    await uow.commit()
    return merchant, owner


async def set_merchant_status(
    uow: UnitOfWork, merchant_id: UUID, status: MerchantStatus, now: datetime
) -> Merchant:
    """Suspension takes effect at once: authentication checks the status on every request."""
    merchant = await uow.merchants.get(merchant_id)
    if merchant is None:
        raise NotFound("No merchant with this id.")
    merchant.status = status
    merchant.updated_at = now
    await uow.commit()
    return merchant


@dataclass(frozen=True)
class CheckoutSettingsInput:
    stock_reservation: str | None = None
    unpaid_order_minutes: int | None = None
    customer_cancel_allowed: bool | None = None
    return_window_days: int | None = None


MAX_UNPAID_MINUTES = 60 * 24 * 30


async def update_checkout_settings(
    uow: UnitOfWork, merchant_id: UUID, command: CheckoutSettingsInput, now: datetime
) -> Merchant:
    merchant = await uow.merchants.get(merchant_id)
    if merchant is None:
        raise NotFound("No merchant with this id.")
    if command.stock_reservation is not None:
        if command.stock_reservation not in ("ON_ORDER", "ON_PAYMENT"):
            raise UserError("ON_ORDER or ON_PAYMENT.", field="stockReservation")
        merchant.stock_reservation = command.stock_reservation
    if command.unpaid_order_minutes is not None:
        if not 1 <= command.unpaid_order_minutes <= MAX_UNPAID_MINUTES:
            raise UserError(
                f"Between 1 and {MAX_UNPAID_MINUTES} minutes.", field="unpaidOrderMinutes"
            )
        merchant.unpaid_order_minutes = command.unpaid_order_minutes
    if command.return_window_days is not None:
        if not 0 <= command.return_window_days <= 365:
            raise UserError("Between 0 and 365 days.", field="returnWindowDays")
        merchant.return_window_days = command.return_window_days
    if command.customer_cancel_allowed is not None:
        merchant.customer_cancel_allowed = command.customer_cancel_allowed
    merchant.updated_at = now
    await uow.commit()
    return merchant
