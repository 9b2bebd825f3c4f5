"""Promotion codes: normalising what a shopper types, checking a code's shape, generating
unique codes in bulk, and saying why an entered code cannot be used.

Codes are case-insensitive: `normalize_code` trims, drops inner spaces and upper-cases, and
storage keeps only the normalised form. Generated codes use an alphabet without look-alikes
(no 0/O, 1/I/L), so they survive being read aloud or retyped from paper.
"""

import random
import secrets
from collections.abc import Set
from datetime import datetime

from domain.errors import UserError
from domain.promotions.promotion import Promotion, PromotionBudget
from domain.promotions.request import EnteredCode
from domain.promotions.result import CodeStatus

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ALLOWED = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_")
MIN_LENGTH = 3
MAX_LENGTH = 32
MAX_BATCH = 100_000


def normalize_code(text: str) -> str:
    """' summer 10 ' -> 'SUMMER10'."""
    return "".join(text.split()).upper()


def is_well_formed(code: str) -> bool:
    """Whether a normalised code has an acceptable shape."""
    return MIN_LENGTH <= len(code) <= MAX_LENGTH and set(code) <= ALLOWED


def validate_code(text: str, *, field: str = "code") -> str:
    """The normalised code, or a UserError naming `field`."""
    code = normalize_code(text)
    if not is_well_formed(code):
        raise UserError(
            f"A code has {MIN_LENGTH} to {MAX_LENGTH} letters, digits, '-' or '_'.", field=field
        )
    return code


def generate_codes(
    count: int,
    *,
    length: int = 10,
    prefix: str = "",
    existing: Set[str] = frozenset(),
    rng: random.Random | None = None,
) -> list[str]:
    """`count` distinct codes `prefix` + `length` random characters of ALPHABET, none of them
    in `existing` (normalised codes already in use). Random from the system's CSPRNG unless
    `rng` is given (tests). Refuses a batch that would crowd the code space (over 1%)."""
    prefix = normalize_code(prefix)
    if not 1 <= count <= MAX_BATCH:
        raise UserError(f"Generate 1 to {MAX_BATCH} codes at a time.", field="count")
    if not 6 <= length <= 24 or not is_well_formed(prefix + "X" * length):
        raise UserError("Codes are 6 to 24 random characters after the prefix.", field="length")
    if (count + len(existing)) * 100 > len(ALPHABET) ** length:
        raise UserError("Too many codes for this length: use longer codes.", field="length")
    source = rng or secrets.SystemRandom()
    codes: dict[str, None] = {}  # insertion-ordered set
    while len(codes) < count:
        code = prefix + "".join(source.choices(ALPHABET, k=length))
        if code not in existing:
            codes[code] = None
    return list(codes)


def code_status(
    entered: EnteredCode,
    promotion: Promotion | None,
    budget: PromotionBudget,
    now: datetime,
) -> CodeStatus | None:
    """Why an entered code cannot be used, or None if it can (its promotion still has to meet
    its conditions). `promotion` is the code's promotion as loaded, None if unknown."""
    code = normalize_code(entered.code)
    if not is_well_formed(code):
        return CodeStatus.MALFORMED
    if promotion is None or entered.promotion_id != promotion.id:
        return CodeStatus.UNKNOWN
    if promotion.starts_at is not None and now < promotion.starts_at:
        return CodeStatus.NOT_STARTED
    if promotion.ends_at is not None and now >= promotion.ends_at:
        return CodeStatus.EXPIRED
    if entered.remaining_uses is not None and entered.remaining_uses <= 0:
        return CodeStatus.EXHAUSTED
    if not budget.redemptions_left:
        return CodeStatus.EXHAUSTED
    if budget.remaining_amount is not None and budget.remaining_amount.amount <= 0:
        return CodeStatus.EXHAUSTED
    return None
