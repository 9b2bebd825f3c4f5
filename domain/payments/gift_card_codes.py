"""Gift card codes: generated, read back as people type them, and stored only as a digest.

A code is 16 characters of Crockford's base32 (digits and capitals without I, L, O and U, so
nothing looks like something else), grouped XXXX-XXXX-XXXX-XXXX: 80 random bits from
`secrets`, far beyond guessing. It is read case-insensitively, with or without hyphens and
spaces, and O, I and L are read as the digits 0, 1 and 1 they look like. Only the SHA-256
digest of the normalised code is stored (a long random code needs no slow hash), with its last
4 characters for display.
"""

import hashlib
import secrets

from domain.errors import UserError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -\t")


def generate_code() -> str:
    """A fresh code, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def _canonical(text: str) -> str:
    return text.translate(_SEPARATORS).upper().translate(_LOOK_ALIKES)


def normalize_code(text: str) -> str | None:
    """The code as stored (upper case, no separators, look-alikes read as digits), or None
    when it cannot be a code at all."""
    if len(text) > 4 * CODE_LENGTH:
        return None
    code = _canonical(text)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def code_digest(normalized: str) -> str:
    return hashlib.sha256(normalized.encode()).hexdigest()


def last4_of(normalized: str) -> str:
    return normalized[-GROUP:]


def masked(last4: str) -> str:
    """What may be shown of a code after it was issued: ****-****-****-AB12."""
    return "-".join(["*" * GROUP] * (CODE_LENGTH // GROUP - 1) + [last4])


def normalize_last4(text: str, *, field: str) -> str:
    """The end of a code as typed ("ab1o") as it is stored ("AB10"): 1 to 4 characters."""
    last4 = _canonical(text[: 4 * GROUP])
    if not 1 <= len(last4) <= GROUP or any(ch not in ALPHABET for ch in last4):
        raise UserError("Give up to the last 4 characters of a code.", field=field)
    return last4
