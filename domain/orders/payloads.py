"""Event payloads describing an order (version 1; see domain/events.py)."""

from collections.abc import Sequence
from typing import Any

from domain.events import ref
from domain.money import Money
from domain.orders.orders import Order, OrderLine


def order_payload(order: Order, lines: Sequence[OrderLine]) -> dict[str, Any]:
    def amount(value: int) -> str:
        return Money(value, order.currency).format()

    return {
        "order": {
            "id": ref("Order", order.id),
            "number": order.number,
            "status": order.status,
            "email": order.email,
            "customerId": ref("Customer", order.customer_id),
            "storefrontId": ref("Storefront", order.storefront_id),
            "currency": order.currency,
            "total": amount(order.total_amount),
            "lines": [
                {
                    "sku": line.sku,
                    "quantity": line.quantity,
                    "unitPrice": amount(line.unit_price_amount),
                    "total": amount(line.total_amount),
                }
                for line in lines
            ],
        }
    }
