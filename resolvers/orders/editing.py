"""Editing an order (staff with MANAGE_ORDERS): one domain call, dry run or committed."""

from typing import Any

from domain.orders.editing import EditResult, LineEdit, OrderEdit, edit_order
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


def read_edit(lines: list[tuple[str, int]], discount: str | None) -> OrderEdit:
    return OrderEdit(
        tuple(
            LineEdit(decode_id_of(variant, "ProductVariant", field=f"lines.{i}.variantId"), n)
            for i, (variant, n) in enumerate(lines)
        ),
        discount,
    )


async def order_edit(
    info: AgoraInfo,
    id: str,
    lines: list[tuple[str, int]],
    discount: str | None,
    dry_run: bool,
) -> Payload:
    context = info.context
    principal = actor(info)

    async def work() -> dict[str, Any]:
        order_id = decode_id_of(id, "Order")
        edit = read_edit(lines, discount)
        async with context.work() as uow:
            result: EditResult = await edit_order(
                uow, order_id, edit, principal, context.clock(), dry_run=dry_run
            )
        # After a dry run the order is as it was: the edit only priced it.
        return {"order": result.repriced.order, "edit": result}

    return await mutate(work)
