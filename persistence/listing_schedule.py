"""When a storefront's catalog next changes by itself: a listing's `available_from` arriving.

Nothing is written at that moment, so no version is replaced: a cached answer must not be kept
past it (server/response_cache.py caps its lifetime with this).
"""

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select

from persistence import tables
from persistence.database import Database, retry_after_disconnect


@retry_after_disconnect
async def next_scheduled_listing(
    database: Database, merchant_id: UUID, storefront_id: UUID, now: datetime
) -> datetime | None:
    """The earliest future `available_from` among the storefront's published listings."""
    t = tables.product_listings.c
    statement = select(func.min(t.available_from)).where(
        t.merchant_id == merchant_id,
        t.storefront_id == storefront_id,
        t.is_published.is_(True),
        t.available_from > now,
    )
    async with database.reading(merchant_id) as session:
        found: datetime | None = (await session.execute(statement)).scalar_one_or_none()
    if found is not None and found.tzinfo is None:
        found = found.replace(tzinfo=UTC)  # SQLite loses the zone in an aggregate
    return found
