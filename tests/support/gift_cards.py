"""Gift cards as staff make them: through the public API."""

from typing import Any

from tests.support.actors import MerchantWorld, ok

GIFT_CARD_ISSUE = """
mutation($input: GiftCardIssueInput!) {
  giftCardIssue(input: $input) {
    giftCard {
      id last4 maskedCode isActive expiresAt note
      balance { amount currencyCode } initialBalance { amount currencyCode }
    }
    code
    userErrors { field message code }
  }
}
"""


async def issue_gift_card(
    merchant: MerchantWorld, amount: str = "50.00", currency: str = "EUR", **fields: Any
) -> tuple[str, str]:
    """A new card of the merchant's; returns (its ID, its code)."""
    result = await merchant.run(
        GIFT_CARD_ISSUE,
        {"input": {"initialBalance": amount, "currency": currency, **fields}},
    )
    payload = ok(result.data["giftCardIssue"])
    return str(payload["giftCard"]["id"]), str(payload["code"])
