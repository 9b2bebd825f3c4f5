"""Webhook subscriptions (MANAGE_WEBHOOKS): where to send which events, signed with a secret.

The secret is generated here and shown once (in the create or rotate payload). It cannot be
hashed, because each message is signed with it, so it is stored sealed (see domain/sealing.py)
and opened only by the delivery worker when it signs. Rotating keeps the previous secret valid
for a grace period: messages are signed with both until it ends.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import CATALOGUE, EventType
from domain.ids import new_id
from domain.sealing import SecretSealer
from domain.unit_of_work import UnitOfWork
from domain.webhooks.signing import generate_secret

MAX_URL_LENGTH = 2000
DEFAULT_ROTATION_GRACE = timedelta(hours=24)
MAX_ROTATION_GRACE = timedelta(days=7)
# Events a merchant may subscribe to: the catalogue, less what is sent to one endpoint directly.
SUBSCRIBABLE = frozenset(CATALOGUE) - {EventType.WEBHOOK_PING}


@dataclass(eq=False)
class WebhookSubscription(TenantOwned):
    id: UUID
    merchant_id: UUID
    url: str
    event_types: list[str]
    is_active: bool
    sealed_secret: bytes
    sealed_previous_secret: bytes | None
    previous_secret_expires_at: datetime | None
    failing_since: datetime | None
    disabled_at: datetime | None
    disabled_reason: str | None
    created_at: datetime
    updated_at: datetime

    def sealed_signing_secrets(self, now: datetime) -> list[bytes]:
        """The current secret, and the previous one while its grace period lasts (sealed)."""
        if (
            self.sealed_previous_secret
            and self.previous_secret_expires_at
            and now < self.previous_secret_expires_at
        ):
            return [self.sealed_secret, self.sealed_previous_secret]
        return [self.sealed_secret]

    def wants(self, event_type: str) -> bool:
        return self.is_active and event_type in self.event_types


@dataclass(frozen=True)
class UrlPolicy:
    """From settings: https only in production; private targets only when explicitly allowed."""

    require_https: bool = True
    allow_private: bool = False


@dataclass(frozen=True)
class SubscriptionInput:
    """Omitted (None) fields stay as they are on update."""

    url: str | None = None
    event_types: Sequence[str] | None = None
    is_active: bool | None = None


def validate_url(url: str, policy: UrlPolicy) -> str:
    url = url.strip()
    if not url or len(url) > MAX_URL_LENGTH or any(c.isspace() for c in url):
        raise UserError("Give an absolute URL.", field="url")
    parts = urlsplit(url)
    allowed = ("https",) if policy.require_https else ("https", "http")
    if parts.scheme.lower() not in allowed:
        raise UserError(f"The URL must use {' or '.join(allowed)}.", field="url")
    if not parts.hostname or parts.username or parts.password:
        raise UserError("Give a host, without a user name or password.", field="url")
    if not policy.allow_private and parts.hostname.lower() in ("localhost", "localhost."):
        raise UserError("Webhooks cannot target this machine.", field="url")
    return url


def _event_types(names: Sequence[str]) -> list[str]:
    chosen = set()
    for name in names:
        try:
            chosen.add(EventType(name))
        except ValueError:
            raise UserError(f"'{name}' is not an event type.", field="eventTypes") from None
    if not chosen:
        raise UserError("Choose at least one event type.", field="eventTypes")
    if not chosen <= SUBSCRIBABLE:
        raise UserError("Pings are sent only by webhookSubscriptionTest.", field="eventTypes")
    return sorted(chosen)


def _apply(
    subscription: WebhookSubscription, command: SubscriptionInput, policy: UrlPolicy
) -> None:
    if command.url is not None:
        subscription.url = validate_url(command.url, policy)
    if command.event_types is not None:
        subscription.event_types = _event_types(command.event_types)
    if command.is_active is not None:
        subscription.is_active = command.is_active
        if command.is_active:  # turned back on: it starts with a clean record
            subscription.disabled_at = None
            subscription.disabled_reason = None
            subscription.failing_since = None


async def create_subscription(
    uow: UnitOfWork,
    merchant_id: UUID,
    command: SubscriptionInput,
    policy: UrlPolicy,
    sealer: SecretSealer,
    now: datetime,
) -> tuple[WebhookSubscription, str]:
    """Return the subscription and its signing secret (shown this once)."""
    if command.url is None:
        raise UserError("Give the URL to send events to.", field="url", code=ErrorCode.REQUIRED)
    if command.event_types is None:
        raise UserError("Choose the event types.", field="eventTypes", code=ErrorCode.REQUIRED)
    secret = generate_secret()
    id = new_id()
    subscription = WebhookSubscription(
        id,
        merchant_id,
        "",
        [],
        True,
        sealer.seal(secret, id),
        None,
        None,
        None,
        None,
        None,
        now,
        now,
    )
    _apply(subscription, command, policy)
    uow.webhook_subscriptions.add(subscription)
    await uow.commit()
    return subscription, secret


async def _get(uow: UnitOfWork, subscription_id: UUID) -> WebhookSubscription:
    subscription = await uow.webhook_subscriptions.get(subscription_id)
    if subscription is None:
        raise NotFound("No webhook subscription with this id.")
    return subscription


async def update_subscription(
    uow: UnitOfWork,
    subscription_id: UUID,
    command: SubscriptionInput,
    policy: UrlPolicy,
    now: datetime,
) -> WebhookSubscription:
    subscription = await _get(uow, subscription_id)
    _apply(subscription, command, policy)
    subscription.updated_at = now
    await uow.commit()
    return subscription


async def delete_subscription(uow: UnitOfWork, subscription_id: UUID) -> UUID:
    """Delete it with its delivery log; events stay in the merchant's event log."""
    subscription = await _get(uow, subscription_id)
    await uow.webhook_subscriptions.delete(subscription)
    await uow.commit()
    return subscription_id


async def rotate_secret(
    uow: UnitOfWork,
    subscription_id: UUID,
    sealer: SecretSealer,
    now: datetime,
    grace: timedelta = DEFAULT_ROTATION_GRACE,
) -> tuple[WebhookSubscription, str]:
    """A new secret (returned once); the old one still signs messages until `grace` ends."""
    if not timedelta(0) <= grace <= MAX_ROTATION_GRACE:
        raise UserError("Give a grace period from 0 to 7 days.", field="graceSeconds")
    subscription = await _get(uow, subscription_id)
    secret = generate_secret()
    subscription.sealed_previous_secret = subscription.sealed_secret if grace else None
    subscription.previous_secret_expires_at = now + grace if grace else None
    subscription.sealed_secret = sealer.seal(secret, subscription.id)
    subscription.updated_at = now
    await uow.commit()
    return subscription, secret
