"""Webhook delivery to a real HTTP endpoint on 127.0.0.1: signed, retried on schedule, dead-
lettered, crash-safe. The worker runs on a test clock, so no test waits for a retry."""

import json
from datetime import timedelta

from standardwebhooks import Webhook

from domain.webhooks.deliveries import RETRY_DELAYS
from persistence.database import Database
from persistence.webhook_outbox import OutboxStore
from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.receiver import Receiver
from tests.support.webhooks import FakeClock, deliveries, events, ping, subscribe, worker

RETRY = """
mutation($id: ID!) {
  webhookDeliveryRetry(id: $id) { webhookDelivery { id status } userErrors { code } }
}
"""
ENABLE = """
mutation($id: ID!) {
  webhookSubscriptionUpdate(id: $id, input: {isActive: true}) {
    webhookSubscription { isActive disabledAt } userErrors { code }
  }
}
"""
ROTATE = """
mutation($id: ID!) {
  webhookSubscriptionRotateSecret(id: $id, graceSeconds: 3600) {
    secret webhookSubscription { previousSecretExpiresAt } userErrors { code }
  }
}
"""


async def test_an_event_arrives_signed_per_standard_webhooks(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given a subscription to product events at a real endpoint
    subscription_id, secret = await subscribe(merchant_a, receiver.url)
    # when a product is created and the worker runs
    product_id = await Catalog(merchant_a).product("Trail runner")
    assert await worker(database, FakeClock()).run_once() == 1
    # then the endpoint got one message that the standardwebhooks library verifies
    [message] = receiver.received
    body = Webhook(secret).verify(message.body, message.headers)
    assert body["type"] == "product.created" and body["version"] == 1
    assert body["data"]["product"]["id"] == product_id
    [event] = await events(merchant_a)
    assert message.headers["webhook-id"] == body["id"]
    # and the delivery log shows one successful attempt of that event
    [delivery] = (await deliveries(merchant_a, subscription_id))["deliveries"]["nodes"]
    assert delivery["status"] == "SUCCEEDED" and delivery["event"]["id"] == event["id"]
    assert [a["statusCode"] for a in delivery["attempts"]] == [204]


async def test_only_subscribed_types_of_the_own_merchant_are_sent(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given A subscribed to product.deleted only, and B to everything about products
    await subscribe(merchant_a, receiver.url, ["PRODUCT_DELETED"])
    # when A creates a product and B creates one too
    await Catalog(merchant_a).product("Not sent")
    await Catalog(merchant_b).product("B's own")
    await worker(database, FakeClock()).run_once()
    # then nothing reached A's endpoint
    assert receiver.received == []


async def test_failures_are_retried_on_schedule_with_one_webhook_id_until_delivered(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given an endpoint that answers 500
    subscription_id, secret = await subscribe(merchant_a, receiver.url)
    await Catalog(merchant_a).product("Retried")
    clock = FakeClock()
    delivering = worker(database, clock, timeout=0.3)
    receiver.mode = "error"
    assert await delivering.run_once() == 1
    # when the first retry is not yet due, nothing is attempted
    clock.advance(RETRY_DELAYS[0] - timedelta(seconds=1))
    assert await delivering.run_once() == 0
    # when it is due the endpoint hangs past the timeout, then next time it is down
    clock.advance(timedelta(seconds=1))
    receiver.mode = "hang"
    assert await delivering.run_once() == 1
    await receiver.stop()
    clock.advance(RETRY_DELAYS[1])
    assert await delivering.run_once() == 1
    # and when it has recovered, the next scheduled attempt delivers
    receiver.mode = "ok"
    await receiver.start()
    clock.advance(RETRY_DELAYS[2])
    assert await delivering.run_once() == 1
    # then every attempt was logged, and every message carried the same webhook-id
    [delivery] = (await deliveries(merchant_a, subscription_id))["deliveries"]["nodes"]
    assert delivery["status"] == "SUCCEEDED" and delivery["attemptCount"] == 4
    codes = [(a["statusCode"], a["error"]) for a in delivery["attempts"]]
    assert codes[0] == (500, None) and codes[1] == (None, "timed out")
    assert codes[2][0] is None and codes[2][1] and codes[3] == (204, None)
    assert len({m.headers["webhook-id"] for m in receiver.received}) == 1
    Webhook(secret).verify(receiver.received[-1].body, receiver.received[-1].headers)


async def test_after_the_last_attempt_a_delivery_is_dead_until_retried_by_hand(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given an endpoint that always fails
    subscription_id, _ = await subscribe(merchant_a, receiver.url)
    await Catalog(merchant_a).product("Doomed")
    clock = FakeClock()
    delivering = worker(database, clock)
    receiver.mode = "error"
    # when every scheduled attempt is made
    await delivering.run_once()
    for delay in RETRY_DELAYS:
        clock.advance(delay)
        assert await delivering.run_once() == 1
    # then the delivery is dead, nothing more is attempted, and (failing for over a day) the
    # subscription was disabled
    state = await deliveries(merchant_a, subscription_id)
    [delivery] = state["deliveries"]["nodes"]
    assert delivery["status"] == "DEAD" and delivery["attemptCount"] == len(RETRY_DELAYS) + 1
    assert state["isActive"] is False
    clock.advance(timedelta(days=2))
    assert await delivering.run_once() == 0
    # when the merchant fixes the endpoint, turns the subscription back on and retries by hand
    receiver.mode = "ok"
    enabled = await merchant_a.run(ENABLE, {"id": subscription_id})
    assert ok(enabled.data["webhookSubscriptionUpdate"])["webhookSubscription"]["isActive"]
    retried = await merchant_a.run(RETRY, {"id": delivery["id"]})
    assert ok(retried.data["webhookDeliveryRetry"])["webhookDelivery"]["status"] == "PENDING"
    # then it is delivered (its attempt due at the merchant's "now", before the test clock's)
    assert await delivering.run_once() == 1
    [delivery] = (await deliveries(merchant_a, subscription_id))["deliveries"]["nodes"]
    assert delivery["status"] == "SUCCEEDED"


async def test_an_endpoint_failing_for_a_day_is_disabled_and_the_merchant_told(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given an endpoint failing every delivery
    subscription_id, _ = await subscribe(merchant_a, receiver.url)
    await Catalog(merchant_a).product("First")
    clock = FakeClock()
    delivering = worker(database, clock)
    receiver.mode = "error"
    await delivering.run_once()
    # when it still fails a day later (another event's first attempt)
    clock.advance(timedelta(days=1))
    await Catalog(merchant_a).product("Second")
    await delivering.run_once()
    # then the subscription is disabled, says why, and the event log tells the merchant
    state = await deliveries(merchant_a, subscription_id)
    assert state["isActive"] is False and state["disabledAt"] and state["disabledReason"]
    disabled = await events(merchant_a, types=["WEBHOOK_SUBSCRIPTION_DISABLED"])
    assert json.loads(disabled[0]["payload"])["subscriptionId"] == subscription_id


async def test_an_event_committed_before_a_crash_is_delivered_by_the_next_worker(
    merchant_a: MerchantWorld, database_url: str, receiver: Receiver
) -> None:
    # given events committed while no worker ran, one of them claimed by a worker that then died
    await subscribe(merchant_a, receiver.url)
    await Catalog(merchant_a).product("Before the crash")
    clock = FakeClock()
    dead = Database.from_url(database_url)
    store = OutboxStore(dead)
    await store.dispatch(clock())
    assert len(await store.claim(clock(), timedelta(seconds=30))) == 1  # then nothing more
    await dead.dispose()
    await Catalog(merchant_a).product("Also before")
    # when a fresh worker (a new process: its own engine) starts after the claim's lease
    fresh = Database.from_url(database_url)
    try:
        delivering = worker(fresh, clock)
        assert await delivering.run_once() == 1  # the unclaimed one at once
        clock.advance(timedelta(seconds=31))
        assert await delivering.run_once() == 1  # the dead worker's after its lease
    finally:
        await fresh.dispose()
    # then both events were delivered
    names = sorted(json.loads(m.body)["data"]["product"]["name"] for m in receiver.received)
    assert names == ["Also before", "Before the crash"]


async def test_a_test_ping_reaches_the_endpoint(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    subscription_id, secret = await subscribe(merchant_a, receiver.url)
    await ping(merchant_a, subscription_id)
    await worker(database, FakeClock()).run_once()
    [message] = receiver.received
    assert Webhook(secret).verify(message.body, message.headers)["type"] == "webhook.ping"


async def test_after_a_rotation_messages_verify_with_the_old_and_the_new_secret(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given a subscription whose secret was rotated with an hour's grace
    subscription_id, old = await subscribe(merchant_a, receiver.url)
    rotated = ok((await merchant_a.run(ROTATE, {"id": subscription_id})).data[
        "webhookSubscriptionRotateSecret"
    ])  # fmt: skip
    new = rotated["secret"]
    assert new != old and rotated["webhookSubscription"]["previousSecretExpiresAt"]
    # when an event is delivered
    await Catalog(merchant_a).product("Rotated")
    await worker(database, FakeClock()).run_once()
    # then a receiver holding either secret accepts it
    [message] = receiver.received
    assert Webhook(new).verify(message.body, message.headers)
    assert Webhook(old).verify(message.body, message.headers)


REPLAY = """
mutation($id: ID!, $since: DateTime!) {
  webhookSubscriptionReplay(id: $id, since: $since) {
    queued hasMore nextSince userErrors { field code }
  }
}
"""


async def test_a_subscription_replays_what_it_missed_from_a_point_in_time(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given products created before a subscription existed, and one after
    catalog = Catalog(merchant_a)
    await catalog.product("Early")
    await catalog.product("Earlier than the subscription")
    [first, _] = await events(merchant_a)
    subscription_id, secret = await subscribe(merchant_a, receiver.url)
    await catalog.product("Live")
    clock = FakeClock()
    delivering = worker(database, clock)
    await delivering.run_once()
    assert len(receiver.received) == 1
    # when the integrator replays everything since the first event
    replayed = await merchant_a.run(REPLAY, {"id": subscription_id, "since": first["occurredAt"]})
    # then all three are queued (the one it had again, with its webhook-id) and delivered
    payload = ok(replayed.data["webhookSubscriptionReplay"])
    assert (payload["queued"], payload["hasMore"]) == (3, False)
    clock.advance(timedelta(seconds=5))  # the worker's clock catches up with the request's
    assert await delivering.run_once() == 3
    names = [json.loads(m.body)["data"]["product"]["name"] for m in receiver.received[1:]]
    assert sorted(names) == sorted(["Early", "Earlier than the subscription", "Live"])
    live_ids = [m.headers["webhook-id"] for m in receiver.received if b'"Live"' in m.body]
    assert len(live_ids) == 2 and len(set(live_ids)) == 1
    for message in receiver.received:
        Webhook(secret).verify(message.body, message.headers)


async def test_a_secret_that_no_longer_opens_fails_the_attempt_with_a_reason(
    merchant_a: MerchantWorld, database: Database, receiver: Receiver
) -> None:
    # given a subscription whose secret was sealed under the app's key
    subscription_id, _ = await subscribe(merchant_a, receiver.url)
    await Catalog(merchant_a).product("Unsigned")
    # when a worker started with another AGORA_SECRET_KEY delivers
    other_key = "a different secret key of enough length"
    await worker(database, FakeClock(), secret_key=other_key).run_once()
    # then nothing unsigned is sent, and the attempt says what to do
    assert receiver.received == []
    [delivery] = (await deliveries(merchant_a, subscription_id))["deliveries"]["nodes"]
    [attempt] = delivery["attempts"]
    assert delivery["status"] == "PENDING" and "AGORA_SECRET_KEY" in attempt["error"]
