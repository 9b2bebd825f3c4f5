"""When a storefront's catalog next changes by itself: a listing's `available_from` arriving,
or a promotion of the merchant starting or ending (sale prices change then).

Nothing is written at those moments, so no version is replaced: a cached answer must not be
kept past them (server/response_cache.py caps its lifetime with this). Promotions count
whatever their kind or conditions: a bound that comes too early only costs a miss. A window
written inside a promotion's condition (`Between`) is not seen here; the answer's TTL bounds it.
"""

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select

from persistence import tables
from persistence.database import Database, retry_after_disconnect


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)  # SQLite loses the zone in an aggregate
    return moment


@retry_after_disconnect
async def next_scheduled_listing(
    database: Database, merchant_id: UUID, storefront_id: UUID, now: datetime
) -> datetime | None:
    """The earliest future moment among the storefront's published listings' `available_from`
    and the merchant's live promotions' `starts_at` and `ends_at`: one statement."""
    t = tables.product_listings.c
    p = tables.promotions.c
    listing = select(func.min(t.available_from)).where(
        t.merchant_id == merchant_id,
        t.storefront_id == storefront_id,
        t.is_published.is_(True),
        t.available_from > now,
    )
    live = (p.merchant_id == merchant_id, p.is_archived.is_(False))
    starts = select(func.min(p.starts_at)).where(*live, p.starts_at > now)
    ends = select(func.min(p.ends_at)).where(*live, p.ends_at > now)
    statement = select(listing.scalar_subquery(), starts.scalar_subquery(), ends.scalar_subquery())
    async with database.reading(merchant_id) as session:
        row = (await session.execute(statement)).one()
    found = [moment for moment in map(_aware, row) if moment is not None]
    return min(found, default=None)
