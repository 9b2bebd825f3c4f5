"""Staff sign in, refresh their tokens, and sign out."""

import asyncio
import threading
import time
from typing import Any

import argon2
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
TYPENAME = "{ __typename }"


async def login(
    client: GraphQLClient, merchant: MerchantWorld, password: str = PASSWORD
) -> dict[str, Any]:
    result = await client.execute(
        STAFF_LOGIN,
        {"merchant": merchant.slug, "email": merchant.owner_email, "password": password},
    )
    payload: dict[str, Any] = result.data["staffLogin"]
    return payload


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


async def test_a_slow_password_check_does_not_stall_other_requests(
    client: GraphQLClient, merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given password verification that takes half a second (as real argon2 parameters can)
    started, finished = threading.Event(), threading.Event()
    real_verify = argon2.PasswordHasher.verify

    def slow_verify(self: argon2.PasswordHasher, password_hash: str, password: str) -> bool:
        started.set()
        time.sleep(0.5)
        try:
            return real_verify(self, password_hash, password)
        finally:
            finished.set()

    monkeypatch.setattr(argon2.PasswordHasher, "verify", slow_verify)
    completed: list[str] = []

    async def sign_in() -> None:
        tokens = await login(client, merchant_a)
        assert tokens["accessToken"]
        completed.append("sign-in")

    async def cheap_request_during_the_check() -> None:
        assert await asyncio.to_thread(started.wait, 5), "the password check never started"
        response = await client.execute(TYPENAME)
        assert response.data == {"__typename": "Query"}
        completed.append("cheap request" if not finished.is_set() else "cheap request, late")

    # when a cheap request arrives while a sign-in is checking its password
    await asyncio.gather(sign_in(), cheap_request_during_the_check())
    # then the cheap one was answered while the check was still running, before the sign-in
    assert completed == ["cheap request", "sign-in"]
