"""Whether a gift card can pay, and how much of a bill it covers."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.errors import ErrorCode, UserError
from domain.money import Money
from domain.payments.gift_cards import (
    SYSTEM,
    Actor,
    GiftCard,
    GiftCardActorKind,
    actor_of,
    applicable_amount,
    check_usable,
    split_payment,
)
from domain.principals import Anonymous, AppPrincipal, CustomerPrincipal, StaffPrincipal

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def a_card(**fields: object) -> GiftCard:
    values: dict[str, object] = {
        "id": uuid4(),
        "merchant_id": uuid4(),
        "code_digest": "0" * 64,
        "last4": "0B1Z",
        "currency": "EUR",
        "initial_amount": 5000,
        "balance_amount": 5000,
        "expires_at": None,
        "is_active": True,
        "customer_id": None,
        "note": "",
        "created_by_kind": "SYSTEM",
        "created_by_id": None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    return GiftCard(**values)  # type: ignore[arg-type]


def refusal(card: GiftCard, currency: str = "EUR", now: datetime = NOW) -> ErrorCode:
    with pytest.raises(UserError) as refused:
        check_usable(card, currency, now)
    return refused.value.code


def test_an_active_unexpired_card_with_money_on_it_can_pay() -> None:
    check_usable(a_card(expires_at=NOW + timedelta(seconds=1)), "EUR", NOW)


def test_each_reason_a_card_cannot_pay_has_its_own_code() -> None:
    assert refusal(a_card(is_active=False)) == ErrorCode.INACTIVE
    assert refusal(a_card(expires_at=NOW)) == ErrorCode.EXPIRED
    assert refusal(a_card(), currency="USD") == ErrorCode.CURRENCY_MISMATCH
    assert refusal(a_card(balance_amount=0)) == ErrorCode.EMPTY_BALANCE


def test_a_card_pays_all_of_a_bill_it_covers_and_its_whole_balance_otherwise() -> None:
    card = a_card(balance_amount=3000)
    assert applicable_amount(card, Money(1999, "EUR")) == Money(1999, "EUR")
    assert applicable_amount(card, Money(4500, "EUR")) == Money(3000, "EUR")
    with pytest.raises(ValueError):
        applicable_amount(card, Money(100, "USD"))


def test_several_cards_pay_a_cart_in_the_order_they_were_added() -> None:
    first, second, third = (a_card(balance_amount=b) for b in (1000, 2500, 4000))
    # a 30.00 bill: the first card pays all it has, the second the rest, the third nothing
    plan = split_payment([first, second, third], Money(3000, "EUR"))
    assert [(card, part.amount) for card, part in plan] == [(first, 1000), (second, 2000)]
    # a bill larger than all of them together takes every card's whole balance
    plan = split_payment([first, second], Money(9999, "EUR"))
    assert [part.amount for _, part in plan] == [1000, 2500]
    # an empty card pays nothing and is left out
    assert split_payment([a_card(balance_amount=0), first], Money(500, "EUR")) == [
        (first, Money(500, "EUR"))
    ]


def test_the_ledger_names_who_changed_a_balance() -> None:
    staff, key, customer = uuid4(), uuid4(), uuid4()
    merchant, session = uuid4(), uuid4()
    assert actor_of(StaffPrincipal(staff, merchant, session)) == Actor(
        GiftCardActorKind.STAFF, staff
    )
    assert actor_of(AppPrincipal(key, merchant)) == Actor(GiftCardActorKind.API_KEY, key)
    assert actor_of(CustomerPrincipal(customer, merchant, session)) == Actor(
        GiftCardActorKind.CUSTOMER, customer
    )
    assert actor_of(Anonymous()) == SYSTEM
