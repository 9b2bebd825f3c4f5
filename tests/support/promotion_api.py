"""Promotions as staff make them: through the public API."""

from typing import Any

from tests.support.actors import MerchantWorld, ok

PROMOTION_FIELDS = """
  id name kind priority stacking combinationGroup currency startsAt endsAt action condition
  usageLimit usageLimitPerCustomer timesUsed isArchived budget { amount currencyCode }
  discountGiven { amount currencyCode }
"""
PROMOTION_CREATE = (
    """
mutation($input: PromotionInput!) {
  promotionCreate(input: $input) {
    promotion { """
    + PROMOTION_FIELDS
    + """ }
    warnings { kind message promotionIds }
    userErrors { field message code }
  }
}
"""
)
CODES_GENERATE = """
mutation($id: ID!, $count: Int!, $prefix: String!, $usageLimit: Int) {
  promotionCodesGenerate(promotionId: $id, count: $count, prefix: $prefix, usageLimit: $usageLimit) {
    codes userErrors { field message code }
  }
}
"""


def percent_off(percent: str = "10", **fields: Any) -> dict[str, Any]:
    """A promotion input: `percent` off everything in the cart."""
    return {
        "name": f"{percent}% off",
        "kind": "CART",
        "action": {"type": "PercentOff", "percent": percent},
        **fields,
    }


async def create_promotion(merchant: MerchantWorld, **input: Any) -> dict[str, Any]:
    """A new promotion of the merchant's (a cart's 10% off unless told); returns the payload."""
    result = await merchant.run(PROMOTION_CREATE, {"input": percent_off() | input})
    return ok(result.data["promotionCreate"])


async def generate_codes(
    merchant: MerchantWorld,
    promotion_id: str,
    count: int = 1,
    prefix: str = "",
    usage_limit: int | None = None,
) -> list[str]:
    result = await merchant.run(
        CODES_GENERATE,
        {"id": promotion_id, "count": count, "prefix": prefix, "usageLimit": usage_limit},
    )
    return list(ok(result.data["promotionCodesGenerate"])["codes"])
