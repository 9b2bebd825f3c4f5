"""The one translation point from domain errors to a mutation's `userErrors`."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from domain.errors import UserError


@dataclass(frozen=True)
class UserErrorData:
    field: list[str] | None
    message: str
    code: str


class Payload:
    """A mutation's result: named values, or user errors and every value None."""

    def __init__(self, user_errors: list[UserErrorData] | None = None, **values: Any) -> None:
        self.user_errors = user_errors or []
        self._values = values

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._values.get(name)


def user_error_data(error: UserError) -> UserErrorData:
    return UserErrorData(
        field=error.field.split(".") if error.field else None,
        message=error.message,
        code=error.code.value,
    )


async def mutate(work: Callable[[], Awaitable[dict[str, Any]]]) -> Payload:
    """Run a mutation's work; what the user can fix becomes userErrors, the rest propagates."""
    try:
        return Payload(**await work())
    except UserError as error:
        return Payload(user_errors=[user_error_data(error)])
