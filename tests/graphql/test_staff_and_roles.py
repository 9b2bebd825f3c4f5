"""Staff users and roles: managed by MANAGE_STAFF, with no way to grant more than you hold."""

import asyncio
from typing import Any

import pytest

from persistence.repositories import StaffRepository
from tests.support.actors import (
    PASSWORD,
    ROLE_CREATE,
    STAFF_CREATE,
    STAFF_LOGIN,
    MerchantWorld,
    ok,
)
from tests.support.client import GraphQLClient

STAFF_UPDATE = """
mutation($id: ID!, $input: StaffUpdateInput!) {
  staffUpdate(id: $id, input: $input) {
    staffUser { id name isActive roles { id } permissions }
    userErrors { field message code }
  }
}
"""
ROLE_UPDATE = """
mutation($id: ID!, $input: RoleInput!) {
  roleUpdate(id: $id, input: $input) { role { id name permissions } userErrors { field code } }
}
"""
ROLE_DELETE = """
mutation($id: ID!) { roleDelete(id: $id) { deletedId userErrors { field message code } } }
"""
STAFF_USERS = """
{ staffUsers { nodes { id email name isActive isOwner roles { id name } permissions } } }
"""
ROLES = "{ roles { nodes { id name permissions } } }"
ME = "{ me { ... on StaffUser { id email permissions } } }"
REFRESH = """
mutation($token: String!) { tokenRefresh(refreshToken: $token) { accessToken userErrors { code } } }
"""
STOREFRONTS = "{ storefronts { nodes { id } } }"


def staff_input(email: str, role_ids: list[str] | None = None) -> dict[str, Any]:
    return {
        "input": {
            "email": email,
            "name": "Sam Staff",
            "password": PASSWORD,
            "roleIds": role_ids or [],
        }
    }


async def staff_by_email(merchant: MerchantWorld, email: str) -> dict[str, Any]:
    users = (await merchant.run(STAFF_USERS)).data["staffUsers"]["nodes"]
    return next(u for u in users if u["email"] == email)


async def roles_by_id(merchant: MerchantWorld) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in (await merchant.run(ROLES)).data["roles"]["nodes"]}


# --- happy paths -------------------------------------------------------------------------------


async def test_a_role_is_created_with_its_permissions(merchant_a: MerchantWorld) -> None:
    # when the owner creates a role
    result = await merchant_a.run(
        ROLE_CREATE,
        {"input": {"name": "Merchandiser", "permissions": ["MANAGE_PRODUCTS", "MANAGE_DISCOUNTS"]}},
    )
    role = ok(result.data["roleCreate"])["role"]
    # then it is stored with them
    assert (await roles_by_id(merchant_a))[role["id"]] == {
        "id": role["id"],
        "name": "Merchandiser",
        "permissions": ["MANAGE_DISCOUNTS", "MANAGE_PRODUCTS"],
    }


async def test_a_new_staff_user_signs_in_with_the_permissions_of_their_roles(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a role for storefront work
    role_id = await merchant_a.role("Channels", ["MANAGE_STOREFRONTS"])
    # when the owner adds a staff user in that role
    result = await merchant_a.run(STAFF_CREATE, staff_input("sam@alpha.example.com", [role_id]))
    staff_id = ok(result.data["staffCreate"])["staffUser"]["id"]
    # then the staff user is listed, active and not the owner
    listed = await staff_by_email(merchant_a, "sam@alpha.example.com")
    assert listed["id"] == staff_id
    assert listed["isActive"] is True and listed["isOwner"] is False
    assert listed["roles"] == [{"id": role_id, "name": "Channels"}]
    # and can sign in holding exactly the role's permissions
    token = await merchant_a.login("sam@alpha.example.com")
    me = await client.execute(ME, token=token)
    assert me.data["me"]["permissions"] == ["MANAGE_STOREFRONTS"]


async def test_staff_update_renames_and_changes_roles(merchant_a: MerchantWorld) -> None:
    # given a staff user in one role
    old_role = await merchant_a.role("Old", ["MANAGE_PRODUCTS"])
    new_role = await merchant_a.role("New", ["MANAGE_ORDERS"])
    created = await merchant_a.run(STAFF_CREATE, staff_input("sam@alpha.example.com", [old_role]))
    staff_id = ok(created.data["staffCreate"])["staffUser"]["id"]
    # when the owner renames them and moves them to the other role
    result = await merchant_a.run(
        STAFF_UPDATE, {"id": staff_id, "input": {"name": "Samantha", "roleIds": [new_role]}}
    )
    # then the change is returned and stored
    updated = ok(result.data["staffUpdate"])["staffUser"]
    assert updated["name"] == "Samantha"
    assert updated["roles"] == [{"id": new_role}]
    assert updated["permissions"] == ["MANAGE_ORDERS"]
    assert (await staff_by_email(merchant_a, "sam@alpha.example.com"))["name"] == "Samantha"


async def test_a_role_change_applies_to_a_signed_in_user_on_their_next_request(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a signed-in staff user without storefront rights
    staff_id, token = await merchant_a.staff("sam@alpha.example.com", ["MANAGE_PRODUCTS"])
    assert (await client.execute(STOREFRONTS, token=token)).error_codes == ["FORBIDDEN"]
    # when the owner gives them a storefront role
    role_id = await merchant_a.role("Channels", ["MANAGE_STOREFRONTS"])
    moved = await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "input": {"roleIds": [role_id]}})
    ok(moved.data["staffUpdate"])
    # then the same token may now list storefronts, without signing in again
    assert (await client.execute(STOREFRONTS, token=token)).errors == []


async def test_role_update_renames_and_changes_what_members_may_do(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a signed-in member of a products role
    _, token = await merchant_a.staff("sam@alpha.example.com", ["MANAGE_PRODUCTS"])
    role_id = (await staff_by_email(merchant_a, "sam@alpha.example.com"))["roles"][0]["id"]
    # when the owner renames the role and swaps its permission for storefronts
    result = await merchant_a.run(
        ROLE_UPDATE,
        {"id": role_id, "input": {"name": "Channels", "permissions": ["MANAGE_STOREFRONTS"]}},
    )
    # then the role is changed and its member's powers follow at once
    assert ok(result.data["roleUpdate"])["role"] == {
        "id": role_id,
        "name": "Channels",
        "permissions": ["MANAGE_STOREFRONTS"],
    }
    me = await client.execute(ME, token=token)
    assert me.data["me"]["permissions"] == ["MANAGE_STOREFRONTS"]


async def test_deleting_a_role_removes_it_and_its_permissions_from_members(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a signed-in member of a storefront role
    _, token = await merchant_a.staff("sam@alpha.example.com", ["MANAGE_STOREFRONTS"])
    role_id = (await staff_by_email(merchant_a, "sam@alpha.example.com"))["roles"][0]["id"]
    # when the owner deletes the role
    result = await merchant_a.run(ROLE_DELETE, {"id": role_id})
    # then it is gone, and so is what it granted
    assert ok(result.data["roleDelete"])["deletedId"] == role_id
    assert role_id not in await roles_by_id(merchant_a)
    assert (await client.execute(STOREFRONTS, token=token)).error_codes == ["FORBIDDEN"]


# --- no escalation ------------------------------------------------------------------------------


async def test_staff_cannot_create_a_role_with_a_permission_they_lack(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager who cannot manage apps
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    roles_before = await roles_by_id(merchant_a)
    # when they create a role that could
    result = await client.execute(
        ROLE_CREATE,
        {"input": {"name": "Apps", "permissions": ["MANAGE_STAFF", "MANAGE_APPS"]}},
        token=token,
    )
    # then it is refused as an escalation and no role is stored
    errors = result.data["roleCreate"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["permissions"], "PERMISSION_ESCALATION")]
    assert await roles_by_id(merchant_a) == roles_before


async def test_staff_cannot_add_a_permission_they_lack_to_an_existing_role(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager and a role of their own level
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    role_id = await merchant_a.role("Helpers", ["MANAGE_STAFF"])
    # when they widen the role with a permission they do not hold
    result = await client.execute(
        ROLE_UPDATE,
        {"id": role_id, "input": {"permissions": ["MANAGE_STAFF", "MANAGE_SETTINGS"]}},
        token=token,
    )
    # then it is refused and the role keeps its permissions
    assert result.data["roleUpdate"]["userErrors"][0]["code"] == "PERMISSION_ESCALATION"
    assert (await roles_by_id(merchant_a))[role_id]["permissions"] == ["MANAGE_STAFF"]


async def test_staff_cannot_widen_the_role_they_belong_to(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager whose only role is their own
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    own_role = (await staff_by_email(merchant_a, "manager@alpha.example.com"))["roles"][0]["id"]
    # when they add every permission to it
    result = await client.execute(
        ROLE_UPDATE,
        {"id": own_role, "input": {"permissions": ["MANAGE_STAFF", "MANAGE_APPS"]}},
        token=token,
    )
    # then it is refused and they hold no more than before
    assert result.data["roleUpdate"]["userErrors"][0]["code"] == "PERMISSION_ESCALATION"
    me = await client.execute(ME, token=token)
    assert me.data["me"]["permissions"] == ["MANAGE_STAFF"]


async def test_staff_cannot_put_a_new_user_in_a_role_more_powerful_than_themselves(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager and an existing admin role with app rights
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    powerful = await merchant_a.role("Admins", ["MANAGE_STAFF", "MANAGE_APPS"])
    # when they create an accomplice in that role
    result = await client.execute(
        STAFF_CREATE, staff_input("accomplice@alpha.example.com", [powerful]), token=token
    )
    # then it is refused and no such user exists
    errors = result.data["staffCreate"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["roleIds"], "PERMISSION_ESCALATION")]
    emails = [u["email"] for u in (await merchant_a.run(STAFF_USERS)).data["staffUsers"]["nodes"]]
    assert "accomplice@alpha.example.com" not in emails


async def test_staff_cannot_move_a_colleague_into_a_role_more_powerful_than_themselves(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager, a colleague, and an admin role with app rights
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    colleague_id, _ = await merchant_a.staff("colleague@alpha.example.com", [])
    powerful = await merchant_a.role("Admins", ["MANAGE_APPS"])
    # when they move the colleague into it
    result = await client.execute(
        STAFF_UPDATE, {"id": colleague_id, "input": {"roleIds": [powerful]}}, token=token
    )
    # then it is refused and the colleague has no roles still
    assert result.data["staffUpdate"]["userErrors"][0]["code"] == "PERMISSION_ESCALATION"
    assert (await staff_by_email(merchant_a, "colleague@alpha.example.com"))["roles"] == []


async def test_staff_cannot_change_their_own_roles(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager and a role within their own powers
    staff_id, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    other = await merchant_a.role("Other", ["MANAGE_STAFF"])
    # when they reassign their own roles
    result = await client.execute(
        STAFF_UPDATE, {"id": staff_id, "input": {"roleIds": [other]}}, token=token
    )
    # then it is refused
    errors = result.data["staffUpdate"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["roleIds"], "PERMISSION_ESCALATION")]


async def test_a_staff_manager_may_rename_and_resave_a_role_granting_what_they_lack(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager and an orders role they do not belong to
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    role_id = await merchant_a.role("Fulfilment", ["MANAGE_ORDERS"])
    # when they rename it, then save it again with its permissions unchanged
    renamed = await client.execute(
        ROLE_UPDATE, {"id": role_id, "input": {"name": "Shipping"}}, token=token
    )
    resaved = await client.execute(
        ROLE_UPDATE,
        {"id": role_id, "input": {"name": "Shipping", "permissions": ["MANAGE_ORDERS"]}},
        token=token,
    )
    # then both are allowed: nothing they lack was added or taken away
    expected = {"id": role_id, "name": "Shipping", "permissions": ["MANAGE_ORDERS"]}
    assert ok(renamed.data["roleUpdate"])["role"] == expected
    assert ok(resaved.data["roleUpdate"])["role"] == expected
    assert (await roles_by_id(merchant_a))[role_id] == expected


async def test_staff_cannot_remove_a_permission_they_lack_from_a_role(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager and a role granting staff and orders
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    role_id = await merchant_a.role("Leads", ["MANAGE_ORDERS", "MANAGE_STAFF"])
    # when they take orders away from it
    result = await client.execute(
        ROLE_UPDATE, {"id": role_id, "input": {"permissions": ["MANAGE_STAFF"]}}, token=token
    )
    # then it is refused and the role keeps both
    errors = result.data["roleUpdate"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["permissions"], "PERMISSION_ESCALATION")]
    assert (await roles_by_id(merchant_a))[role_id]["permissions"] == [
        "MANAGE_ORDERS",
        "MANAGE_STAFF",
    ]


async def test_a_staff_manager_cannot_deactivate_or_rename_someone_more_powerful(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager, and a signed-in colleague who may also manage orders
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    victim_id, victim_token = await merchant_a.staff(
        "lead@alpha.example.com", ["MANAGE_STAFF", "MANAGE_ORDERS"]
    )
    before = await staff_by_email(merchant_a, "lead@alpha.example.com")
    for change in ({"isActive": False}, {"name": "Demoted"}):
        # when the manager deactivates or renames the colleague
        result = await client.execute(STAFF_UPDATE, {"id": victim_id, "input": change}, token=token)
        # then it is refused as an escalation on the colleague's id
        payload = result.data["staffUpdate"]
        assert payload["staffUser"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
            (["id"], "PERMISSION_ESCALATION")
        ], change
    # and nothing changed: the colleague is as before and still signed in
    assert await staff_by_email(merchant_a, "lead@alpha.example.com") == before
    me = await client.execute(ME, token=victim_token)
    assert me.status == 200 and me.data["me"]["id"] == victim_id


async def test_a_staff_manager_may_manage_someone_holding_no_more_than_they_do(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager who may also manage orders, and a colleague who may manage orders
    _, token = await merchant_a.staff(
        "manager@alpha.example.com", ["MANAGE_STAFF", "MANAGE_ORDERS"]
    )
    colleague_id, colleague_token = await merchant_a.staff(
        "clerk@alpha.example.com", ["MANAGE_ORDERS"]
    )
    # when the manager renames and then deactivates the colleague
    renamed = await client.execute(
        STAFF_UPDATE, {"id": colleague_id, "input": {"name": "Former clerk"}}, token=token
    )
    deactivated = await client.execute(
        STAFF_UPDATE, {"id": colleague_id, "input": {"isActive": False}}, token=token
    )
    # then both changes are made and the colleague's session ends
    assert ok(renamed.data["staffUpdate"])["staffUser"]["name"] == "Former clerk"
    assert ok(deactivated.data["staffUpdate"])["staffUser"]["isActive"] is False
    assert (await client.execute(ME, token=colleague_token)).status == 401


async def test_staff_cannot_delete_a_role_granting_what_they_lack(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    powerful = await merchant_a.role("Admins", ["MANAGE_APPS"])
    result = await client.execute(ROLE_DELETE, {"id": powerful}, token=token)
    assert result.data["roleDelete"]["userErrors"][0]["code"] == "PERMISSION_ESCALATION"
    assert powerful in await roles_by_id(merchant_a)


# --- deactivation, the owner, duplicates -------------------------------------------------------


async def test_deactivating_a_staff_user_ends_their_sessions_at_once(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a signed-in staff user with a refresh token
    staff_id, _ = await merchant_a.staff("sam@alpha.example.com", ["MANAGE_STOREFRONTS"])
    login = await client.execute(
        STAFF_LOGIN,
        {"merchant": merchant_a.slug, "email": "sam@alpha.example.com", "password": PASSWORD},
    )
    tokens = ok(login.data["staffLogin"])
    assert (await client.execute(STOREFRONTS, token=tokens["accessToken"])).errors == []
    # when the owner deactivates them
    result = await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "input": {"isActive": False}})
    assert ok(result.data["staffUpdate"])["staffUser"]["isActive"] is False
    # then their access token, refresh token and password all stop working at once
    refused = await client.execute(STOREFRONTS, token=tokens["accessToken"])
    assert refused.status == 401 and refused.error_codes == ["UNAUTHENTICATED"]
    refreshed = await client.execute(REFRESH, {"token": tokens["refreshToken"]})
    assert refreshed.data["tokenRefresh"]["userErrors"][0]["code"] == "INVALID_TOKEN"
    again = await client.execute(
        STAFF_LOGIN,
        {"merchant": merchant_a.slug, "email": "sam@alpha.example.com", "password": PASSWORD},
    )
    assert again.data["staffLogin"]["accessToken"] is None
    assert again.data["staffLogin"]["userErrors"][0]["code"] == "INVALID_STATE"


async def test_a_reactivated_staff_user_signs_in_afresh_but_old_sessions_stay_ended(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff user deactivated while signed in
    staff_id, old_token = await merchant_a.staff("sam@alpha.example.com", ["MANAGE_STOREFRONTS"])
    await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "input": {"isActive": False}})
    # when the owner reactivates them
    result = await merchant_a.run(STAFF_UPDATE, {"id": staff_id, "input": {"isActive": True}})
    assert ok(result.data["staffUpdate"])["staffUser"]["isActive"] is True
    # then the old token stays dead but a new sign-in works
    assert (await client.execute(STOREFRONTS, token=old_token)).status == 401
    new_token = await merchant_a.login("sam@alpha.example.com")
    assert (await client.execute(STOREFRONTS, token=new_token)).errors == []


async def test_the_owner_cannot_be_deactivated(
    client: GraphQLClient, merchant_a: MerchantWorld
) -> None:
    # given a staff manager
    _, token = await merchant_a.staff("manager@alpha.example.com", ["MANAGE_STAFF"])
    # when they, and the owner themselves, try to deactivate the owner
    refusals = {
        token: (["id"], "PERMISSION_ESCALATION"),  # the manager lacks the owner's permissions
        merchant_a.owner_token: (["isActive"], "INVALID_STATE"),  # nobody deactivates an owner
    }
    for caller, refusal in refusals.items():
        result = await client.execute(
            STAFF_UPDATE, {"id": merchant_a.owner_id, "input": {"isActive": False}}, token=caller
        )
        # then it is refused
        errors = result.data["staffUpdate"]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [refusal]
    # and the owner is still active and signed in
    assert (await staff_by_email(merchant_a, merchant_a.owner_email))["isActive"] is True
    assert (await client.execute(ME, token=merchant_a.owner_token)).data["me"] is not None


async def test_a_duplicate_email_is_refused_whatever_its_case(merchant_a: MerchantWorld) -> None:
    # given a staff user
    await merchant_a.staff("sam@alpha.example.com", [])
    # when another is created with the same email, differently capitalised
    result = await merchant_a.run(STAFF_CREATE, staff_input("Sam@Alpha.Example.com"))
    # then it is refused as a duplicate and only one such user exists
    errors = result.data["staffCreate"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["email"], "DUPLICATE")]
    users = (await merchant_a.run(STAFF_USERS)).data["staffUsers"]["nodes"]
    assert [u["email"] for u in users].count("sam@alpha.example.com") == 1


async def test_the_same_email_may_work_for_two_merchants(
    merchant_a: MerchantWorld, merchant_b: MerchantWorld
) -> None:
    await merchant_a.staff("sam@example.com", [])
    result = await merchant_b.run(STAFF_CREATE, staff_input("sam@example.com"))
    assert ok(result.data["staffCreate"])["staffUser"]["id"]


async def test_concurrent_creation_with_one_email_makes_one_user_and_duplicate_errors(
    merchant_a: MerchantWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given six requests creating one staff user that all pass the duplicate check before any
    # of them writes, so the database's unique constraint has to decide between them
    attempts = 6
    all_checked = asyncio.Barrier(attempts)
    seen: list[object] = []
    original = StaffRepository.by_email

    async def check_together(self: StaffRepository, email: str) -> Any:
        found = await original(self, email)
        seen.append(found)
        async with asyncio.timeout(10):
            await all_checked.wait()
        return found

    monkeypatch.setattr(StaffRepository, "by_email", check_together)
    # when they run at the same moment
    results = await asyncio.gather(
        *(
            merchant_a.run(STAFF_CREATE, staff_input("twin@alpha.example.com"))
            for _ in range(attempts)
        )
    )
    # then every check found no such user (so the race really happened), none crashed,
    # one succeeded and every other is told it is a duplicate
    assert seen == [None] * attempts
    assert [r.errors for r in results] == [[]] * attempts, [r.body for r in results]
    payloads = [r.data["staffCreate"] for r in results]
    created = [p for p in payloads if p["userErrors"] == []]
    refused = [p for p in payloads if p["userErrors"]]
    assert len(created) == 1 and created[0]["staffUser"]["email"] == "twin@alpha.example.com"
    refusals = [[(e["field"], e["code"]) for e in p["userErrors"]] for p in refused]
    assert refusals == [[(["email"], "DUPLICATE")]] * (attempts - 1)
    assert all(p["staffUser"] is None for p in refused)
    # and exactly one such user exists
    monkeypatch.undo()
    users = (await merchant_a.run(STAFF_USERS)).data["staffUsers"]["nodes"]
    assert [u["email"] for u in users].count("twin@alpha.example.com") == 1
