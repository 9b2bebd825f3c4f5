"""Set up merchants, staff, keys and storefronts through the public API, as users would."""

from dataclasses import dataclass, field
from typing import Any

from domain.permissions import Permission
from tests.support.client import GraphQLClient

PASSWORD = "correct horse battery"
ALL_PERMISSIONS = sorted(permission.value for permission in Permission)


def all_permissions_except(*excluded: str | None) -> list[str]:
    """Every permission name but `excluded`: the strongest caller that still lacks them."""
    return [p for p in ALL_PERMISSIONS if p not in excluded]


MERCHANT_CREATE = """
mutation($input: MerchantCreateInput!) {
  merchantCreate(input: $input) {
    merchant { id slug }
    owner { id email }
    userErrors { field message code }
  }
}
"""
STAFF_LOGIN = """
mutation($merchant: String!, $email: String!, $password: String!) {
  staffLogin(merchant: $merchant, email: $email, password: $password) {
    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt
    userErrors { field message code }
  }
}
"""
ADMIN_LOGIN = """
mutation($email: String!, $password: String!) {
  platformAdminLogin(email: $email, password: $password) {
    accessToken refreshToken userErrors { field message code }
  }
}
"""
ROLE_CREATE = """
mutation($input: RoleInput!) {
  roleCreate(input: $input) { role { id name permissions } userErrors { field message code } }
}
"""
STAFF_CREATE = """
mutation($input: StaffCreateInput!) {
  staffCreate(input: $input) { staffUser { id email } userErrors { field message code } }
}
"""
API_KEY_CREATE = """
mutation($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { apiKey { id prefix scopes } secret userErrors { field message code } }
}
"""
STOREFRONT_CREATE = """
mutation($input: StorefrontInput!) {
  storefrontCreate(input: $input) {
    storefront { id token currency } userErrors { field message code }
  }
}
"""


def ok(payload: dict[str, Any]) -> dict[str, Any]:
    """A mutation payload that must have succeeded."""
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload


@dataclass
class MerchantWorld:
    """A merchant with its owner signed in, ready to act."""

    id: str
    slug: str
    owner_id: str
    owner_email: str
    owner_token: str
    client: GraphQLClient
    ids: dict[str, str] = field(default_factory=dict)

    async def run(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        kw.setdefault("token", self.owner_token)
        return await self.client.execute(query, variables, **kw)

    async def login(self, email: str, password: str = PASSWORD) -> str:
        result = await self.client.execute(
            STAFF_LOGIN, {"merchant": self.slug, "email": email, "password": password}
        )
        return str(ok(result.data["staffLogin"])["accessToken"])

    async def role(self, name: str, permissions: list[str]) -> str:
        result = await self.run(ROLE_CREATE, {"input": {"name": name, "permissions": permissions}})
        return str(ok(result.data["roleCreate"])["role"]["id"])

    async def staff(self, email: str, permissions: list[str]) -> tuple[str, str]:
        """A staff user holding exactly `permissions`; returns (id, access token)."""
        role_ids = [await self.role(f"role for {email}", permissions)] if permissions else []
        result = await self.run(
            STAFF_CREATE,
            {"input": {"email": email, "name": email, "password": PASSWORD, "roleIds": role_ids}},
        )
        staff_id = ok(result.data["staffCreate"])["staffUser"]["id"]
        return str(staff_id), await self.login(email)

    async def api_key(self, scopes: list[str], name: str = "partner") -> tuple[str, str]:
        result = await self.run(API_KEY_CREATE, {"input": {"name": name, "scopes": scopes}})
        payload = ok(result.data["apiKeyCreate"])
        return str(payload["apiKey"]["id"]), str(payload["secret"])

    async def storefront(
        self, name: str = "Web", currency: str = "EUR", **fields: Any
    ) -> tuple[str, str]:
        result = await self.run(
            STOREFRONT_CREATE,
            {"input": {"name": name, "currency": currency, "defaultCountry": "DE", **fields}},
        )
        storefront = ok(result.data["storefrontCreate"])["storefront"]
        return str(storefront["id"]), str(storefront["token"])


async def create_merchant(client: GraphQLClient, admin_token: str, slug: str) -> MerchantWorld:
    email = f"owner@{slug}.example.com"
    result = await client.execute(
        MERCHANT_CREATE,
        {
            "input": {
                "name": slug.title(),
                "slug": slug,
                "ownerEmail": email,
                "ownerPassword": PASSWORD,
            }
        },
        token=admin_token,
    )
    payload = ok(result.data["merchantCreate"])
    login = await client.execute(
        STAFF_LOGIN, {"merchant": slug, "email": email, "password": PASSWORD}
    )
    token = ok(login.data["staffLogin"])["accessToken"]
    return MerchantWorld(
        id=payload["merchant"]["id"],
        slug=slug,
        owner_id=payload["owner"]["id"],
        owner_email=email,
        owner_token=token,
        client=client,
    )
