"""Membership tiers (e.g. Member, Silver, Gold) and the rule that puts a customer in one.

Thresholds are per currency, in minor units: a merchant selling in EUR and USD sets a
threshold in each, and no exchange rate is ever assumed. A customer's spending is also kept per
currency. A customer qualifies for a tier when, in at least one currency the tier names, they
have spent at least its threshold; a tier without thresholds is open to everyone (a base
"Member" tier). The customer's tier is the qualifying tier of the highest level.

`after_payment` / `after_refund` and `tier_for` are pure: the checkout calls them when an
order is paid or refunded, and tier changes call `recompute_tiers` for every customer.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.money import Money, validate_currency
from domain.pagination import MAX_PAGE_SIZE, PageRequest
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

MAX_TIERS = 20
MAX_LEVEL = 1000


@dataclass(eq=False)
class CustomerTier(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    level: int
    thresholds: dict[str, int]  # currency -> minor units
    created_at: datetime
    updated_at: datetime

    @property
    def threshold_list(self) -> list[Money]:
        return [Money(amount, currency) for currency, amount in sorted(self.thresholds.items())]


def qualifies(thresholds: Mapping[str, int], spent: Mapping[str, int]) -> bool:
    if not thresholds:
        return True
    return any(spent.get(currency, 0) >= amount for currency, amount in thresholds.items())


def tier_for(spent: Mapping[str, int], tiers: Sequence[CustomerTier]) -> CustomerTier | None:
    """The highest-level tier the spending qualifies for (None: none does)."""
    eligible = [tier for tier in tiers if qualifies(tier.thresholds, spent)]
    return max(eligible, key=lambda tier: (tier.level, tier.id), default=None)


@dataclass(frozen=True)
class Spending:
    """What the checkout records about a customer's orders."""

    order_count: int
    total_spent: Mapping[str, int]
    last_order_at: datetime | None


def after_payment(spending: Spending, paid: Money, at: datetime) -> Spending:
    """An order was paid: one more order, its amount added in its currency."""
    totals = dict(spending.total_spent)
    totals[paid.currency] = totals.get(paid.currency, 0) + paid.amount
    last = at if spending.last_order_at is None else max(spending.last_order_at, at)
    return Spending(spending.order_count + 1, totals, last)


def after_refund(spending: Spending, refunded: Money) -> Spending:
    """Money went back: the total in that currency drops (never below zero)."""
    totals = dict(spending.total_spent)
    totals[refunded.currency] = max(0, totals.get(refunded.currency, 0) - refunded.amount)
    return replace(spending, total_spent=totals)


@dataclass(frozen=True)
class TierInput:
    name: str | None = None
    level: int | None = None
    # (decimal amount, currency code) as the client sent them
    thresholds: Sequence[tuple[str, str]] | None = None


def _amount(amount: str, currency: str, path: str) -> Money:
    code = validate_currency(currency[:10], field=f"{path}.currencyCode")
    try:
        return Money.parse(amount[:40], code)
    except UserError as error:
        raise error.within(path) from None


def _thresholds(values: Sequence[tuple[str, str]]) -> dict[str, int]:
    result: dict[str, int] = {}
    for index, (amount, currency) in enumerate(values):
        money = _amount(amount, currency, f"thresholds.{index}")
        if money.currency in result:
            raise UserError(
                f"{money.currency} is given twice.", field=f"thresholds.{index}.currencyCode"
            )
        if money.amount < 0:
            raise UserError("A threshold cannot be negative.", field=f"thresholds.{index}.amount")
        result[money.currency] = money.amount
    return result


def _level(level: int | None) -> int:
    if level is None or not 0 <= level <= MAX_LEVEL:
        raise UserError(f"Give a level from 0 to {MAX_LEVEL}.", field="level")
    return level


async def _check_unique(uow: UnitOfWork, tier: CustomerTier) -> None:
    for other in await uow.customer_tiers.all():
        if other.id == tier.id:
            continue
        if other.level == tier.level:
            raise UserError("Another tier has this level.", field="level", code=ErrorCode.DUPLICATE)
        if other.name.lower() == tier.name.lower():
            raise UserError("Another tier has this name.", field="name", code=ErrorCode.DUPLICATE)


async def create_tier(
    uow: UnitOfWork, merchant_id: UUID, command: TierInput, now: datetime
) -> CustomerTier:
    tier = CustomerTier(
        id=new_id(),
        merchant_id=merchant_id,
        name=require_text(command.name, field="name", max_length=80),
        level=_level(command.level),
        thresholds=_thresholds(command.thresholds or ()),
        created_at=now,
        updated_at=now,
    )
    if len(await uow.customer_tiers.all()) >= MAX_TIERS:
        raise UserError(f"At most {MAX_TIERS} tiers.", field="name")
    await _check_unique(uow, tier)
    uow.customer_tiers.add(tier)
    await uow.stage()
    await recompute_tiers(uow, now)
    await uow.commit()
    return tier


async def update_tier(
    uow: UnitOfWork, tier_id: UUID, command: TierInput, now: datetime
) -> CustomerTier:
    tier = await uow.customer_tiers.get(tier_id)
    if tier is None:
        raise NotFound("No tier with this id.")
    if command.name is not None:
        tier.name = require_text(command.name, field="name", max_length=80)
    if command.level is not None:
        tier.level = _level(command.level)
    if command.thresholds is not None:
        tier.thresholds = _thresholds(command.thresholds)
    await _check_unique(uow, tier)
    tier.updated_at = now
    await uow.stage()
    await recompute_tiers(uow, now)
    await uow.commit()
    return tier


async def delete_tier(uow: UnitOfWork, tier_id: UUID, now: datetime) -> UUID:
    tier = await uow.customer_tiers.get(tier_id)
    if tier is None:
        raise NotFound("No tier with this id.")
    await uow.customer_tiers.delete(tier)
    await uow.stage()
    await recompute_tiers(uow, now)
    await uow.commit()
    return tier_id


async def recompute_tiers(uow: UnitOfWork, now: datetime) -> None:
    """Put every customer of the merchant in the tier their spending earns (after the tiers
    changed). Pages through the customers; the caller commits."""
    tiers = await uow.customer_tiers.all()
    after: UUID | None = None
    while True:
        page = await uow.customers.page(PageRequest(first=MAX_PAGE_SIZE, after=after))
        for customer in page.items:
            tier = tier_for(customer.total_spent, tiers)
            tier_id = tier.id if tier else None
            if customer.tier_id != tier_id:
                customer.tier_id = tier_id
                customer.updated_at = now
        if not page.has_next_page or not page.items:
            return
        after = page.items[-1].id
        await uow.stage()
