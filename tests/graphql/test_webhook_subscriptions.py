"""Webhook subscriptions: a secret shown once, validated targets, changed and deleted."""

from typing import Any

import pytest
from sqlalchemy import select

from domain.errors import UserError
from domain.webhooks.subscriptions import UrlPolicy, validate_url
from persistence import tables
from persistence.database import Database
from resolvers.ids import decode_id_of
from server.security.sealing import webhook_secrets
from server.settings import DEVELOPMENT_SECRET
from tests.support.actors import MerchantWorld, ok
from tests.support.webhooks import SUBSCRIPTION_CREATE, deliveries, ping, subscribe

SUBSCRIPTIONS = """
{ webhookSubscriptions { nodes { id url eventTypes isActive previousSecretExpiresAt } } }
"""
UPDATE = """
mutation($id: ID!, $input: WebhookSubscriptionUpdateInput!) {
  webhookSubscriptionUpdate(id: $id, input: $input) {
    webhookSubscription { id url eventTypes isActive } userErrors { field message code }
  }
}
"""
DELETE = """
mutation($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedId userErrors { field message code } }
}
"""
NODE = "query($id: ID!) { node(id: $id) { id } }"
ROTATE = """
mutation($id: ID!) {
  webhookSubscriptionRotateSecret(id: $id, graceSeconds: 3600) { secret userErrors { code } }
}
"""


async def create(merchant: MerchantWorld, url: str, types: list[str]) -> dict[str, Any]:
    result = await merchant.run(SUBSCRIPTION_CREATE, {"input": {"url": url, "eventTypes": types}})
    payload: dict[str, Any] = result.data["webhookSubscriptionCreate"]
    return payload


async def test_the_signing_secret_is_shown_once(merchant_a: MerchantWorld) -> None:
    # given a new subscription
    subscription_id, secret = await subscribe(merchant_a, types=["INVENTORY_OUT_OF_STOCK"])
    # then its secret is a Standard Webhooks secret, and no read shows it again
    assert secret.startswith("whsec_")
    listed = await merchant_a.run(SUBSCRIPTIONS)
    assert listed.data["webhookSubscriptions"]["nodes"] == [
        {
            "id": subscription_id,
            "url": "https://hooks.example.com/agora",
            "eventTypes": ["INVENTORY_OUT_OF_STOCK"],
            "isActive": True,
            "previousSecretExpiresAt": None,
        }
    ]
    assert secret[6:] not in str(listed.body)


@pytest.mark.parametrize(
    ("url", "types", "field"),
    [
        ("ftp://hooks.example.com/", ["PRODUCT_CREATED"], "url"),
        ("https://user:pw@hooks.example.com/", ["PRODUCT_CREATED"], "url"),
        ("https://localhost/hook", ["PRODUCT_CREATED"], "url"),
        ("not a url", ["PRODUCT_CREATED"], "url"),
        ("https://hooks.example.com/", [], "eventTypes"),
        ("https://hooks.example.com/", ["WEBHOOK_PING"], "eventTypes"),
    ],
)
async def test_bad_targets_and_event_types_are_user_errors(
    merchant_a: MerchantWorld, url: str, types: list[str], field: str
) -> None:
    payload = await create(merchant_a, url, types)
    assert payload["webhookSubscription"] is None and payload["secret"] is None
    assert [e["field"] for e in payload["userErrors"]] == [[field]]


def test_production_requires_https() -> None:
    with pytest.raises(UserError):
        validate_url("http://hooks.example.com/", UrlPolicy(require_https=True))
    assert validate_url("https://hooks.example.com/", UrlPolicy(require_https=True))
    assert validate_url("http://hooks.example.com/", UrlPolicy(require_https=False))


async def test_a_subscription_is_changed_and_paused(merchant_a: MerchantWorld) -> None:
    subscription_id, _ = await subscribe(merchant_a)
    result = await merchant_a.run(
        UPDATE,
        {
            "id": subscription_id,
            "input": {"url": "https://other.example.com/in", "eventTypes": ["PRODUCT_DELETED"]},
        },
    )
    changed = ok(result.data["webhookSubscriptionUpdate"])["webhookSubscription"]
    assert (changed["url"], changed["eventTypes"]) == (
        "https://other.example.com/in",
        ["PRODUCT_DELETED"],
    )
    paused = await merchant_a.run(UPDATE, {"id": subscription_id, "input": {"isActive": False}})
    assert ok(paused.data["webhookSubscriptionUpdate"])["webhookSubscription"]["isActive"] is False


async def test_deleting_a_subscription_deletes_its_delivery_log(merchant_a: MerchantWorld) -> None:
    # given a subscription with a delivery
    subscription_id, _ = await subscribe(merchant_a)
    delivery_id = await ping(merchant_a, subscription_id)
    assert (await deliveries(merchant_a, subscription_id))["deliveries"]["nodes"]
    # when it is deleted
    result = await merchant_a.run(DELETE, {"id": subscription_id})
    assert ok(result.data["webhookSubscriptionDelete"])["deletedId"] == subscription_id
    # then neither it nor its deliveries can be found
    for gone in (subscription_id, delivery_id):
        assert (await merchant_a.run(NODE, {"id": gone})).error_codes == ["NOT_FOUND"]


async def test_the_signing_secret_is_stored_sealed(
    merchant_a: MerchantWorld, database: Database
) -> None:
    # given a subscription, and its secret rotated with a grace period
    subscription_id, first = await subscribe(merchant_a)
    rotated = await merchant_a.run(ROTATE, {"id": subscription_id})
    second = ok(rotated.data["webhookSubscriptionRotateSecret"])["secret"]
    # when its row is read straight from the database
    async with database.session(None) as session:
        row = (await session.execute(select(tables.webhook_subscriptions))).one()
    # then neither secret is there in a readable form, and only the app's key opens them
    stored = repr(tuple(row))
    for secret in (first, second):
        assert secret not in stored and secret[6:] not in stored
    box = webhook_secrets(DEVELOPMENT_SECRET)
    owner = decode_id_of(subscription_id, "WebhookSubscription")
    assert box.open(row.sealed_secret, owner) == second
    assert box.open(row.sealed_previous_secret, owner) == first
    with pytest.raises(ValueError):
        webhook_secrets("another key of at least thirty-two chars").open(row.sealed_secret, owner)
