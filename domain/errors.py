"""Errors the domain raises. They know nothing of GraphQL; one translation point maps them.

`UserError`s are things the caller can fix (bad input, a state that forbids the action): they
become `userErrors` in a mutation payload. `AccessError`s (unauthenticated, forbidden, throttled,
not found) become top-level GraphQL errors with `extensions.code`.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    DUPLICATE = "DUPLICATE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"  # e.g. reviewing a product the customer never received
    INVALID_STATE = "INVALID_STATE"
    # Paying with stored value (gift cards): why a card cannot pay (domain/payments/).
    INACTIVE = "INACTIVE"
    EXPIRED = "EXPIRED"
    CURRENCY_MISMATCH = "CURRENCY_MISMATCH"
    EMPTY_BALANCE = "EMPTY_BALANCE"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    PERMISSION_ESCALATION = "PERMISSION_ESCALATION"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    THROTTLED = "THROTTLED"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TOKEN = "INVALID_TOKEN"
    INVALID_ID = "INVALID_ID"
    OUT_OF_STOCK = "OUT_OF_STOCK"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    PAYMENT_DECLINED = "PAYMENT_DECLINED"
    ALREADY_COMPLETED = "ALREADY_COMPLETED"
    CONFLICT = "CONFLICT"  # refused: it overlaps something that exists (promotions)


class DomainError(Exception):
    code: ErrorCode = ErrorCode.INVALID

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class UserError(DomainError):
    """Something the caller can correct; `field` names the input path at fault."""

    def __init__(
        self, message: str, *, field: str | None = None, code: ErrorCode = ErrorCode.INVALID
    ) -> None:
        super().__init__(message, code=code)
        self.field = field

    def within(self, prefix: str) -> "UserError":
        """The same error with its field path inside `prefix` (e.g. an item of a list)."""
        path = f"{prefix}.{self.field}" if self.field else prefix
        return UserError(self.message, field=path, code=self.code)


class AccessError(DomainError):
    """The request may not proceed at all: reported as a top-level error."""


class Unauthenticated(AccessError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(AccessError):
    code = ErrorCode.FORBIDDEN


class Throttled(AccessError):
    code = ErrorCode.THROTTLED

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotFound(AccessError):
    """Also what another merchant's object looks like: never 'forbidden', which would leak it."""

    code = ErrorCode.NOT_FOUND
