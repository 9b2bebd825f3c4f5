"""Partner API keys: a secret shown once, recognisable, scoped, revocable at once."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from domain.tokens import API_KEY_PREFIX, generate_token, has_valid_shape
from tests.support.actors import API_KEY_CREATE, MerchantWorld
from tests.support.client import GraphQLClient

API_KEY_REVOKE = """
mutation($id: ID!) {
  apiKeyRevoke(id: $id) { apiKey { id revokedAt } userErrors { field message code } }
}
"""
API_KEYS = "{ apiKeys { nodes { id name prefix scopes lastUsedAt revokedAt } } }"
API_KEY_NODE = """
query($id: ID!) { node(id: $id) { ... on ApiKey { id name prefix scopes createdBy { id } } } }
"""
ME = "{ me { __typename ... on ApiKey { id name scopes } } }"
STOREFRONTS = "{ storefronts { nodes { id name } } }"
STAFF_USERS = "{ staffUsers { nodes { id } } }"
OWN_CREATOR = "{ me { ... on ApiKey { id createdBy { email } } } }"
CREATORS = "{ apiKeys { nodes { id createdBy { email } } } }"
STAFF_UPDATE = """
mutation($id: ID!, $active: Boolean!) {
  staffUpdate(id: $id, input: {isActive: $active}) {
    staffUser { isActive } userErrors { field message code }
  }
}
"""


def api_key_input(scopes: list[str], name: str = "partner") -> dict[str, object]:
    return {"input": {"name": name, "scopes": scopes}}


async def test_the_secret_is_returned_once_recognisable_and_with_a_valid_checksum(
    merchant_a: MerchantWorld,
) -> None:
    # given / when the owner creates a key
    result = await merchant_a.run(API_KEY_CREATE, api_key_input(["MANAGE_PRODUCTS"]))
    payload = result.data["apiKeyCreate"]
    secret = payload["secret"]
    # then the secret carries the scanner-friendly prefix and a checksum that verifies
    assert payload["userErrors"] == []
    assert secret.startswith("agora_sk_")
    assert has_valid_shape(secret, "agora_sk_")
    # and the key shows only a short prefix of it
    assert secret.startswith(payload["apiKey"]["prefix"])
    assert len(payload["apiKey"]["prefix"]) < len(secret) // 2


async def test_two_keys_never_share_a_secret(merchant_a: MerchantWorld) -> None:
    _, first = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    _, second = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    assert first != second


async def test_the_secret_is_never_shown_again(merchant_a: MerchantWorld) -> None:
    # given a key whose secret was shown at creation
    key_id, secret = await merchant_a.api_key(["MANAGE_PRODUCTS", "MANAGE_APPS"])
    # when it is read back every way there is: the list, by ID, and by the key itself
    listed = await merchant_a.run(API_KEYS)
    by_id = await merchant_a.run(API_KEY_NODE, {"id": key_id})
    itself = await merchant_a.client.execute(ME, token=secret)
    own_list = await merchant_a.client.execute(API_KEYS, token=secret)
    # then every read succeeds and none of them contains the secret
    for response in (listed, by_id, itself, own_list):
        assert response.errors == [], response.body
        assert secret not in str(response.body)
        assert secret[len("agora_sk_") :] not in str(response.body)


async def test_a_key_authenticates_as_itself_with_exactly_its_scopes(
    merchant_a: MerchantWorld,
) -> None:
    # given a key scoped to storefronts only
    key_id, secret = await merchant_a.api_key(["MANAGE_STOREFRONTS"], name="channel manager")
    await merchant_a.storefront("Web")
    # when it calls as `Authorization: Bearer <secret>`
    me = await merchant_a.client.execute(ME, token=secret)
    storefronts = await merchant_a.client.execute(STOREFRONTS, token=secret)
    staff = await merchant_a.client.execute(STAFF_USERS, token=secret)
    # then it is itself, may do what its scope allows, and nothing more
    assert me.data["me"] == {
        "__typename": "ApiKey",
        "id": key_id,
        "name": "channel manager",
        "scopes": ["MANAGE_STOREFRONTS"],
    }
    assert [s["name"] for s in storefronts.data["storefronts"]["nodes"]] == ["Web"]
    assert staff.error_codes == ["FORBIDDEN"]


async def test_a_revoked_key_stops_working_at_once(merchant_a: MerchantWorld) -> None:
    # given a key that works
    key_id, secret = await merchant_a.api_key(["MANAGE_STOREFRONTS"])
    assert (await merchant_a.client.execute(STOREFRONTS, token=secret)).errors == []
    # when the owner revokes it
    revoked = await merchant_a.run(API_KEY_REVOKE, {"id": key_id})
    assert revoked.data["apiKeyRevoke"]["apiKey"]["revokedAt"] is not None
    # then its very next request is refused
    after = await merchant_a.client.execute(STOREFRONTS, token=secret)
    assert after.status == 401 and after.error_codes == ["UNAUTHENTICATED"]


async def test_revoking_one_key_leaves_the_others_working(merchant_a: MerchantWorld) -> None:
    revoked_id, _ = await merchant_a.api_key(["MANAGE_STOREFRONTS"], name="old")
    _, kept = await merchant_a.api_key(["MANAGE_STOREFRONTS"], name="new")
    await merchant_a.run(API_KEY_REVOKE, {"id": revoked_id})
    assert (await merchant_a.client.execute(STOREFRONTS, token=kept)).errors == []


async def test_the_last_use_of_a_key_is_recorded(merchant_a: MerchantWorld) -> None:
    # given a key never used yet
    key_id, secret = await merchant_a.api_key(["MANAGE_STOREFRONTS"])
    before = {k["id"]: k for k in (await merchant_a.run(API_KEYS)).data["apiKeys"]["nodes"]}
    assert before[key_id]["lastUsedAt"] is None
    # when it makes a request
    started = datetime.now(UTC).replace(microsecond=0)
    await merchant_a.client.execute(STOREFRONTS, token=secret)
    # then the owner sees when it was last used
    after = {k["id"]: k for k in (await merchant_a.run(API_KEYS)).data["apiKeys"]["nodes"]}
    used_at = datetime.fromisoformat(after[key_id]["lastUsedAt"])
    assert started <= used_at.replace(microsecond=0) <= datetime.now(UTC)


def _broken_checksum(secret: str) -> str:
    last = secret[-1]
    return secret[:-1] + ("A" if last != "A" else "B")


def _altered_body(secret: str) -> str:
    i = len("agora_sk_")
    return secret[:i] + ("x" if secret[i] != "x" else "y") + secret[i + 1 :]


@pytest.mark.parametrize(
    "mangle",
    [_broken_checksum, _altered_body, lambda s: s[:-1], lambda s: s + "0"],
    ids=["checksum broken", "body altered", "truncated", "extended"],
)
async def test_a_mangled_key_is_refused(
    merchant_a: MerchantWorld, mangle: Callable[[str], str]
) -> None:
    # given a real key, mistyped
    _, secret = await merchant_a.api_key(["MANAGE_STOREFRONTS"])
    mangled = mangle(secret)
    assert mangled != secret
    # when it is used
    result = await merchant_a.client.execute(STOREFRONTS, token=mangled)
    # then it is refused
    assert result.status == 401 and result.error_codes == ["UNAUTHENTICATED"]


async def test_a_well_formed_but_unknown_key_is_refused(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a key with a valid prefix and checksum that was never issued
    invented = generate_token(API_KEY_PREFIX)
    # when it is used
    result = await client.execute(STOREFRONTS, token=invented)
    # then it is refused
    assert result.status == 401 and result.error_codes == ["UNAUTHENTICATED"]


async def test_staff_cannot_create_a_key_with_scopes_they_do_not_hold(
    merchant_a: MerchantWorld,
) -> None:
    # given a staff user who may manage apps but not staff
    _, token = await merchant_a.staff("apps@alpha.example.com", ["MANAGE_APPS"])
    # when they ask for a key that could manage staff
    result = await merchant_a.client.execute(
        API_KEY_CREATE, api_key_input(["MANAGE_APPS", "MANAGE_STAFF"]), token=token
    )
    # then it is refused as an escalation, no secret is issued and no key exists
    payload = result.data["apiKeyCreate"]
    assert payload["userErrors"] == [
        {
            "field": ["scopes"],
            "message": "You cannot grant permissions you do not have: MANAGE_STAFF.",
            "code": "PERMISSION_ESCALATION",
        }
    ]
    assert payload["secret"] is None and payload["apiKey"] is None
    assert (await merchant_a.run(API_KEYS)).data["apiKeys"]["nodes"] == []


async def test_a_key_cannot_mint_a_key_wider_than_itself(merchant_a: MerchantWorld) -> None:
    # given a key that may manage apps only
    _, secret = await merchant_a.api_key(["MANAGE_APPS"], name="installer")
    # when it asks for a key that could manage storefronts
    result = await merchant_a.client.execute(
        API_KEY_CREATE, api_key_input(["MANAGE_STOREFRONTS"]), token=secret
    )
    # then it is refused as an escalation
    assert result.data["apiKeyCreate"]["userErrors"][0]["code"] == "PERMISSION_ESCALATION"


async def test_staff_may_create_a_key_within_their_own_permissions(
    merchant_a: MerchantWorld,
) -> None:
    _, token = await merchant_a.staff("apps@alpha.example.com", ["MANAGE_APPS", "VIEW_ANALYTICS"])
    result = await merchant_a.client.execute(
        API_KEY_CREATE, api_key_input(["VIEW_ANALYTICS"]), token=token
    )
    payload = result.data["apiKeyCreate"]
    assert payload["userErrors"] == []
    assert payload["apiKey"]["scopes"] == ["VIEW_ANALYTICS"]


async def test_a_key_needs_at_least_one_scope(merchant_a: MerchantWorld) -> None:
    result = await merchant_a.run(API_KEY_CREATE, api_key_input([]))
    payload = result.data["apiKeyCreate"]
    assert payload["secret"] is None
    assert payload["userErrors"][0]["field"] == ["scopes"]
    assert payload["userErrors"][0]["code"] == "REQUIRED"


# --- who created a key: a staff read --------------------------------------------------------


async def test_a_key_without_manage_staff_cannot_read_its_creator(
    merchant_a: MerchantWorld,
) -> None:
    # given a catalog key created by the owner
    key_id, secret = await merchant_a.api_key(["MANAGE_PRODUCTS"], name="catalog sync")
    # when the key asks who created it
    result = await merchant_a.client.execute(OWN_CREATOR, token=secret)
    # then the key itself is shown, but its creator is withheld as FORBIDDEN
    assert result.body["data"] == {"me": {"id": key_id, "createdBy": None}}
    assert result.error_codes == ["FORBIDDEN"]
    assert result.errors[0]["path"] == ["me", "createdBy"]
    assert merchant_a.owner_email not in str(result.body)


async def test_an_app_manager_without_manage_staff_cannot_read_key_creators(
    merchant_a: MerchantWorld,
) -> None:
    # given a key created by the owner, and a staff user who manages apps but not staff
    key_id, _ = await merchant_a.api_key(["MANAGE_PRODUCTS"])
    _, token = await merchant_a.staff("apps@alpha.example.com", ["MANAGE_APPS"])
    # when they list the keys with their creators
    result = await merchant_a.client.execute(CREATORS, token=token)
    # then the keys are listed, but each creator is withheld as FORBIDDEN
    assert result.body["data"] == {"apiKeys": {"nodes": [{"id": key_id, "createdBy": None}]}}
    assert result.error_codes == ["FORBIDDEN"]
    assert merchant_a.owner_email not in str(result.body)


async def test_with_manage_staff_the_creator_of_a_key_is_shown(
    merchant_a: MerchantWorld,
) -> None:
    # given a key that may manage staff, and a staff user who may manage apps and staff
    key_id, secret = await merchant_a.api_key(["MANAGE_STAFF"], name="directory sync")
    _, token = await merchant_a.staff("admin@alpha.example.com", ["MANAGE_APPS", "MANAGE_STAFF"])
    # when each asks who created the key
    own = await merchant_a.client.execute(OWN_CREATOR, token=secret)
    listed = await merchant_a.client.execute(CREATORS, token=token)
    # then both see the owner
    creator = {"email": merchant_a.owner_email}
    assert own.errors == [] and own.data["me"] == {"id": key_id, "createdBy": creator}
    assert listed.errors == []
    assert listed.data["apiKeys"]["nodes"] == [{"id": key_id, "createdBy": creator}]


# --- keys of a deactivated creator -----------------------------------------------------------


async def test_keys_stop_working_while_their_creator_is_deactivated(
    merchant_a: MerchantWorld,
) -> None:
    # given a staff user's key and the owner's key, both working
    staff_id, token = await merchant_a.staff(
        "apps@alpha.example.com", ["MANAGE_APPS", "MANAGE_STOREFRONTS"]
    )
    created = await merchant_a.client.execute(
        API_KEY_CREATE, api_key_input(["MANAGE_STOREFRONTS"], name="theirs"), token=token
    )
    theirs = created.data["apiKeyCreate"]["secret"]
    _, owners = await merchant_a.api_key(["MANAGE_STOREFRONTS"], name="owner's")
    assert (await merchant_a.client.execute(STOREFRONTS, token=theirs)).errors == []
    # when the owner deactivates that staff user
    deactivated = await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "active": False})
    assert deactivated.data["staffUpdate"]["userErrors"] == []
    # then the key they created is refused, while the owner's key still works
    refused = await merchant_a.client.execute(STOREFRONTS, token=theirs)
    assert refused.status == 401 and refused.error_codes == ["UNAUTHENTICATED"]
    assert (await merchant_a.client.execute(STOREFRONTS, token=owners)).errors == []
    # and once they are reactivated, their key works again
    reactivated = await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "active": True})
    assert reactivated.data["staffUpdate"]["userErrors"] == []
    assert (await merchant_a.client.execute(STOREFRONTS, token=theirs)).errors == []
