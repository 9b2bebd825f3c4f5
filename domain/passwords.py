"""Password policy and the hashing port (a memory-hard hash lives in the server layer)."""

from typing import Protocol

from domain.errors import UserError

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


class PasswordHasher(Protocol):
    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool: ...

    async def verify_dummy(self, password: str) -> None:
        """Spend the same time as `verify` when there is no account, so timing tells nothing."""
        ...


def validate_password(password: str, *, field: str = "password") -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Use at least {MIN_PASSWORD_LENGTH} characters.", field=field)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"Use at most {MAX_PASSWORD_LENGTH} characters.", field=field)
    return password
