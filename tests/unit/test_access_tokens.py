"""Access tokens: only genuine, current HS256 tokens for our issuer and audience decode."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from domain.auth import AccessClaims, SubjectKind
from domain.errors import Unauthenticated
from server.security.jwt import JoseTokenCodec
from tests.support.tokens import (
    app_codec,
    header_of,
    payload_of,
    resigned,
    signing_key,
    with_alg_none,
    with_flipped_signature,
    with_payload,
)

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def claims(expires_at: datetime = NOW + timedelta(minutes=15)) -> AccessClaims:
    return AccessClaims(SubjectKind.STAFF, uuid4(), uuid4(), uuid4(), expires_at)


@pytest.fixture
def codec() -> JoseTokenCodec:
    return app_codec()


@pytest.fixture
def token(codec: JoseTokenCodec) -> str:
    return codec.encode_access(claims())


def test_a_genuine_token_round_trips_its_claims(codec: JoseTokenCodec) -> None:
    # given claims for a staff session
    original = claims()
    # when they are encoded and decoded again
    decoded = codec.decode_access(codec.encode_access(original), NOW)
    # then nothing is lost
    assert decoded == AccessClaims(
        original.subject_kind,
        original.subject_id,
        original.session_id,
        original.merchant_id,
        original.expires_at.replace(microsecond=0),
    )


def test_a_platform_admin_token_has_no_merchant(codec: JoseTokenCodec) -> None:
    admin = AccessClaims(SubjectKind.ADMIN, uuid4(), uuid4(), None, NOW + timedelta(minutes=5))
    assert codec.decode_access(codec.encode_access(admin), NOW).merchant_id is None


def test_tokens_are_signed_with_hs256_and_name_issuer_and_audience(token: str) -> None:
    assert header_of(token)["alg"] == "HS256"
    assert payload_of(token)["iss"] == "agora"
    assert payload_of(token)["aud"] == "agora-api"


def test_an_expired_token_is_refused(codec: JoseTokenCodec) -> None:
    # given a token that expired a second ago
    stale = codec.encode_access(claims(expires_at=NOW - timedelta(seconds=1)))
    # when / then
    with pytest.raises(Unauthenticated):
        codec.decode_access(stale, NOW)


def test_a_token_is_valid_until_its_expiry(codec: JoseTokenCodec) -> None:
    fresh = codec.encode_access(claims(expires_at=NOW + timedelta(seconds=1)))
    assert codec.decode_access(fresh, NOW).subject_kind == SubjectKind.STAFF


def test_a_token_resigned_with_the_real_key_is_accepted(codec: JoseTokenCodec, token: str) -> None:
    # The control for the forgeries below: the forging helpers sign with the app's real key.
    assert codec.decode_access(resigned(token, algorithm="HS256"), NOW)


def test_an_altered_payload_is_refused(codec: JoseTokenCodec, token: str) -> None:
    # given a token whose subject was swapped while keeping the original signature
    forged = with_payload(token, sub=str(uuid4()))
    # when / then
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


def test_an_extended_expiry_is_refused(codec: JoseTokenCodec, token: str) -> None:
    forged = with_payload(token, exp=int((NOW + timedelta(days=365)).timestamp()))
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


def test_an_altered_signature_is_refused(codec: JoseTokenCodec, token: str) -> None:
    with pytest.raises(Unauthenticated):
        codec.decode_access(with_flipped_signature(token), NOW)


def test_an_unsigned_alg_none_token_is_refused(codec: JoseTokenCodec, token: str) -> None:
    # given the real payload under {"alg": "none"} and an empty signature
    forged = with_alg_none(token)
    assert forged.endswith(".") and header_of(forged)["alg"] == "none"
    # when / then
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_another_hmac_algorithm_with_the_real_key_is_refused(
    codec: JoseTokenCodec, token: str, algorithm: str
) -> None:
    # given a correctly signed token, but with an algorithm outside the allow-list
    forged = resigned(token, algorithm=algorithm)
    # when / then
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


def test_an_rs256_token_is_refused(codec: JoseTokenCodec, token: str) -> None:
    rsa = RSAKey.generate_key(2048)
    forged = jwt.encode({"alg": "RS256"}, payload_of(token), rsa, algorithms=["RS256"])
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


def test_a_token_signed_with_another_secret_is_refused(codec: JoseTokenCodec) -> None:
    other = app_codec(secret="another-deployment-secret-of-some-length")
    with pytest.raises(Unauthenticated):
        codec.decode_access(other.encode_access(claims()), NOW)


def test_a_token_signed_with_the_raw_app_secret_is_refused(
    codec: JoseTokenCodec, token: str
) -> None:
    # The signing key is derived from the secret; the secret itself must not sign tokens.
    raw = OctKey.import_key(b"agora-development-secret-do-not-use-in-production")
    assert raw.raw_value != signing_key().raw_value
    with pytest.raises(Unauthenticated):
        codec.decode_access(resigned(token, algorithm="HS256", key=raw), NOW)


def test_a_token_for_another_issuer_is_refused(codec: JoseTokenCodec) -> None:
    foreign = app_codec(issuer="someone-else")
    with pytest.raises(Unauthenticated):
        codec.decode_access(foreign.encode_access(claims()), NOW)


def test_a_token_for_another_audience_is_refused(codec: JoseTokenCodec) -> None:
    foreign = app_codec(audience="another-api")
    with pytest.raises(Unauthenticated):
        codec.decode_access(foreign.encode_access(claims()), NOW)


@pytest.mark.parametrize("claim", ["iss", "aud", "exp", "sub", "sid", "knd"])
def test_a_token_missing_a_required_claim_is_refused(
    codec: JoseTokenCodec, token: str, claim: str
) -> None:
    payload = payload_of(token)
    del payload[claim]
    forged = jwt.encode({"alg": "HS256"}, payload, signing_key(), algorithms=["HS256"])
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


def test_an_unknown_subject_kind_is_refused(codec: JoseTokenCodec, token: str) -> None:
    payload = {**payload_of(token), "knd": "superuser"}
    forged = jwt.encode({"alg": "HS256"}, payload, signing_key(), algorithms=["HS256"])
    with pytest.raises(Unauthenticated):
        codec.decode_access(forged, NOW)


@pytest.mark.parametrize("garbage", ["", "not-a-token", "a.b.c", "a.b.c.d.e", "...."])
def test_garbage_is_refused_cleanly(codec: JoseTokenCodec, garbage: str) -> None:
    with pytest.raises(Unauthenticated):
        codec.decode_access(garbage, NOW)
