"""Forge access tokens the way an attacker would, to prove the server refuses them.

`signing_key` derives the key exactly as server/security/jwt.py does; the tests that use it
also show a token re-signed with it *is* accepted, so a refusal is never an accident of a
wrong key.
"""

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from joserfc import jws
from joserfc.jwk import OctKey

from domain.auth import AccessClaims, SubjectKind
from server.security.jwt import JoseTokenCodec
from server.settings import DEVELOPMENT_SECRET, Settings

ISSUER = Settings.jwt_issuer
AUDIENCE = Settings.jwt_audience


def app_codec(
    secret: str = DEVELOPMENT_SECRET, issuer: str = ISSUER, audience: str = AUDIENCE
) -> JoseTokenCodec:
    """A codec like the test app's (which runs with the development secret and defaults)."""
    return JoseTokenCodec(secret, issuer=issuer, audience=audience)


def signing_key(secret: str = DEVELOPMENT_SECRET) -> OctKey:
    derived = hmac.new(secret.encode(), b"agora/jwt/access/v1", hashlib.sha256).digest()
    return OctKey.import_key(derived)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_json(value: dict[str, Any]) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def unb64url(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def header_of(token: str) -> dict[str, Any]:
    return dict(json.loads(unb64url(token.split(".")[0])))


def payload_of(token: str) -> dict[str, Any]:
    return dict(json.loads(unb64url(token.split(".")[1])))


def with_alg_none(token: str) -> str:
    """The real payload under a `none` header, with an empty signature."""
    return f"{b64url_json({'alg': 'none', 'typ': 'JWT'})}.{token.split('.')[1]}."


def with_payload(token: str, **changes: Any) -> str:
    """The original header and signature around an altered payload."""
    header, _, signature = token.split(".")
    return f"{header}.{b64url_json({**payload_of(token), **changes})}.{signature}"


def with_flipped_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    raw = bytearray(unb64url(signature))
    raw[0] ^= 0x01
    return f"{header}.{payload}.{b64url(bytes(raw))}"


def resigned(token: str, *, algorithm: str, key: OctKey | None = None) -> str:
    """The same payload, signed again with `algorithm` (and the app's key unless given)."""
    return jws.serialize_compact(
        {"alg": algorithm, "typ": "JWT"},
        json.dumps(payload_of(token)).encode(),
        key or signing_key(),
        algorithms=[algorithm],
    )


def expired_copy(token: str, codec: JoseTokenCodec | None = None) -> str:
    """A genuinely signed token for the same session, which expired a minute ago."""
    codec = codec or app_codec()
    claims = codec.decode_access(token, datetime.now(UTC))
    past = datetime.now(UTC) - timedelta(minutes=1)
    return codec.encode_access(
        AccessClaims(
            SubjectKind(claims.subject_kind),
            claims.subject_id,
            claims.session_id,
            claims.merchant_id,
            past,
        )
    )
