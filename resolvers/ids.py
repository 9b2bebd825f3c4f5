"""Opaque global IDs: url-safe base64 of `TypeName:uuid`."""

import base64
import binascii
from uuid import UUID

from domain.errors import ErrorCode, UserError
from domain.ids import encode_global_id

__all__ = ["decode_global_id", "decode_id_of", "encode_global_id"]


def decode_global_id(global_id: str, *, field: str = "id") -> tuple[str, UUID]:
    bad = UserError(
        f"'{global_id[:80]}' is not a valid ID.", field=field, code=ErrorCode.INVALID_ID
    )
    if not global_id or len(global_id) > 200:
        raise bad
    try:
        text = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
        type_name, _, raw = text.partition(":")
        return type_name, UUID(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad from None


def decode_id_of(global_id: str, type_name: str, *, field: str = "id") -> UUID:
    """Decode an ID that must name a `type_name`; another type's ID is a clear user error."""
    found, id = decode_global_id(global_id, field=field)
    if found != type_name:
        raise UserError(
            f"Expected an ID of a {type_name}, got one of a {found or 'unknown type'}.",
            field=field,
            code=ErrorCode.INVALID_ID,
        )
    return id
