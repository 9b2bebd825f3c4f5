"""Where the partner API's cost buckets live: process memory, or Redis shared by every process.

With `AGORA_CACHE_URL` naming a Redis server, each key's bucket is one Redis hash updated by a
Lua script, so the check and the update are one atomic step across all app processes. Without
it, buckets live in the process (one budget per process).
"""

import time
from collections.abc import Callable
from typing import Any, Protocol

from domain.rate_limits import Bucket, BucketPolicy, Decision, take

# KEYS[1]: the bucket; ARGV: cost, capacity, restore rate, now, ttl. Returns {allowed, level}.
_TAKE = """
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or ARGV[4])
local cost, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local rate, now = tonumber(ARGV[3]), tonumber(ARGV[4])
level = math.max(0, level - math.max(0, now - at) * rate)
local allowed = 0
if level + cost <= capacity then
  level = level + cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return {allowed, tostring(level)}
"""


class CostBuckets(Protocol):
    """domain.rate_limits.CostBuckets, closable."""

    policy: BucketPolicy

    async def take(self, key: str, cost: int) -> Decision: ...

    async def close(self) -> None: ...


class MemoryBuckets:
    def __init__(self, policy: BucketPolicy, clock: Callable[[], float] = time.time) -> None:
        self.policy = policy
        self._clock = clock
        self._buckets: dict[str, Bucket] = {}

    async def take(self, key: str, cost: int) -> Decision:
        # No await between the read and the write: atomic within the event loop.
        decision = take(self._buckets.get(key), cost, self._clock(), self.policy)
        self._buckets[key] = decision.bucket
        return decision

    async def close(self) -> None:
        self._buckets.clear()


class RedisBuckets:
    def __init__(self, client: Any, policy: BucketPolicy, clock: Callable[[], float] = time.time):
        self.policy = policy
        self._client = client
        self._clock = clock
        self._script = client.register_script(_TAKE)
        # A full bucket drains in capacity / rate seconds; after that its key is not needed.
        self._ttl = int(policy.capacity / policy.restore_rate) + 60

    async def take(self, key: str, cost: int) -> Decision:
        now = self._clock()
        allowed, level = await self._script(
            keys=[f"agora:cost-bucket:{key}"],
            args=[cost, self.policy.capacity, self.policy.restore_rate, now, self._ttl],
        )
        level = float(level)
        available = int(self.policy.capacity - level)
        if allowed:
            return Decision(True, Bucket(level, now), available, 0)
        # Same arithmetic as the memory bucket, from the level Redis holds.
        return take(Bucket(level, now), cost, now, self.policy)

    async def close(self) -> None:
        await self._client.aclose()


def create_buckets(cache_url: str | None, policy: BucketPolicy) -> CostBuckets:
    if cache_url and cache_url.startswith(("redis://", "rediss://")):
        from redis.asyncio import Redis

        return RedisBuckets(Redis.from_url(cache_url), policy)
    return MemoryBuckets(policy)
