"""Authenticated encryption for what we must keep but must not keep readable.

Stored idempotent responses may hold secrets shown once (a new API key, fresh tokens): they are
sealed with AES-256-GCM under a key derived from the app secret, bound to their owner and key
(associated data), so a database read or a backup yields nothing usable.
"""

import hashlib
import hmac
import os

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
