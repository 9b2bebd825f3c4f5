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
from domain.promotions.request import RiskPolicy
from domain.promotions.validation import validate_risk_policy
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork


class PromotionConflictMode(StrEnum):
    WARN = "WARN"
    REFUSE = "REFUSE"


@dataclass(frozen=True)
class RiskPolicyInput:
    """The whole policy (omitted: no such limit); decimal strings."""

    max_order_discount: str | None = None  # in the storefront's currency
    max_order_discount_percent: str | None = None
    floor_percent_of_cost: str | None = None


def _percent(text: str | None, field: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise UserError(f"'{text}' is not a decimal percentage.", field=field) from None
    if value.is_finite() and value != value.quantize(Decimal("0.01")):
        raise UserError("A percentage has at most two fraction digits.", field=field)
    return value


def _amount(text: str | None, currency: str) -> Money | None:
    if text is None:
        return None
    try:
        return Money.parse(text.strip(), currency)
    except UserError as error:
        raise UserError(error.message, field="maxOrderDiscount", code=error.code) from None


def _kept(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f") if value else "0"


def read_risk_policy(command: RiskPolicyInput, currency: str) -> RiskPolicy:
    """The policy as entered, checked (`validation.validate_risk_policy`); a userError names
    the field at fault."""
    return validate_risk_policy(
        RiskPolicy(
            max_order_discount=_amount(command.max_order_discount, currency),
            max_order_discount_percent=_percent(
                command.max_order_discount_percent, "maxOrderDiscountPercent"
            ),
            floor_percent_of_cost=_percent(command.floor_percent_of_cost, "floorPercentOfCost"),
        ),
        currency,
    )


async def set_risk_policy(
    uow: UnitOfWork, storefront_id: UUID, command: RiskPolicyInput, now: datetime
) -> Storefront:
    storefront = await uow.storefronts.get(storefront_id)
    if storefront is None:
        raise NotFound("No storefront with this id.")
    policy = read_risk_policy(command, storefront.currency)
    maximum = policy.max_order_discount
    storefront.max_order_discount_amount = None if maximum is None else maximum.amount
    storefront.max_order_discount_percent = _kept(policy.max_order_discount_percent)
    storefront.floor_percent_of_cost = _kept(policy.floor_percent_of_cost)
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
