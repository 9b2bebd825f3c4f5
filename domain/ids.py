"""Identifiers: time-ordered UUIDs (version 7), so keys sort by creation and pages are stable."""

import base64
import os
import threading
import time
import uuid
from functools import lru_cache

_lock = threading.Lock()
_last = 0


def new_id() -> uuid.UUID:
    """Return a UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits.

    Within one process ids are strictly increasing: in the same millisecond (or if the clock
    steps back) the previous value plus a random step is used (the RFC's "monotonic random").
    """
    global _last
    millis = time.time_ns() // 1_000_000
    fresh = _assemble(millis, int.from_bytes(os.urandom(10), "big"))
    with _lock:
        if fresh <= _last:
            millis, bits = (
                _last >> 80,
                _random_bits(_last) + int.from_bytes(os.urandom(4), "big") + 1,
            )
            if bits >> 74:  # the random part overflowed: borrow the next millisecond
                millis, bits = millis + 1, bits & ((1 << 62) - 1)
            fresh = _assemble(millis, bits)
        _last = fresh
    return uuid.UUID(int=fresh)


def _random_bits(value: int) -> int:
    """The 74 random bits of a UUIDv7 value: rand_a (12) then rand_b (62)."""
    return ((value >> 64) & 0xFFF) << 62 | value & ((1 << 62) - 1)


def _assemble(millis: int, random_bits: int) -> int:
    random_bits &= (1 << 74) - 1
    value = (millis & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version
    value |= (random_bits >> 62) << 64  # rand_a
    value |= 0b10 << 62  # variant
    value |= random_bits & ((1 << 62) - 1)  # rand_b
    return value


# Global IDs remembered: a storefront shows the same products' IDs in every listing.
_REMEMBERED_IDS = 65536


@lru_cache(maxsize=_REMEMBERED_IDS)
def encode_global_id(type_name: str, id: uuid.UUID) -> str:
    """The opaque global ID the API shows for an object: url-safe base64 of `TypeName:uuid`
    (event payloads carry the same IDs, so an integrator can look the object up)."""
    return base64.urlsafe_b64encode(f"{type_name}:{id}".encode()).decode().rstrip("=")
