"""What the merchant's order list can be narrowed by."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class OrderQuery:
    status: str | None = None
    storefront_id: UUID | None = None
    customer_id: UUID | None = None
    created_from: datetime | None = None
    created_until: datetime | None = None
    payment_status: str | None = None
    fulfillment_status: str | None = None
    # An order number ("1042" or "#1042"), part of the buyer's email, or a SKU bought.
    search: str | None = None
