"""The delivery worker's storage work, across merchants (a platform session).

Claiming is one conditional UPDATE ... RETURNING whose row choice is a sub-select: on
PostgreSQL that sub-select is `FOR UPDATE SKIP LOCKED`, so concurrent workers each take rows no
other is taking and never wait on each other; on SQLite (one writer at a time) the UPDATE
itself serialises them. A claimed delivery carries a lease (`lease_until`), longer than an
attempt can last: no other worker takes it before the lease ends, and if the claiming worker
dies, it is taken again afterwards (at-least-once; receivers de-duplicate on webhook-id).

Each attempt's result is then written in the merchant's own unit of work (tenant-scoped).
"""

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import delete, or_, select, update

from domain.events import Event, EventType, envelope
from domain.webhooks.deliveries import (
    DeliveryStatus,
    Outcome,
    WebhookDelivery,
    new_delivery,
    settle,
)
from domain.webhooks.subscriptions import WebhookSubscription
from persistence import tables
from persistence.database import Database
from persistence.event_log import assign_positions, has_unsequenced
from persistence.unit_of_work import SqlUnitOfWork

E = tables.events
D = tables.webhook_deliveries
S = tables.webhook_subscriptions


@dataclass(frozen=True)
class Claim:
    """One attempt to make: where, signed with what (sealed: the worker opens the secrets),
    carrying which message."""

    delivery_id: UUID
    merchant_id: UUID
    subscription_id: UUID
    url: str
    sealed_secrets: list[bytes]
    message_id: str
    body: bytes


class OutboxStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def place_in_log(self) -> int:
        """Give log positions to committed events still without one (see event_log.py)."""
        if not await has_unsequenced(self.database):
            return 0
        return await assign_positions(self.database)

    async def dispatch(self, now: datetime, limit: int = 100) -> int:
        """Queue a delivery per active subscriber for events not yet dispatched; how many
        events were dispatched."""
        pending = select(E.c.id).where(E.c.dispatched_at.is_(None))
        if not await self._any(pending):
            return 0
        chosen = pending.order_by(E.c.id).limit(limit).with_for_update(skip_locked=True)
        async with self.database.session(None) as session:
            taken = await session.execute(
                update(E)
                .where(E.c.id.in_(chosen.scalar_subquery()), E.c.dispatched_at.is_(None))
                .values(dispatched_at=now)
                .returning(E.c.id, E.c.merchant_id, E.c.type, E.c.occurred_at)
            )
            rows = taken.all()
            if not rows:
                return 0
            merchants = {row.merchant_id for row in rows}
            subscriptions = (
                await session.execute(
                    select(WebhookSubscription).where(
                        S.c.merchant_id.in_(merchants), S.c.is_active.is_(True)
                    )
                )
            ).scalars()
            by_merchant: dict[UUID, list[WebhookSubscription]] = {}
            for subscription in subscriptions:
                by_merchant.setdefault(subscription.merchant_id, []).append(subscription)
            for row in rows:
                event = Event(row.id, row.merchant_id, row.type, 0, row.occurred_at, {})
                for subscription in by_merchant.get(row.merchant_id, []):
                    # Subscribers at the time of the event (earlier ones: see replay).
                    if subscription.wants(row.type) and subscription.created_at <= row.occurred_at:
                        session.add(new_delivery(event, subscription, now))
            await session.commit()
        return len(rows)

    async def claim(self, now: datetime, lease: timedelta, limit: int = 20) -> list[Claim]:
        """Take up to `limit` due deliveries for `lease`."""
        due = select(D.c.id).where(
            D.c.status == DeliveryStatus.PENDING.value,
            D.c.next_attempt_at <= now,
            or_(D.c.lease_until.is_(None), D.c.lease_until <= now),
            # A paused subscription's deliveries wait (a test ping goes regardless).
            or_(
                D.c.subscription_id.in_(select(S.c.id).where(S.c.is_active.is_(True))),
                D.c.event_type == EventType.WEBHOOK_PING.value,
            ),
        )
        if not await self._any(due):
            return []
        due = due.order_by(D.c.next_attempt_at).limit(limit).with_for_update(skip_locked=True)
        async with self.database.session(None) as session:
            taken = await session.execute(
                update(D)
                .where(
                    D.c.id.in_(due.scalar_subquery()),
                    or_(D.c.lease_until.is_(None), D.c.lease_until <= now),
                )
                .values(lease_until=now + lease)
                .returning(D.c.id)
            )
            ids = [row.id for row in taken.all()]
            if not ids:
                await session.commit()
                return []
            loaded = await session.execute(
                select(WebhookDelivery, WebhookSubscription, Event)
                .join(WebhookSubscription, S.c.id == D.c.subscription_id)
                .join(Event, E.c.id == D.c.event_id)
                .where(D.c.id.in_(ids))
            )
            claims = [_claim(d, s, e, now) for d, s, e in loaded.all()]
            await session.commit()
        return claims

    async def _any(self, statement: Any) -> bool:
        """A read-only look first, so an idle worker writes nothing (SQLite has one writer)."""
        async with self.database.reading(None) as session:
            return (await session.execute(statement.limit(1))).first() is not None

    async def settle(
        self,
        claim: Claim,
        outcome: Outcome,
        now: datetime,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        """Log the attempt and move the delivery on, in the merchant's own unit of work."""
        async with SqlUnitOfWork(self.database, claim.merchant_id) as uow:
            delivery = await uow.webhook_deliveries.get(claim.delivery_id)
            if delivery is None:  # its subscription was deleted meanwhile
                return
            subscription = await uow.webhook_subscriptions.get(delivery.subscription_id)
            attempt, event = settle(delivery, subscription, outcome, now, jitter)
            uow.add_all([attempt])
            if event is not None:
                uow.record(event)
            await uow.commit()

    async def prune(self, before: datetime) -> int:
        """Forget events older than `before` (their deliveries and attempts go with them)."""
        async with self.database.session(None) as session:
            result: Any = await session.execute(delete(E).where(E.c.occurred_at < before))
            await session.commit()
        return int(result.rowcount or 0)


def _claim(
    delivery: WebhookDelivery, subscription: WebhookSubscription, event: Event, now: datetime
) -> Claim:
    body = json.dumps(envelope(event), separators=(",", ":"), sort_keys=True).encode()
    return Claim(
        delivery.id,
        delivery.merchant_id,
        subscription.id,
        subscription.url,
        subscription.sealed_signing_secrets(now),
        str(event.id),
        body,
    )
