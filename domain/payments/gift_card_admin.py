"""The merchant's side of gift cards (MANAGE_GIFT_CARDS): issue, change, correct, list.

Issuing returns the code: the only time anyone sees it. The balance is never set directly:
it changes only through ledger entries (`adjust_balance` is a signed correction, which never
takes it below zero). Each use case commits its unit of work, so it is one admin mutation
with its audit entry (the code's digest shows there as redacted).
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.money import Money, validate_currency
from domain.payments.gift_card_codes import (
    code_digest,
    generate_code,
    last4_of,
    normalize_code,
    normalize_last4,
)
from domain.payments.gift_cards import (
    MAX_BALANCE,
    Actor,
    GiftCard,
    GiftCardTransactionKind,
    ledger_entry,
    note_text,
)
from domain.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class GiftCardIssue:
    initial_balance: str  # a decimal string, e.g. "50.00"
    currency: str
    expires_at: datetime | None = None
    customer_id: UUID | None = None
    note: str | None = None


@dataclass(frozen=True)
class IssuedGiftCard:
    card: GiftCard
    code: str  # shown once, to the issuer


@dataclass(frozen=True)
class GiftCardChanges:
    """What `update_gift_card` changes; None (and `change_expiry=False`) leaves a field."""

    expires_at: datetime | None = None
    change_expiry: bool = False  # True with expires_at None: the card never expires
    is_active: bool | None = None
    note: str | None = None


@dataclass(frozen=True)
class GiftCardQuery:
    """Every given criterion must hold."""

    is_active: bool | None = None
    customer_id: UUID | None = None
    last4: str | None = None  # the code ends with this
    code_digest: str | None = None  # the whole code, as its digest


def gift_card_query(
    *,
    is_active: bool | None = None,
    customer_id: UUID | None = None,
    last4: str | None = None,
    code: str | None = None,
) -> GiftCardQuery:
    digest = None
    if code is not None:
        normalized = normalize_code(code)
        # A malformed code finds nothing, as an unknown one does.
        digest = code_digest(normalized) if normalized else "-"
    return GiftCardQuery(
        is_active=is_active,
        customer_id=customer_id,
        last4=None if last4 is None else normalize_last4(last4, field="filter.last4"),
        code_digest=digest,
    )


def _expiry(expires_at: datetime | None, now: datetime) -> datetime | None:
    if expires_at is None:
        return None
    if expires_at.tzinfo is None:
        raise UserError("Give the time with its time zone.", field="expiresAt")
    if expires_at <= now:
        raise UserError("The expiry must be in the future.", field="expiresAt")
    return expires_at


def _initial_balance(command: GiftCardIssue) -> Money:
    currency = validate_currency(command.currency)
    try:
        amount = Money.parse(command.initial_balance.strip(), currency)
    except UserError as error:
        raise UserError(error.message, field="initialBalance", code=error.code) from None
    if not 0 < amount.amount <= MAX_BALANCE:
        raise UserError("The initial balance must be positive.", field="initialBalance")
    return amount


async def get_gift_card(uow: UnitOfWork, card_id: UUID) -> GiftCard:
    card = await uow.gift_cards.get(card_id)
    if card is None:
        raise NotFound("No gift card with this id.")
    return card


async def issue_gift_card(
    uow: UnitOfWork, merchant_id: UUID, actor: Actor, command: GiftCardIssue, now: datetime
) -> IssuedGiftCard:
    amount = _initial_balance(command)
    expires_at = _expiry(command.expires_at, now)
    note = note_text(command.note)
    if command.customer_id is not None and await uow.customers.get(command.customer_id) is None:
        raise UserError("No customer with this id.", field="customerId", code=ErrorCode.NOT_FOUND)
    code = generate_code()
    normalized = normalize_code(code) or ""
    card = GiftCard(
        id=new_id(),
        merchant_id=merchant_id,
        code_digest=code_digest(normalized),
        last4=last4_of(normalized),
        currency=amount.currency,
        initial_amount=amount.amount,
        balance_amount=amount.amount,
        expires_at=expires_at,
        is_active=True,
        customer_id=command.customer_id,
        note=note,
        created_by_kind=actor.kind.value,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    uow.gift_cards.add(card)
    await uow.stage()  # the ledger row points at the card
    uow.gift_cards.add_transaction(
        ledger_entry(
            card, GiftCardTransactionKind.ISSUE, amount.amount, amount.amount, now, actor=actor
        )
    )
    await uow.commit()
    return IssuedGiftCard(card, code)


async def update_gift_card(
    uow: UnitOfWork, card_id: UUID, changes: GiftCardChanges, now: datetime
) -> GiftCard:
    """Change expiry, activation or note (the balance changes only through the ledger)."""
    card = await get_gift_card(uow, card_id)
    if changes.change_expiry:
        card.expires_at = _expiry(changes.expires_at, now)
    if changes.is_active is not None:
        card.is_active = changes.is_active
    if changes.note is not None:
        card.note = note_text(changes.note)
    card.updated_at = now
    await uow.commit()
    return card


async def adjust_balance(
    uow: UnitOfWork, actor: Actor, card_id: UUID, amount: str, note: str | None, now: datetime
) -> GiftCard:
    """Correct the balance by a signed amount (e.g. "-5.00"); it never goes below zero."""
    card = await get_gift_card(uow, card_id)
    delta = Money.parse(amount.strip(), card.currency)
    if delta.amount == 0 or abs(delta.amount) > MAX_BALANCE:
        raise UserError("Give a non-zero amount.", field="amount")
    reason = note_text(note)
    balance = await uow.gift_cards.change_balance(card, delta.amount, now, usable_only=False)
    if balance is None:
        held = ((await uow.gift_cards.current(card.id)) or card).balance
        raise UserError(
            f"The balance cannot go below zero: the card holds {held.format()} {held.currency}.",
            field="amount",
            code=ErrorCode.INSUFFICIENT_FUNDS,
        )
    uow.gift_cards.add_transaction(
        ledger_entry(
            card,
            GiftCardTransactionKind.ADJUST,
            delta.amount,
            balance,
            now,
            actor=actor,
            note=reason,
        )
    )
    await uow.commit()
    return card
