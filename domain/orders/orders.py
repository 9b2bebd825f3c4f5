"""Orders as checkout creates them: an immutable snapshot of what was bought, and its state.

The snapshot (names, SKUs, unit prices, discounts, taxes, addresses, delivery, storefront,
currency) is copied onto the order: later catalog edits or deletions never change it.

Checkout creates orders UNPAID or PAID; what may happen to them afterwards (fulfillment,
holds, cancellation, refunds) is the transition table in `domain/orders/lifecycle.py`:
- UNPAID: placed, waiting for its payment (bank transfer, pending card, cash on delivery).
  With `expires_at` set it is cancelled, and its stock released, once that time passes.
- PAID: the whole total is captured, no unit is in a fulfillment yet.
- ALLOCATED / PICKING / PACKED: the warehouse works on it (nothing shipped yet): units are in
  fulfillments (their stock is set aside in a warehouse) / some are being picked / every unit
  in a fulfillment is packed. Paid orders, and cash on delivery orders before payment.
- PARTLY_SHIPPED / SHIPPED / DELIVERED: units have left (all of them) / arrived.
- COMPLETED: closed by the merchant after delivery.
- RETURNED: every unit delivered came back (returns received).
- ON_HOLD: the merchant stopped it (`held_from` remembers where it was); nothing ships.
- CANCELLED: cancelled before anything shipped; its reserved stock is released.
`payment_status` and `fulfillment_status` are kept beside `status` so the merchant's list can
be filtered by them; `version` grows with every change (compare-and-set: see
`OrderRepository.claim_version`).
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.money import Money

ORDER_TOKEN_PREFIX = "agora_ot_"
# An order of gift cards only: nothing ships, the codes are emailed once it is paid.
DIGITAL_DELIVERY = "DIGITAL"


class OrderStatus(StrEnum):
    UNPAID = "UNPAID"
    PAID = "PAID"
    ALLOCATED = "ALLOCATED"
    PICKING = "PICKING"
    PACKED = "PACKED"
    PARTLY_SHIPPED = "PARTLY_SHIPPED"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    COMPLETED = "COMPLETED"
    RETURNED = "RETURNED"
    ON_HOLD = "ON_HOLD"
    CANCELLED = "CANCELLED"


class PaymentStatus(StrEnum):
    UNPAID = "UNPAID"
    PAID = "PAID"
    PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED"
    REFUNDED = "REFUNDED"


class FulfillmentStatus(StrEnum):
    UNFULFILLED = "UNFULFILLED"
    PARTLY_SHIPPED = "PARTLY_SHIPPED"
    SHIPPED = "SHIPPED"
    PARTLY_DELIVERED = "PARTLY_DELIVERED"
    DELIVERED = "DELIVERED"


class StockReservation(StrEnum):
    """When an order takes its stock: as soon as it is placed, or only once it is paid."""

    ON_ORDER = "ON_ORDER"
    ON_PAYMENT = "ON_PAYMENT"


@dataclass(eq=False)
class Order(TenantOwned):
    id: UUID
    merchant_id: UUID
    number: int
    token: str  # lets a guest look the order up; shown once to the buyer
    storefront_id: UUID | None
    storefront_name: str
    customer_id: UUID | None
    cart_id: UUID
    checkout_key: str
    email: str
    status: str
    currency: str
    prices_include_tax: bool
    subtotal_amount: int
    discount_amount: int
    shipping_amount: int
    tax_amount: int
    total_amount: int
    shipping_address: dict[str, str] | None
    billing_address: dict[str, str] | None
    # {"kind": SHIPPING|PICKUP|DIGITAL, "id", "name", "amount", "warehouse": {...} | None}
    delivery: dict[str, Any]
    customer_note: str
    stock_reserved: bool
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None = None
    paid_at: datetime | None = None
    cancelled_at: datetime | None = None
    payment_status: str = PaymentStatus.UNPAID.value
    fulfillment_status: str = FulfillmentStatus.UNFULFILLED.value
    held_from: str | None = None
    version: int = 0
    shipping_discount_amount: int = 0  # what promotions took off the delivery
    manual_discount_amount: int = 0  # staff's discount on the whole order (order editing)
    balance_amount: int = 0  # left by edits: > 0 to charge, < 0 to refund

    def money(self, amount: int) -> Money:
        return Money(amount, self.currency)

    @property
    def total(self) -> Money:
        return Money(self.total_amount, self.currency)


@dataclass(eq=False)
class OrderLine(TenantOwned):
    id: UUID
    merchant_id: UUID
    order_id: UUID
    position: int
    variant_id: UUID | None
    product_id: UUID | None
    product_name: str
    variant_name: str
    sku: str
    quantity: int
    currency: str
    unit_price_amount: int
    subtotal_amount: int
    discount_amount: int
    tax_rate_ppm: int
    tax_amount: int
    total_amount: int
    gift_card: bool = False  # each unit issues a gift card once the order is paid
    # Units of the line in fulfillments, shipped, delivered, refunded and returned: each
    # changes in the transaction of its fulfillment, refund or return, and CHECK constraints
    # keep each within the quantity ordered (returned within delivered, and so on).
    quantity_fulfilled: int = 0
    quantity_shipped: int = 0
    quantity_delivered: int = 0
    quantity_refunded: int = 0
    quantity_returned: int = 0
    manual_discount_amount: int = 0  # its share of the order's staff discount (in discount)


@dataclass(eq=False)
class OrderAllocation(TenantOwned):
    """Units of a line shipped from one warehouse: the order's fulfillment groups."""

    id: UUID
    merchant_id: UUID
    order_id: UUID
    order_line_id: UUID
    variant_id: UUID
    warehouse_id: UUID | None
    warehouse_name: str
    quantity: int
    tracked: bool = field(default=True)
