"""Staff sign in, refresh their tokens, and sign out."""

import pytest

from server.security.passwords import Argon2Hasher
from tests.support.actors import PASSWORD, STAFF_LOGIN, MerchantWorld
from tests.support.client import GraphQLClient

ME = "{ me { __typename ... on StaffUser { email isOwner permissions } } }"
REFRESH = """
mutation($token: String!) {
  tokenRefresh(refreshToken: $token) { accessToken refreshToken userErrors { field code } }
}
"""
LOGOUT = "mutation { logout { ok userErrors { code } } }"


async def login(client: GraphQLClient, merchant: MerchantWorld, password: str = PASSWORD) -> dict:
    result = await client.execute(
        STAFF_LOGIN,
        {"merchant": merchant.slug, "email": merchant.owner_email, "password": password},
    )
    return result.data["staffLogin"]


async def test_owner_signs_in_and_sees_itself_with_every_permission(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a fresh sign-in
    tokens = await login(client, merchant_a)
    # when the owner asks who it is
    me = await client.execute(ME, token=tokens["accessToken"])
    # then it is the owner, holding every permission
    assert me.data["me"]["email"] == merchant_a.owner_email
    assert me.data["me"]["isOwner"] is True
    assert "MANAGE_STAFF" in me.data["me"]["permissions"]


async def test_wrong_password_and_unknown_email_fail_alike(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    wrong = await login(client, merchant_a, password="not the password")
    unknown = await client.execute(
        STAFF_LOGIN,
        {"merchant": merchant_a.slug, "email": "nobody@alpha.example.com", "password": PASSWORD},
    )
    assert wrong["accessToken"] is None
    assert wrong["userErrors"] == unknown.data["staffLogin"]["userErrors"]
    assert wrong["userErrors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_refresh_rotates_and_a_reused_refresh_token_ends_the_session(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a session refreshed once
    first = await login(client, merchant_a)
    second = (await client.execute(REFRESH, {"token": first["refreshToken"]})).data["tokenRefresh"]
    assert second["userErrors"] == [] and second["refreshToken"] != first["refreshToken"]
    # when the first refresh token is presented again (stolen copy)
    replay = (await client.execute(REFRESH, {"token": first["refreshToken"]})).data["tokenRefresh"]
    # then it is refused, and the whole session is revoked: the new tokens stop working too
    assert replay["userErrors"][0]["code"] == "INVALID_TOKEN"
    again = (await client.execute(REFRESH, {"token": second["refreshToken"]})).data["tokenRefresh"]
    assert again["userErrors"][0]["code"] == "INVALID_TOKEN"
    me = await client.execute(ME, token=second["accessToken"])
    assert me.status == 401 and me.error_codes == ["UNAUTHENTICATED"]


async def test_logout_revokes_access_and_refresh_tokens(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    tokens = await login(client, merchant_a)
    out = await client.execute(LOGOUT, token=tokens["accessToken"])
    assert out.data["logout"]["ok"] is True
    me = await client.execute(ME, token=tokens["accessToken"])
    assert me.error_codes == ["UNAUTHENTICATED"]
    refreshed = await client.execute(REFRESH, {"token": tokens["refreshToken"]})
    assert refreshed.data["tokenRefresh"]["userErrors"][0]["code"] == "INVALID_TOKEN"


async def test_signing_in_does_the_same_password_work_whether_or_not_the_account_exists(
    client: GraphQLClient, merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a count of the password hash verifications the server performs
    verifications: list[str] = []
    real_verify = Argon2Hasher.verify

    async def counting_verify(self: Argon2Hasher, password_hash: str, password: str) -> bool:
        verifications.append(password)
        return await real_verify(self, password_hash, password)

    monkeypatch.setattr(Argon2Hasher, "verify", counting_verify)
    attempts = {
        "unknown email": (merchant_a.slug, "nobody@alpha.example.com"),
        "unknown merchant": ("no-such-merchant", merchant_a.owner_email),
        "wrong password": (merchant_a.slug, merchant_a.owner_email),
    }
    for merchant, email in attempts.values():
        # when each kind of failed sign-in is attempted
        verifications.clear()
        await client.execute(
            STAFF_LOGIN, {"merchant": merchant, "email": email, "password": "a wrong password"}
        )
        # then each one costs exactly one argon2 verification of the submitted password
        assert verifications == ["a wrong password"]
