"""Promotions as a merchant keeps them: the stored definition, its codes, its redemptions.

A `StoredPromotion` holds the engine's `Promotion` field by field, with its action and
condition as JSON (`serialization`), plus what the engine does not know: limits (uses in
all, uses per customer, a discount budget), the counters that enforce them, and whether it is
archived. `definition` gives the engine's `Promotion` back.

Counters (`times_used`, `discount_given`, a code's `times_used`, a customer's uses) change
only through conditional UPDATEs in persistence, never read-modify-write here.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.money import Money
from domain.promotions.promotion import Kind, Promotion, PromotionBudget, Stacking
from domain.promotions.serialization import load_action, load_condition


@dataclass(eq=False)
class StoredPromotion(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    kind: str  # Kind
    priority: int
    stacking: str  # Stacking
    combination_group: str | None
    currency: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    action: dict[str, Any]  # serialization.dump_action, engine ids
    condition: dict[str, Any]  # serialization.dump_condition, engine ids
    usage_limit: int | None  # uses in all (None: no limit)
    usage_limit_per_customer: int | None
    budget_amount: int | None  # the most it may take off in all, in `currency`
    times_used: int
    discount_given: int  # in `currency`; 0 for a promotion without one
    is_archived: bool
    created_at: datetime
    updated_at: datetime

    @property
    def definition(self) -> Promotion:
        return Promotion(
            id=str(self.id),
            name=self.name,
            kind=Kind(self.kind),
            action=load_action(self.action),
            condition=load_condition(self.condition),
            priority=self.priority,
            stacking=Stacking(self.stacking),
            combination_group=self.combination_group,
            currency=self.currency,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
        )

    @property
    def budget(self) -> Money | None:
        if self.budget_amount is None or self.currency is None:
            return None
        return Money(self.budget_amount, self.currency)

    @property
    def discount_given_money(self) -> Money | None:
        return None if self.currency is None else Money(self.discount_given, self.currency)

    def remaining(self, customer_uses: int | None) -> PromotionBudget:
        """What is left, as the engine takes it; `customer_uses`: the shopper's uses so far
        (None for a guest, who is not limited per customer)."""
        return PromotionBudget(
            remaining_amount=None
            if self.budget is None
            else Money(max(0, self.budget.amount - self.discount_given), self.budget.currency),
            remaining_redemptions=None
            if self.usage_limit is None
            else max(0, self.usage_limit - self.times_used),
            remaining_customer_redemptions=None
            if self.usage_limit_per_customer is None or customer_uses is None
            else max(0, self.usage_limit_per_customer - customer_uses),
        )


@dataclass(eq=False)
class PromotionCode(TenantOwned):
    """A code shoppers type; stored normalised (`codes.normalize_code`), unique per merchant."""

    id: UUID
    merchant_id: UUID
    promotion_id: UUID
    code: str
    usage_limit: int | None
    times_used: int
    created_at: datetime

    @property
    def remaining_uses(self) -> int | None:
        return None if self.usage_limit is None else max(0, self.usage_limit - self.times_used)


@dataclass(eq=False)
class Redemption(TenantOwned):
    """A promotion applied to an order: what it took off, through which code, for whom."""

    id: UUID
    merchant_id: UUID
    promotion_id: UUID
    order_id: UUID
    code_id: UUID | None
    customer_id: UUID | None
    amount: int
    currency: str
    created_at: datetime
    reversed_at: datetime | None = None  # the order lapsed unpaid: its counters were given back
