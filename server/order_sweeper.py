"""The unpaid-order sweep: orders whose payment lapsed are cancelled and their stock released.

The background worker (in the app's process, or `agora worker`) runs it every
`SWEEP_EVERY`. Each order is claimed by one conditional UPDATE (see domain/orders/expiry.py),
so any number of workers may sweep at once and each order is cancelled exactly once.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.orders.expiry import BATCH, cancel_lapsed_orders
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork

logger = logging.getLogger("agora.orders")
SWEEP_EVERY = timedelta(seconds=15)


class OrderSweeper:
    def __init__(self, database: Database, every: timedelta = SWEEP_EVERY) -> None:
        self.database = database
        self.every = every
        self._swept_at: datetime | None = None

    async def sweep(self, now: datetime) -> int:
        """Cancel every lapsed order (in batches); how many were cancelled."""
        total = 0
        while True:
            async with SqlUnitOfWork(self.database, None) as uow:
                done = await cancel_lapsed_orders(uow, now, BATCH)
            total += done
            if done < BATCH:
                break
        if total:
            logger.info("cancelled %d orders whose payment lapsed", total)
        return total

    async def sweep_if_due(self, clock: Callable[[], datetime]) -> int:
        now = clock()
        if self._swept_at is not None and now - self._swept_at < self.every:
            return 0
        self._swept_at = now
        return await self.sweep(now)
