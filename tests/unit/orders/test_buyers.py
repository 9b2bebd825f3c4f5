"""Only the buyer opens an order: the signed-in customer who placed it, or the guest holding
its own token (any other token, or none, finds nothing)."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.orders.buyers import OrderTokenHolder, check_buyer, holds_token
from domain.orders.orders import Order
from domain.principals import CustomerPrincipal

NOW = datetime(2026, 1, 1, tzinfo=UTC)
ORDER = Order(
    new_id(), new_id(), 1, "ord_secret-token", None, "Web", new_id(), new_id(), "key",
    "a@example.com", "PAID", "USD", False, 1000, 0, 0, 0, 1000, None, None, {}, "", True,
    NOW, NOW,
)  # fmt: skip


def test_the_orders_own_token_opens_it() -> None:
    assert check_buyer(ORDER, OrderTokenHolder("ord_secret-token")) is ORDER
    assert check_buyer(ORDER, OrderTokenHolder("  ord_secret-token ")) is ORDER


@pytest.mark.parametrize(
    "token", ["", "ord_secret-toke", "ord_secret-token!", "ORD_SECRET-TOKEN", "x" * 65]
)
def test_any_other_token_finds_nothing(token: str) -> None:
    assert not holds_token(ORDER, token)
    with pytest.raises(UserError) as refused:
        check_buyer(ORDER, OrderTokenHolder(token))
    assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, "token")


def test_another_orders_token_finds_nothing() -> None:
    other = replace(ORDER, id=new_id(), token="ord_other-token")
    with pytest.raises(UserError):
        check_buyer(ORDER, OrderTokenHolder(other.token))
    with pytest.raises(UserError):
        check_buyer(None, OrderTokenHolder(ORDER.token))


def test_a_customer_opens_only_their_own_order() -> None:
    owner = CustomerPrincipal(ORDER.customer_id or new_id(), ORDER.merchant_id, new_id())
    assert check_buyer(ORDER, owner) is ORDER
    with pytest.raises(NotFound):
        check_buyer(ORDER, CustomerPrincipal(new_id(), ORDER.merchant_id, new_id()))


def test_the_token_is_never_shown_in_logs() -> None:
    assert "secret" not in repr(OrderTokenHolder("ord_secret-token"))
