"""What promotions look at beyond a line's ids: so callers read only the facts they need.

A line's category tree and collections cost a read; so do a customer's tags, tier, order
count and segments. `needs` answers which of them the given promotions can see (in their
actions' targets and in their conditions), so a cart or a listing without such promotions
reads nothing more.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from domain.promotions.actions import Action, BuyXGetY
from domain.promotions.conditions import (
    CartContains,
    CustomerInSegment,
    CustomerTagged,
    CustomerTier,
    FirstOrder,
    MinQuantity,
    MinSubtotal,
    walk,
)
from domain.promotions.promotion import Promotion
from domain.promotions.targets import Target

_CUSTOMER_CONDITIONS = (CustomerTagged, CustomerInSegment, CustomerTier, FirstOrder)


@dataclass(frozen=True, slots=True)
class Needs:
    groups: bool = False  # a target names categories or collections
    product_facts: bool = False  # a target names categories, collections or tags
    customer: bool = False  # a condition looks at the customer
    segment_ids: frozenset[str] = frozenset()  # the segments conditions name


def action_targets(action: Action) -> list[Target]:
    if isinstance(action, BuyXGetY):
        return [action.buy_target, action.get_target]
    target = getattr(action, "target", None)
    return [target] if isinstance(target, Target) else []


def targets_of(promotion: Promotion) -> list[Target]:
    """Every target the promotion's action and conditions name."""
    found = action_targets(promotion.action)
    for condition in walk(promotion.condition):
        if isinstance(condition, MinSubtotal | MinQuantity | CartContains):
            found.append(condition.target)
    return found


def needs(promotions: Iterable[Promotion]) -> Needs:
    groups = product_facts = customer = False
    segment_ids: set[str] = set()
    for promotion in promotions:
        for target in targets_of(promotion):
            groups = groups or bool(target.category_ids or target.collection_ids)
            product_facts = product_facts or bool(
                target.category_ids or target.collection_ids or target.tags
            )
        for condition in walk(promotion.condition):
            if isinstance(condition, _CUSTOMER_CONDITIONS):
                customer = True
            if isinstance(condition, CustomerInSegment):
                segment_ids.update(condition.segment_ids)
    return Needs(groups, product_facts, customer, frozenset(segment_ids))
