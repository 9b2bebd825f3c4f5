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
    return typed(
        {"name": f"{percent}% off", "kind": "CART", "action": {"percentOff": {"percent": percent}}}
        | fields
    )


def _typed_part(data: Any) -> Any:
    """An action or condition written as the stored JSON (`{"type": "PercentOff", ...}`, as
    `Promotion.action` shows it) in the typed input form (`{"percentOff": {...}}`)."""
    if isinstance(data, list):
        return [_typed_part(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "type" not in data:
        if set(data) == {"amount", "currency"}:
            return {"amount": data["amount"], "currencyCode": data["currency"]}
        return {key: _typed_part(value) for key, value in data.items()}
    kind = data["type"]
    fields = {key: _typed_part(value) for key, value in data.items() if key != "type"}
    if kind in ("AllOf", "AnyOf"):
        return {"all" if kind == "AllOf" else "any": fields.get("conditions", [])}
    key = kind[:1].lower() + kind[1:]
    return {key: fields or True}


def typed(input: dict[str, Any]) -> dict[str, Any]:
    """A promotion input whose action and condition may be written as the stored JSON."""
    converted = dict(input)
    for part in ("action", "condition"):
        if isinstance(converted.get(part), dict):
            converted[part] = _typed_part(converted[part])
    return converted


async def create_promotion(merchant: MerchantWorld, **input: Any) -> dict[str, Any]:
    """A new promotion of the merchant's (a cart's 10% off unless told); returns the payload.
    Its action and condition may be given in the typed form or as the stored JSON."""
    result = await merchant.run(PROMOTION_CREATE, {"input": percent_off() | typed(input)})
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
