"""Gift cards sold as products: a product whose type is of kind GIFT_CARD issues, once its
order is paid, one card per unit bought, worth the line's unit price in the order's currency.

Rules that keep a card's money from being stretched:
- promotions never discount a gift-card line, and gift cards never pay for one (the quote
  leaves such lines out of both);
- a card is issued in the same transaction that makes the order paid, so an order is never
  paid without its cards, nor a card issued for an unpaid order.

A cancelled order takes back every card it bought, a refund the cards of the units it
refunds (unspent cards first): each is emptied and deactivated, and a spent one refuses the
cancellation or refund, since its money has left already.

The code cannot only be hashed as staff-issued codes are: the buyer must receive it. It is
stored sealed (bound to the card's row) and delivered by the background worker, which emails
it to the order's address and marks the card delivered: an outbox, so a crash between the
payment and the email never loses a card. The buyer can also read the code on the order.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.money import Money
from domain.notifications import Message, Notifier
from domain.orders.orders import Order, OrderLine
from domain.payments.gift_card_codes import code_digest, generate_code, last4_of, normalize_code
from domain.payments.gift_cards import (
    SYSTEM,
    GiftCard,
    GiftCardTransactionKind,
    ledger_entry,
)
from domain.sealing import SecretSealer
from domain.unit_of_work import UnitOfWork


async def issue_sold_cards(
    uow: UnitOfWork,
    order: Order,
    lines: Sequence[OrderLine],
    sealer: SecretSealer,
    now: datetime,
) -> list[GiftCard]:
    """Issue the cards the paid order bought (none when it bought none); does not commit."""
    cards = [
        _card(order, line, sealer, now)
        for line in lines
        if line.gift_card
        for _ in range(line.quantity)
    ]
    if not cards:
        return []
    uow.add_all(cards)
    await uow.stage()  # the ledger rows point at the cards
    uow.add_all(
        [
            ledger_entry(
                card,
                GiftCardTransactionKind.ISSUE,
                card.initial_amount,
                card.initial_amount,
                now,
                actor=SYSTEM,
                order_id=order.id,
            )
            for card in cards
        ]
    )
    return cards


def _card(order: Order, line: OrderLine, sealer: SecretSealer, now: datetime) -> GiftCard:
    code = generate_code()
    normalized = normalize_code(code) or ""
    card = GiftCard(
        id=new_id(),
        merchant_id=order.merchant_id,
        code_digest=code_digest(normalized),
        last4=last4_of(normalized),
        currency=order.currency,
        initial_amount=line.unit_price_amount,
        balance_amount=line.unit_price_amount,
        expires_at=None,
        is_active=True,
        customer_id=order.customer_id,
        note=f"Bought on order #{order.number}.",
        created_by_kind=SYSTEM.kind.value,
        created_by_id=None,
        created_at=now,
        updated_at=now,
        order_line_id=line.id,
    )
    card.sealed_code = sealer.seal(code, card.id)
    return card


@dataclass(frozen=True)
class SoldCard:
    """A sold card waiting to be sent, with what its message needs."""

    card: GiftCard
    email: str
    order_number: int
    storefront_name: str


def delivery_message(sold: SoldCard, code: str) -> Message:
    value = Money(sold.card.initial_amount, sold.card.currency)
    shop = sold.storefront_name or "the shop"
    return Message(
        to=sold.email,
        subject=f"Your gift card from {shop}",
        body=(
            f"Thank you for order #{sold.order_number}. Here is your gift card worth "
            f"{value.format()} {value.currency}:\n\n    {code}\n\n"
            "Enter this code at checkout to pay with it. Keep it safe: anyone who has the "
            "code can spend the card."
        ),
        kind="gift_card.delivered",
        data={"code": code, "gift_card_id": str(sold.card.id)},
    )


async def deliver_sold_cards(
    uow: UnitOfWork, sealer: SecretSealer, notifier: Notifier, now: datetime, limit: int
) -> int:
    """Send the codes of up to `limit` sold cards not sent yet; how many were sent.

    Sent before the claim commits: a crash in between sends a code twice rather than not at all."""
    sold = await uow.gift_cards.claim_undelivered(now, limit)
    for item in sold:
        assert item.card.sealed_code is not None
        code = sealer.open(item.card.sealed_code, item.card.id)
        await notifier.send(delivery_message(item, code))
    await uow.commit()
    return len(sold)


async def _withdraw(
    uow: UnitOfWork,
    order: Order,
    cards: Sequence[GiftCard],
    now: datetime,
    note: str,
    spent: Callable[[GiftCard], UserError],
) -> None:
    """Empty each card (by one conditional UPDATE, with its ledger entry) and deactivate it. A
    card already spent, even in part, is refused (`spent`): its money has left and cannot be
    given back too."""
    for card in cards:
        if card.balance_amount == card.initial_amount:
            after = await uow.gift_cards.change_balance(
                card, -card.initial_amount, now, usable_only=False
            )
        else:
            after = None
        if after is None:
            raise spent(card)
        card.is_active, card.withdrawn_at, card.updated_at = False, now, now
        uow.add_all(
            [
                ledger_entry(
                    card,
                    GiftCardTransactionKind.ADJUST,
                    -card.initial_amount,
                    after,
                    now,
                    actor=SYSTEM,
                    order_id=order.id,
                    note=note,
                )
            ]
        )


async def withdraw_sold_cards(
    uow: UnitOfWork, order: Order, lines: Sequence[OrderLine], now: datetime
) -> None:
    """Take back the cards a cancelled order bought (those not taken back by a refund yet); a
    card already spent makes the cancellation refused. Does not commit."""
    if not any(line.gift_card for line in lines):
        return
    cards = [card for card in await uow.gift_cards.sold_on(order.id) if card.withdrawn_at is None]
    await _withdraw(
        uow, order, cards, now, "Its order was cancelled.",
        lambda card: UserError(
            f"The gift card ending {card.last4} that this order bought has been spent: "
            "the order can no longer be cancelled (refund what is left instead).",
            field="orderId",
            code=ErrorCode.INVALID_STATE,
        ),
    )  # fmt: skip


@dataclass(frozen=True)
class RefundedCards:
    """Units of a gift-card line refunded, and the input field that asked for them."""

    order_line_id: UUID
    units: int
    field: str


async def withdraw_refunded_cards(
    uow: UnitOfWork, order: Order, refunded: Sequence[RefundedCards], now: datetime
) -> None:
    """Take back one card per refunded unit of a gift-card line, unspent ones first; a line
    whose cards left to take back are spent makes the refund refused. Does not commit."""
    if not refunded:
        return
    sold = [card for card in await uow.gift_cards.sold_on(order.id) if card.withdrawn_at is None]
    for wanted in refunded:
        cards = sorted(
            (card for card in sold if card.order_line_id == wanted.order_line_id),
            key=lambda card: card.balance_amount != card.initial_amount,
        )
        await _withdraw(
            uow, order, cards[: wanted.units], now, "Refunded on its order.", _spent(wanted.field)
        )


def _spent(field: str) -> Callable[[GiftCard], UserError]:
    def refused(card: GiftCard) -> UserError:
        return UserError(
            f"The gift card ending {card.last4} has been spent: it cannot be refunded.",
            field=field,
            code=ErrorCode.INVALID_STATE,
        )

    return refused
