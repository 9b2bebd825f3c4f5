"""The event log's order: each committed event is given its position (`sequence`) afterwards.

Ids are given when an event is recorded, but transactions commit in any order: paging by id, a
reader at the head could read past an event that was recorded earlier and committed later, and
never see it. So positions are given after commit, to events that have none yet, by one
assigner at a time: on PostgreSQL a transaction-level advisory lock serialises assigners (the
UPDATE's snapshot is taken after the lock, so it sees every position given before); SQLite runs
one writer at a time anyway. Each run numbers the events it sees from the highest position
given so far, so a position is never given below one a reader may already have seen.

The unit of work assigns positions right after a commit that recorded events, so a mutation's
events are in the log when it answers; the delivery worker assigns them on every round too, for
events whose commit was followed by a crash. The log shows only events with a position.
"""

import logging

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from persistence import tables
from persistence.database import Database

logger = logging.getLogger("agora.events")
E = tables.events
BATCH = 1000
# pg_advisory_xact_lock key of the assigner ("agoraseq" as a signed 64-bit integer).
LOCK_KEY = int.from_bytes(b"agoraseq", "big", signed=True)


async def _assign_batch(session: AsyncSession, postgres: bool, limit: int) -> int:
    if postgres:
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    top = select(func.coalesce(func.max(E.c.sequence), 0)).scalar_subquery()
    pending = (
        select(E.c.id, (top + func.row_number().over(order_by=E.c.id)).label("position"))
        .where(E.c.sequence.is_(None))
        .order_by(E.c.id)
        .limit(limit)
        .subquery()
    )
    result = await session.execute(
        update(E)
        .where(E.c.id == pending.c.id, E.c.sequence.is_(None))
        .values(sequence=pending.c.position)
        .returning(E.c.id)
    )
    return len(result.all())


async def has_unsequenced(database: Database) -> bool:
    """A read-only look, so an idle worker writes nothing (SQLite has one writer)."""
    async with database.reading(None) as session:
        found = await session.execute(select(E.c.id).where(E.c.sequence.is_(None)).limit(1))
        return found.first() is not None


async def assign_positions(database: Database, limit: int = BATCH) -> int:
    """Give positions to every committed event without one, in batches; how many were given."""
    given = 0
    while True:
        async with database.session(None) as session:
            count = await _assign_batch(session, database.dialect == "postgresql", limit)
            await session.commit()
        given += count
        if count < limit:
            return given


async def place_in_log(database: Database) -> None:
    """After a commit that recorded events: give them their positions now. The change is
    committed whatever happens here, so a failure is logged, not raised; the delivery worker's
    next round gives the positions instead."""
    try:
        await assign_positions(database)
    except Exception:
        logger.exception("could not place committed events in the log; the worker will")
