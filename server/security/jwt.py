"""Access tokens: HS256 JWTs via joserfc, with a fixed algorithm allow-list.

Only HS256 is accepted: a token whose header names `none`, RS256 or anything else is refused
before its signature is even considered. Issuer, audience, expiry and our own claims are all
required.
"""

import hashlib
import hmac
from datetime import UTC, datetime
from uuid import UUID

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from domain.auth import AccessClaims, SubjectKind
from domain.errors import Unauthenticated

ALGORITHMS = ["HS256"]


class JoseTokenCodec:
    def __init__(self, secret: str, *, issuer: str, audience: str) -> None:
        # A key of its own, derived from the app secret, so other uses of the secret never
        # produce something that verifies as a token.
        derived = hmac.new(secret.encode(), b"agora/jwt/access/v1", hashlib.sha256).digest()
        self._key = OctKey.import_key(derived)
        self._issuer = issuer
        self._audience = audience

    def encode_access(self, claims: AccessClaims) -> str:
        payload = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": str(claims.subject_id),
            "sid": str(claims.session_id),
            "knd": claims.subject_kind.value,
            "mid": str(claims.merchant_id) if claims.merchant_id else None,
            "iat": int(datetime.now(UTC).timestamp()),
            "exp": int(claims.expires_at.timestamp()),
        }
        return jwt.encode({"alg": "HS256", "typ": "JWT"}, payload, self._key, algorithms=ALGORITHMS)

    def decode_access(self, token: str, now: datetime) -> AccessClaims:
        try:
            decoded = jwt.decode(token, self._key, algorithms=ALGORITHMS)
            registry = jwt.JWTClaimsRegistry(
                now=int(now.timestamp()),
                iss={"essential": True, "value": self._issuer},
                aud={"essential": True, "value": self._audience},
                exp={"essential": True},
                sub={"essential": True},
                sid={"essential": True},
                knd={"essential": True, "values": [k.value for k in SubjectKind]},
            )
            registry.validate(decoded.claims)
            claims = decoded.claims
            return AccessClaims(
                subject_kind=SubjectKind(claims["knd"]),
                subject_id=UUID(claims["sub"]),
                session_id=UUID(claims["sid"]),
                merchant_id=UUID(claims["mid"]) if claims.get("mid") else None,
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            )
        except (JoseError, ValueError, TypeError, KeyError):
            raise Unauthenticated("The access token is invalid or expired.") from None
