"""Repeated failed sign-ins lock an account out for a while, without revealing who exists."""

import asyncio
from collections import Counter

import pytest
from starlette.applications import Starlette

from tests.conftest import ADMIN_EMAIL
from tests.support.actors import ADMIN_LOGIN, PASSWORD, STAFF_LOGIN, MerchantWorld
from tests.support.client import GraphQLClient, Response

WRONG_PASSWORD = "not the right password"


@pytest.fixture
def max_failures(app: Starlette) -> int:
    limit = int(app.state.agora.settings.login_max_failures)
    assert limit == 5
    return limit


async def staff_login(
    client: GraphQLClient, merchant: MerchantWorld, email: str, password: str
) -> Response:
    variables = {"merchant": merchant.slug, "email": email, "password": password}
    return await client.execute(STAFF_LOGIN, variables)


async def fail_logins(
    client: GraphQLClient, merchant: MerchantWorld, email: str, times: int
) -> None:
    for _ in range(times):
        failed = await staff_login(client, merchant, email, WRONG_PASSWORD)
        assert failed.data["staffLogin"]["userErrors"][0]["code"] == "INVALID_CREDENTIALS"


def assert_throttled(response: Response) -> None:
    assert response.error_codes == ["THROTTLED"], response.body
    assert response.errors[0]["extensions"]["retryAfter"] > 0
    assert response.body.get("data") is None


async def test_after_too_many_failures_even_the_right_password_is_throttled(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given as many wrong passwords in a row as the limit allows
    await fail_logins(client, merchant_a, merchant_a.owner_email, max_failures)
    # when the right password is sent
    attempt = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then no tokens are issued: the account is throttled
    assert_throttled(attempt)


async def test_one_failure_short_of_the_limit_the_right_password_still_works(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given one failure fewer than the limit
    await fail_logins(client, merchant_a, merchant_a.owner_email, max_failures - 1)
    # when the right password is sent
    attempt = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then the owner signs in
    assert attempt.data["staffLogin"]["userErrors"] == []
    assert attempt.data["staffLogin"]["accessToken"]


async def test_a_successful_sign_in_resets_the_failure_count(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given failures just short of the limit, a successful sign-in, then as many failures again
    await fail_logins(client, merchant_a, merchant_a.owner_email, max_failures - 1)
    await merchant_a.login(merchant_a.owner_email)
    await fail_logins(client, merchant_a, merchant_a.owner_email, max_failures - 1)
    # when the right password is sent
    attempt = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then it still works: only failures in a row count
    assert attempt.data["staffLogin"]["userErrors"] == []


async def test_an_unknown_email_is_throttled_exactly_like_a_real_one(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given the limit of failures for an email that has no account, and for one that has
    ghost = "nobody@alpha.example.com"
    await fail_logins(client, merchant_a, ghost, max_failures)
    await fail_logins(client, merchant_a, merchant_a.owner_email, max_failures)
    # when each tries once more
    for_ghost = await staff_login(client, merchant_a, ghost, PASSWORD)
    for_owner = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then both get the same answer, so lockouts do not reveal which accounts exist
    assert_throttled(for_ghost)
    assert for_ghost.body == for_owner.body


async def test_throttling_one_account_does_not_lock_out_another(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given a colleague's account locked out by failures
    await merchant_a.staff("colleague@alpha.example.com", [])
    await fail_logins(client, merchant_a, "colleague@alpha.example.com", max_failures)
    # when the owner signs in
    attempt = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then the owner is unaffected
    assert attempt.data["staffLogin"]["userErrors"] == []


async def test_the_same_email_at_another_merchant_is_throttled_separately(
    client: GraphQLClient,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    max_failures: int,
) -> None:
    # given a shared email locked out at alpha
    shared = "shared@example.com"
    await merchant_a.staff(shared, [])
    await merchant_b.staff(shared, [])
    await fail_logins(client, merchant_a, shared, max_failures)
    # when the same person signs in to bravo
    attempt = await staff_login(client, merchant_b, shared, PASSWORD)
    # then bravo lets them in
    assert attempt.data["staffLogin"]["userErrors"] == []


async def test_email_case_does_not_dodge_the_throttle(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given failures spread over differently capitalised spellings of one address
    spellings = ["owner@alpha.example.com", "OWNER@alpha.example.com", "Owner@Alpha.Example.Com"]
    for i in range(max_failures):
        await fail_logins(client, merchant_a, spellings[i % len(spellings)], 1)
    # when the right password is sent
    attempt = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then the account is throttled all the same
    assert_throttled(attempt)


async def test_platform_admin_sign_in_is_throttled_too(
    client: GraphQLClient, admin_token: str, max_failures: int
) -> None:
    # given the limit of wrong passwords for the platform admin
    for _ in range(max_failures):
        failed = await client.execute(
            ADMIN_LOGIN, {"email": ADMIN_EMAIL, "password": WRONG_PASSWORD}
        )
        assert failed.data["platformAdminLogin"]["userErrors"][0]["code"] == ("INVALID_CREDENTIALS")
    # when the right password is sent
    attempt = await client.execute(ADMIN_LOGIN, {"email": ADMIN_EMAIL, "password": PASSWORD})
    # then it is throttled
    assert_throttled(attempt)


async def test_concurrent_wrong_passwords_cannot_slip_past_the_limit(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given many wrong-password sign-ins for one account, all sent at the same moment
    attempts = 4 * max_failures
    # when they race
    results = await asyncio.gather(
        *(
            staff_login(client, merchant_a, merchant_a.owner_email, WRONG_PASSWORD)
            for _ in range(attempts)
        )
    )
    # then no more of them than the limit got to check a password; the rest were throttled
    outcomes: Counter[str] = Counter()
    for result in results:
        if result.error_codes == ["THROTTLED"]:
            outcomes["THROTTLED"] += 1
        else:
            [error] = result.data["staffLogin"]["userErrors"]
            outcomes[error["code"]] += 1
    assert outcomes == {"INVALID_CREDENTIALS": max_failures, "THROTTLED": attempts - max_failures}
    # and now even the right password is throttled
    assert_throttled(await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD))


async def test_a_throttled_answer_carries_retry_after(
    client: GraphQLClient, merchant_a: MerchantWorld, max_failures: int
) -> None:
    # given an account locked out by failures
    await fail_logins(client, merchant_a, merchant_a.owner_email, max_failures)
    # when it is tried again
    attempt = await staff_login(client, merchant_a, merchant_a.owner_email, PASSWORD)
    # then the standard Retry-After header says how long to wait, like the error does
    assert_throttled(attempt)
    assert attempt.headers["retry-after"] == str(attempt.errors[0]["extensions"]["retryAfter"])
    assert int(attempt.headers["retry-after"]) > 0
