"""Customers as a storefront would make and use them: through the public API only."""

from dataclasses import dataclass
from itertools import count
from typing import Any

from tests.support.actors import PASSWORD, MerchantWorld, ok
from tests.support.client import GraphQLClient, Response

CUSTOMER_REGISTER = """
mutation($input: CustomerRegisterInput!) {
  customerRegister(input: $input) { ok userErrors { field message code } }
}
"""
ME = "{ me { ... on Customer { id } } }"
CUSTOMER_LOGIN = """
mutation($email: String!, $password: String!) {
  customerLogin(email: $email, password: $password) {
    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt
    userErrors { field message code }
  }
}
"""
ADDRESS_CREATE = """
mutation($address: AddressInput!) {
  customerAddressCreate(address: $address) {
    address { id country postalCode isDefaultShipping isDefaultBilling }
    userErrors { field message code }
  }
}
"""
AN_ADDRESS = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetLine1": "Unter den Linden 1",
    "city": "Berlin",
    "postalCode": "10117",
    "country": "DE",
}

_serial = count(1)


@dataclass
class Shopper:
    """A signed-in customer of a merchant, using one of its storefronts."""

    id: str
    email: str
    access_token: str
    refresh_token: str
    storefront: str
    client: GraphQLClient

    async def run(self, query: str, variables: dict[str, Any] | None = None) -> Response:
        return await self.client.execute(
            query, variables, token=self.access_token, storefront=self.storefront
        )

    async def address(self, **fields: Any) -> str:
        result = await self.run(ADDRESS_CREATE, {"address": {**AN_ADDRESS, **fields}})
        return str(ok(result.data["customerAddressCreate"])["address"]["id"])


def new_email(merchant: MerchantWorld) -> str:
    return f"shopper{next(_serial)}@{merchant.slug}.example.com"


async def register(
    client: GraphQLClient, storefront: str, email: str, password: str = PASSWORD, **fields: Any
) -> None:
    result = await client.execute(
        CUSTOMER_REGISTER,
        {"input": {"email": email, "password": password, **fields}},
        storefront=storefront,
    )
    assert ok(result.data["customerRegister"])["ok"] is True


async def customer_id(client: GraphQLClient, storefront: str, access_token: str) -> str:
    """The signed-in customer's own ID, from `me`."""
    result = await client.execute(ME, token=access_token, storefront=storefront)
    return str(result.data["me"]["id"])


async def login(
    client: GraphQLClient, storefront: str, email: str, password: str = PASSWORD
) -> dict[str, Any]:
    result = await client.execute(
        CUSTOMER_LOGIN, {"email": email, "password": password}, storefront=storefront
    )
    payload: dict[str, Any] = result.data["customerLogin"]
    return payload


async def shopper(merchant: MerchantWorld, storefront: str, email: str | None = None) -> Shopper:
    """A registered, signed-in customer of `merchant`."""
    email = email or new_email(merchant)
    await register(merchant.client, storefront, email, firstName="Sam")
    tokens = ok(await login(merchant.client, storefront, email))
    return Shopper(
        await customer_id(merchant.client, storefront, tokens["accessToken"]),
        email,
        tokens["accessToken"],
        tokens["refreshToken"],
        storefront,
        merchant.client,
    )
