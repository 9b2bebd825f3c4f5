"""Webhook subscriptions and the event log through the public API, for tests."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from persistence.database import Database
from persistence.webhook_outbox import OutboxStore
from server.security.sealing import webhook_secrets
from server.settings import DEVELOPMENT_SECRET
from server.webhook_sender import Resolver, SenderOptions, WebhookSender
from server.webhook_worker import WebhookWorker
from tests.support.actors import MerchantWorld, ok

SUBSCRIPTION_CREATE = """
mutation($input: WebhookSubscriptionCreateInput!) {
  webhookSubscriptionCreate(input: $input) {
    webhookSubscription { id url eventTypes isActive }
    secret
    userErrors { field message code }
  }
}
"""
SUBSCRIPTION_TEST = """
mutation($id: ID!) {
  webhookSubscriptionTest(id: $id) {
    webhookDelivery { id status eventType } userErrors { field message code }
  }
}
"""
EVENTS = """
query($after: String, $types: [EventType!], $first: Int) {
  events(after: $after, types: $types, first: $first) {
    edges { cursor node { id type version occurredAt payload } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
DELIVERIES = """
query($id: ID!) {
  node(id: $id) {
    ... on WebhookSubscription {
      isActive failingSince disabledAt disabledReason
      deliveries(first: 100) {
        nodes {
          id status attemptCount nextAttemptAt lastStatusCode lastError deliveredAt eventType
          event { id type }
          attempts { attemptedAt statusCode durationMs error }
        }
      }
    }
  }
}
"""


async def subscribe(
    world: MerchantWorld,
    url: str = "https://hooks.example.com/agora",
    types: list[str] | None = None,
    **kw: Any,
) -> tuple[str, str]:
    """A new subscription's ID and signing secret."""
    wanted = types or ["PRODUCT_CREATED", "PRODUCT_UPDATED", "PRODUCT_DELETED"]
    result = await world.run(
        SUBSCRIPTION_CREATE, {"input": {"url": url, "eventTypes": wanted}}, **kw
    )
    payload = ok(result.data["webhookSubscriptionCreate"])
    return str(payload["webhookSubscription"]["id"]), str(payload["secret"])


async def ping(world: MerchantWorld, subscription_id: str) -> str:
    """Queue a webhook.ping; the delivery's ID."""
    result = await world.run(SUBSCRIPTION_TEST, {"id": subscription_id})
    return str(ok(result.data["webhookSubscriptionTest"])["webhookDelivery"]["id"])


async def events(world: MerchantWorld, **variables: Any) -> list[dict[str, Any]]:
    result = await world.run(EVENTS, variables)
    assert result.errors == [], result.body
    return [edge["node"] for edge in result.data["events"]["edges"]]


async def deliveries(world: MerchantWorld, subscription_id: str) -> dict[str, Any]:
    result = await world.run(DELIVERIES, {"id": subscription_id})
    assert result.errors == [], result.body
    node: dict[str, Any] = result.data["node"]
    return node


class FakeClock:
    """The worker's clock: it moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def worker(
    database: Database,
    clock: FakeClock,
    *,
    timeout: float = 0.5,
    allow_private: bool = True,
    resolver: Resolver | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    secret_key: str = DEVELOPMENT_SECRET,
) -> WebhookWorker:
    """A delivery worker on `clock`, without jitter (every retry exactly on schedule), opening
    signing secrets with `secret_key` (the test app's: see make_settings in conftest.py)."""
    options = SenderOptions(timeout_seconds=timeout, allow_private=allow_private)
    sender = (
        WebhookSender(options, resolver, transport)
        if resolver
        else WebhookSender(options, transport=transport)
    )
    secrets = webhook_secrets(secret_key)
    return WebhookWorker(OutboxStore(database), sender, secrets, clock, jitter=lambda: 0.5)
