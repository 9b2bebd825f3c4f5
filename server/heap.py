"""How a serving process keeps Python's cycle collector off the request path.

A request allocates a few thousand container objects (ORM entities, result dicts, loader
caches) that live until its response is written. With the interpreter's defaults (a young
collection every 700 net allocations) the collector ran about three times per listing and
rescanned the whole startup heap (schema, mappers, compiled-statement caches) on every old
collection: about 2 ms of a 12 ms listing. Freezing what startup built moves it out of every
later collection; a larger young threshold lets most request objects die by reference counting
before any collection sees them. Request objects must not form cycles for this to hold (see
`schema/execution.py`, which drops the executor's reference to the context when a plan ends).
"""

import gc

# Net container allocations between young collections (the interpreter's default is 700).
YOUNG_THRESHOLD = 5_000


def settle_after_startup() -> None:
    """Collect once, freeze the survivors (never scanned again), and collect less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
