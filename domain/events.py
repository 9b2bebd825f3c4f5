"""The event catalogue and the outbox entry.

Anything an integrator must hear about is recorded with `uow.record(...)` in the unit of work
that makes the change: the event row is written in the SAME transaction (transactional outbox),
so it exists exactly when the change does. Workers deliver it to webhook subscribers afterwards,
and the outbox doubles as the ordered event log integrators pull (`events(after:, types:)`).

The log's order is commit order, not record order: transactions commit in any order, so an
event's id (given when it is recorded) cannot be its place in the log, or a reader at the head
would step past an event recorded earlier that commits later. Each committed event is given a
`sequence` afterwards, by one assigner at a time, greater than every sequence given before; the
log shows only events that have one. A reader that has seen position N therefore sees every
later event above N, whenever its transaction committed.

Adding an event is one line in `EventType` and one in `CATALOGUE`. A payload's shape belongs to
its version: a breaking change to a payload is a new version, documented here.

Every payload is a JSON object. Objects are named by their API global IDs (the same `id` the
GraphQL API shows), so an integrator can fetch more with `node(id:)`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.ids import encode_global_id, new_id

DEFAULT_RETENTION = timedelta(days=30)


class EventType(StrEnum):
    PRODUCT_CREATED = "product.created"
    PRODUCT_UPDATED = "product.updated"
    PRODUCT_DELETED = "product.deleted"
    INVENTORY_LOW_STOCK = "inventory.low_stock"
    INVENTORY_OUT_OF_STOCK = "inventory.out_of_stock"
    CUSTOMER_CREATED = "customer.created"
    CUSTOMER_UPDATED = "customer.updated"
    CUSTOMER_DELETED = "customer.deleted"
    ORDER_CREATED = "order.created"
    ORDER_PAID = "order.paid"
    ORDER_CANCELLED = "order.cancelled"
    ORDER_FULFILLED = "order.fulfilled"
    ORDER_DELIVERED = "order.delivered"
    ORDER_REFUNDED = "order.refunded"
    ORDER_RETURNED = "order.returned"
    ORDER_UPDATED = "order.updated"
    PROMOTION_CREATED = "promotion.created"
    PROMOTION_UPDATED = "promotion.updated"
    WEBHOOK_PING = "webhook.ping"
    WEBHOOK_SUBSCRIPTION_DISABLED = "webhook_subscription.disabled"


@dataclass(frozen=True)
class EventSpec:
    version: int
    description: str


CATALOGUE: Mapping[EventType, EventSpec] = {
    EventType.PRODUCT_CREATED: EventSpec(
        1, "A product was created. v1: {product: {id, name, slug, productTypeId, categoryId}}."
    ),
    EventType.PRODUCT_UPDATED: EventSpec(
        1,
        "A product's fields, variants, prices, storefront listings or stock changed (one event "
        "per product per change, however many rows it touched). v1: like product.created, the "
        "product as it is now.",
    ),
    EventType.PRODUCT_DELETED: EventSpec(
        1, "A product was archived (products are never erased). v1: {product: {id, slug}}."
    ),
    EventType.INVENTORY_LOW_STOCK: EventSpec(
        1,
        "A variant's available units (all warehouses) fell to its low-stock threshold or below, "
        "still above zero. v1: {variant: {id, sku, productId}, available, threshold}.",
    ),
    EventType.INVENTORY_OUT_OF_STOCK: EventSpec(
        1,
        "A tracked variant's available units (all warehouses) fell to zero. "
        "v1: {variant: {id, sku, productId}, available, threshold}.",
    ),
    EventType.CUSTOMER_CREATED: EventSpec(
        1,
        "A customer registered. v1: {customer: {id, email, firstName, lastName, isActive, tags}}.",
    ),
    EventType.CUSTOMER_UPDATED: EventSpec(
        1,
        "A customer's profile, tags, metadata or activation changed (by them or by staff). "
        "v1: like customer.created, the customer as they are now.",
    ),
    EventType.CUSTOMER_DELETED: EventSpec(
        1, "A customer account was erased (by the customer or by staff). v1: {customer: {id}}."
    ),
    EventType.WEBHOOK_PING: EventSpec(
        1, "Sent by webhookSubscriptionTest to one subscription. v1: {subscriptionId}."
    ),
    EventType.ORDER_CREATED: EventSpec(
        1,
        "A checkout was completed: the order exists (paid or waiting for its payment). "
        "v1: {order: {id, number, status, email, customerId, storefrontId, currency, total, "
        "lines: [{sku, quantity, unitPrice, total}]}} (amounts as decimal strings).",
    ),
    EventType.ORDER_PAID: EventSpec(
        1, "An order's total was captured. v1: like order.created, the order as it is now."
    ),
    EventType.ORDER_CANCELLED: EventSpec(
        1,
        "An order was cancelled (e.g. its payment lapsed) and its stock released. "
        "v1: {order: {id, number, status}, reason}.",
    ),
    EventType.ORDER_FULFILLED: EventSpec(
        1,
        "A fulfillment of an order shipped (part or all of it). v1: {order: {id, number, "
        "status}, fulfillment: {id, trackingNumber, carrier, lines: [{sku, quantity}]}}.",
    ),
    EventType.ORDER_DELIVERED: EventSpec(
        1,
        "A fulfillment of an order was delivered. v1: like order.fulfilled.",
    ),
    EventType.ORDER_REFUNDED: EventSpec(
        1,
        "Money was given back on an order. v1: {order: {id, number, status}, refund: {id, "
        "amount, lines: [{sku, quantity}], shipping}} (amounts as decimal strings).",
    ),
    EventType.ORDER_RETURNED: EventSpec(
        1,
        "A return of an order was received by the merchant. v1: {order: {id, number, status}, "
        "return: {id, lines: [{sku, quantity}]}}.",
    ),
    EventType.ORDER_UPDATED: EventSpec(
        1,
        "Staff edited an order (lines, quantities, discount): its lines and totals changed. "
        "v1: like order.created, the order as it is now.",
    ),
    EventType.PROMOTION_CREATED: EventSpec(
        1, "A promotion was created. v1: {promotion: {id, name, kind, isArchived}}."
    ),
    EventType.PROMOTION_UPDATED: EventSpec(
        1,
        "A promotion's definition or limits changed, or it was archived. "
        "v1: like promotion.created, the promotion as it is now.",
    ),
    EventType.WEBHOOK_SUBSCRIPTION_DISABLED: EventSpec(
        1,
        "A subscription was disabled after failing continuously for a day. "
        "v1: {subscriptionId, url, reason}.",
    ),
}


@dataclass(eq=False)
class Event(TenantOwned):
    """One outbox row: immutable once written, except `sequence` (its place in the log, given
    once after it commits) and `dispatched_at` (set by the worker when it has queued a delivery
    for each subscriber)."""

    id: UUID
    merchant_id: UUID
    type: str
    version: int
    occurred_at: datetime
    data: dict[str, Any]
    dispatched_at: datetime | None = None
    sequence: int | None = None


def new_event(merchant_id: UUID, type: EventType, data: dict[str, Any], now: datetime) -> Event:
    return Event(new_id(), merchant_id, type.value, CATALOGUE[type].version, now, data)


def envelope(event: Event) -> dict[str, Any]:
    """The JSON body a webhook receives: the Standard Webhooks `type`/`timestamp`/`data` shape."""
    return {
        "id": str(event.id),
        "type": event.type,
        "version": event.version,
        "timestamp": event.occurred_at.isoformat(),
        "data": event.data,
    }


def ref(type_name: str, id: UUID | None) -> str | None:
    """An object reference in a payload: its API global ID."""
    return None if id is None else encode_global_id(type_name, id)
