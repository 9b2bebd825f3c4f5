"""A suspended merchant is closed at once: staff, partner apps and storefronts alike."""

from dataclasses import dataclass

from tests.support.actors import PASSWORD, STAFF_LOGIN, MerchantWorld, ok
from tests.support.client import GraphQLClient, Response

MERCHANT_SUSPEND = """
mutation($id: ID!) {
  merchantSuspend(id: $id) { merchant { id status } userErrors { field message code } }
}
"""
MERCHANT_REACTIVATE = """
mutation($id: ID!) {
  merchantReactivate(id: $id) { merchant { id status } userErrors { field message code } }
}
"""
MERCHANTS = "{ merchants { nodes { id status } } }"
STAFF_QUERY = "{ merchant { id slug } }"
KEY_QUERY = "{ storefronts { nodes { id } } }"
VISITOR_QUERY = "{ storefront { id name } }"


@dataclass(frozen=True)
class Credentials:
    staff_token: str
    api_key: str
    storefront_token: str


async def credentials_of(merchant: MerchantWorld) -> Credentials:
    _, staff_token = await merchant.staff(f"sam@{merchant.slug}.example.com", ["MANAGE_PRODUCTS"])
    _, api_key = await merchant.api_key(["MANAGE_STOREFRONTS"])
    _, storefront_token = await merchant.storefront("Web")
    return Credentials(staff_token, api_key, storefront_token)


async def uses(client: GraphQLClient, credentials: Credentials) -> dict[str, Response]:
    """One request with each kind of credential."""
    return {
        "staff token": await client.execute(STAFF_QUERY, token=credentials.staff_token),
        "api key": await client.execute(KEY_QUERY, token=credentials.api_key),
        "storefront": await client.execute(VISITOR_QUERY, storefront=credentials.storefront_token),
    }


async def suspend(client: GraphQLClient, admin_token: str, merchant_id: str) -> str:
    result = await client.execute(MERCHANT_SUSPEND, {"id": merchant_id}, token=admin_token)
    return str(ok(result.data["merchantSuspend"])["merchant"]["status"])


async def reactivate(client: GraphQLClient, admin_token: str, merchant_id: str) -> str:
    result = await client.execute(MERCHANT_REACTIVATE, {"id": merchant_id}, token=admin_token)
    return str(ok(result.data["merchantReactivate"])["merchant"]["status"])


async def test_suspension_stops_staff_tokens_api_keys_and_storefront_tokens_at_once(
    client: GraphQLClient, admin_token: str, merchant_a: MerchantWorld
) -> None:
    # given working staff, owner, API key and storefront credentials
    credentials = await credentials_of(merchant_a)
    for kind, response in (await uses(client, credentials)).items():
        assert response.errors == [], kind
    # when the platform admin suspends the merchant
    assert await suspend(client, admin_token, merchant_a.id) == "SUSPENDED"
    # then every one of them is refused on its very next request
    for kind, response in (await uses(client, credentials)).items():
        assert response.status == 401, kind
        assert response.error_codes == ["UNAUTHENTICATED"], kind
    owner = await client.execute(STAFF_QUERY, token=merchant_a.owner_token)
    assert owner.error_codes == ["UNAUTHENTICATED"]


async def test_staff_of_a_suspended_merchant_cannot_sign_in(
    client: GraphQLClient, admin_token: str, merchant_a: MerchantWorld
) -> None:
    # given a suspended merchant
    await suspend(client, admin_token, merchant_a.id)
    # when its owner signs in with the right password
    result = await client.execute(
        STAFF_LOGIN,
        {"merchant": merchant_a.slug, "email": merchant_a.owner_email, "password": PASSWORD},
    )
    # then no tokens are issued
    assert result.data["staffLogin"]["accessToken"] is None
    assert result.data["staffLogin"]["userErrors"][0]["code"] == "INVALID_STATE"


async def test_reactivation_restores_the_same_credentials(
    client: GraphQLClient, admin_token: str, merchant_a: MerchantWorld
) -> None:
    # given credentials issued before a suspension
    credentials = await credentials_of(merchant_a)
    await suspend(client, admin_token, merchant_a.id)
    # when the platform admin reactivates the merchant
    assert await reactivate(client, admin_token, merchant_a.id) == "ACTIVE"
    # then the very same tokens, key and storefront token work again
    for kind, response in (await uses(client, credentials)).items():
        assert response.status == 200 and response.errors == [], kind
    # and staff can sign in again
    assert await merchant_a.login(merchant_a.owner_email)


async def test_suspending_one_merchant_leaves_the_others_open(
    client: GraphQLClient,
    admin_token: str,
    merchant_a: MerchantWorld,
    merchant_b: MerchantWorld,
) -> None:
    # given credentials of a second merchant
    bravo = await credentials_of(merchant_b)
    # when the first merchant is suspended
    await suspend(client, admin_token, merchant_a.id)
    # then the second is untouched, and the admin sees both statuses
    for kind, response in (await uses(client, bravo)).items():
        assert response.errors == [], kind
    statuses = {
        m["id"]: m["status"]
        for m in (await client.execute(MERCHANTS, token=admin_token)).data["merchants"]["nodes"]
    }
    assert statuses == {merchant_a.id: "SUSPENDED", merchant_b.id: "ACTIVE"}
