"""Staff notes on an order: timeline entries of kind `note` (they change nothing else)."""

from datetime import datetime
from uuid import UUID

from domain.errors import NotFound
from domain.orders import timeline
from domain.orders.orders import Order
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


async def add_note(
    uow: UnitOfWork, order_id: UUID, body: str, actor: Principal | None, now: datetime
) -> Order:
    body = require_text(body, field="body", max_length=5000)
    order = await uow.orders.get(order_id)
    if order is None:
        raise NotFound("No order with this id.")
    await timeline.append(uow, order, "note", actor, {"body": body}, at=now)
    await uow.commit()
    return order
