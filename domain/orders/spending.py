"""Keeping a customer's order summary and tier current as their orders are paid."""

from datetime import datetime

from domain.customers.tiers import Spending, after_payment, tier_for
from domain.money import Money
from domain.orders.orders import Order
from domain.unit_of_work import UnitOfWork


async def count_payment(uow: UnitOfWork, order: Order, now: datetime) -> None:
    """A paid order counts towards its customer's orders, spending and tier."""
    if order.customer_id is None:
        return
    customer = await uow.customers.locked(order.customer_id)
    if customer is None:
        return
    spending = after_payment(
        Spending(customer.order_count, customer.total_spent, customer.last_order_at),
        Money(order.total_amount, order.currency),
        order.created_at,
    )
    customer.order_count = spending.order_count
    customer.total_spent = dict(spending.total_spent)
    customer.last_order_at = spending.last_order_at
    tier = tier_for(customer.total_spent, await uow.customer_tiers.all())
    customer.tier_id = None if tier is None else tier.id
    customer.updated_at = now
