"""Checking a promotion definition before it is saved: every problem is a `UserError` whose
`field` is the camelCase input path at fault (`action.tiers.1.threshold`,
`condition.conditions.0.amount`), as the GraphQL payload reports it.

Rules: a name; percentages from 0 to 100; amounts not negative and in the promotion's
currency (which any amount makes required); whole quantities of at least one; tiers with
strictly ascending thresholds and amounts that do not fall; `startsAt` before `endsAt`;
an exclusive promotion has no combination group; a catalog promotion uses only per-unit
actions and conditions that need no cart; conditions nest at most MAX_DEPTH deep.
`validate_risk_policy` checks a storefront's limits the same way.

The engine trusts what it is given (it never raises on a promotion), so validate a
definition before saving it; unvalidated nonsense such as a negative amount is clamped, never
turned into a price increase.
"""

from datetime import datetime
from decimal import Decimal

from domain.errors import UserError
from domain.money import Money, validate_currency
from domain.promotions.actions import (
    CATALOG_ACTIONS,
    Action,
    AmountOffEach,
    AmountOffOrder,
    BuyXGetY,
    FixedPrice,
    GiftItem,
    PercentOff,
    ShippingOff,
    Tiered,
)
from domain.promotions.conditions import (
    CART_CONDITIONS,
    AllOf,
    AnyOf,
    Between,
    Condition,
    MinQuantity,
    MinSubtotal,
)
from domain.promotions.promotion import Kind, Promotion
from domain.promotions.request import RiskPolicy
from domain.validation import require_text

MAX_DEPTH = 4
MAX_PRIORITY = 1_000_000


def validate_promotion(promotion: Promotion) -> Promotion:
    """The promotion unchanged if it is sound; otherwise a UserError naming the field."""
    require_text(promotion.name, field="name")
    if promotion.currency is not None:
        validate_currency(promotion.currency)
        if promotion.currency != promotion.currency.strip().upper():
            raise UserError("Give the currency code in capitals.", field="currency")
    if abs(promotion.priority) > MAX_PRIORITY:
        raise UserError(
            f"Priority is between -{MAX_PRIORITY} and {MAX_PRIORITY}.", field="priority"
        )
    if promotion.exclusive and promotion.combination_group is not None:
        raise UserError("An exclusive promotion combines with nothing.", field="combinationGroup")
    _window(promotion.starts_at, promotion.ends_at, "endsAt")
    _action(promotion.action, promotion, "action")
    _condition(promotion.condition, promotion, "condition", depth=1)
    return promotion


def validate_risk_policy(policy: RiskPolicy, currency: str) -> RiskPolicy:
    """A storefront's limits: a maximum discount not negative and in the storefront's
    currency, a maximum percentage from 0 to 100, a cost floor percentage from 0 to 1000."""
    maximum = policy.max_order_discount
    if maximum is not None and (maximum.amount < 0 or maximum.currency != currency):
        raise UserError(f"Give a non-negative amount in {currency}.", field="maxOrderDiscount")
    _percent(policy.max_order_discount_percent, "maxOrderDiscountPercent")
    floor = policy.floor_percent_of_cost
    if floor is not None and not (floor.is_finite() and 0 <= floor <= 1000):
        raise UserError("A floor is from 0 to 1000 percent of cost.", field="floorPercentOfCost")
    return policy


def _window(starts_at: datetime | None, ends_at: datetime | None, field: str) -> None:
    if starts_at is not None and ends_at is not None and not starts_at < ends_at:
        raise UserError("The end must come after the start.", field=field)


def _percent(value: Decimal | None, field: str) -> None:
    if value is not None and not (value.is_finite() and 0 <= value <= 100):
        raise UserError("A percentage is from 0 to 100.", field=field)


def _amount(money: Money | None, promotion: Promotion, field: str) -> None:
    if money is None:
        return
    if money.amount < 0:
        raise UserError("An amount cannot be negative.", field=field)
    if promotion.currency is None:
        raise UserError("A promotion with amounts needs a currency.", field="currency")
    if money.currency != promotion.currency:
        raise UserError(f"Give amounts in {promotion.currency}.", field=field)


def _count(value: int | None, field: str) -> None:
    if value is not None and value < 1:
        raise UserError("Give a whole number of at least 1.", field=field)


def _action(action: Action, promotion: Promotion, path: str) -> None:
    if promotion.kind is Kind.CATALOG and not isinstance(action, CATALOG_ACTIONS):
        raise UserError(
            "A catalog promotion takes a percentage, an amount off each item or a fixed price.",
            field=path,
        )
    match action:
        case PercentOff(percent):
            _percent(percent, f"{path}.percent")
        case AmountOffEach(amount) | AmountOffOrder(amount):
            _amount(amount, promotion, f"{path}.amount")
        case FixedPrice(unit_price):
            _amount(unit_price, promotion, f"{path}.unitPrice")
        case BuyXGetY():
            _count(action.buy, f"{path}.buy")
            _count(action.get, f"{path}.get")
            _count(action.max_applications, f"{path}.maxApplications")
            _percent(action.percent, f"{path}.percent")
        case Tiered():
            _tiers(action, promotion, path)
        case ShippingOff(percent, amount):
            if (percent is None) == (amount is None):
                raise UserError("Give a percentage or an amount, not both.", field=path)
            _percent(percent, f"{path}.percent")
            _amount(amount, promotion, f"{path}.amount")
        case GiftItem(variant_id, value, quantity):
            require_text(variant_id, field=f"{path}.variantId")
            _amount(value, promotion, f"{path}.value")
            _count(quantity, f"{path}.quantity")


def _tiers(action: Tiered, promotion: Promotion, path: str) -> None:
    if not action.tiers:
        raise UserError("Give at least one tier.", field=f"{path}.tiers")
    previous = None
    for index, tier in enumerate(action.tiers):
        _amount(tier.threshold, promotion, f"{path}.tiers.{index}.threshold")
        _amount(tier.amount, promotion, f"{path}.tiers.{index}.amount")
        if previous is not None and tier.threshold.amount <= previous.threshold.amount:
            raise UserError(
                "Thresholds must go up from tier to tier.", field=f"{path}.tiers.{index}.threshold"
            )
        if previous is not None and tier.amount.amount < previous.amount.amount:
            raise UserError("A higher tier cannot save less.", field=f"{path}.tiers.{index}.amount")
        previous = tier


def _condition(condition: Condition, promotion: Promotion, path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise UserError(f"Conditions nest at most {MAX_DEPTH} deep.", field=path)
    if promotion.kind is Kind.CATALOG and isinstance(condition, CART_CONDITIONS):
        raise UserError("A catalog promotion cannot depend on the cart.", field=path)
    match condition:
        case AllOf(parts) | AnyOf(parts):
            for index, part in enumerate(parts):
                _condition(part, promotion, f"{path}.conditions.{index}", depth + 1)
        case MinSubtotal(amount):
            _amount(amount, promotion, f"{path}.amount")
        case MinQuantity(quantity):
            _count(quantity, f"{path}.quantity")
        case Between(starts_at, ends_at):
            _window(starts_at, ends_at, f"{path}.endsAt")
