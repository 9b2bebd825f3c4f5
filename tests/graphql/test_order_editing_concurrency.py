"""An order edit claims the order's version like every order operation (PostgreSQL, real
concurrent requests): an edit and a fulfillment or cancellation read at the same version
never both apply; one wins, the other gets a userError and changes nothing."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from resolvers.ids import decode_id_of
from tests.support.actors import MerchantWorld
from tests.support.checkout import Shop, open_shop, stock_of
from tests.support.order_editing import edit_order
from tests.support.orders import CANCEL, FULFILLMENT_CREATE, line_id, order_state, place_order

pytestmark = pytest.mark.postgres_only

WAITING = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock'
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


@asynccontextmanager
async def order_row_held(engine: AsyncEngine, order_id: str) -> AsyncIterator[None]:
    """Hold the order's row (without changing it) so that requests started meanwhile read the
    same version, then queue on their claim; released when the block ends."""
    id: UUID = decode_id_of(order_id, "Order")
    async with engine.connect() as holder:
        await holder.execute(
            text("UPDATE orders SET updated_at = updated_at WHERE id = :id"), {"id": id}
        )
        yield
        await holder.commit()


async def until_waiting(engine: AsyncEngine, count: int) -> None:
    async with engine.connect() as watcher:
        for _ in range(200):
            if (await watcher.execute(text(WAITING))).scalar_one() >= count:
                return
            await watcher.rollback()  # a new snapshot of the activity next time
            await asyncio.sleep(0.05)
    raise AssertionError(f"{count} requests never queued on the order")


async def race(app: Starlette, order_id: str, *requests: Any) -> list[Any]:
    engine: AsyncEngine = app.state.agora.database.engine
    async with order_row_held(engine, order_id):
        tasks = [asyncio.create_task(request) for request in requests]
        await until_waiting(engine, len(tasks))
    return list(await asyncio.gather(*tasks))


async def test_an_edit_racing_a_cancellation_one_wins(app: Starlette, shop: Shop) -> None:
    # given a paid order of 2 tees
    order = await place_order(shop, {"TEE": 2})
    # when staff add a tee while another cancels the order, both from the same version
    edited, cancelled = await race(
        app, order["id"],
        edit_order(shop, order["id"], {"TEE": 3}),
        shop.admin(CANCEL, {"id": order["id"]}),
    )  # fmt: skip
    cancelled = cancelled["orderCancel"]
    # then exactly one applies; the other is refused as INVALID_STATE
    refusals = [e["code"] for p in (edited, cancelled) for e in p["userErrors"]]
    assert refusals == ["INVALID_STATE"], (edited, cancelled)
    state = await order_state(shop, order["id"])
    if cancelled["order"] is not None:  # the cancellation won: all stock back, lines unchanged
        assert (state["status"], state["lines"][0]["quantity"]) == ("CANCELLED", 2)
        assert await stock_of(shop, "TEE") == [("Oakland", 10, 0)]
    else:  # the edit won: the order holds 3 tees, reserved
        assert (state["status"], state["lines"][0]["quantity"]) == ("PAID", 3)
        assert await stock_of(shop, "TEE") == [("Oakland", 10, 3)]


async def test_an_edit_racing_a_fulfillment_one_wins(app: Starlette, shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 2})
    lines = [{"orderLineId": line_id(order, "TEE"), "quantity": 2}]
    fulfilling = shop.admin(FULFILLMENT_CREATE, {"input": {"orderId": order["id"], "lines": lines}})
    edited, fulfilled = await race(
        app, order["id"], edit_order(shop, order["id"], {"TEE": 1}), fulfilling
    )
    fulfilled = fulfilled["fulfillmentCreate"]
    refusals = [e["code"] for p in (edited, fulfilled) for e in p["userErrors"]]
    assert refusals == ["INVALID_STATE"], (edited, fulfilled)
    state = await order_state(shop, order["id"])
    if fulfilled["fulfillment"] is not None:  # the fulfillment won: 2 tees packed, none removed
        assert (state["lines"][0]["quantity"], state["lines"][0]["quantityFulfilled"]) == (2, 2)
        assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]
    else:  # the edit won: 1 tee left on the order, nothing packed
        assert (state["lines"][0]["quantity"], state["lines"][0]["quantityFulfilled"]) == (1, 0)
        assert await stock_of(shop, "TEE") == [("Oakland", 10, 1)]
