"""priceExplain (MANAGE_DISCOUNTS): why a cart is priced as it is, promotion by promotion."""

from uuid import UUID

from domain.checkout.discounts import CartDiscounts
from domain.errors import NotFound
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id


async def price_explain(info: AgoraInfo, cart_id: str) -> CartDiscounts:
    id = decode_id_of(cart_id, "Cart", field="cartId")
    quote = await info.context.loaders.cart_quote.load(id)
    if quote is None:
        raise NotFound("No cart with this id.")
    return quote.discounts


def promotion_global_id(promotion_id: str | None) -> str | None:
    return None if promotion_id is None else encode_global_id("Promotion", UUID(promotion_id))
