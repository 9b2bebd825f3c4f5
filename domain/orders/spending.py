"""Keeping a customer's order summary and tier current as their orders are paid, cancelled
and refunded.

An order counts once it is paid (`paid_at` is set: at checkout, or when staff confirm the
payment): one more order, its total added. A refund takes its amount off again; cancelling a
counted order takes it out of the count and takes off what the cancellation gave back. Each
runs in the unit of work of the operation, after it claimed the order's version
(`domain/orders/changes.py`): a retried or concurrent operation is refused there, so spending
never moves twice for one change.
"""

from datetime import datetime

from domain.customers.accounts import Customer
from domain.customers.tiers import Spending, after_payment, after_refund, tier_for
from domain.money import Money
from domain.orders.orders import Order
from domain.unit_of_work import UnitOfWork


async def _customer(uow: UnitOfWork, order: Order) -> Customer | None:
    if order.customer_id is None:
        return None
    return await uow.customers.locked(order.customer_id)


async def _keep(uow: UnitOfWork, customer: Customer, spending: Spending, now: datetime) -> None:
    customer.order_count = spending.order_count
    customer.total_spent = dict(spending.total_spent)
    customer.last_order_at = spending.last_order_at
    tier = tier_for(customer.total_spent, await uow.customer_tiers.all())
    customer.tier_id = None if tier is None else tier.id
    customer.updated_at = now


def _spending(customer: Customer) -> Spending:
    return Spending(customer.order_count, customer.total_spent, customer.last_order_at)


async def count_payment(uow: UnitOfWork, order: Order, now: datetime) -> None:
    """A paid order counts towards its customer's orders, spending and tier."""
    customer = await _customer(uow, order)
    if customer is None:
        return
    paid = Money(order.total_amount, order.currency)
    await _keep(uow, customer, after_payment(_spending(customer), paid, order.created_at), now)


async def count_refund(uow: UnitOfWork, order: Order, amount: int, now: datetime) -> None:
    """Money given back on a counted order comes off its customer's spending."""
    if order.paid_at is None or amount <= 0:
        return
    customer = await _customer(uow, order)
    if customer is None:
        return
    refunded = Money(amount, order.currency)
    await _keep(uow, customer, after_refund(_spending(customer), refunded), now)


async def count_cancellation(uow: UnitOfWork, order: Order, returned: int, now: datetime) -> None:
    """A cancelled order no longer counts: one order fewer, and what the cancellation gave
    back (`returned`, the captured money not refunded before) off the spending. An order
    cancelled before it was paid was never counted."""
    if order.paid_at is None:
        return
    customer = await _customer(uow, order)
    if customer is None:
        return
    spending = after_refund(_spending(customer), Money(max(returned, 0), order.currency))
    fewer = Spending(max(0, spending.order_count - 1), spending.total_spent, spending.last_order_at)
    await _keep(uow, customer, fewer, now)
