"""Refund arithmetic (pure): what refunding some units of a line, or the shipping, gives back.

A line's total (discounts and tax included) is spread over its units so that refunding them
one by one, or all at once, gives back exactly the line's total: unit k of n is worth
floor(total * k / n) - floor(total * (k - 1) / n). Shipping is what the order's total holds
beyond its lines (shipping and its tax), refundable once.
"""

from collections.abc import Sequence

from domain.orders.orders import Order, OrderLine


def units_worth(line_total: int, quantity: int, already: int, more: int) -> int:
    """What `more` units of a line are worth after `already` units were refunded."""
    assert already >= 0 and more >= 0 and already + more <= quantity
    return line_total * (already + more) // quantity - line_total * already // quantity


def shipping_worth(order: Order, lines: Sequence[OrderLine]) -> int:
    return order.total_amount - sum(line.total_amount for line in lines)
