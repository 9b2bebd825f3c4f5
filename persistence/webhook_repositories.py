"""The event log and webhook subscriptions, deliveries and attempts of one merchant.

Tenant scope comes from the session, as everywhere. (The worker's cross-merchant claims are in
`persistence/webhook_outbox.py`.)
"""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.events import Event
from domain.pagination import LogRequest, Page, PageRequest
from domain.webhooks.deliveries import WebhookDelivery
from domain.webhooks.subscriptions import WebhookSubscription
from persistence import tables
from persistence.repositories import SqlRepository, keyset_page

E = tables.events
D = tables.webhook_deliveries


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(self, request: LogRequest, types: Sequence[str] | None) -> Page[Event]:
        # Only events with a position: one without is not yet placed in the log (see
        # persistence/event_log.py), and is shown, above every position seen so far, once it is.
        statement = select(Event).where(E.c.sequence.is_not(None))
        if types is not None:
            statement = statement.where(E.c.type.in_(set(types)))
        return await keyset_page(self.session, statement, E.c.sequence, request)

    async def since(self, since: datetime, types: Sequence[str], limit: int) -> list[Event]:
        statement = (
            select(Event)
            .where(E.c.occurred_at >= since, E.c.type.in_(set(types)))
            .order_by(E.c.id)
            .limit(limit)
        )
        return list((await self.session.execute(statement)).scalars())


class WebhookSubscriptionRepository(SqlRepository[WebhookSubscription]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, WebhookSubscription)

    async def delete(self, subscription: WebhookSubscription) -> None:
        # Deliveries and their attempts go with it (ON DELETE CASCADE in the database).
        await self.session.flush()
        await self.session.execute(
            delete(WebhookSubscription).where(tables.webhook_subscriptions.c.id == subscription.id)
        )


class WebhookDeliveryRepository(SqlRepository[WebhookDelivery]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, WebhookDelivery)

    async def of_subscription(
        self, subscription_id: UUID, request: PageRequest
    ) -> Page[WebhookDelivery]:
        statement = select(WebhookDelivery).where(D.c.subscription_id == subscription_id)
        return await keyset_page(self.session, statement, D.c.id, request)

    async def of_events(
        self, subscription_id: UUID, event_ids: Sequence[UUID]
    ) -> list[WebhookDelivery]:
        if not event_ids:
            return []
        statement = select(WebhookDelivery).where(
            D.c.subscription_id == subscription_id, D.c.event_id.in_(set(event_ids))
        )
        return list((await self.session.execute(statement)).scalars())
