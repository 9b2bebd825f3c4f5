"""How each storefront lists the catalog: which products it publishes, at which prices."""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple
from uuid import UUID

from domain.catalog.products import record_product_change
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.money import Money
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork


@dataclass(eq=False)
class ProductListing(TenantOwned):
    id: UUID
    merchant_id: UUID
    product_id: UUID
    storefront_id: UUID
    is_published: bool
    available_from: datetime | None
    updated_at: datetime

    def visible_at(self, now: datetime) -> bool:
        return self.is_published and (self.available_from is None or self.available_from <= now)


class PriceAmounts:
    """Money of a price kept as minor units in one currency."""

    currency: str
    amount: int
    compare_at_amount: int | None
    cost_amount: int | None

    @property
    def price(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def compare_at_price(self) -> Money | None:
        return (
            None if self.compare_at_amount is None else Money(self.compare_at_amount, self.currency)
        )

    @property
    def cost_price(self) -> Money | None:
        return None if self.cost_amount is None else Money(self.cost_amount, self.currency)


@dataclass(eq=False)
class VariantPrice(TenantOwned, PriceAmounts):
    """A variant's price in one storefront, in that storefront's currency (minor units)."""

    id: UUID
    merchant_id: UUID
    variant_id: UUID
    storefront_id: UUID
    currency: str
    amount: int
    compare_at_amount: int | None
    cost_amount: int | None
    updated_at: datetime

    def applies_in(self, storefront: Storefront) -> bool:
        """Whether it prices the storefront now (not kept from before a currency change)."""
        return self.storefront_id == storefront.id and self.currency == storefront.currency


@dataclass(frozen=True)
class ShelfPrice(PriceAmounts):
    """A variant's price as a storefront read shows it: the amounts only, not the entity."""

    currency: str
    amount: int
    compare_at_amount: int | None
    cost_amount: int | None


class Shelf(NamedTuple):
    """What a storefront shows of a variant: its price there (None: unpriced; a price in
    another currency than the storefront's is one kept from before a currency change, not
    shown) and the units the storefront's warehouses can sell."""

    price: ShelfPrice | None
    available: int


async def _storefront(uow: UnitOfWork, storefront_id: UUID) -> Storefront:
    storefront = await uow.storefronts.get(storefront_id)
    if storefront is None:
        raise UserError(
            "No storefront with this id.", field="storefrontId", code=ErrorCode.NOT_FOUND
        )
    return storefront


async def set_listing(
    uow: UnitOfWork,
    product_id: UUID,
    storefront_id: UUID,
    *,
    is_published: bool,
    available_from: datetime | None,
    now: datetime,
) -> ProductListing:
    product = await uow.products.get(product_id)
    if product is None:
        raise NotFound("No product with this id.")
    if available_from is not None and available_from.utcoffset() is None:
        raise UserError("Give a time zone, e.g. 2030-01-01T09:00:00Z.", field="availableFrom")
    storefront = await _storefront(uow, storefront_id)
    listing = await uow.listings.find(product.id, storefront.id)
    if listing is None:
        listing = ProductListing(
            new_id(), product.merchant_id, product.id, storefront.id, False, None, now
        )
        uow.listings.add(listing)
    listing.is_published = is_published
    listing.available_from = available_from
    listing.updated_at = now
    await record_product_change(uow, product.id, now)
    await uow.commit()
    return listing


@dataclass(frozen=True)
class PriceInput:
    """Decimal strings in the storefront's currency, e.g. "19.99"."""

    price: str
    compare_at_price: str | None = None
    cost_price: str | None = None
    currency: str | None = None


def parse_price(text: str, currency: str, field: str) -> int:
    """Minor units of a decimal price string; a UserError naming `field` if it is not one."""
    try:
        money = Money.parse(text, currency)
    except UserError as error:
        raise UserError(error.message, field=field) from None
    if money.amount < 0:
        raise UserError("Prices cannot be negative.", field=field)
    if money.amount > 10**15:
        raise UserError("This price is too large.", field=field)
    return money.amount


async def set_variant_price(
    uow: UnitOfWork, variant_id: UUID, storefront_id: UUID, command: PriceInput, now: datetime
) -> VariantPrice:
    price = await change_variant_price(uow, variant_id, storefront_id, command, now)
    await uow.commit()
    return price


async def change_variant_price(
    uow: UnitOfWork, variant_id: UUID, storefront_id: UUID, command: PriceInput, now: datetime
) -> VariantPrice:
    variant = await uow.variants.get(variant_id)
    if variant is None:
        raise NotFound("No variant with this id.")
    storefront = await _storefront(uow, storefront_id)
    currency = storefront.currency
    if command.currency is not None and command.currency.strip().upper() != currency:
        raise UserError(
            f"This storefront sells in {currency}; prices must be in {currency}.",
            field="currency",
        )
    amount = parse_price(command.price, currency, "price")
    compare_at = (
        None
        if command.compare_at_price is None
        else parse_price(command.compare_at_price, currency, "compareAtPrice")
    )
    cost = (
        None
        if command.cost_price is None
        else parse_price(command.cost_price, currency, "costPrice")
    )
    price = await uow.prices.find(variant.id, storefront.id)
    if price is None:
        price = VariantPrice(
            new_id(), variant.merchant_id, variant.id, storefront.id, currency, 0, None, None, now
        )
        uow.prices.add(price)
    price.currency, price.amount = currency, amount
    price.compare_at_amount, price.cost_amount = compare_at, cost
    price.updated_at = now
    await record_product_change(uow, variant.product_id, now)
    return price
