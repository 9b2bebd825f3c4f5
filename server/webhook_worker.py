"""The background worker: fan events out to subscribers, attempt due deliveries, prune the
log, (with an `OrderSweeper`) cancel orders whose payment lapsed, and (with a
`GiftCardDelivery`) send the codes of gift cards sold.

Runs in the app's process by default (started and stopped by the lifespan) or on its own with
`agora worker` (any number of them against one PostgreSQL). Everything it does starts from the
database, so an event committed before a crash is delivered by the next worker to start.
Time comes from an injectable clock, so tests drive the retry schedule without waiting.
Signing secrets are stored sealed; the worker opens them only to sign an attempt.
"""

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.events import DEFAULT_RETENTION
from domain.sealing import SecretSealer
from domain.webhooks.deliveries import Outcome
from persistence.webhook_outbox import Claim, OutboxStore
from server.gift_card_delivery import GiftCardDelivery
from server.order_sweeper import OrderSweeper
from server.webhook_sender import WebhookSender

logger = logging.getLogger("agora.webhooks")
PRUNE_EVERY = timedelta(hours=1)
UNSEALING_FAILED = (
    "The signing secret could not be unsealed (was AGORA_SECRET_KEY changed?): rotate it."
)


@dataclass(frozen=True)
class WorkerOptions:
    poll_seconds: float = 1.0
    batch: int = 20
    retention: timedelta = DEFAULT_RETENTION


class WebhookWorker:
    def __init__(
        self,
        store: OutboxStore,
        sender: WebhookSender,
        secrets: SecretSealer,
        clock: Callable[[], datetime],
        options: WorkerOptions | None = None,
        jitter: Callable[[], float] = random.random,
        orders: OrderSweeper | None = None,
        gift_cards: GiftCardDelivery | None = None,
    ) -> None:
        self.store = store
        self.orders = orders
        self.gift_cards = gift_cards
        self.sender = sender
        self.secrets = secrets
        self.clock = clock
        self.options = options or WorkerOptions()
        self.jitter = jitter
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._pruned_at: datetime | None = None

    @property
    def lease(self) -> timedelta:
        """Longer than any attempt lasts, so no other worker takes a delivery meanwhile."""
        return timedelta(seconds=self.sender.options.timeout_seconds * 2 + 30)

    async def run_once(self) -> int:
        """One round: place new events in the log, dispatch them, attempt every due delivery; how
        many were attempted."""
        await self.store.place_in_log()
        while await self.store.dispatch(self.clock()):
            pass
        claims = await self.store.claim(self.clock(), self.lease, self.options.batch)
        await asyncio.gather(*(self._attempt(claim) for claim in claims))
        await self._prune_if_due()
        if self.orders is not None:
            await self.orders.sweep_if_due(self.clock)
        if self.gift_cards is not None:
            await self.gift_cards.deliver_if_due(self.clock)
        return len(claims)

    async def _attempt(self, claim: Claim) -> None:
        try:
            secrets = [self.secrets.open(s, claim.subscription_id) for s in claim.sealed_secrets]
        except ValueError:
            outcome = Outcome(None, 0, UNSEALING_FAILED)
        else:
            outcome = await self.sender.send(claim, secrets)
        await self.store.settle(claim, outcome, self.clock(), self.jitter)

    async def _prune_if_due(self) -> None:
        now = self.clock()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        pruned = await self.store.prune(now - self.options.retention)
        if pruned:
            logger.info("pruned %d events older than %s", pruned, self.options.retention)

    async def run(self) -> None:
        """Until `stop()`: rounds back to back while there is work, else every poll interval."""
        while not self._stopping.is_set():
            try:
                busy = await self.run_once()
            except Exception:
                logger.exception("webhook worker round failed; retrying")
                busy = 0
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), self.options.poll_seconds)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def request_stop(self) -> None:
        """Finish the current round, then return from `run()` (signal handlers call this)."""
        self._stopping.set()

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self.run(), name="agora-webhook-worker")

    async def stop(self) -> None:
        self.request_stop()
        if self._task is not None:
            await self._task
            self._task = None
