"""Argon2id password hashing (memory-hard), off the event loop.

A verification takes a large fraction of a second of one core by design, so it runs in a
worker thread (argon2 releases the GIL), at most `parallel` at a time: a burst of sign-ins
queues there instead of stalling every other request on the event loop.
"""

import asyncio
from collections.abc import Callable
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

T = TypeVar("T")


class Argon2Hasher:
    def __init__(self, *, fast: bool = False, parallel: int = 2) -> None:
        # `fast` is for the test suite only: still argon2id, with far less memory and time.
        self._hasher = (
            PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
            if fast
            else PasswordHasher()
        )
        self._dummy = self._hasher.hash("agora dummy password for timing")
        self._slots = asyncio.Semaphore(parallel)

    async def _run(self, work: Callable[..., T], *args: str) -> T:
        async with self._slots:
            return await asyncio.to_thread(work, *args)

    async def hash(self, password: str) -> str:
        return await self._run(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        return await self._run(self._verify, password_hash, password)

    async def verify_dummy(self, password: str) -> None:
        await self.verify(self._dummy, password)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
