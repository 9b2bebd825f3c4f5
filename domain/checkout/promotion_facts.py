"""What a cart's promotions may look at beyond its lines' ids, read only when one looks.

- Lines: each product's category with its ancestors and its collections
  (`CheckoutCatalog.groups`, one statement), when a live promotion targets a category or a
  collection.
- The customer: a signed-in shopper's tags, tier and order count (one statement), and the
  segments the promotions name that they are in (evaluated now with the segments' own rules,
  `segment_rules.matches`: two statements more), when a live promotion's condition looks at
  the customer. A guest is no customer; a signed-in shopper whose facts no promotion needs
  is a customer with none.
- The storefront's risk policy (no read: it is kept on the storefront).
"""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain.checkout.offers import Offer, ProductGroups
from domain.customers.addresses import default_country
from domain.customers.segment_rules import matches
from domain.customers.segments import facts_of
from domain.money import Money
from domain.promotions.reach import Needs
from domain.promotions.request import NO_LIMITS, Customer, RiskPolicy
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork


async def read_groups(
    uow: UnitOfWork, needs: Needs, offers: Mapping[UUID, Offer]
) -> Mapping[UUID, ProductGroups]:
    if not needs.groups or not offers:
        return {}
    return await uow.checkout.groups(sorted({offer.product_id for offer in offers.values()}))


async def read_customer(
    uow: UnitOfWork, needs: Needs, customer_id: UUID | None, now: datetime
) -> Customer | None:
    if customer_id is None:
        return None
    if not needs.customer:
        return Customer(str(customer_id))
    customer = await uow.customers.get(customer_id)
    if customer is None:
        return Customer(str(customer_id))
    segment_ids: frozenset[str] = frozenset()
    if needs.segment_ids:
        segments = await uow.segments.get_many(sorted(UUID(id) for id in needs.segment_ids))
        facts = facts_of(customer, default_country(await uow.addresses.of_customers([customer.id])))
        segment_ids = frozenset(str(s.id) for s in segments if matches(s.parsed_rule, facts, now))
    return Customer(
        str(customer.id),
        tags=frozenset(customer.tags),
        segment_ids=segment_ids,
        tier_id=None if customer.tier_id is None else str(customer.tier_id),
        order_count=customer.order_count,
    )


def risk_policy(storefront: Storefront) -> RiskPolicy:
    """The storefront's limits, as the engine takes them (amounts in its currency)."""
    amount = storefront.max_order_discount_amount
    percent = storefront.max_order_discount_percent
    floor = storefront.floor_percent_of_cost
    if amount is None and percent is None and floor is None:
        return NO_LIMITS
    return RiskPolicy(
        max_order_discount=None if amount is None else Money(amount, storefront.currency),
        max_order_discount_percent=None if percent is None else Decimal(percent),
        floor_percent_of_cost=None if floor is None else Decimal(floor),
    )
