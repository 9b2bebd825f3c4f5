"""Sending the codes of gift cards sold as products (domain/payments/gift_card_sales.py).

The background worker runs it each round, after the unpaid-order sweep. Each card is claimed by
one conditional UPDATE, so any number of workers may run and each code is sent once.
"""

import logging
from datetime import datetime

from domain.notifications import Notifier
from domain.payments.gift_card_sales import deliver_sold_cards
from domain.sealing import SecretSealer
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork

logger = logging.getLogger("agora.gift_cards")
BATCH = 50


class GiftCardDelivery:
    def __init__(self, database: Database, sealer: SecretSealer, notifier: Notifier) -> None:
        self.database = database
        self.sealer = sealer
        self.notifier = notifier

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
