"""Several delivery workers against one PostgreSQL: every event delivered, none twice at once."""

import asyncio
import json

import pytest

from persistence.database import Database
from server.webhook_worker import WebhookWorker
from tests.support.actors import MerchantWorld
from tests.support.receiver import Receiver
from tests.support.webhooks import FakeClock, subscribe, worker

pytestmark = pytest.mark.postgres_only

BULK_CREATE = """
mutation($products: [ProductBulkInput!]!) {
  productBulkCreate(products: $products) { count userErrors { field message code } }
}
"""
EVENTS = 60


async def drain(delivering: WebhookWorker, rounds: list[int]) -> None:
    while attempted := await delivering.run_once():
        rounds.append(attempted)


async def test_two_workers_deliver_every_event_exactly_once(
    merchant_a: MerchantWorld, database_url: str, receiver: Receiver
) -> None:
    # given many committed events for one subscriber
    await subscribe(merchant_a, receiver.url)
    products = [{"name": f"Product {n}", "variants": [], "listings": []} for n in range(EVENTS)]
    result = await merchant_a.run(BULK_CREATE, {"products": products})
    assert result.data["productBulkCreate"]["count"] == EVENTS
    # when two workers, each with its own connection pool, deliver at the same time
    engines = [Database.from_url(database_url), Database.from_url(database_url)]
    clock = FakeClock()
    rounds: list[list[int]] = [[], []]
    try:
        workers = [worker(engine, clock) for engine in engines]
        await asyncio.gather(*(drain(w, r) for w, r in zip(workers, rounds, strict=True)))
    finally:
        for engine in engines:
            await engine.dispose()
    # then every event arrived exactly once, and the attempts made add up to the events
    ids = [m.headers["webhook-id"] for m in receiver.received]
    assert len(ids) == EVENTS and len(set(ids)) == EVENTS
    names = {json.loads(m.body)["data"]["product"]["name"] for m in receiver.received}
    assert names == {p["name"] for p in products}
    assert sum(map(sum, rounds)) == EVENTS
