"""Data export: everything stored about a customer, as one JSON-ready document.

The customer's own export holds what they gave and what was recorded about their account:
profile, addresses, wishlists, gift cards given to them (last 4 and balance, never a code),
spending summary, public metadata. Staff notes and private
metadata are the merchant's own records and appear only in the export staff ask for.
"""

from datetime import datetime
from typing import Any
from uuid import UUID

from domain.customers.accounts import Customer, get_customer
from domain.customers.addresses import Address
from domain.customers.notes import CustomerNote
from domain.customers.tiers import CustomerTier
from domain.customers.wishlists import Wishlist, WishlistItem
from domain.payments.gift_cards import GiftCard
from domain.unit_of_work import UnitOfWork


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _address(address: Address) -> dict[str, Any]:
    return {
        "id": str(address.id),
        "firstName": address.first_name,
        "lastName": address.last_name,
        "company": address.company,
        "streetLine1": address.street_line1,
        "streetLine2": address.street_line2,
        "city": address.city,
        "region": address.region,
        "postalCode": address.postal_code,
        "country": address.country,
        "phone": address.phone,
        "isDefaultShipping": address.is_default_shipping,
        "isDefaultBilling": address.is_default_billing,
        "createdAt": _time(address.created_at),
        "updatedAt": _time(address.updated_at),
    }


def _wishlist(wishlist: Wishlist, items: list[WishlistItem]) -> dict[str, Any]:
    return {
        "id": str(wishlist.id),
        "name": wishlist.name,
        "shared": wishlist.share_token is not None,
        "createdAt": _time(wishlist.created_at),
        "items": [
            {"variantId": str(item.variant_id), "addedAt": _time(item.added_at)}
            for item in items
            if item.wishlist_id == wishlist.id
        ],
    }


def _gift_card(card: GiftCard) -> dict[str, Any]:
    return {
        "last4": card.last4,
        "balance": card.balance.format(),
        "currency": card.currency,
        "expiresAt": _time(card.expires_at),
        "isActive": card.is_active,
    }


def export_document(
    customer: Customer,
    tier: CustomerTier | None,
    addresses: list[Address],
    wishlists: list[Wishlist],
    items: list[WishlistItem],
    notes: list[CustomerNote] | None,
    gift_cards: list[GiftCard],
) -> dict[str, Any]:
    """`notes` (and private metadata with them) only for staff: None leaves both out."""
    document: dict[str, Any] = {
        "profile": {
            "id": str(customer.id),
            "email": customer.email,
            "firstName": customer.first_name,
            "lastName": customer.last_name,
            "isActive": customer.is_active,
            "emailVerifiedAt": _time(customer.email_verified_at),
            "createdAt": _time(customer.created_at),
            "updatedAt": _time(customer.updated_at),
            "tags": list(customer.tags),
            "tier": None if tier is None else tier.name,
            "metadata": dict(customer.metadata),
        },
        "orders": {
            "count": customer.order_count,
            "totalSpent": dict(customer.total_spent),
            "lastOrderAt": _time(customer.last_order_at),
        },
        "addresses": [_address(a) for a in addresses],
        "wishlists": [_wishlist(w, items) for w in wishlists],
        "giftCards": [_gift_card(card) for card in gift_cards],
    }
    if notes is not None:
        document["profile"]["privateMetadata"] = dict(customer.private_metadata)
        document["notes"] = [
            {
                "body": note.body,
                "authorStaffId": None
                if note.author_staff_id is None
                else str(note.author_staff_id),
                "createdAt": _time(note.created_at),
            }
            for note in notes
        ]
    return document


async def export_customer(uow: UnitOfWork, customer_id: UUID, *, for_staff: bool) -> dict[str, Any]:
    customer = await get_customer(uow, customer_id)
    tier = await uow.customer_tiers.get(customer.tier_id) if customer.tier_id else None
    wishlists = await uow.wishlists.of_customer(customer.id)
    items = [item for w in wishlists for item in await uow.wishlists.items_of(w.id)]
    notes = await uow.customer_notes.of_customer(customer.id) if for_staff else None
    addresses = await uow.addresses.of_customer(customer.id)
    gift_cards = await uow.gift_cards.of_customer(customer.id)
    return export_document(customer, tier, addresses, wishlists, items, notes, gift_cards)
