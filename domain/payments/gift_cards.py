"""Gift cards: stored value a merchant issues and a shopper spends at checkout.

A card pays partially, and several cards may pay one cart. Its code is shown ONCE, when it is
issued; only its digest and last 4 characters are stored (`gift_card_codes`: XXXX-XXXX-XXXX-
XXXX, read case-insensitively). A code is unique within its merchant; another merchant's code
is simply unknown here (tenant scope), never "exists elsewhere".

Every balance change is ONE conditional UPDATE in persistence (`GiftCardRepository.
change_balance`): a debit applies only while the card is active, unexpired and holds the
amount, so concurrent checkouts can never overdraw a card; nothing changes the balance by
reading it, computing and writing it back. Each change writes a ledger row
(`GiftCardTransaction`) in the same transaction, with the balance after it: a card's ledger
amounts always add up to its balance.

What the checkout calls, inside its own unit of work. These do NOT commit: the debit lands with
the order or not at all.

- `find_usable(uow, code, currency, now) -> GiftCard`: the card a shopper typed in, if it can
  pay in `currency` now. Raises `UserError` (field "code") with code NOT_FOUND (no such code at
  this merchant), INACTIVE, EXPIRED, CURRENCY_MISMATCH or EMPTY_BALANCE.
- `applicable_amount(card, due) -> Money`: how much of `due` the card can pay (pure).
- `split_payment(cards, due) -> list[tuple[GiftCard, Money]]`: several cards on one cart, in
  the order the shopper added them: each pays what it can of what is left (pure).
- `debit(uow, card, amount, order_id, now, *, actor=SYSTEM) -> GiftCardTransaction`: take
  `amount` off the card. Raises `UserError` (field "code") INSUFFICIENT_FUNDS when the card no
  longer holds it (another checkout spent it meanwhile), or INACTIVE / EXPIRED when that
  changed since `find_usable`; CURRENCY_MISMATCH (field "amount") for another currency.
- `credit(uow, card_id, amount, order_id, now, note, *, actor=SYSTEM) -> GiftCardTransaction`:
  put `amount` back (a refund), whatever the card's state.

The merchant's side (MANAGE_GIFT_CARDS: issue, update, adjust the balance) is in
`gift_card_admin`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.money import Money
from domain.payments.gift_card_codes import code_digest, masked, normalize_code
from domain.principals import AppPrincipal, CustomerPrincipal, Principal, StaffPrincipal
from domain.unit_of_work import UnitOfWork

# Far above any gift card, far below BIGINT: balances never overflow.
MAX_BALANCE = 10**13
MAX_NOTE = 500


class GiftCardTransactionKind(StrEnum):
    ISSUE = "ISSUE"
    DEBIT = "DEBIT"
    CREDIT = "CREDIT"
    ADJUST = "ADJUST"


class GiftCardActorKind(StrEnum):
    STAFF = "STAFF"
    API_KEY = "API_KEY"
    CUSTOMER = "CUSTOMER"
    SYSTEM = "SYSTEM"


@dataclass(frozen=True)
class Actor:
    """Who changed a balance: a staff user, an API key, a customer, or the system (a visitor's
    checkout, a refund run by a worker)."""

    kind: GiftCardActorKind
    id: UUID | None = None


SYSTEM = Actor(GiftCardActorKind.SYSTEM)


def actor_of(principal: Principal) -> Actor:
    if isinstance(principal, StaffPrincipal):
        return Actor(GiftCardActorKind.STAFF, principal.staff_id)
    if isinstance(principal, AppPrincipal):
        return Actor(GiftCardActorKind.API_KEY, principal.api_key_id)
    if isinstance(principal, CustomerPrincipal):
        return Actor(GiftCardActorKind.CUSTOMER, principal.customer_id)
    return SYSTEM


@dataclass(eq=False)
class GiftCard(TenantOwned):
    id: UUID
    merchant_id: UUID
    code_digest: str  # SHA-256 of the normalised code; never shown, never logged
    last4: str
    currency: str
    initial_amount: int
    balance_amount: int  # changed only by GiftCardRepository.change_balance
    expires_at: datetime | None
    is_active: bool
    customer_id: UUID | None
    note: str
    created_by_kind: str
    created_by_id: UUID | None
    created_at: datetime
    updated_at: datetime
    # Sold as a product (`gift_card_sales`): the order line that bought it, its code sealed
    # for the buyer, when the code was sent, and when its order's cancellation or refund took
    # it back.
    order_line_id: UUID | None = None
    sealed_code: bytes | None = field(default=None, repr=False)
    delivered_at: datetime | None = None
    withdrawn_at: datetime | None = None

    @property
    def balance(self) -> Money:
        return Money(self.balance_amount, self.currency)

    @property
    def initial_balance(self) -> Money:
        return Money(self.initial_amount, self.currency)

    @property
    def masked_code(self) -> str:
        """The code as it may be shown after issue: ****-****-****-AB12."""
        return masked(self.last4)

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


@dataclass(eq=False)
class GiftCardTransaction(TenantOwned):
    """One change of a card's balance: `amount` is signed (a debit is negative)."""

    id: UUID
    merchant_id: UUID
    gift_card_id: UUID
    kind: str
    amount: int
    currency: str
    balance_after: int
    order_id: UUID | None
    note: str
    actor_kind: str
    actor_id: UUID | None
    occurred_at: datetime

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def balance_after_money(self) -> Money:
        return Money(self.balance_after, self.currency)


# Paying with a card (the checkout) --------------------------------------------------------


def _check_open(card: GiftCard, now: datetime) -> None:
    if not card.is_active:
        raise UserError("This gift card is deactivated.", field="code", code=ErrorCode.INACTIVE)
    if card.expired(now):
        raise UserError("This gift card has expired.", field="code", code=ErrorCode.EXPIRED)


def check_usable(card: GiftCard, currency: str, now: datetime) -> None:
    """Raise the reason the card cannot pay in `currency` now, if there is one."""
    _check_open(card, now)
    if card.currency != currency:
        raise UserError(
            f"This gift card is in {card.currency}, not {currency}.",
            field="code",
            code=ErrorCode.CURRENCY_MISMATCH,
        )
    if card.balance_amount <= 0:
        raise UserError(
            "This gift card has no balance left.", field="code", code=ErrorCode.EMPTY_BALANCE
        )


async def find_by_code(uow: UnitOfWork, code: str) -> GiftCard:
    normalized = normalize_code(code)
    card = None if normalized is None else await uow.gift_cards.by_digest(code_digest(normalized))
    if card is None:
        raise UserError("No gift card with this code.", field="code", code=ErrorCode.NOT_FOUND)
    return card


async def find_usable(uow: UnitOfWork, code: str, currency: str, now: datetime) -> GiftCard:
    card = await find_by_code(uow, code)
    check_usable(card, currency, now)
    return card


def applicable_amount(card: GiftCard, due: Money) -> Money:
    """What the card can pay of `due` (same currency): all of it, or its whole balance."""
    if due.currency != card.currency:
        raise ValueError(f"cannot pay {due.currency} with a {card.currency} gift card")
    return Money(max(0, min(card.balance_amount, due.amount)), due.currency)


def split_payment(cards: Sequence[GiftCard], due: Money) -> list[tuple[GiftCard, Money]]:
    """What each card pays of `due`, in order, until nothing is left; cards that would pay
    nothing are left out. The parts add up to `due`, or to all the cards hold if less."""
    parts = []
    left = due
    for card in cards:
        if left.amount <= 0:
            break
        part = applicable_amount(card, left)
        if part.amount > 0:
            parts.append((card, part))
            left = left - part
    return parts


def _positive(card: GiftCard, amount: Money) -> None:
    if amount.currency != card.currency:
        raise UserError(
            f"This gift card is in {card.currency}, not {amount.currency}.",
            field="amount",
            code=ErrorCode.CURRENCY_MISMATCH,
        )
    if not 0 < amount.amount <= MAX_BALANCE:
        raise UserError("The amount must be positive.", field="amount")


def ledger_entry(
    card: GiftCard,
    kind: GiftCardTransactionKind,
    amount: int,
    balance_after: int,
    now: datetime,
    *,
    actor: Actor,
    order_id: UUID | None = None,
    note: str | None = None,
) -> GiftCardTransaction:
    return GiftCardTransaction(
        id=new_id(),
        merchant_id=card.merchant_id,
        gift_card_id=card.id,
        kind=kind.value,
        amount=amount,
        currency=card.currency,
        balance_after=balance_after,
        order_id=order_id,
        note=note_text(note),
        actor_kind=actor.kind.value,
        actor_id=actor.id,
        occurred_at=now,
    )


async def debit(
    uow: UnitOfWork,
    card: GiftCard,
    amount: Money,
    order_id: UUID | None,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> GiftCardTransaction:
    """Take `amount` off the card for an order. Does not commit (the checkout does)."""
    _positive(card, amount)
    balance = await uow.gift_cards.change_balance(card, -amount.amount, now, usable_only=True)
    if balance is None:
        current = await uow.gift_cards.current(card.id)
        if current is None:
            raise UserError("No gift card with this code.", field="code", code=ErrorCode.NOT_FOUND)
        _check_open(current, now)
        raise UserError(
            f"This gift card holds only {current.balance.format()} {current.currency}.",
            field="code",
            code=ErrorCode.INSUFFICIENT_FUNDS,
        )
    entry = ledger_entry(
        card,
        GiftCardTransactionKind.DEBIT,
        -amount.amount,
        balance,
        now,
        actor=actor,
        order_id=order_id,
    )
    uow.gift_cards.add_transaction(entry)
    return entry


async def credit(
    uow: UnitOfWork,
    card_id: UUID,
    amount: Money,
    order_id: UUID | None,
    now: datetime,
    note: str | None = None,
    *,
    actor: Actor = SYSTEM,
) -> GiftCardTransaction:
    """Put `amount` back on the card (a refund), even if it is inactive or expired. Does not
    commit (the refund does)."""
    card = await uow.gift_cards.get(card_id)
    if card is None:
        raise UserError("No gift card with this id.", field="giftCardId", code=ErrorCode.NOT_FOUND)
    _positive(card, amount)
    balance = await uow.gift_cards.change_balance(card, amount.amount, now, usable_only=False)
    if balance is None:
        raise UserError("The balance would be too large.", field="amount")
    entry = ledger_entry(
        card,
        GiftCardTransactionKind.CREDIT,
        amount.amount,
        balance,
        now,
        actor=actor,
        order_id=order_id,
        note=note,
    )
    uow.gift_cards.add_transaction(entry)
    return entry


def note_text(note: str | None) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise UserError(f"At most {MAX_NOTE} characters.", field="note", code=ErrorCode.TOO_LONG)
    return text
