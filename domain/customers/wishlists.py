"""Wishlists: a customer's named lists of variants, each shareable by an unguessable link.

When an item is added, what the storefront showed then is remembered (its price and whether it
was in stock), so the list can tell the customer later that it is back in stock or on sale.
A shared list is read through its share token by anyone holding a storefront token of the same
merchant; it shows the list, never who owns it. Unsharing (or sharing again) changes the token.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.money import Money
from domain.tokens import generate_token, has_valid_shape
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

MAX_WISHLISTS = 20
MAX_ITEMS = 200
SHARE_PREFIX = "agora_wl_"


@dataclass(eq=False)
class Wishlist(TenantOwned):
    id: UUID
    merchant_id: UUID
    customer_id: UUID
    name: str
    share_token: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class WishlistItem(TenantOwned):
    id: UUID
    merchant_id: UUID
    wishlist_id: UUID
    variant_id: UUID
    added_at: datetime
    # What the storefront showed when it was added (None: not known, e.g. no storefront).
    seen_amount: int | None = None
    seen_currency: str | None = None
    seen_in_stock: bool | None = None

    @property
    def seen_price(self) -> Money | None:
        if self.seen_amount is None or self.seen_currency is None:
            return None
        return Money(self.seen_amount, self.seen_currency)


@dataclass(frozen=True)
class Offer:
    """A variant as a storefront shows it now: its price (None: unpriced) and stock (None:
    not tracked, so always in stock)."""

    price: Money | None
    compare_at_price: Money | None
    in_stock: bool | None


def back_in_stock(item: WishlistItem, now: Offer) -> bool:
    """It was out of stock when added and can be bought now."""
    return item.seen_in_stock is False and now.in_stock is not False


def on_sale(item: WishlistItem, now: Offer) -> bool:
    """Reduced now: below its compare-at price, or cheaper than when it was added."""
    if now.price is None:
        return False
    was = now.compare_at_price
    if was is not None and was.currency == now.price.currency and was.amount > now.price.amount:
        return True
    seen = item.seen_price
    return (
        seen is not None and seen.currency == now.price.currency and now.price.amount < seen.amount
    )


async def own_wishlist(uow: UnitOfWork, customer_id: UUID, wishlist_id: UUID) -> Wishlist:
    wishlist = await uow.wishlists.get(wishlist_id)
    if wishlist is None or wishlist.customer_id != customer_id:
        raise NotFound("No wishlist with this id.")
    return wishlist


def _name(name: str | None) -> str:
    return require_text(name, field="name", max_length=80)


async def create_wishlist(
    uow: UnitOfWork, merchant_id: UUID, customer_id: UUID, name: str | None, now: datetime
) -> Wishlist:
    if len(await uow.wishlists.of_customer(customer_id)) >= MAX_WISHLISTS:
        raise UserError(f"At most {MAX_WISHLISTS} wishlists.", field="name")
    wishlist = Wishlist(new_id(), merchant_id, customer_id, _name(name), None, now, now)
    uow.wishlists.add(wishlist)
    await uow.commit()
    return wishlist


async def rename_wishlist(
    uow: UnitOfWork, customer_id: UUID, wishlist_id: UUID, name: str | None, now: datetime
) -> Wishlist:
    wishlist = await own_wishlist(uow, customer_id, wishlist_id)
    wishlist.name = _name(name)
    wishlist.updated_at = now
    await uow.commit()
    return wishlist


async def delete_wishlist(uow: UnitOfWork, customer_id: UUID, wishlist_id: UUID) -> UUID:
    wishlist = await own_wishlist(uow, customer_id, wishlist_id)
    await uow.wishlists.delete(wishlist)
    await uow.commit()
    return wishlist_id


async def share_wishlist(
    uow: UnitOfWork, customer_id: UUID, wishlist_id: UUID, shared: bool, now: datetime
) -> Wishlist:
    """Share with a fresh token (a previous link stops working), or stop sharing."""
    wishlist = await own_wishlist(uow, customer_id, wishlist_id)
    wishlist.share_token = generate_token(SHARE_PREFIX) if shared else None
    wishlist.updated_at = now
    await uow.commit()
    return wishlist


async def shared_wishlist(uow: UnitOfWork, token: str) -> Wishlist | None:
    if not has_valid_shape(token, SHARE_PREFIX):
        return None
    return await uow.wishlists.by_share_token(token)


async def add_item(
    uow: UnitOfWork,
    customer_id: UUID,
    wishlist_id: UUID,
    variant_id: UUID,
    offer: Offer | None,
    now: datetime,
) -> Wishlist:
    """Add a variant the customer can see (the caller checked that) once; again is a no-op."""
    wishlist = await own_wishlist(uow, customer_id, wishlist_id)
    items = await uow.wishlists.items_of(wishlist.id)
    if any(item.variant_id == variant_id for item in items):
        return wishlist
    if len(items) >= MAX_ITEMS:
        raise UserError(f"At most {MAX_ITEMS} items.", field="variantId")
    price = offer.price if offer else None
    uow.wishlists.add_item(
        WishlistItem(
            id=new_id(),
            merchant_id=wishlist.merchant_id,
            wishlist_id=wishlist.id,
            variant_id=variant_id,
            added_at=now,
            seen_amount=price.amount if price else None,
            seen_currency=price.currency if price else None,
            seen_in_stock=offer.in_stock if offer else None,
        )
    )
    wishlist.updated_at = now
    await uow.commit()
    return wishlist


async def remove_item(
    uow: UnitOfWork, customer_id: UUID, wishlist_id: UUID, variant_id: UUID, now: datetime
) -> Wishlist:
    wishlist = await own_wishlist(uow, customer_id, wishlist_id)
    items = [i for i in await uow.wishlists.items_of(wishlist.id) if i.variant_id == variant_id]
    if not items:
        raise UserError(
            "This variant is not in the wishlist.", field="variantId", code=ErrorCode.NOT_FOUND
        )
    await uow.wishlists.remove_item(items[0])
    wishlist.updated_at = now
    await uow.commit()
    return wishlist
