"""Holding an order (nothing is fulfilled or shipped while held), releasing it, and closing
a delivered order (COMPLETED)."""

from datetime import datetime
from uuid import UUID

from domain.orders.changes import advance, load
from domain.orders.lifecycle import Action, Change
from domain.orders.orders import Order
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


async def hold_order(
    uow: UnitOfWork, order_id: UUID, reason: str, actor: Principal | None, now: datetime
) -> Order:
    reason = require_text(reason, field="reason", max_length=500)
    file = await load(uow, order_id)
    await advance(uow, file, Change(Action.HOLD), actor, now, ("held", {"reason": reason}))
    await uow.commit()
    return file.order


async def release_order(
    uow: UnitOfWork, order_id: UUID, actor: Principal | None, now: datetime
) -> Order:
    file = await load(uow, order_id)
    await advance(uow, file, Change(Action.RELEASE), actor, now, ("released", {}))
    await uow.commit()
    return file.order


async def complete_order(
    uow: UnitOfWork, order_id: UUID, actor: Principal | None, now: datetime
) -> Order:
    file = await load(uow, order_id)
    await advance(uow, file, Change(Action.COMPLETE), actor, now, ("completed", {}))
    await uow.commit()
    return file.order
