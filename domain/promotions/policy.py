"""What a merchant decides about promotions as a whole (MANAGE_DISCOUNTS):

- each storefront's risk policy: the most an order may be discounted there, as an amount in
  the storefront's currency and as a percentage of the list subtotal (the lower binds), and a
  floor price as a percentage of each variant's cost (100: never below cost). The engine
  applies it at cart pricing, at checkout and to listings' sale prices (`risk`);
- what a new or changed promotion that overlaps others gets (`conflicts.find_conflicts`):
  WARN saves it with warnings, REFUSE refuses it with a userError (CONFLICT) naming them.

Percentages are decimal strings kept as entered (normalised), up to two fraction digits.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from uuid import UUID

from domain.errors import ErrorCode, NotFound, UserError
from domain.merchants import Merchant
from domain.money import Money
from domain.promotions.conflicts import ConflictWarning
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork

MAX_FLOOR_PERCENT = Decimal(1000)


class PromotionConflictMode(StrEnum):
    WARN = "WARN"
    REFUSE = "REFUSE"


@dataclass(frozen=True)
class RiskPolicyInput:
    """The whole policy (omitted: no such limit); decimal strings."""

    max_order_discount: str | None = None  # in the storefront's currency
    max_order_discount_percent: str | None = None
    floor_percent_of_cost: str | None = None


def _percent(text: str | None, field: str, maximum: Decimal) -> str | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise UserError(f"'{text}' is not a decimal percentage.", field=field) from None
    if not value.is_finite() or not 0 <= value <= maximum:
        raise UserError(f"Give a percentage from 0 to {maximum}.", field=field)
    if value != value.quantize(Decimal("0.01")):
        raise UserError("A percentage has at most two fraction digits.", field=field)
    return format(value.normalize(), "f") if value else "0"


def _amount(text: str | None, currency: str) -> int | None:
    if text is None:
        return None
    try:
        amount = Money.parse(text.strip(), currency)
    except UserError as error:
        raise UserError(error.message, field="maxOrderDiscount", code=error.code) from None
    if amount.amount < 0:
        raise UserError("Give an amount of zero or more.", field="maxOrderDiscount")
    return amount.amount


async def set_risk_policy(
    uow: UnitOfWork, storefront_id: UUID, command: RiskPolicyInput, now: datetime
) -> Storefront:
    storefront = await uow.storefronts.get(storefront_id)
    if storefront is None:
        raise NotFound("No storefront with this id.")
    amount = _amount(command.max_order_discount, storefront.currency)
    percent = _percent(command.max_order_discount_percent, "maxOrderDiscountPercent", Decimal(100))
    floor = _percent(command.floor_percent_of_cost, "floorPercentOfCost", MAX_FLOOR_PERCENT)
    storefront.max_order_discount_amount = amount
    storefront.max_order_discount_percent = percent
    storefront.floor_percent_of_cost = floor
    storefront.updated_at = now
    await uow.commit()
    return storefront


async def set_conflict_mode(
    uow: UnitOfWork, merchant_id: UUID, mode: PromotionConflictMode, now: datetime
) -> Merchant:
    merchant = await uow.merchants.get(merchant_id)
    if merchant is None:
        raise NotFound("No merchant with this id.")
    merchant.promotion_conflicts = mode.value
    merchant.updated_at = now
    await uow.commit()
    return merchant


async def check_conflicts(
    uow: UnitOfWork, merchant_id: UUID, warnings: list[ConflictWarning]
) -> list[ConflictWarning]:
    """The warnings to return with a saved promotion; refused under REFUSE."""
    if not warnings:
        return warnings
    merchant = await uow.merchants.get(merchant_id)
    if merchant is not None and merchant.promotion_conflicts == PromotionConflictMode.REFUSE:
        raise UserError(
            "This promotion conflicts with others: " + "; ".join(w.message for w in warnings),
            field="action",
            code=ErrorCode.CONFLICT,
        )
    return warnings
