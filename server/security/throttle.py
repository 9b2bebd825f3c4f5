"""Login throttling: counts sign-in attempts per account in the shared cache.

The attempt is counted before the password is checked, with one atomic increment, so many
concurrent guesses cannot all slip in under the limit; a successful sign-in clears the count.
Without AGORA_CACHE_URL the count lives in each process's memory (one limit per worker).
"""

from datetime import timedelta
from typing import Any

from domain.errors import Throttled


class CacheLoginThrottle:
    def __init__(self, cache: Any, *, max_failures: int, lockout: timedelta) -> None:
        self._cache = cache
        self._max = max_failures
        self._ttl = int(lockout.total_seconds())

    def _key(self, key: str) -> str:
        return f"login-attempts:{key}"

    async def register_attempt(self, key: str) -> None:
        attempts = await self._cache.increment(self._key(key), 1)
        if attempts > self._max:
            # Refused attempts do not extend the lockout: it ends `lockout` after the last
            # attempt that was allowed to check a password.
            raise Throttled(
                "Too many failed sign-in attempts. Try again later.", retry_after=self._ttl
            )
        await self._cache.expire(self._key(key), self._ttl)

    async def reset(self, key: str) -> None:
        await self._cache.delete(self._key(key))
