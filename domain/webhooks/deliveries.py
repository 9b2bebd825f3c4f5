"""Deliveries: one per (event, subscription), retried on a schedule, then dead-lettered.

Retry schedule (after the first attempt fails), each delay with +/-10% random jitter so that
endpoints recovering together are not hit in lockstep:

    5 s, 1 min, 10 min, 1 h, 6 h, 24 h   -> 7 attempts over about 31 hours, then DEAD

A 2xx answer is success; anything else (another status, a timeout, a refused connection, a
refused target address) is a failure. Every attempt is logged. An endpoint whose deliveries
have failed continuously for `DISABLE_AFTER` (no success in between) is disabled, and the
merchant is told: `disabledAt`/`disabledReason` on the subscription and a
webhook_subscription.disabled event. Every attempt of one event carries the same webhook-id
(the event's id), so a receiver can de-duplicate.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import Event, EventType, new_event, ref
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.webhooks.subscriptions import WebhookSubscription

RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.1
DISABLE_AFTER = timedelta(days=1)
MAX_ERROR_LENGTH = 500


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    SUCCEEDED = "SUCCEEDED"
    DEAD = "DEAD"


@dataclass(eq=False)
class WebhookDelivery(TenantOwned):
    id: UUID
    merchant_id: UUID
    subscription_id: UUID
    event_id: UUID
    event_type: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    lease_until: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    delivered_at: datetime | None = None


@dataclass(eq=False)
class WebhookAttempt(TenantOwned):
    id: UUID
    merchant_id: UUID
    delivery_id: UUID
    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    error: str | None


@dataclass(frozen=True)
class Outcome:
    """What one attempt got: a status code, or an error before any answer."""

    status_code: int | None
    duration_ms: int
    error: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def new_delivery(event: Event, subscription: WebhookSubscription, now: datetime) -> WebhookDelivery:
    return WebhookDelivery(
        new_id(),
        event.merchant_id,
        subscription.id,
        event.id,
        event.type,
        DeliveryStatus.PENDING.value,
        0,
        now,
        None,
        None,
        None,
        now,
        now,
    )


def retry_delay(attempts: int, jitter: Callable[[], float] = random.random) -> timedelta | None:
    """The wait after the `attempts`-th failed attempt; None when it was the last one.
    `jitter` returns a number in [0, 1) (injectable for tests)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    base = RETRY_DELAYS[attempts - 1]
    return base * (1 + JITTER * (2 * jitter() - 1))


def settle(
    delivery: WebhookDelivery,
    subscription: WebhookSubscription | None,
    outcome: Outcome,
    now: datetime,
    jitter: Callable[[], float] = random.random,
) -> tuple[WebhookAttempt, Event | None]:
    """Apply an attempt's outcome to the delivery and its subscription: the attempt to log, and
    the event to record if the subscription was disabled by it."""
    delivery.attempts += 1
    delivery.lease_until = None
    delivery.updated_at = now
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error[:MAX_ERROR_LENGTH] if outcome.error else None
    attempt = WebhookAttempt(
        new_id(),
        delivery.merchant_id,
        delivery.id,
        now,
        outcome.status_code,
        outcome.duration_ms,
        delivery.last_error,
    )
    if outcome.succeeded:
        delivery.status = DeliveryStatus.SUCCEEDED.value
        delivery.next_attempt_at = None
        delivery.delivered_at = now
        if subscription is not None:
            subscription.failing_since = None
        return attempt, None
    disabled = _note_failure(subscription, now) if subscription else None
    delay = retry_delay(delivery.attempts, jitter)
    if delay is None or subscription is None or not subscription.is_active:
        delivery.status = DeliveryStatus.DEAD.value
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + delay
    return attempt, disabled


def _note_failure(subscription: WebhookSubscription, now: datetime) -> Event | None:
    if subscription.failing_since is None:
        subscription.failing_since = now
        return None
    if not subscription.is_active or now - subscription.failing_since < DISABLE_AFTER:
        return None
    subscription.is_active = False
    subscription.disabled_at = now
    subscription.disabled_reason = "Every delivery failed for a day."
    subscription.updated_at = now
    data = {
        "subscriptionId": ref("WebhookSubscription", subscription.id),
        "url": subscription.url,
        "reason": subscription.disabled_reason,
    }
    return new_event(subscription.merchant_id, EventType.WEBHOOK_SUBSCRIPTION_DISABLED, data, now)


async def send_test(uow: UnitOfWork, subscription_id: UUID, now: datetime) -> WebhookDelivery:
    """Queue a webhook.ping to this one subscription (active or not), first in line."""
    subscription = await uow.webhook_subscriptions.get(subscription_id)
    if subscription is None:
        raise NotFound("No webhook subscription with this id.")
    data = {"subscriptionId": ref("WebhookSubscription", subscription.id)}
    event = new_event(subscription.merchant_id, EventType.WEBHOOK_PING, data, now)
    event.dispatched_at = now  # sent to this subscription only, never fanned out
    uow.record(event)
    await uow.stage()
    delivery = new_delivery(event, subscription, now)
    uow.webhook_deliveries.add(delivery)
    await uow.commit()
    return delivery


MAX_REPLAY = 1000


@dataclass(frozen=True)
class Replay:
    queued: int
    has_more: bool  # more events follow: replay again from `next_since`
    next_since: datetime | None


async def replay(uow: UnitOfWork, subscription_id: UUID, since: datetime, now: datetime) -> Replay:
    """Send a subscription again every event of its types since a point in time (up to
    MAX_REPLAY a call, oldest first): events it already had are redelivered (same webhook-id),
    the others are queued for it."""
    subscription = await uow.webhook_subscriptions.get(subscription_id)
    if subscription is None:
        raise NotFound("No webhook subscription with this id.")
    if since > now:
        raise UserError("Give a time in the past.", field="since")
    events = await uow.events.since(since, subscription.event_types, MAX_REPLAY + 1)
    more = len(events) > MAX_REPLAY
    events = events[:MAX_REPLAY]
    known = {
        d.event_id: d
        for d in await uow.webhook_deliveries.of_events(subscription.id, [e.id for e in events])
    }
    for event in events:
        delivery = known.get(event.id)
        if delivery is None:
            uow.webhook_deliveries.add(new_delivery(event, subscription, now))
        elif delivery.lease_until is None or delivery.lease_until <= now:
            delivery.status = DeliveryStatus.PENDING.value
            delivery.next_attempt_at = now
            delivery.updated_at = now
    await uow.commit()
    following = events[-1].occurred_at if more and events else None
    return Replay(len(events), more, following)


async def retry_now(uow: UnitOfWork, delivery_id: UUID, now: datetime) -> WebhookDelivery:
    """A manual redelivery: one more attempt as soon as a worker is free (same webhook-id)."""
    delivery = await uow.webhook_deliveries.get(delivery_id)
    if delivery is None:
        raise NotFound("No webhook delivery with this id.")
    if delivery.lease_until is not None and delivery.lease_until > now:
        raise UserError("This delivery is being attempted right now.", code=ErrorCode.INVALID_STATE)
    delivery.status = DeliveryStatus.PENDING.value
    delivery.next_attempt_at = now
    delivery.updated_at = now
    await uow.commit()
    return delivery
