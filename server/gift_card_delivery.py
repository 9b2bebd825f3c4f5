"""Sending the codes of gift cards sold as products (domain/payments/gift_card_sales.py).

The background worker runs it every `DELIVER_EVERY`, after the unpaid-order sweep. Each card is claimed by
one conditional UPDATE, so any number of workers may run and each code is sent once.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.notifications import Notifier
from domain.payments.gift_card_sales import deliver_sold_cards
from domain.sealing import SecretSealer
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork

logger = logging.getLogger("agora.gift_cards")
BATCH = 50
# Often enough that a buyer gets the code within seconds, rarely enough that a busy worker,
# running rounds back to back, does not ask the database on each.
DELIVER_EVERY = timedelta(seconds=2)


class GiftCardDelivery:
    def __init__(
        self,
        database: Database,
        sealer: SecretSealer,
        notifier: Notifier,
        every: timedelta = DELIVER_EVERY,
    ) -> None:
        self.database = database
        self.sealer = sealer
        self.notifier = notifier
        self.every = every
        self._delivered_at: datetime | None = None

    async def deliver(self, now: datetime) -> int:
        """Send every sold card's code not sent yet (in batches); how many were sent."""
        total = 0
        while True:
            async with SqlUnitOfWork(self.database, None) as uow:
                sent = await deliver_sold_cards(uow, self.sealer, self.notifier, now, BATCH)
            total += sent
            if sent < BATCH:
                break
        if total:
            logger.info("sent the codes of %d gift cards sold", total)
        return total

    async def deliver_if_due(self, clock: Callable[[], datetime]) -> int:
        now = clock()
        if self._delivered_at is not None and now - self._delivered_at < self.every:
            return 0
        self._delivered_at = now
        return await self.deliver(now)
