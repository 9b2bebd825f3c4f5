"""Callers lacking one permission, and what a refusal looks like: shared by the permission
denial tests of every area."""

from tests.support.actors import MerchantWorld, all_permissions_except
from tests.support.client import Response

CALLERS = ["staff lacking it", "api key lacking it", "anonymous"]


async def credentials_lacking(
    merchant: MerchantWorld, caller: str, permission: str | None
) -> tuple[str | None, str]:
    """A token for `caller` holding every permission but `permission`, and the code expected."""
    if caller == "anonymous":
        return None, "UNAUTHENTICATED"
    held = all_permissions_except(permission)
    if caller == "staff lacking it":
        _, token = await merchant.staff("lacking@alpha.example.com", held)
        return token, "FORBIDDEN"
    _, secret = await merchant.api_key(held, name="lacking")
    return secret, "FORBIDDEN"


def assert_refused(response: Response, field: str, code: str) -> None:
    """A top-level refusal at the field, with no data at all."""
    assert response.error_codes == [code], response.body
    assert response.errors[0]["path"] == [field]
    assert response.body.get("data") is None
