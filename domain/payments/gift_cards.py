"""Gift cards: stored value a merchant issues and a shopper spends at checkout.

A card is paid with partially, and several cards may pay one cart. Its code is shown ONCE,
when it is issued: 16 characters of Crockford's base32 (digits and capitals without I, L, O
and U, so nothing looks like something else), grouped XXXX-XXXX-XXXX-XXXX, 80 random bits from
`secrets`. Only the SHA-256 digest of the normalised code is stored, with its last 4 characters
for display. Codes are read case-insensitively, with or without hyphens and spaces, and O, I
and L are read as the digits 0, 1 and 1 they look like. A code is unique within its merchant;
another merchant's code is simply unknown here (tenant scope), never "exists elsewhere".

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
- `debit(uow, card, amount, order_id, now, *, actor=SYSTEM) -> GiftCardTransaction`: take
  `amount` off the card. Raises `UserError` (field "code") INSUFFICIENT_FUNDS when the card no
  longer holds it (another checkout spent it meanwhile), or INACTIVE / EXPIRED when that
  changed since `find_usable`; CURRENCY_MISMATCH (field "amount") for another currency.
- `credit(uow, card_id, amount, order_id, now, note, *, actor=SYSTEM) -> GiftCardTransaction`:
  put `amount` back (a refund), whatever the card's state.

Staff use cases (MANAGE_GIFT_CARDS), each committing its unit of work: `issue_gift_card`
(returns the code, the only time it is ever known), `update_gift_card` and `adjust_balance`
(a signed correction that never takes the balance below zero).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.money import Money, validate_currency
from domain.principals import AppPrincipal, CustomerPrincipal, Principal, StaffPrincipal
from domain.unit_of_work import UnitOfWork

# Crockford's base32: no I, L, O or U. 16 characters of it are 80 random bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -\t")
# Far above any gift card, far below BIGINT: balances never overflow.
MAX_BALANCE = 10**13
MAX_NOTE = 500


class TransactionKind(StrEnum):
    ISSUE = "ISSUE"
    DEBIT = "DEBIT"
    CREDIT = "CREDIT"
    ADJUST = "ADJUST"


class ActorKind(StrEnum):
    STAFF = "STAFF"
    API_KEY = "API_KEY"
    CUSTOMER = "CUSTOMER"
    SYSTEM = "SYSTEM"


@dataclass(frozen=True)
class Actor:
    """Who changed a balance: a staff user, an API key, a customer, or the system (a visitor's
    checkout, a refund run by a worker)."""

    kind: ActorKind
    id: UUID | None = None


SYSTEM = Actor(ActorKind.SYSTEM)


def actor_of(principal: Principal) -> Actor:
    if isinstance(principal, StaffPrincipal):
        return Actor(ActorKind.STAFF, principal.staff_id)
    if isinstance(principal, AppPrincipal):
        return Actor(ActorKind.API_KEY, principal.api_key_id)
    if isinstance(principal, CustomerPrincipal):
        return Actor(ActorKind.CUSTOMER, principal.customer_id)
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

    @property
    def balance(self) -> Money:
        return Money(self.balance_amount, self.currency)

    @property
    def initial_balance(self) -> Money:
        return Money(self.initial_amount, self.currency)

    @property
    def masked_code(self) -> str:
        """The code as it may be shown after issue: ****-****-****-AB12."""
        return "-".join(["*" * GROUP] * (CODE_LENGTH // GROUP - 1) + [self.last4])

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


@dataclass(frozen=True)
class IssuedGiftCard:
    card: GiftCard
    code: str  # shown once, to the issuer


@dataclass(frozen=True)
class GiftCardIssue:
    initial_balance: str  # a decimal string, e.g. "50.00"
    currency: str
    expires_at: datetime | None = None
    customer_id: UUID | None = None
    note: str | None = None


@dataclass(frozen=True)
class GiftCardChanges:
    """What `update_gift_card` changes; None (and `change_expiry=False`) leaves a field."""

    expires_at: datetime | None = None
    change_expiry: bool = False  # True with expires_at None: never expires
    is_active: bool | None = None
    note: str | None = None


@dataclass(frozen=True)
class GiftCardQuery:
    """Every given criterion must hold."""

    is_active: bool | None = None
    customer_id: UUID | None = None
    last4: str | None = None
    code_digest: str | None = None


# Codes ----------------------------------------------------------------------------------


def generate_code() -> str:
    """A fresh code, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalize_code(text: str) -> str | None:
    """The code as stored (upper case, no separators, look-alikes read as digits), or None
    when it cannot be a code at all."""
    if len(text) > 4 * CODE_LENGTH:
        return None
    code = text.translate(_SEPARATORS).upper().translate(_LOOK_ALIKES)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def code_digest(normalized: str) -> str:
    return hashlib.sha256(normalized.encode()).hexdigest()


def normalize_last4(text: str) -> str:
    """A display suffix as typed ("ab1o") as it is stored ("AB10")."""
    last4 = text.translate(_SEPARATORS).upper().translate(_LOOK_ALIKES)
    if not 1 <= len(last4) <= GROUP or any(ch not in ALPHABET for ch in last4):
        raise UserError("Give the last 4 characters of a code.", field="filter.last4")
    return last4


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
        last4=normalize_last4(last4) if last4 is not None else None,
        code_digest=digest,
    )


# Paying with a card (the checkout) --------------------------------------------------------


def check_usable(card: GiftCard, currency: str, now: datetime) -> None:
    """Raise the reason the card cannot pay in `currency` now, if there is one."""
    if not card.is_active:
        raise UserError("This gift card is deactivated.", field="code", code=ErrorCode.INACTIVE)
    if card.expired(now):
        raise UserError("This gift card has expired.", field="code", code=ErrorCode.EXPIRED)
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


def _positive(card: GiftCard, amount: Money) -> None:
    if amount.currency != card.currency:
        raise UserError(
            f"This gift card is in {card.currency}, not {amount.currency}.",
            field="amount",
            code=ErrorCode.CURRENCY_MISMATCH,
        )
    if not 0 < amount.amount <= MAX_BALANCE:
        raise UserError("The amount must be positive.", field="amount")


def _entry(
    card: GiftCard,
    kind: TransactionKind,
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
        note=_note(note),
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
        check_usable(current, amount.currency, now)
        raise UserError(
            f"This gift card holds only {current.balance.format()} {current.currency}.",
            field="code",
            code=ErrorCode.INSUFFICIENT_FUNDS,
        )
    entry = _entry(
        card, TransactionKind.DEBIT, -amount.amount, balance, now, actor=actor, order_id=order_id
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
    entry = _entry(
        card,
        TransactionKind.CREDIT,
        amount.amount,
        balance,
        now,
        actor=actor,
        order_id=order_id,
        note=note,
    )
    uow.gift_cards.add_transaction(entry)
    return entry


# The merchant's side (MANAGE_GIFT_CARDS) ------------------------------------------------


def _note(note: str | None) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise UserError(f"At most {MAX_NOTE} characters.", field="note", code=ErrorCode.TOO_LONG)
    return text


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
    if command.customer_id is not None and await uow.customers.get(command.customer_id) is None:
        raise UserError("No customer with this id.", field="customerId", code=ErrorCode.NOT_FOUND)
    code = generate_code()
    normalized = normalize_code(code)
    assert normalized is not None
    card = GiftCard(
        id=new_id(),
        merchant_id=merchant_id,
        code_digest=code_digest(normalized),
        last4=normalized[-GROUP:],
        currency=amount.currency,
        initial_amount=amount.amount,
        balance_amount=amount.amount,
        expires_at=expires_at,
        is_active=True,
        customer_id=command.customer_id,
        note=_note(command.note),
        created_by_kind=actor.kind.value,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    uow.gift_cards.add(card)
    await uow.stage()  # the ledger row points at the card
    uow.gift_cards.add_transaction(
        _entry(card, TransactionKind.ISSUE, amount.amount, amount.amount, now, actor=actor)
    )
    await uow.commit()
    return IssuedGiftCard(card, code)


async def update_gift_card(
    uow: UnitOfWork, card_id: UUID, changes: GiftCardChanges, now: datetime
) -> GiftCard:
    """Change expiry, activation or note; the balance changes only through the ledger."""
    card = await get_gift_card(uow, card_id)
    if changes.change_expiry:
        card.expires_at = _expiry(changes.expires_at, now)
    if changes.is_active is not None:
        card.is_active = changes.is_active
    if changes.note is not None:
        card.note = _note(changes.note)
    card.updated_at = now
    await uow.commit()
    return card


async def adjust_balance(
    uow: UnitOfWork,
    actor: Actor,
    card_id: UUID,
    amount: str,
    note: str | None,
    now: datetime,
) -> GiftCard:
    """Correct the balance by a signed amount; it never goes below zero."""
    card = await get_gift_card(uow, card_id)
    delta = Money.parse(amount.strip(), card.currency)
    if delta.amount == 0 or abs(delta.amount) > MAX_BALANCE:
        raise UserError("Give a non-zero amount.", field="amount")
    entry_note = _note(note)
    balance = await uow.gift_cards.change_balance(card, delta.amount, now, usable_only=False)
    if balance is None:
        current = await uow.gift_cards.current(card.id)
        held = (current or card).balance
        raise UserError(
            f"The balance cannot go below zero: the card holds {held.format()} {held.currency}.",
            field="amount",
            code=ErrorCode.INSUFFICIENT_FUNDS,
        )
    uow.gift_cards.add_transaction(
        _entry(card, TransactionKind.ADJUST, delta.amount, balance, now, actor=actor, note=entry_note)
    )
    await uow.commit()
    return card
