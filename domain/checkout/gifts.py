"""Gift items in carts: what a gift promotion adds (`GiftItem`), derived from the quote.

A gift line is never stored with the cart's lines: it appears while its promotion applies
and disappears when it stops applying, and the shopper cannot change or remove it. It costs
nothing (its list value counts against the promotion's budget in the engine). A gift needs
its units: the storefront's warehouses' stock, beyond what the cart's own lines take; when
they are short (or the variant is not sold in the storefront) the promotion is not applied,
with the reason GIFT_UNAVAILABLE. Checkout reserves the gift's stock with the lines' and puts
it on the order as a line at price zero.

The gift variants are read with the cart's own (`gift_variant_ids`), in the same statements.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.checkout.carts import CartLine
from domain.checkout.offers import Offer, SupplyingWarehouse, units_available
from domain.money import Money
from domain.promotions.actions import GiftItem
from domain.promotions.result import GiftLine, NotApplied, Reason
from domain.promotions.stored import StoredPromotion


@dataclass(frozen=True)
class GiftView:
    """A gift as the cart shows it and the order keeps it."""

    promotion_id: UUID
    promotion_name: str
    offer: Offer
    quantity: int
    value: Money  # its list value, all units together

    @property
    def variant_id(self) -> UUID:
        return self.offer.variant_id


def gift_variant_ids(promotions: Iterable[StoredPromotion]) -> list[UUID]:
    """The variants the live promotions could give, in a stable order."""
    found = set()
    for promotion in promotions:
        action = promotion.definition.action
        if isinstance(action, GiftItem):
            found.add(UUID(action.variant_id))
    return sorted(found)


def gift_stock(
    gift_ids: Sequence[UUID],
    lines: Sequence[CartLine],
    offers: Mapping[UUID, Offer],
    supply: Sequence[SupplyingWarehouse],
) -> dict[str, int]:
    """Units of each gift variant that can be given (missing: not tracked, not limited)."""
    stock: dict[str, int] = {}
    for variant_id in gift_ids:
        offer = offers.get(variant_id)
        if offer is None or not offer.listed:
            stock[str(variant_id)] = 0
            continue
        available = units_available(offer, supply)
        if available is not None:
            taken = sum(line.quantity for line in lines if line.variant_id == variant_id)
            stock[str(variant_id)] = max(0, available - taken)
    return stock


def gift_views(
    gifts: Sequence[GiftLine], names: Mapping[str, str], offers: Mapping[UUID, Offer]
) -> tuple[GiftView, ...]:
    views = []
    for gift in gifts:
        offer = offers.get(UUID(gift.variant_id))
        if offer is not None:  # the engine gives only gifts it was told are in stock
            promotion_id = gift.promotion_id
            name = names.get(promotion_id, "")
            views.append(GiftView(UUID(promotion_id), name, offer, gift.quantity, gift.value))
    return tuple(views)


def unavailable_gifts(not_applied: Sequence[NotApplied]) -> tuple[NotApplied, ...]:
    return tuple(n for n in not_applied if n.reason is Reason.GIFT_UNAVAILABLE)
