"""Partner API rate limits: a leaky bucket of query cost per API key (like Shopify's).

Each key has a bucket holding up to `capacity` points; it drains (restores budget) at
`restore_rate` points per second. A request's cost is computed from its document before it
runs (see schema/cost.py); if the bucket has room for it, the cost is added, otherwise the
request is THROTTLED with the seconds until there would be room. A document costing more than
the whole bucket can never run and is refused as too costly.
"""

import math
from dataclasses import dataclass
from typing import Protocol

from domain.errors import AccessError, ErrorCode


class QueryTooCostly(AccessError):
    code = ErrorCode.QUERY_TOO_COSTLY


@dataclass(frozen=True)
class BucketPolicy:
    capacity: int = 1000
    restore_rate: float = 50.0


@dataclass(frozen=True)
class Bucket:
    """How full the bucket was at `at` (seconds since the epoch)."""

    level: float
    at: float


@dataclass(frozen=True)
class Decision:
    allowed: bool
    bucket: Bucket  # the new state (unchanged when refused, apart from draining)
    available: int  # budget left after this request (or now, when refused)
    retry_after: int  # seconds until it would fit (0 when allowed)


def take(bucket: Bucket | None, cost: int, now: float, policy: BucketPolicy) -> Decision:
    level = (
        0.0 if bucket is None else max(0.0, bucket.level - (now - bucket.at) * policy.restore_rate)
    )
    if level + cost <= policy.capacity:
        level += cost
        return Decision(True, Bucket(level, now), int(policy.capacity - level), 0)
    wait = math.ceil((level + cost - policy.capacity) / policy.restore_rate)
    return Decision(False, Bucket(level, now), int(policy.capacity - level), max(1, wait))


class CostBuckets(Protocol):
    """Where buckets are kept (process memory or Redis: server/security/cost_buckets.py)."""

    policy: BucketPolicy

    async def take(self, key: str, cost: int) -> Decision:
        """Charge `cost` to the key's bucket if it fits, atomically."""
        ...
