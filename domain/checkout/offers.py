"""What checkout needs to know of the catalog, as one storefront sells it right now.

`CheckoutCatalog` is implemented by persistence in a couple of statements for a whole cart.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.checkout.shipping import ShippingMethod, ShippingZone
from domain.checkout.taxes import TaxRate
from domain.merchants import Merchant
from domain.money import Money
from domain.promotions.stored import StoredPromotion


@dataclass(frozen=True)
class Offer:
    """A variant as the storefront offers it now."""

    variant_id: UUID
    product_id: UUID
    product_name: str
    variant_name: str
    sku: str
    weight_grams: int | None
    purchase_limit: int | None
    track_inventory: bool
    tax_class_id: UUID | None
    price: Money | None  # None: not priced in this storefront (its currency)
    listed: bool  # live variant of a product published here and available now
    low_stock_threshold: int | None = None
    category_id: UUID | None = None  # the product's (promotions may target it)
    tags: frozenset[str] = frozenset()  # the product's
    gift_card: bool = False  # sold as a gift card (its product type's kind)
    cost: Money | None = None  # what a unit costs the merchant (risk: floor price by cost)

    @property
    def id(self) -> UUID:
        return self.variant_id

    @property
    def buyable(self) -> bool:
        return self.listed and self.price is not None


@dataclass(frozen=True)
class ProductGroups:
    """Where a product belongs, as promotions target it: its category with every ancestor
    category (a promotion on "Clothing" reaches "Clothing > Hats"), and its collections."""

    category_ids: frozenset[UUID] = frozenset()
    collection_ids: frozenset[UUID] = frozenset()


NO_GROUPS = ProductGroups()


@dataclass(frozen=True)
class SupplyingWarehouse:
    """A warehouse that supplies the storefront, with what it can sell of the cart's variants."""

    id: UUID
    name: str
    countries_served: tuple[str, ...]
    pickup_enabled: bool
    address: Mapping[str, str]
    available: Mapping[UUID, int]


def units_available(offer: Offer, supply: Sequence[SupplyingWarehouse]) -> int | None:
    """What the storefront's warehouses can sell of the variant; None: stock is not tracked."""
    if not offer.track_inventory:
        return None
    return sum(warehouse.available.get(offer.variant_id, 0) for warehouse in supply)


@dataclass(frozen=True)
class MerchantRules:
    """The merchant's rules every quote applies: where and how it ships, its tax rates, its
    live promotions, and its checkout settings (stock reservation, unpaid order timeout).
    Shared between requests (see `CheckoutCatalog.rules`): read-only."""

    merchant: Merchant
    zones: tuple[ShippingZone, ...]
    methods: tuple[ShippingMethod, ...]
    rates: tuple[TaxRate, ...]
    promotions: tuple[StoredPromotion, ...]  # not archived, in id order


class CheckoutCatalog(Protocol):
    async def rules(self) -> MerchantRules:
        """The merchant's rules as committed now; kept between requests while nothing they
        read changed, so a quote usually reads none of them."""
        ...

    async def offers(
        self, storefront_id: UUID, currency: str, variant_ids: Sequence[UUID], now: datetime
    ) -> dict[UUID, Offer]:
        """Offers of these variants (missing: not this merchant's, or no such variant)."""
        ...

    async def supply(
        self, storefront_id: UUID, variant_ids: Sequence[UUID]
    ) -> list[SupplyingWarehouse]:
        """The storefront's warehouses (by name, then id) with their stock of these variants."""
        ...

    async def groups(self, product_ids: Sequence[UUID]) -> dict[UUID, ProductGroups]:
        """Each product's categories (with ancestors) and collections, in one statement
        (missing: in none)."""
        ...
