"""The one permission check: who may do what, and that nothing opens a door by omission."""

from uuid import uuid4

import pytest

from domain.errors import ErrorCode, Forbidden, Unauthenticated, UserError
from domain.permissions import (
    ALL_PERMISSIONS,
    Permission,
    check_grantable,
    check_permissions,
    parse_permissions,
)
from domain.principals import (
    Anonymous,
    AppPrincipal,
    PlatformAdminPrincipal,
    StaffPrincipal,
    authorize,
    authorize_member,
    authorize_platform_admin,
)

NOTHING: frozenset[Permission] = frozenset()


def staff_with(*permissions: Permission) -> StaffPrincipal:
    return StaffPrincipal(uuid4(), uuid4(), uuid4(), frozenset(permissions))


def app_with(*permissions: Permission) -> AppPrincipal:
    return AppPrincipal(uuid4(), uuid4(), frozenset(permissions))


def test_an_empty_requirement_is_denied_even_to_a_holder_of_every_permission() -> None:
    # given a caller holding every permission there is
    granted = ALL_PERMISSIONS
    # when a guard declares nothing to check
    # then it denies rather than allows
    with pytest.raises(Forbidden):
        check_permissions(granted, NOTHING)


def test_an_empty_requirement_given_as_an_empty_iterable_is_denied() -> None:
    with pytest.raises(Forbidden):
        check_permissions(ALL_PERMISSIONS, [])


@pytest.mark.parametrize(
    "principal",
    [staff_with(*ALL_PERMISSIONS), app_with(*ALL_PERMISSIONS)],
    ids=["staff", "api key"],
)
def test_authorize_denies_an_empty_requirement_for_staff_and_api_keys(
    principal: StaffPrincipal | AppPrincipal,
) -> None:
    with pytest.raises(Forbidden):
        authorize(principal, NOTHING)


def test_a_missing_permission_is_denied_and_named() -> None:
    # given staff holding products but not staff management
    staff = staff_with(Permission.MANAGE_PRODUCTS)
    # when it asks to manage staff
    with pytest.raises(Forbidden) as denied:
        authorize(staff, frozenset({Permission.MANAGE_STAFF}))
    # then the refusal names what is missing
    assert "MANAGE_STAFF" in denied.value.message
    assert denied.value.code == ErrorCode.FORBIDDEN


def test_holding_only_part_of_a_requirement_is_denied() -> None:
    staff = staff_with(Permission.MANAGE_STAFF)
    required = frozenset({Permission.MANAGE_STAFF, Permission.MANAGE_APPS})
    with pytest.raises(Forbidden):
        authorize(staff, required)


def test_holding_every_required_permission_is_allowed() -> None:
    # given an API key scoped to apps and staff
    key = app_with(Permission.MANAGE_APPS, Permission.MANAGE_STAFF)
    # when it asks for both
    allowed = authorize(key, frozenset({Permission.MANAGE_APPS, Permission.MANAGE_STAFF}))
    # then it is let through as itself
    assert allowed is key


def test_anonymous_callers_are_asked_to_authenticate() -> None:
    with pytest.raises(Unauthenticated):
        authorize(Anonymous(), frozenset({Permission.MANAGE_PRODUCTS}))


def test_anonymous_callers_are_asked_to_authenticate_even_for_an_empty_requirement() -> None:
    with pytest.raises(Unauthenticated):
        authorize(Anonymous(), NOTHING)


def test_platform_admins_do_not_hold_merchant_permissions() -> None:
    admin = PlatformAdminPrincipal(uuid4(), uuid4())
    with pytest.raises(Forbidden):
        authorize(admin, frozenset({Permission.MANAGE_STAFF}))


def test_only_platform_admins_pass_the_platform_admin_check() -> None:
    admin = PlatformAdminPrincipal(uuid4(), uuid4())
    assert authorize_platform_admin(admin) is admin
    with pytest.raises(Forbidden):
        authorize_platform_admin(staff_with(*ALL_PERMISSIONS))
    with pytest.raises(Forbidden):
        authorize_platform_admin(app_with(*ALL_PERMISSIONS))
    with pytest.raises(Unauthenticated):
        authorize_platform_admin(Anonymous())


def test_membership_needs_a_merchant_principal() -> None:
    staff = staff_with()
    assert authorize_member(staff) is staff
    with pytest.raises(Unauthenticated):
        authorize_member(Anonymous())
    with pytest.raises(Forbidden):
        authorize_member(PlatformAdminPrincipal(uuid4(), uuid4()))


def test_granting_a_permission_you_do_not_hold_is_an_escalation() -> None:
    # given a granter holding staff management only
    granter = {Permission.MANAGE_STAFF}
    # when it tries to hand out app management
    with pytest.raises(UserError) as refused:
        check_grantable(granter, {Permission.MANAGE_APPS}, field="permissions")
    # then it is refused as an escalation, naming the field
    assert refused.value.code == ErrorCode.PERMISSION_ESCALATION
    assert refused.value.field == "permissions"
    assert "MANAGE_APPS" in refused.value.message


def test_granting_what_you_hold_is_allowed() -> None:
    check_grantable({Permission.MANAGE_STAFF}, {Permission.MANAGE_STAFF}, field="permissions")
    check_grantable(NOTHING, NOTHING, field="permissions")


def test_unknown_permission_names_are_refused() -> None:
    with pytest.raises(UserError) as refused:
        parse_permissions(["MANAGE_STAFF", "SUPERUSER"], field="scopes")
    assert refused.value.field == "scopes"
    assert "SUPERUSER" in refused.value.message
