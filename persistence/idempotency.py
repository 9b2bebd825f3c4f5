"""Stored responses for `Idempotency-Key` requests (a platform table, keyed by principal)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from persistence.database import Database
from persistence.tables import idempotency_keys as t

# No mutation runs this long; an older unfinished claim belongs to a process that died.
CLAIM_LEASE = timedelta(seconds=60)


class ClaimState(Enum):
    NEW = "new"  # this request owns the key and runs
    REPLAY = "replay"  # a stored response exists for the same request
    MISMATCH = "mismatch"  # the key was used for a different request
    IN_PROGRESS = "in_progress"  # another request with the key is running


@dataclass(frozen=True)
class Claim:
    state: ClaimState
    status_code: int | None = None
    content_type: str | None = None
    body: bytes | None = None


class IdempotencyStore:
    def __init__(self, database: Database, ttl: timedelta) -> None:
        self._engine = database.engine
        self._ttl = ttl

    async def claim(self, principal: str, key: str, fingerprint: str, now: datetime) -> Claim:
        async with self._engine.begin() as connection:
            # An expired record, or a claim whose request died before completing, frees the key.
            await connection.execute(
                delete(t).where(
                    t.c.principal == principal,
                    t.c.key == key,
                    or_(
                        t.c.created_at < now - self._ttl,
                        and_(t.c.completed_at.is_(None), t.c.created_at < now - CLAIM_LEASE),
                    ),
                )
            )
        try:
            async with self._engine.begin() as connection:
                await connection.execute(
                    insert(t).values(
                        principal=principal, key=key, fingerprint=fingerprint, created_at=now
                    )
                )
            return Claim(ClaimState.NEW)
        except IntegrityError:
            return await self.peek(principal, key, fingerprint)

    async def peek(self, principal: str, key: str, fingerprint: str) -> Claim:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    select(t).where(t.c.principal == principal, t.c.key == key)
                )
            ).one_or_none()
        if row is None:
            return Claim(ClaimState.IN_PROGRESS)  # released meanwhile: the client may retry
        if row.fingerprint != fingerprint:
            return Claim(ClaimState.MISMATCH)
        if row.completed_at is None:
            return Claim(ClaimState.IN_PROGRESS)
        return Claim(ClaimState.REPLAY, row.status_code, row.content_type, row.body)

    async def complete(
        self,
        principal: str,
        key: str,
        *,
        status_code: int,
        content_type: str,
        body: bytes,
        now: datetime,
    ) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(t)
                .where(t.c.principal == principal, t.c.key == key)
                .values(
                    status_code=status_code, content_type=content_type, body=body, completed_at=now
                )
            )

    async def release(self, principal: str, key: str) -> None:
        """Forget an unfinished claim (the request failed unexpectedly), so a retry can run."""
        async with self._engine.begin() as connection:
            await connection.execute(
                delete(t).where(
                    t.c.principal == principal, t.c.key == key, t.c.completed_at.is_(None)
                )
            )
