"""Named permissions and the one check that grants or denies them.

Staff get permissions through roles; partner API keys through scopes. Both use these names.
"""

from collections.abc import Iterable
from enum import StrEnum

from domain.errors import ErrorCode, Forbidden, UserError


class Permission(StrEnum):
    MANAGE_PRODUCTS = "MANAGE_PRODUCTS"
    MANAGE_REVIEWS = "MANAGE_REVIEWS"
    MANAGE_ORDERS = "MANAGE_ORDERS"
    MANAGE_DISCOUNTS = "MANAGE_DISCOUNTS"
    MANAGE_GIFT_CARDS = "MANAGE_GIFT_CARDS"
    MANAGE_CUSTOMERS = "MANAGE_CUSTOMERS"
    MANAGE_STAFF = "MANAGE_STAFF"
    MANAGE_STOREFRONTS = "MANAGE_STOREFRONTS"
    MANAGE_APPS = "MANAGE_APPS"
    MANAGE_WEBHOOKS = "MANAGE_WEBHOOKS"
    MANAGE_SETTINGS = "MANAGE_SETTINGS"
    VIEW_ANALYTICS = "VIEW_ANALYTICS"
    VIEW_AUDIT_LOG = "VIEW_AUDIT_LOG"


ALL_PERMISSIONS: frozenset[Permission] = frozenset(Permission)


def check_permissions(granted: Iterable[Permission], required: Iterable[Permission]) -> None:
    """Raise Forbidden unless every required permission is granted.

    An empty requirement is a programming error, not 'allow': a guard declared with nothing to
    check must never open the door (a real-world bypass in more than one framework).
    """
    needed = frozenset(required)
    if not needed:
        raise Forbidden("This operation declares no permission and is denied.")
    missing = needed - frozenset(granted)
    if missing:
        names = ", ".join(sorted(missing))
        raise Forbidden(f"You need the permission(s) {names}.")


def parse_permissions(names: Iterable[str], *, field: str) -> frozenset[Permission]:
    """Turn stored or submitted names into permissions, refusing unknown ones."""
    result = set()
    for name in names:
        try:
            result.add(Permission(name))
        except ValueError:
            raise UserError(f"'{name}' is not a permission.", field=field) from None
    return frozenset(result)


def check_grantable(
    granter: Iterable[Permission],
    granted: Iterable[Permission],
    *,
    field: str,
    verb: str = "grant",
) -> None:
    """Nobody hands out, takes away or manages power they do not hold themselves."""
    beyond = frozenset(granted) - frozenset(granter)
    if beyond:
        what = "permissions" if verb == "grant" else "someone holding permissions"
        raise UserError(
            f"You cannot {verb} {what} you do not have: {', '.join(sorted(beyond))}.",
            field=field,
            code=ErrorCode.PERMISSION_ESCALATION,
        )
