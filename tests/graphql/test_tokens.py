"""Only genuine, current access tokens authenticate a request; anything else is a 401."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.auth import AccessClaims, SubjectKind
from server.security.jwt import JoseTokenCodec
from tests.support.actors import MerchantWorld
from tests.support.client import GraphQLClient, Response
from tests.support.tokens import (
    app_codec,
    expired_copy,
    resigned,
    with_alg_none,
    with_flipped_signature,
    with_payload,
)

ME = "{ me { __typename ... on StaffUser { email } } }"


def assert_unauthenticated(response: Response) -> None:
    assert response.status == 401, response.body
    assert response.error_codes == ["UNAUTHENTICATED"]
    assert "data" not in response.body or response.body["data"] is None
    assert response.headers.get("www-authenticate") == "Bearer"


async def test_a_genuine_token_authenticates_its_staff_user(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given the owner's access token, and a copy re-signed with the app's own key and algorithm
    genuine = merchant_a.owner_token
    resigned_copy = resigned(genuine, algorithm="HS256")
    # when each is used
    for token in (genuine, resigned_copy):
        me = await client.execute(ME, token=token)
        # then the owner is recognised (so the forgeries below fail for what they change)
        assert me.status == 200 and me.data["me"]["email"] == merchant_a.owner_email


async def test_an_expired_access_token_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a correctly signed token for a live session, which expired a minute ago
    stale = expired_copy(merchant_a.owner_token)
    # when it is used
    me = await client.execute(ME, token=stale)
    # then the request is refused as unauthenticated
    assert_unauthenticated(me)


FORGERIES: dict[str, Callable[[str], str]] = {
    "payload altered (subject swapped)": lambda t: with_payload(t, sub=str(uuid4())),
    "payload altered (expiry extended)": lambda t: with_payload(
        t, exp=int((datetime.now(UTC) + timedelta(days=365)).timestamp())
    ),
    "signature altered": with_flipped_signature,
    "signature removed": lambda t: t.rsplit(".", 1)[0] + ".",
    "alg none with the real payload": with_alg_none,
    "signed with HS512 and the real key": lambda t: resigned(t, algorithm="HS512"),
    "signed with HS384 and the real key": lambda t: resigned(t, algorithm="HS384"),
}


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
async def test_a_forged_access_token_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld, forge: Callable[[str], str]
) -> None:
    # given a forgery made from the owner's genuine token
    forged = forge(merchant_a.owner_token)
    assert forged != merchant_a.owner_token
    # when it is used
    me = await client.execute(ME, token=forged)
    # then it is refused
    assert_unauthenticated(me)


OTHER_CODECS: dict[str, Callable[[], JoseTokenCodec]] = {
    "another secret": lambda: app_codec(secret="a-different-deployment-secret-0123456789"),
    "another issuer": lambda: app_codec(issuer="not-agora"),
    "another audience": lambda: app_codec(audience="not-the-agora-api"),
}


@pytest.mark.parametrize("codec", OTHER_CODECS.values(), ids=OTHER_CODECS.keys())
async def test_a_token_minted_for_another_key_issuer_or_audience_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld, codec: Callable[[], JoseTokenCodec]
) -> None:
    # given a well-formed token for the owner's real session, minted by someone else
    real = app_codec().decode_access(merchant_a.owner_token, datetime.now(UTC))
    foreign = codec().encode_access(real)
    # when it is used
    me = await client.execute(ME, token=foreign)
    # then it is refused
    assert_unauthenticated(me)


async def test_a_genuinely_signed_token_for_an_unknown_session_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a validly signed token naming the owner but a session that never existed
    real = app_codec().decode_access(merchant_a.owner_token, datetime.now(UTC))
    invented = AccessClaims(
        SubjectKind.STAFF, real.subject_id, uuid4(), real.merchant_id, real.expires_at
    )
    # when it is used
    me = await client.execute(ME, token=app_codec().encode_access(invented))
    # then it is refused
    assert_unauthenticated(me)


async def test_a_session_token_cannot_be_replayed_for_another_subject(
    client: GraphQLClient, merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    # given a validly signed token pairing alpha's live session with bravo's owner
    alpha = app_codec().decode_access(merchant_a.owner_token, datetime.now(UTC))
    bravo = app_codec().decode_access(merchant_b.owner_token, datetime.now(UTC))
    mixed = AccessClaims(
        SubjectKind.STAFF, bravo.subject_id, alpha.session_id, bravo.merchant_id, alpha.expires_at
    )
    # when it is used
    me = await client.execute(ME, token=app_codec().encode_access(mixed))
    # then it is refused rather than signing anyone in
    assert_unauthenticated(me)


@pytest.mark.parametrize(
    "authorization",
    ["Basic b3duZXI6cGFzc3dvcmQ=", "Bearer", "Bearer   ", "Token abc.def.ghi", "garbage"],
)
async def test_a_malformed_authorization_header_is_refused_not_ignored(
    client: GraphQLClient, merchant_a: MerchantWorld, authorization: str
) -> None:
    # given a request whose Authorization header is not a bearer credential
    # when it is sent
    me = await client.execute(ME, headers={"Authorization": authorization})
    # then it is refused rather than treated as anonymous
    assert_unauthenticated(me)


async def test_a_request_without_credentials_is_anonymous(client: GraphQLClient) -> None:
    me = await client.execute(ME)
    assert me.status == 200 and me.data["me"] is None
