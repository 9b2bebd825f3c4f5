"""Gift cards an order bought, as the order shows them: the code only to its buyer."""

from domain.orders.orders import Order
from domain.payments.gift_cards import GiftCard
from domain.principals import Anonymous, CustomerPrincipal
from resolvers.context import AgoraInfo


async def sold_on(info: AgoraInfo, order: Order) -> list[GiftCard]:
    loaders = info.context.loaders
    if not any(line.gift_card for line in await loaders.lines_of_order.load(order.id)):
        return []
    return await loaders.gift_cards_of_order.load(order.id)


def code_for_buyer(info: AgoraInfo, card: GiftCard) -> str | None:
    """The card's code for its buyer — a storefront request by the guest holding the order
    (its token) or the signed-in customer, who alone reach the order there — else None: staff
    and API keys see the last 4 characters, as for every card."""
    context = info.context
    buyer = isinstance(context.principal, Anonymous | CustomerPrincipal)
    if context.storefront is None or not buyer or card.sealed_code is None:
        return None
    return context.secret_sealer.open(card.sealed_code, card.id)
