"""The order timeline: what happened to an order, by whom, in order.

A stub on this branch: the order lifecycle branch provides the real module (same signature),
and it replaces this one at merge. Callers here only need the call to exist.
"""

from typing import Any

from domain.orders.orders import Order
from domain.principals import MerchantPrincipal
from domain.unit_of_work import UnitOfWork


async def append(
    uow: UnitOfWork, order: Order, kind: str, actor: MerchantPrincipal, data: dict[str, Any]
) -> None:
    """Record an entry on the order's timeline (replaced at merge; records nothing here)."""
