"""The event outbox and log: catalog changes are recorded with the change, pulled in order."""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.events import Event, EventType, new_event
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork
from persistence.webhook_outbox import OutboxStore
from resolvers.ids import decode_id_of
from tests.support.actors import MerchantWorld
from tests.support.catalog import Catalog
from tests.support.webhooks import EVENTS, FakeClock, events, worker

PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } userErrors { field message code } }
}
"""
VARIANT_UPDATE = """
mutation($id: ID!, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, input: $input) { variant { id } userErrors { field message code } }
}
"""
BULK_CREATE = """
mutation($products: [ProductBulkInput!]!) {
  productBulkCreate(products: $products) { count userErrors { field message code } }
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


def late_event(merchant: MerchantWorld, name: str) -> Event:
    """An event recorded now (its id is taken now), to be committed later."""
    merchant_id = decode_id_of(merchant.id, "Merchant")
    return new_event(
        merchant_id, EventType.PRODUCT_UPDATED, {"product": {"name": name}}, datetime.now(UTC)
    )


async def read_after(merchant: MerchantWorld, cursor: str | None) -> tuple[list[str], str | None]:
    """The names in the events after `cursor`, and the cursor to continue from."""
    result = await merchant.run(EVENTS, {"after": cursor})
    assert result.errors == [], result.body
    connection = result.data["events"]
    names = [payload(edge["node"])["product"]["name"] for edge in connection["edges"]]
    return names, connection["pageInfo"]["endCursor"] or cursor


async def test_an_event_recorded_earlier_but_committed_later_is_not_skipped(
    merchant_a: MerchantWorld, database: Database
) -> None:
    # given a consumer at the head of the log
    catalog = Catalog(merchant_a)
    await catalog.product("First")
    names, cursor = await read_after(merchant_a, None)
    assert names == ["First"]
    # and a transaction that records an event now but commits only later
    early = late_event(merchant_a, "Recorded early")
    # when another change commits meanwhile and the consumer reads past it
    await catalog.product("Committed first")
    names, cursor = await read_after(merchant_a, cursor)
    assert names == ["Committed first"]
    async with SqlUnitOfWork(database, early.merchant_id) as uow:
        uow.record(early)
        await uow.commit()
    # then its next read from where it stood still brings the late event, and nothing again
    names, cursor = await read_after(merchant_a, cursor)
    assert names == ["Recorded early"]
    assert (await read_after(merchant_a, cursor))[0] == []


@pytest.mark.postgres_only
async def test_a_transaction_open_while_a_consumer_reads_the_head_is_seen_when_it_commits(
    merchant_a: MerchantWorld, database: Database
) -> None:
    # given a transaction that has written its event but not committed yet
    catalog = Catalog(merchant_a)
    early = late_event(merchant_a, "Open transaction")
    async with SqlUnitOfWork(database, early.merchant_id) as uow:
        uow.record(early)
        await uow.stage()
        # when a later change commits and a consumer reads to the head meanwhile
        await catalog.product("Later change")
        names, cursor = await read_after(merchant_a, None)
        assert names == ["Later change"]
        await uow.commit()
    # then the open transaction's event comes after that head once it commits
    assert (await read_after(merchant_a, cursor))[0] == ["Open transaction"]


async def test_an_event_not_placed_before_a_crash_is_placed_by_the_worker(
    merchant_a: MerchantWorld, database: Database
) -> None:
    # given an event committed by a process that died before placing it in the log
    async with database.session(None) as session:
        session.add(late_event(merchant_a, "Before the crash"))
        await session.commit()
    assert await events(merchant_a) == []
    # when a delivery worker runs its round
    await worker(database, FakeClock()).run_once()
    # then the event is in the log
    assert [payload(e)["product"]["name"] for e in await events(merchant_a)] == ["Before the crash"]


async def test_event_cursors_are_positions_in_the_log_not_ids(merchant_a: MerchantWorld) -> None:
    # given two events read from the log
    catalog = Catalog(merchant_a)
    await catalog.product("One")
    await catalog.product("Two")
    result = await merchant_a.run(EVENTS, {})
    first, _second = result.data["events"]["edges"]
    # then cursors are opaque, and a cursor of another list is refused
    assert first["node"]["id"] not in first["cursor"]
    products = await merchant_a.run("{ products(first: 1) { pageInfo { endCursor } } }")
    foreign = products.data["products"]["pageInfo"]["endCursor"]
    refused = await merchant_a.run(EVENTS, {"after": foreign})
    assert refused.error_codes == ["INVALID"]
    # and the first cursor leads to the second event
    names, _ = await read_after(merchant_a, first["cursor"])
    assert names == ["Two"]


@pytest.mark.postgres_only
async def test_concurrent_changes_each_get_their_own_place_in_the_log(
    merchant_a: MerchantWorld,
) -> None:
    # when many products are created at the same time (each commit places its events)
    catalog = Catalog(merchant_a)
    await asyncio.gather(*(catalog.product(f"Product {n}") for n in range(12)))
    # then the log holds each creation once, and paging it one by one misses none
    seen: list[str] = []
    cursor = None
    while edges := (await merchant_a.run(EVENTS, {"after": cursor, "first": 1})).data["events"][
        "edges"
    ]:
        seen += [payload(edge["node"])["product"]["name"] for edge in edges]
        cursor = edges[-1]["cursor"]
    assert sorted(seen) == sorted(f"Product {n}" for n in range(12))


async def updates_of(merchant: MerchantWorld) -> list[str]:
    """The product ids of the product.updated events in the log, in order."""
    log = await events(merchant, types=["PRODUCT_UPDATED"])
    return [payload(e)["product"]["id"] for e in log]


async def test_variant_changes_are_product_updates(merchant_a: MerchantWorld) -> None:
    # given a product
    catalog = Catalog(merchant_a)
    product_id = await catalog.product("Trail runner")
    # when a variant is added, changed and archived
    variant_id = await catalog.variant(product_id, "TR-1")
    changed = await merchant_a.run(VARIANT_UPDATE, {"id": variant_id, "input": {"name": "Big"}})
    assert changed.data["productVariantUpdate"]["userErrors"] == []
    await catalog.archive_variant(variant_id)
    # then each change is one product.updated naming the product as it is now
    assert await updates_of(merchant_a) == [product_id] * 3
    last = (await events(merchant_a, types=["PRODUCT_UPDATED"]))[-1]
    assert payload(last)["product"]["name"] == "Trail runner"


async def test_price_listing_and_stock_changes_are_product_updates(
    merchant_a: MerchantWorld,
) -> None:
    # given a product with a variant, a storefront and a warehouse
    catalog = Catalog(merchant_a)
    product_id = await catalog.product("Sock")
    variant_id = await catalog.variant(product_id, "SOCK-1")
    storefront_id, _ = await merchant_a.storefront()
    warehouse_id = await catalog.warehouse("North")
    before = len(await updates_of(merchant_a))
    # when it is priced, listed and stocked
    await catalog.price(variant_id, storefront_id, "9.99")
    await catalog.publish(product_id, storefront_id)
    await catalog.stock(variant_id, warehouse_id, 10)
    # then each of the three changes is one product.updated of that product
    assert (await updates_of(merchant_a))[before:] == [product_id] * 3


async def test_a_bulk_update_touching_many_rows_is_one_update_per_product(
    merchant_a: MerchantWorld,
) -> None:
    # given two products, the first with two variants
    catalog = Catalog(merchant_a)
    first, second = await catalog.product("First"), await catalog.product("Second")
    variants = [await catalog.variant(first, f"F-{n}") for n in range(2)]
    storefront_id, _ = await merchant_a.storefront()
    warehouse_id = await catalog.warehouse("North")
    before = len(await updates_of(merchant_a))
    # when one call changes the first's variants, prices and stock, and the second's name
    prices = [{"storefrontId": storefront_id, "price": "5.00"}]
    stocks = [{"warehouseId": warehouse_id, "quantity": 3}]
    changes = [{"id": v, "name": "Changed", "prices": prices, "stocks": stocks} for v in variants]
    result = await merchant_a.run(
        BULK_UPDATE,
        {"products": [{"id": first, "variants": changes}, {"id": second, "name": "Renamed"}]},
    )
    assert result.data["productBulkUpdate"]["count"] == 2
    # then the log holds one product.updated per product
    assert (await updates_of(merchant_a))[before:] == [first, second]


async def test_a_new_product_with_its_variants_is_only_created(merchant_a: MerchantWorld) -> None:
    # when products are created with variants, prices and stock in one call
    storefront_id, _ = await merchant_a.storefront()
    variant = {"sku": "NEW-1", "prices": [{"storefrontId": storefront_id, "price": "1.00"}]}
    result = await merchant_a.run(
        BULK_CREATE,
        {"products": [{"name": "New", "variants": [variant], "listings": []}]},
    )
    assert result.data["productBulkCreate"]["count"] == 1
    # then the log says it was created, and nothing more
    assert [e["type"] for e in await events(merchant_a)] == ["PRODUCT_CREATED"]
