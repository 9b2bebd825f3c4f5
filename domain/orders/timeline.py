"""The order timeline: every change to an order, who made it and when (its audit trail).

Every order operation calls `append` in its own unit of work, so the entry lands with the
change or not at all. Kinds are short snake_case words (`fulfillment_created`, `note`,
`refunded`, ...); `data` holds what a reader needs to show the entry (plain JSON values).
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.ids import new_id
from domain.orders.buyers import OrderTokenHolder
from domain.orders.orders import Order
from domain.principals import (
    AppPrincipal,
    CustomerPrincipal,
    PlatformAdminPrincipal,
    Principal,
    StaffPrincipal,
)
from domain.unit_of_work import UnitOfWork


@dataclass(eq=False)
class TimelineEntry(TenantOwned):
    id: UUID
    merchant_id: UUID
    order_id: UUID
    kind: str
    # STAFF, API_KEY, CUSTOMER, GUEST (the order token's holder), PLATFORM_ADMIN or SYSTEM
    actor_kind: str
    actor_id: UUID | None
    data: dict[str, Any]
    at: datetime


def actor_of(actor: Principal | OrderTokenHolder | None) -> tuple[str, UUID | None]:
    if isinstance(actor, OrderTokenHolder):
        return "GUEST", None
    if isinstance(actor, StaffPrincipal):
        return "STAFF", actor.staff_id
    if isinstance(actor, AppPrincipal):
        return "API_KEY", actor.api_key_id
    if isinstance(actor, CustomerPrincipal):
        return "CUSTOMER", actor.customer_id
    if isinstance(actor, PlatformAdminPrincipal):
        return "PLATFORM_ADMIN", actor.admin_id
    return "SYSTEM", None


async def append(
    uow: UnitOfWork,
    order: Order,
    kind: str,
    actor: Principal | OrderTokenHolder | None,
    data: dict[str, Any],
    *,
    at: datetime | None = None,
) -> None:
    """Record one change to `order` in this unit of work (written with it, or not at all)."""
    actor_kind, actor_id = actor_of(actor)
    when = at if at is not None else datetime.now(UTC)
    entry = TimelineEntry(
        new_id(), order.merchant_id, order.id, kind, actor_kind, actor_id, dict(data), when
    )
    uow.add_all([entry])
