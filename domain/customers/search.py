"""What the merchant's customer list can search and filter by."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import UserError
from domain.validation import require_text


@dataclass(frozen=True)
class CustomerQuery:
    """Every given criterion must hold. `search` matches email, first or last name (part of
    any, case-insensitive)."""

    search: str | None = None
    tag: str | None = None
    tier_id: UUID | None = None
    created_from: datetime | None = None
    created_until: datetime | None = None
    has_orders: bool | None = None


def customer_query(
    *,
    search: str | None = None,
    tag: str | None = None,
    tier_id: UUID | None = None,
    created_from: datetime | None = None,
    created_until: datetime | None = None,
    has_orders: bool | None = None,
) -> CustomerQuery:
    if created_from and created_until and created_from > created_until:
        raise UserError("The range ends before it starts.", field="filter.createdUntil")
    return CustomerQuery(
        search=require_text(search, field="search", max_length=100).lower() if search else None,
        tag=require_text(tag, field="filter.tag", max_length=64).lower() if tag else None,
        tier_id=tier_id,
        created_from=created_from,
        created_until=created_until,
        has_orders=has_orders,
    )
