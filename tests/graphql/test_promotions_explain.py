"""priceExplain (MANAGE_DISCOUNTS): staff see why a cart is priced as it is."""

from tests.support.actors import MerchantWorld
from tests.support.checkout import open_shop
from tests.support.promotion_api import create_promotion, percent_off

EXPLAIN = """
query($cart: ID!) {
  priceExplain(cartId: $cart) {
    applied { promotionId name amount { amount } caps { reason } }
    notApplied { promotionId name reason detail blockedBy }
    codes { code status }
  }
}
"""


async def test_staff_see_which_promotions_applied_and_why_the_others_did_not(
    merchant_a: MerchantWorld,
) -> None:
    # given an exclusive 20% off, a 5% off it excludes, and one for carts over 100.00
    shop = await open_shop(merchant_a)
    await shop.sell("MUG", "10.00")
    exclusive = await create_promotion(
        merchant_a, **percent_off("20", stacking="EXCLUSIVE", priority=10)
    )
    small = await create_promotion(merchant_a, **percent_off("5"))
    big = await create_promotion(
        merchant_a,
        name="Big spender",
        currency="USD",
        condition={"type": "MinSubtotal", "amount": {"amount": "100.00", "currency": "USD"}},
    )
    cart = await shop.cart({"MUG": 1})
    # when staff ask why the cart is priced as it is
    result = await merchant_a.run(EXPLAIN, {"cart": cart["id"]})
    explained = result.data["priceExplain"]
    # then the exclusive one applied, and each other says why not
    assert explained["applied"] == [
        {
            "promotionId": exclusive["promotion"]["id"],
            "name": "20% off",
            "amount": {"amount": "2.00"},
            "caps": [],
        }
    ]
    reasons = {p["promotionId"]: (p["reason"], p["blockedBy"]) for p in explained["notApplied"]}
    assert reasons == {
        big["promotion"]["id"]: ("CONDITION_NOT_MET", None),
        small["promotion"]["id"]: ("EXCLUDED_BY_EXCLUSIVE", exclusive["promotion"]["id"]),
    }


async def test_a_shopper_cannot_ask_for_the_explanation(merchant_a: MerchantWorld) -> None:
    shop = await open_shop(merchant_a)
    await shop.sell("MUG", "10.00")
    cart = await shop.cart({"MUG": 1})
    result = await shop.visitor(EXPLAIN, {"cart": cart["id"]})
    # a storefront visitor is no staff member: the explanation is staff's only
    assert result.error_codes == ["UNAUTHENTICATED"]
    assert result.body["data"] is None
