"""Secrets handed to clients: API keys and storefront tokens.

A token is `<prefix><30 random base62 chars><6 base62 chars of CRC32>`. The fixed prefix and
the checksum let secret scanners recognise a leaked key and let us reject a mistyped one
without a database round trip. Only a SHA-256 digest of a secret is stored: the secrets are
long and random, so a fast hash is enough (passwords, which are not, use argon2).
"""

import hashlib
import hmac
import secrets
import string
import zlib

API_KEY_PREFIX = "agora_sk_"
STOREFRONT_TOKEN_PREFIX = "agora_pt_"
_ALPHABET = string.digits + string.ascii_letters
_BODY = 30
_CHECK = 6


def _base62(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, rem = divmod(number, 62)
        chars.append(_ALPHABET[rem])
    return "".join(reversed(chars))


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode()), _CHECK)


def generate_token(prefix: str) -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(_BODY))
    return f"{prefix}{body}{_checksum(body)}"


def has_valid_shape(token: str, prefix: str) -> bool:
    if not token.startswith(prefix) or len(token) != len(prefix) + _BODY + _CHECK:
        return False
    rest = token[len(prefix) :]
    if any(ch not in _ALPHABET for ch in rest):
        return False
    return hmac.compare_digest(_checksum(rest[:_BODY]), rest[_BODY:])


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def display_prefix(token: str) -> str:
    """What may be shown after creation to tell keys apart: the prefix and four characters."""
    return token[: token.index("_", 6) + 5]
