"""The event outbox and log: catalog changes are recorded with the change, pulled in order."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from persistence.database import Database
from persistence.webhook_outbox import OutboxStore
from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog
from tests.support.webhooks import EVENTS, events

PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } userErrors { field message code } }
}
"""
BULK_UPDATE = """
mutation($products: [ProductBulkUpdateInput!]!) {
  productBulkUpdate(products: $products) { count userErrors { field message code } }
}
"""


def payload(event: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(event["payload"])
    return data


async def test_product_changes_are_recorded_in_order_with_versioned_payloads(
    merchant_a: MerchantWorld,
) -> None:
    # given a product created, renamed and archived
    catalog = Catalog(merchant_a)
    product_id = await catalog.product("Trail runner")
    await merchant_a.run(PRODUCT_UPDATE, {"id": product_id, "input": {"name": "Road runner"}})
    await catalog.archive_product(product_id)
    # when an integrator reads the event log
    log = await events(merchant_a)
    # then it holds the three events, in order, naming the product by its API ID
    assert [e["type"] for e in log] == ["PRODUCT_CREATED", "PRODUCT_UPDATED", "PRODUCT_DELETED"]
    assert all(e["version"] == 1 for e in log)
    assert [payload(e)["product"]["id"] for e in log] == [product_id] * 3
    assert payload(log[0])["product"]["name"] == "Trail runner"
    assert payload(log[1])["product"]["name"] == "Road runner"


async def test_a_refused_mutation_records_nothing(merchant_a: MerchantWorld) -> None:
    # given a product, when an update is refused (a duplicate slug)
    catalog = Catalog(merchant_a)
    first = await catalog.product("One", slug="one")
    await catalog.product("Two", slug="two")
    result = await merchant_a.run(PRODUCT_UPDATE, {"id": first, "input": {"slug": "two"}})
    assert result.data["productUpdate"]["userErrors"]
    # then only the two creations are in the log
    assert [e["type"] for e in await events(merchant_a)] == ["PRODUCT_CREATED"] * 2


async def test_a_bulk_item_rolled_back_records_no_event(merchant_a: MerchantWorld) -> None:
    # given two products, one bulk call renaming the first and failing on the second
    catalog = Catalog(merchant_a)
    good = await catalog.product("Good")
    bad = await catalog.product("Bad")
    await catalog.archive_product(bad)
    result = await merchant_a.run(
        BULK_UPDATE, {"products": [{"id": good, "name": "Better"}, {"id": bad, "name": "Worse"}]}
    )
    assert result.data["productBulkUpdate"]["count"] == 1
    # then the kept item's update is recorded, the rolled-back one's is not
    updates = await events(merchant_a, types=["PRODUCT_UPDATED"])
    assert [payload(e)["product"]["id"] for e in updates] == [good]


async def test_stock_falling_to_the_threshold_then_zero_sends_low_then_out_of_stock(
    merchant_a: MerchantWorld,
) -> None:
    # given a tracked variant with a threshold of 5 and 20 units in two warehouses
    catalog = Catalog(merchant_a)
    product_id = await catalog.product("Sock")
    variant_id = await catalog.variant(product_id, "SOCK-1", lowStockThreshold=5)
    north, south = await catalog.warehouse("North"), await catalog.warehouse("South")
    await catalog.stock(variant_id, north, 10)
    await catalog.stock(variant_id, south, 10)
    # when stock falls to 12 (above it), 4 (at or below it), 3 (still low), then 0
    await catalog.stock(variant_id, north, 2)
    await catalog.stock(variant_id, south, 2)
    await catalog.stock(variant_id, south, 1)
    await catalog.stock(variant_id, north, 0)
    await catalog.stock(variant_id, south, 0)
    # then one low-stock event on crossing, one out-of-stock event at zero
    log = await events(merchant_a, types=["INVENTORY_LOW_STOCK", "INVENTORY_OUT_OF_STOCK"])
    assert [e["type"] for e in log] == ["INVENTORY_LOW_STOCK", "INVENTORY_OUT_OF_STOCK"]
    low, out = payload(log[0]), payload(log[1])
    assert low["variant"] == {"id": variant_id, "sku": "SOCK-1", "productId": product_id}
    assert (low["available"], low["threshold"]) == (4, 5)
    assert out["available"] == 0


async def test_the_log_is_pulled_page_by_page_from_a_cursor(merchant_a: MerchantWorld) -> None:
    # given five events
    catalog = Catalog(merchant_a)
    for n in range(5):
        await catalog.product(f"Product {n}")
    # when an integrator reads two, then everything after the last cursor it processed
    first = await merchant_a.run(EVENTS, {"first": 2})
    cursor = first.data["events"]["pageInfo"]["endCursor"]
    rest = await merchant_a.run(EVENTS, {"after": cursor})
    # then it gets the other three, and nothing is missed or repeated
    names = [
        payload(edge["node"])["product"]["name"]
        for page in (first, rest)
        for edge in page.data["events"]["edges"]
    ]
    assert names == [f"Product {n}" for n in range(5)]
    assert rest.data["events"]["pageInfo"]["hasNextPage"] is False


async def test_a_partner_key_with_manage_webhooks_reads_the_log(merchant_a: MerchantWorld) -> None:
    await Catalog(merchant_a).product("Visible")
    _key, secret = await merchant_a.api_key(["MANAGE_WEBHOOKS"])
    result = await merchant_a.client.execute(EVENTS, {}, token=secret)
    assert result.errors == []
    assert [e["node"]["type"] for e in result.data["events"]["edges"]] == ["PRODUCT_CREATED"]


async def test_events_older_than_the_retention_are_pruned(
    merchant_a: MerchantWorld, database: Database
) -> None:
    # given an event recorded now
    await Catalog(merchant_a).product("Old news")
    store = OutboxStore(database)
    # when the log is pruned with a cut-off before it, nothing goes; after it, it goes
    assert await store.prune(datetime.now(UTC) - timedelta(days=30)) == 0
    assert len(await events(merchant_a)) == 1
    assert await store.prune(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert await events(merchant_a) == []
