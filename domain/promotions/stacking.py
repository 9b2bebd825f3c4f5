"""Stacking: which of the eligible promotions apply together. The rule, in full:

1. Catalog promotions are resolved first, on list prices: they make the sale prices. Cart
   promotions are resolved second, on the sale prices. Each phase stacks on its own: a sale
   price never excludes a cart promotion, nor the other way round.
2. Within a phase, promotions are considered one at a time, highest `priority` first; equal
   priorities in ascending `id` order. Neither the order of the promotions in the request
   nor the order of the cart lines changes the outcome.
3. A promotion whose lifetime, currency, budget or conditions rule it out is skipped with that
   reason; it excludes nothing.
4. An eligible promotion applies only if it is compatible with EVERY promotion already applied
   in its phase; otherwise it is skipped:
   - an applied exclusive promotion excludes everything after it (EXCLUDED_BY_EXCLUSIVE);
   - an exclusive promotion cannot join promotions already applied (NOT_COMBINABLE);
   - a promotion with a `combination_group` combines only with promotions of the same group,
     and one without a group only with others without a group (NOT_COMBINABLE).
5. An applied promotion works on the prices the earlier ones left (a percentage after an
   amount off takes the percentage of the reduced price). Risk control and budgets may cut it
   down (`caps` on the applied promotion); cut to nothing it is skipped with that reason and
   excludes nothing, as is a promotion that finds nothing to discount.
"""

from collections.abc import Iterable, Sequence

from domain.promotions.promotion import Kind, Promotion
from domain.promotions.result import Reason


def consideration_order(promotions: Iterable[Promotion]) -> list[Promotion]:
    """Catalog before cart; then highest priority first; then by id."""
    return sorted(promotions, key=lambda p: (p.kind is not Kind.CATALOG, -p.priority, p.id))


def compatible(applied: Promotion, candidate: Promotion) -> bool:
    if applied.exclusive or candidate.exclusive:
        return False
    return applied.combination_group == candidate.combination_group


def exclusion(
    candidate: Promotion, applied: Sequence[Promotion]
) -> tuple[Reason, Promotion, str] | None:
    """Why `candidate` cannot join the promotions `applied` so far in its phase, if it cannot:
    the reason, the promotion in the way, and the explanation in words."""
    for other in applied:
        if other.exclusive:
            return Reason.EXCLUDED_BY_EXCLUSIVE, other, f"{_named(other)} is exclusive"
    for other in applied:
        if candidate.exclusive:
            return Reason.NOT_COMBINABLE, other, f"exclusive, but {_named(other)} applies"
        if not compatible(other, candidate):
            detail = f"{_group(candidate)} does not combine with {_named(other)} in {_group(other)}"
            return Reason.NOT_COMBINABLE, other, detail
    return None


def _named(promotion: Promotion) -> str:
    return f"{promotion.name!r} (priority {promotion.priority})"


def _group(promotion: Promotion) -> str:
    group = promotion.combination_group
    return "no combination group" if group is None else f"combination group {group!r}"
