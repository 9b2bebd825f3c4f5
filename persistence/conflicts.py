"""Unique-constraint races surface as the domain's DUPLICATE error, not as a crash.

The domain checks for duplicates before writing, but two concurrent requests can both pass
that check; the database's unique constraint then decides, and the loser gets a user error.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from domain.errors import ErrorCode, UserError


@contextmanager
def conflicts_as_user_errors() -> Iterator[None]:
    try:
        yield
    except IntegrityError:
        raise UserError(
            "This conflicts with something that exists already (it may have just been created).",
            code=ErrorCode.DUPLICATE,
        ) from None
