"""Customers register, sign in at one merchant, refresh, sign out, confirm their email and
reset their password through single-use, expiring codes."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from persistence import tables
from persistence.database import Database
from server.notifications import CapturingNotifier
from tests.support.actors import PASSWORD, MerchantWorld
from tests.support.client import GraphQLClient
from tests.support.customers import (
    CUSTOMER_REGISTER,
    login,
    new_email,
    register,
    shopper,
)
from tests.support.tokens import expired_copy

ME = """
{ me { __typename ... on Customer { id email firstName emailVerified tier { name } } } }
"""
REFRESH = """
mutation($token: String!) {
  customerTokenRefresh(refreshToken: $token) {
    accessToken refreshToken userErrors { field code }
  }
}
"""
STAFF_REFRESH = """
mutation($token: String!) { tokenRefresh(refreshToken: $token) { accessToken userErrors { code } } }
"""
LOGOUT = "mutation { customerLogout { ok userErrors { code } } }"
VERIFY = """
mutation($token: String!) {
  customerEmailVerify(token: $token) { customer { emailVerified } userErrors { field code } }
}
"""
RESET_REQUEST = """
mutation($email: String!) {
  customerPasswordResetRequest(email: $email) { ok userErrors { field code } }
}
"""
RESET = """
mutation($token: String!, $password: String!) {
  customerPasswordReset(token: $token, newPassword: $password) { ok userErrors { field code } }
}
"""
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
async def storefront(merchant_a: MerchantWorld) -> str:
    _id, token = await merchant_a.storefront("Web")
    return token


async def test_a_customer_registers_signs_in_and_sees_their_account(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    # given a registration through the storefront
    email = new_email(merchant_a)
    result = await client.execute(
        CUSTOMER_REGISTER,
        {"input": {"email": f"  {email.upper()} ", "password": PASSWORD, "firstName": "Ada"}},
        storefront=storefront,
    )
    assert result.data["customerRegister"] == {"ok": True, "userErrors": []}
    # then a code to confirm the (normalised) address was sent to it
    assert outbox.last_to(email, "customer.verify_email") is not None
    # when the customer signs in and asks who they are
    tokens = await login(client, storefront, email)
    me = await client.execute(ME, token=tokens["accessToken"], storefront=storefront)
    # then it is their own account, stored normalised and not yet verified
    assert me.data["me"]["email"] == email
    assert me.data["me"]["firstName"] == "Ada"
    assert me.data["me"]["emailVerified"] is False


async def test_registration_needs_a_storefront_token(client: GraphQLClient) -> None:
    result = await client.execute(
        CUSTOMER_REGISTER, {"input": {"email": "a@b.example.com", "password": PASSWORD}}
    )
    assert result.error_codes == ["UNAUTHENTICATED"]


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"email": "not-an-email"}, "email", "INVALID"),
        ({"email": "x" * 300 + "@example.com"}, "email", "TOO_LONG"),
        ({"password": "short"}, "password", "INVALID"),
        ({"firstName": "A" * 81}, "firstName", "TOO_LONG"),
        ({"lastName": "bad\x00name"}, "lastName", "INVALID"),
    ],
)
async def test_bad_registration_input_is_a_typed_error_and_creates_nothing(
    client: GraphQLClient,
    merchant_a: MerchantWorld,
    storefront: str,
    fields: dict[str, str],
    field: str,
    code: str,
) -> None:
    email = new_email(merchant_a)
    variables = {"input": {"email": email, "password": PASSWORD, **fields}}
    result = await client.execute(CUSTOMER_REGISTER, variables, storefront=storefront)
    payload = result.data["customerRegister"]
    assert payload["ok"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [([field], code)]
    assert (await login(client, storefront, email))["accessToken"] is None


async def test_an_email_is_one_account_per_merchant_whatever_its_case(
    client: GraphQLClient,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    outbox: CapturingNotifier,
) -> None:
    # given an account at A, and storefronts of A and B
    _, a_shop = await merchant_a.storefront("A")
    _, b_shop = await merchant_b.storefront("B")
    email = "same.person@example.com"
    await register(client, a_shop, email)
    # when the same email registers again at A (other case, other password), and at B
    again = await client.execute(
        CUSTOMER_REGISTER,
        {"input": {"email": email.upper(), "password": "another password here"}},
        storefront=a_shop,
    )
    await register(client, b_shop, email, password="another password here")
    # then A answers as for a new account but changes nothing: the owner is told by email
    assert again.data["customerRegister"] == {"ok": True, "userErrors": []}
    assert outbox.last_to(email, "customer.account_exists") is not None
    assert (await login(client, a_shop, email))["accessToken"]
    assert (await login(client, a_shop, email, "another password here"))["accessToken"] is None
    # and B has a separate account with its own password
    assert (await login(client, b_shop, email, "another password here"))["accessToken"]


async def test_an_account_at_one_merchant_cannot_sign_in_at_another(
    client: GraphQLClient, merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    _, a_shop = await merchant_a.storefront("A")
    _, b_shop = await merchant_b.storefront("B")
    email = new_email(merchant_a)
    await register(client, a_shop, email)
    attempt = await login(client, b_shop, email)
    assert attempt["accessToken"] is None
    assert attempt["userErrors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_a_customer_token_is_refused_with_another_merchants_storefront(
    client: GraphQLClient, merchant_a: MerchantWorld, merchant_b: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    _, b_shop = await merchant_b.storefront("B")
    result = await client.execute(ME, token=me.access_token, storefront=b_shop)
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_wrong_password_unknown_email_and_inactive_account_fail_alike(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    # given an active and a deactivated customer
    active = await shopper(merchant_a, storefront)
    inactive = await shopper(merchant_a, storefront)
    deactivate = """
    mutation($id: ID!) { customerUpdate(id: $id, input: {isActive: false}) { userErrors { code } } }
    """
    await merchant_a.run(deactivate, {"id": inactive.id})
    # when each fails in its own way
    wrong = await login(client, storefront, active.email, "not the password")
    unknown = await login(client, storefront, "nobody@alpha.example.com")
    deactivated = await login(client, storefront, inactive.email)
    # then the answers are identical
    assert wrong == unknown == deactivated
    assert wrong["userErrors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_customer_sign_in_is_throttled_like_staff_sign_in(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    # given an account and the limit of failures (the staff throttle's: 5)
    email = new_email(merchant_a)
    await register(client, storefront, email)
    for _ in range(5):
        assert (await login(client, storefront, email, "wrong password!"))["accessToken"] is None
    # when the right password is sent, and an unknown email as often
    result = await client.execute(
        """mutation($e: String!, $p: String!) { customerLogin(email: $e, password: $p) {
        accessToken } }""",
        {"e": email, "p": PASSWORD},
        storefront=storefront,
    )
    # then the account is throttled
    assert result.error_codes == ["THROTTLED"]


async def test_refresh_rotates_and_reuse_ends_the_session(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    second = (await client.execute(REFRESH, {"token": me.refresh_token})).data
    second = second["customerTokenRefresh"]
    assert second["userErrors"] == [] and second["refreshToken"] != me.refresh_token
    replay = (await client.execute(REFRESH, {"token": me.refresh_token})).data
    assert replay["customerTokenRefresh"]["userErrors"][0]["code"] == "INVALID_TOKEN"
    after = await client.execute(ME, token=second["accessToken"], storefront=storefront)
    assert after.error_codes == ["UNAUTHENTICATED"]


async def test_customer_and_staff_refresh_tokens_each_work_only_on_their_own_mutation(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    refused = await client.execute(STAFF_REFRESH, {"token": me.refresh_token})
    assert refused.data["tokenRefresh"]["userErrors"][0]["code"] == "INVALID_TOKEN"
    # the refused exchange did not burn the token: it still works where it belongs
    fine = await client.execute(REFRESH, {"token": me.refresh_token})
    assert fine.data["customerTokenRefresh"]["userErrors"] == []


async def test_an_expired_customer_access_token_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    result = await client.execute(ME, token=expired_copy(me.access_token), storefront=storefront)
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_logout_ends_the_customers_session(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    out = await me.run(LOGOUT)
    assert out.data["customerLogout"]["ok"] is True
    assert (await me.run(ME)).error_codes == ["UNAUTHENTICATED"]
    again = await client.execute(REFRESH, {"token": me.refresh_token})
    assert again.data["customerTokenRefresh"]["userErrors"][0]["code"] == "INVALID_TOKEN"


async def test_staff_cannot_use_customer_logout(merchant_a: MerchantWorld) -> None:
    result = await merchant_a.run(LOGOUT)
    assert result.error_codes == ["FORBIDDEN"]


async def test_deactivation_ends_a_signed_in_customers_access(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    await merchant_a.run(
        "mutation($id: ID!) { customerUpdate(id: $id, input: {isActive: false}) { userErrors { code } } }",
        {"id": me.id},
    )
    assert (await me.run(ME)).error_codes == ["UNAUTHENTICATED"]


async def test_the_verification_code_confirms_the_email_once(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    # given a new account and the code sent to it
    me = await shopper(merchant_a, storefront)
    message = outbox.last_to(me.email, "customer.verify_email")
    assert message is not None
    # when the code is used, and used again
    first = await client.execute(VERIFY, {"token": message.data["token"]}, storefront=storefront)
    second = await client.execute(VERIFY, {"token": message.data["token"]}, storefront=storefront)
    # then the email is confirmed, and the code does not work twice
    assert first.data["customerEmailVerify"]["customer"]["emailVerified"] is True
    assert second.data["customerEmailVerify"]["userErrors"] == [
        {"field": ["token"], "code": "INVALID_TOKEN"}
    ]
    assert (await me.run(ME)).data["me"]["emailVerified"] is True


@pytest.mark.parametrize("token", ["", "garbage", "agora_ev_" + "a" * 36, "agora_pr_" + "x" * 400])
async def test_a_malformed_code_is_refused(
    client: GraphQLClient, storefront: str, token: str
) -> None:
    result = await client.execute(VERIFY, {"token": token}, storefront=storefront)
    assert result.data["customerEmailVerify"]["userErrors"][0]["code"] == "INVALID_TOKEN"


async def test_a_password_reset_works_once_and_signs_out_every_session(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    # given a signed-in customer who asks for a reset
    me = await shopper(merchant_a, storefront)
    asked = await client.execute(RESET_REQUEST, {"email": me.email}, storefront=storefront)
    assert asked.data["customerPasswordResetRequest"]["ok"] is True
    message = outbox.last_to(me.email, "customer.reset_password")
    assert message is not None
    # when the code sets a new password, and is tried again
    variables = {"token": message.data["token"], "password": NEW_PASSWORD}
    done = await client.execute(RESET, variables, storefront=storefront)
    again = await client.execute(
        RESET, {**variables, "password": "yet another one!"}, storefront=storefront
    )
    # then the new password works, the old does not, the old session ended, the code is spent
    assert done.data["customerPasswordReset"]["ok"] is True
    assert again.data["customerPasswordReset"]["userErrors"][0]["code"] == "INVALID_TOKEN"
    assert (await login(client, storefront, me.email, NEW_PASSWORD))["accessToken"]
    assert (await login(client, storefront, me.email))["accessToken"] is None
    assert (await me.run(ME)).error_codes == ["UNAUTHENTICATED"]


async def test_an_expired_reset_code_is_refused(
    client: GraphQLClient,
    merchant_a: MerchantWorld,
    storefront: str,
    outbox: CapturingNotifier,
    database: Database,
) -> None:
    # given a reset code whose hour has passed
    email = new_email(merchant_a)
    await register(client, storefront, email)
    await client.execute(RESET_REQUEST, {"email": email}, storefront=storefront)
    message = outbox.last_to(email, "customer.reset_password")
    assert message is not None
    async with database.engine.begin() as connection:
        await connection.execute(
            update(tables.customer_tokens).values(
                expires_at=datetime.now(UTC) - timedelta(minutes=1)
            )
        )
    # when it is used
    variables = {"token": message.data["token"], "password": NEW_PASSWORD}
    result = await client.execute(RESET, variables, storefront=storefront)
    # then it is refused and the password is unchanged
    assert result.data["customerPasswordReset"]["userErrors"][0]["code"] == "INVALID_TOKEN"
    assert (await login(client, storefront, email))["accessToken"]


async def test_a_verification_code_does_not_reset_a_password(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    me = await shopper(merchant_a, storefront)
    message = outbox.last_to(me.email, "customer.verify_email")
    assert message is not None
    variables = {"token": message.data["token"], "password": NEW_PASSWORD}
    result = await client.execute(RESET, variables, storefront=storefront)
    assert result.data["customerPasswordReset"]["userErrors"][0]["code"] == "INVALID_TOKEN"


async def test_a_reset_request_answers_the_same_for_unknown_emails_and_sends_nothing(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    email = new_email(merchant_a)
    await register(client, storefront, email)
    outbox.sent.clear()
    known = await client.execute(RESET_REQUEST, {"email": email}, storefront=storefront)
    unknown = await client.execute(
        RESET_REQUEST, {"email": "nobody@alpha.example.com"}, storefront=storefront
    )
    assert known.data == {"customerPasswordResetRequest": {"ok": True, "userErrors": []}}
    assert unknown.data == known.data
    assert [m.to for m in outbox.sent] == [email]


async def test_a_code_from_one_merchant_does_nothing_at_another(
    client: GraphQLClient,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
    storefront: str,
    outbox: CapturingNotifier,
) -> None:
    email = new_email(merchant_a)
    await register(client, storefront, email)
    await client.execute(RESET_REQUEST, {"email": email}, storefront=storefront)
    message = outbox.last_to(email, "customer.reset_password")
    assert message is not None
    _, b_shop = await merchant_b.storefront("B")
    variables = {"token": message.data["token"], "password": NEW_PASSWORD}
    result = await client.execute(RESET, variables, storefront=b_shop)
    assert result.data["customerPasswordReset"]["userErrors"][0]["code"] == "INVALID_TOKEN"
    # and it still works at its own merchant
    mine = await client.execute(RESET, variables, storefront=storefront)
    assert mine.data["customerPasswordReset"]["ok"] is True


async def test_a_customer_changes_their_own_name(
    merchant_a: MerchantWorld, storefront: str
) -> None:
    me = await shopper(merchant_a, storefront)
    update = """mutation($input: CustomerProfileInput!) { customerProfileUpdate(input: $input) {
        customer { id firstName lastName } userErrors { field code } } }"""
    done = await me.run(update, {"input": {"firstName": " Grace ", "lastName": "Hopper"}})
    customer = done.data["customerProfileUpdate"]["customer"]
    assert customer == {"id": me.id, "firstName": "Grace", "lastName": "Hopper"}
    bad = await me.run(update, {"input": {"lastName": "x" * 81}})
    assert bad.data["customerProfileUpdate"]["userErrors"] == [
        {"field": ["lastName"], "code": "TOO_LONG"}
    ]
    assert (await me.run(ME)).data["me"]["firstName"] == "Grace"


async def test_a_new_verification_code_is_sent_until_the_email_is_confirmed(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    me = await shopper(merchant_a, storefront)
    resend = "mutation { customerEmailVerificationResend { ok userErrors { code } } }"
    outbox.sent.clear()
    assert (await me.run(resend)).data["customerEmailVerificationResend"]["ok"] is True
    message = outbox.last_to(me.email, "customer.verify_email")
    assert message is not None
    await client.execute(VERIFY, {"token": message.data["token"]}, storefront=storefront)
    outbox.sent.clear()
    assert (await me.run(resend)).data["customerEmailVerificationResend"]["ok"] is True
    assert outbox.sent == []


async def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str
) -> None:
    # given a customer signed in on two devices
    me = await shopper(merchant_a, storefront)
    other = await login(client, storefront, me.email)
    change = """mutation($current: String!, $new: String!) {
        customerPasswordChange(currentPassword: $current, newPassword: $new) {
        customer { id } userErrors { field code } } }"""
    # when the current password is wrong, then right
    wrong = await me.run(change, {"current": "not my password", "new": NEW_PASSWORD})
    right = await me.run(change, {"current": PASSWORD, "new": NEW_PASSWORD})
    # then only the right one changes it; this device stays signed in, the other is signed out
    assert wrong.data["customerPasswordChange"]["userErrors"] == [
        {"field": ["currentPassword"], "code": "INVALID_CREDENTIALS"}
    ]
    assert right.data["customerPasswordChange"]["customer"] == {"id": me.id}
    assert (await me.run(ME)).data["me"]["id"] == me.id
    gone = await client.execute(ME, token=other["accessToken"], storefront=storefront)
    assert gone.error_codes == ["UNAUTHENTICATED"]
    assert (await login(client, storefront, me.email, NEW_PASSWORD))["accessToken"]


@pytest.mark.postgres_only
async def test_concurrent_uses_of_one_reset_code_succeed_exactly_once(
    client: GraphQLClient, merchant_a: MerchantWorld, storefront: str, outbox: CapturingNotifier
) -> None:
    # given one reset code
    email = new_email(merchant_a)
    await register(client, storefront, email)
    await client.execute(RESET_REQUEST, {"email": email}, storefront=storefront)
    message = outbox.last_to(email, "customer.reset_password")
    assert message is not None
    # when five requests use it at the same time, each with its own new password
    passwords = [f"{NEW_PASSWORD} {n}" for n in range(5)]
    results = await asyncio.gather(
        *(
            client.execute(
                RESET, {"token": message.data["token"], "password": p}, storefront=storefront
            )
            for p in passwords
        )
    )
    # then exactly one succeeded, and its password is the one that works
    winners = [
        p for p, r in zip(passwords, results, strict=True) if r.data["customerPasswordReset"]["ok"]
    ]
    assert len(winners) == 1
    assert (await login(client, storefront, email, winners[0]))["accessToken"]
