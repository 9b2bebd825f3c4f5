"""Who may act on an order as its buyer: the signed-in customer who placed it, or a guest
holding the order's token (shown once at checkout: the token is their only credential).

A token is compared in constant time, and an order is only ever opened with its own token:
another order's token, or a wrong one, finds nothing (NOT_FOUND, the same answer as for an
order that does not exist).
"""

import hmac
from dataclasses import dataclass, field

from domain.errors import ErrorCode, NotFound, UserError
from domain.orders.orders import Order
from domain.principals import CustomerPrincipal

MAX_TOKEN_LENGTH = 64


@dataclass(frozen=True)
class OrderTokenHolder:
    """A guest acting on an order with its token (never logged: repr hides it)."""

    token: str = field(repr=False)


Buyer = CustomerPrincipal | OrderTokenHolder


def holds_token(order: Order, token: str) -> bool:
    """Whether `token` is this order's token (constant time in the token's content)."""
    given = token.strip().encode()
    if not given or len(given) > MAX_TOKEN_LENGTH:
        return False
    return hmac.compare_digest(order.token.encode(), given)


def check_buyer(order: Order | None, buyer: Buyer) -> Order:
    """The order, when `buyer` is its buyer; else NOT_FOUND (a customer: top-level, as for
    any object that is not theirs; a guest: a userError on the token)."""
    if isinstance(buyer, CustomerPrincipal):
        if order is None or order.customer_id != buyer.customer_id:
            raise NotFound("No order with this id.")
        return order
    if order is None or not holds_token(order, buyer.token):
        raise UserError(
            "No order matches this id and token.", field="token", code=ErrorCode.NOT_FOUND
        )
    return order
