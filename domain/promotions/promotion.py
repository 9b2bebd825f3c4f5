"""A promotion: a condition, an action, and how it stacks with others; plus its budget."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.money import Money
from domain.promotions.actions import Action
from domain.promotions.conditions import ALWAYS, Condition


class Kind(StrEnum):
    CATALOG = "catalog"  # a sale price: shown in listings and product pages
    CART = "cart"  # applied to a cart at checkout


class Stacking(StrEnum):
    EXCLUSIVE = "exclusive"  # applies alone or not at all
    COMBINABLE = "combinable"  # with any combinable promotion (of its group, if it has one)


@dataclass(frozen=True, slots=True)
class Promotion:
    """`priority`: larger goes first. `currency`: required when the action or a condition
    names an amount; a promotion without amounts (a percentage) works in any currency.
    `starts_at`/`ends_at` bound the promotion's life (either may be open)."""

    id: str
    name: str
    kind: Kind
    action: Action
    condition: Condition = ALWAYS
    priority: int = 0
    stacking: Stacking = Stacking.COMBINABLE
    combination_group: str | None = None
    currency: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @property
    def exclusive(self) -> bool:
        return self.stacking is Stacking.EXCLUSIVE


@dataclass(frozen=True, slots=True)
class PromotionBudget:
    """What is left to spend, as storage knows it now (None: unlimited)."""

    remaining_amount: Money | None = None
    remaining_redemptions: int | None = None
    remaining_customer_redemptions: int | None = None

    @property
    def redemptions_left(self) -> bool:
        return all(
            left is None or left > 0
            for left in (self.remaining_redemptions, self.remaining_customer_redemptions)
        )


UNLIMITED = PromotionBudget()
