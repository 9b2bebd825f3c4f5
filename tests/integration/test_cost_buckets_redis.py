"""Cost buckets in Redis: one budget per key shared by every app process."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from redis.asyncio import Redis

from domain.rate_limits import BucketPolicy
from server.security.cost_buckets import RedisBuckets

POLICY = BucketPolicy(capacity=100, restore_rate=10)


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: Redis buckets untested here")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_two_processes_share_one_bucket_per_key(redis_url: str) -> None:
    # given two app processes' buckets over one Redis
    clock = Clock()
    one = RedisBuckets(Redis.from_url(redis_url), POLICY, clock)
    two = RedisBuckets(Redis.from_url(redis_url), POLICY, clock)
    try:
        # when one process spends 70 points of a key, the other has only 30 left for it
        assert (await one.take("key-1", 70)).allowed
        refused = await two.take("key-1", 40)
        assert not refused.allowed and refused.available == 30 and refused.retry_after == 1
        assert (await two.take("key-2", 100)).allowed  # another key: its own bucket
        # and after a second (10 points restored) the request fits
        clock.now += 1
        assert (await two.take("key-1", 40)).allowed
    finally:
        await one.close()
        await two.close()
