"""Storefronts: validated settings, a public token that rotates, and what visitors see."""

from typing import Any

import pytest

from tests.support.actors import STOREFRONT_CREATE, MerchantWorld, ok
from tests.support.client import GraphQLClient

STOREFRONT_UPDATE = """
mutation($id: ID!, $input: StorefrontInput!) {
  storefrontUpdate(id: $id, input: $input) {
    storefront { id name kind currency defaultCountry isActive }
    userErrors { field message code }
  }
}
"""
STOREFRONT_TOKEN_ROTATE = """
mutation($id: ID!) {
  storefrontTokenRotate(id: $id) { storefront { id token } userErrors { field message code } }
}
"""
STOREFRONTS = "{ storefronts { nodes { id name kind currency defaultCountry isActive token } } }"
VISITOR = "{ storefront { id name kind currency defaultCountry } }"
VISITOR_ASKING_FOR_TOKEN = "{ storefront { id name token } }"


def storefront_input(**fields: Any) -> dict[str, Any]:
    return {"input": {"name": "Web", "currency": "EUR", "defaultCountry": "DE", **fields}}


async def stored_storefronts(merchant: MerchantWorld) -> list[dict[str, Any]]:
    return list((await merchant.run(STOREFRONTS)).data["storefronts"]["nodes"])


async def test_a_storefront_is_created_with_its_settings_and_a_public_token(
    merchant_a: MerchantWorld,
) -> None:
    # when the owner creates an app storefront, writing codes in lower case
    result = await merchant_a.run(
        STOREFRONT_CREATE,
        storefront_input(name="App", kind="APP", currency="jpy", defaultCountry="jp"),
    )
    created = ok(result.data["storefrontCreate"])["storefront"]
    # then it is stored with normalised codes and a recognisable public token
    [stored] = await stored_storefronts(merchant_a)
    assert stored == {
        "id": created["id"],
        "name": "App",
        "kind": "APP",
        "currency": "JPY",
        "defaultCountry": "JP",
        "isActive": True,
        "token": created["token"],
    }
    assert created["token"].startswith("agora_pt_")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"currency": "EURO"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": None}, "currency"),
        ({"defaultCountry": "XX"}, "defaultCountry"),
        ({"defaultCountry": "DEU"}, "defaultCountry"),
        ({"defaultCountry": None}, "defaultCountry"),
    ],
    ids=[
        "currency not a code",
        "currency unknown",
        "currency missing",
        "country unknown",
        "country alpha-3",
        "country missing",
    ],
)
async def test_storefront_create_refuses_a_bad_currency_or_country_naming_the_field(
    merchant_a: MerchantWorld, fields: dict[str, Any], field: str
) -> None:
    # when the owner creates a storefront with a bad code
    result = await merchant_a.run(STOREFRONT_CREATE, storefront_input(**fields))
    # then the user error names the field, and nothing is stored
    payload = result.data["storefrontCreate"]
    assert payload["storefront"] is None
    assert [e["field"] for e in payload["userErrors"]] == [[field]]
    assert await stored_storefronts(merchant_a) == []


async def test_storefront_update_changes_settings(merchant_a: MerchantWorld) -> None:
    # given a storefront
    storefront_id, _ = await merchant_a.storefront("Web", currency="EUR")
    # when the owner changes its name, kind, currency and country
    result = await merchant_a.run(
        STOREFRONT_UPDATE,
        {
            "id": storefront_id,
            "input": {"name": "Shop", "kind": "SOCIAL", "currency": "GBP", "defaultCountry": "GB"},
        },
    )
    # then the changes are stored
    assert ok(result.data["storefrontUpdate"])["storefront"]["currency"] == "GBP"
    [stored] = await stored_storefronts(merchant_a)
    assert (stored["name"], stored["kind"], stored["currency"], stored["defaultCountry"]) == (
        "Shop",
        "SOCIAL",
        "GBP",
        "GB",
    )


async def test_storefront_update_refuses_a_bad_country_and_keeps_the_old_one(
    merchant_a: MerchantWorld,
) -> None:
    storefront_id, _ = await merchant_a.storefront("Web")
    result = await merchant_a.run(
        STOREFRONT_UPDATE, {"id": storefront_id, "input": {"defaultCountry": "ZZ"}}
    )
    assert [e["field"] for e in result.data["storefrontUpdate"]["userErrors"]] == [
        ["defaultCountry"]
    ]
    [stored] = await stored_storefronts(merchant_a)
    assert stored["defaultCountry"] == "DE"


async def test_a_visitor_with_the_token_sees_the_storefront(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a storefront's public token
    storefront_id, token = await merchant_a.storefront("Web", currency="EUR")
    # when a visitor asks for the storefront with it
    result = await client.execute(VISITOR, storefront=token)
    # then they see it
    assert result.data["storefront"] == {
        "id": storefront_id,
        "name": "Web",
        "kind": "WEB",
        "currency": "EUR",
        "defaultCountry": "DE",
    }


async def test_a_visitor_cannot_read_the_storefront_token(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a storefront's public token
    _, token = await merchant_a.storefront("Web")
    # when a visitor asks for the token field too
    result = await client.execute(VISITOR_ASKING_FOR_TOKEN, storefront=token)
    # then the storefront is shown without it (any error concerns the token field alone)
    assert result.data["storefront"]["name"] == "Web"
    assert result.data["storefront"]["token"] is None
    assert token not in str(result.body)
    assert all(error["path"] == ["storefront", "token"] for error in result.errors)


async def test_without_a_token_there_is_no_storefront(client: GraphQLClient) -> None:
    result = await client.execute(VISITOR)
    assert result.data["storefront"] is None


async def test_an_unknown_storefront_token_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    _, token = await merchant_a.storefront("Web")
    mangled = token[:-1] + ("A" if token[-1] != "A" else "B")
    result = await client.execute(VISITOR, storefront=mangled)
    assert result.status == 401 and result.error_codes == ["UNAUTHENTICATED"]


async def test_rotating_the_token_makes_the_old_one_fail_at_once(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a storefront whose token works
    storefront_id, old_token = await merchant_a.storefront("Web")
    assert (await client.execute(VISITOR, storefront=old_token)).errors == []
    # when the owner rotates the token
    result = await merchant_a.run(STOREFRONT_TOKEN_ROTATE, {"id": storefront_id})
    new_token = ok(result.data["storefrontTokenRotate"])["storefront"]["token"]
    # then the old token is refused on its very next use and the new one works
    assert new_token != old_token and new_token.startswith("agora_pt_")
    refused = await client.execute(VISITOR, storefront=old_token)
    assert refused.status == 401 and refused.error_codes == ["UNAUTHENTICATED"]
    accepted = await client.execute(VISITOR, storefront=new_token)
    assert accepted.data["storefront"]["id"] == storefront_id


async def test_a_deactivated_storefront_refuses_its_token(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    storefront_id, token = await merchant_a.storefront("Web")
    result = await merchant_a.run(
        STOREFRONT_UPDATE, {"id": storefront_id, "input": {"isActive": False}}
    )
    assert ok(result.data["storefrontUpdate"])["storefront"]["isActive"] is False
    refused = await client.execute(VISITOR, storefront=token)
    assert refused.status == 401 and refused.error_codes == ["UNAUTHENTICATED"]
