"""Authenticated encryption for what we must keep but must not keep readable.

Stored idempotent responses may hold secrets shown once (a new API key, fresh tokens), and
webhook signing secrets must be read back to sign: they are sealed with AES-256-GCM under a key
derived from the app secret (one key per purpose), bound to their owner (associated data), so a
database read or a backup yields nothing usable. Changing AGORA_SECRET_KEY makes them unreadable:
webhook secrets must then be rotated.
"""

import hashlib
import hmac
import os
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


class SealError(ValueError):
    """The sealed bytes were altered, or belong to another owner or secret."""


class Sealer:
    def __init__(self, secret: str, purpose: bytes) -> None:
        key = hmac.new(secret.encode(), b"agora/seal/" + purpose, hashlib.sha256).digest()
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, associated)

    def unseal(self, sealed: bytes, associated: bytes) -> bytes:
        nonce, ciphertext = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, ciphertext, associated)
        except InvalidTag:
            raise SealError("sealed data does not open with this key and owner") from None


class SecretBox:
    """Seals short text secrets in their owner's row (domain/sealing.py's SecretSealer)."""

    def __init__(self, secret_key: str, purpose: bytes) -> None:
        self._sealer = Sealer(secret_key, purpose)

    def seal(self, secret: str, owner: UUID) -> bytes:
        return self._sealer.seal(secret.encode(), owner.bytes)

    def open(self, sealed: bytes, owner: UUID) -> str:
        return self._sealer.unseal(sealed, owner.bytes).decode()


def webhook_secrets(secret_key: str) -> SecretBox:
    """The box webhook signing secrets are sealed in (the app and the workers share it)."""
    return SecretBox(secret_key, b"webhook-signing-secrets/v1")
