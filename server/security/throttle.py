"""Login throttling: counts failures per account key in the shared cache."""

from datetime import timedelta
from typing import Any

from domain.errors import Throttled


class CacheLoginThrottle:
    def __init__(self, cache: Any, *, max_failures: int, lockout: timedelta) -> None:
        self._cache = cache
        self._max = max_failures
        self._ttl = int(lockout.total_seconds())

    def _key(self, key: str) -> str:
        return f"login-failures:{key}"

    async def ensure_allowed(self, key: str) -> None:
        failures = await self._cache.get(self._key(key), default=0)
        if failures >= self._max:
            raise Throttled(
                "Too many failed sign-in attempts. Try again later.", retry_after=self._ttl
            )

    async def record_failure(self, key: str) -> None:
        # increment is atomic in Redis and in the memory backend; the window restarts with
        # each failure, which is what a lockout after N failures in a row should do.
        await self._cache.increment(self._key(key), 1)
        await self._cache.expire(self._key(key), self._ttl)

    async def reset(self, key: str) -> None:
        await self._cache.delete(self._key(key))
