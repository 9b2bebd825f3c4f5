"""Shipping zones and methods, and which delivery options a cart may choose.

A zone is a set of countries, offered on some of the merchant's storefronts. Each of its
methods is priced in one currency, in one of these ways:
- a flat price;
- weight tiers: the price of the first tier whose maximum weight the cart does not exceed (a
  cart heavier than the last tier cannot use the method);
- either of those, free when the cart's subtotal reaches `free_above`.
A method applies to a cart when its zone covers the shipping country and the cart's storefront,
and its currency is the storefront's. Click & collect: a warehouse with pickup enabled that
supplies the storefront is a delivery option too, free, needing no address.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.countries import validate_country
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.money import Money, validate_currency
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

MAX_TIERS = 20
MAX_COUNTRIES = 250


@dataclass(eq=False)
class ShippingZone(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    countries: list[str]
    storefront_ids: list[UUID]
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class ShippingMethod(TenantOwned):
    id: UUID
    merchant_id: UUID
    zone_id: UUID
    name: str
    currency: str
    amount: int
    free_above_amount: int | None
    # [[max_grams, amount], ...] ascending by weight; empty: a flat price (`amount`).
    weight_tiers: list[list[int]]
    is_active: bool
    created_at: datetime
    updated_at: datetime

    def price_for(self, weight_grams: int, subtotal: Money) -> Money | None:
        """What it costs for a cart of this weight and subtotal; None: it cannot carry it."""
        if subtotal.currency != self.currency:
            return None
        amount = self.amount
        if self.weight_tiers:
            fitting = [price for limit, price in self.weight_tiers if weight_grams <= limit]
            if not fitting:
                return None
            amount = fitting[0]
        if self.free_above_amount is not None and subtotal.amount >= self.free_above_amount:
            amount = 0
        return Money(amount, self.currency)


@dataclass(frozen=True)
class Destination:
    storefront_id: UUID
    country: str


def applicable_methods(
    zones: Sequence[ShippingZone],
    methods: Sequence[ShippingMethod],
    destination: Destination,
    weight_grams: int,
    subtotal: Money,
) -> list[tuple[ShippingMethod, Money]]:
    """The methods a cart may ship with and their prices, cheapest first (then by name)."""
    serving = {
        zone.id
        for zone in zones
        if destination.country in zone.countries
        and destination.storefront_id in zone.storefront_ids
    }
    found = []
    for method in methods:
        if not method.is_active or method.zone_id not in serving:
            continue
        price = method.price_for(weight_grams, subtotal)
        if price is not None:
            found.append((method, price))
    return sorted(found, key=lambda pair: (pair[1].amount, pair[0].name, pair[0].id))


# --- Merchant operations (MANAGE_SETTINGS) ---------------------------------------------------


@dataclass(frozen=True)
class ZoneInput:
    name: str | None = None
    countries: Sequence[str] | None = None
    storefront_ids: Sequence[UUID] | None = None


async def _apply_zone(uow: UnitOfWork, zone: ShippingZone, command: ZoneInput) -> None:
    if command.name is not None:
        zone.name = require_text(command.name, field="name", max_length=120)
    if command.countries is not None:
        if len(command.countries) > MAX_COUNTRIES:
            raise UserError(f"At most {MAX_COUNTRIES} countries.", field="countries")
        zone.countries = sorted({validate_country(c, field="countries") for c in command.countries})
    if command.storefront_ids is not None:
        wanted = list(dict.fromkeys(command.storefront_ids))
        if len(await uow.storefronts.get_many(wanted)) != len(wanted):
            raise UserError(
                "No storefront with this id.", field="storefrontIds", code=ErrorCode.NOT_FOUND
            )
        zone.storefront_ids = wanted


async def create_zone(
    uow: UnitOfWork, merchant_id: UUID, command: ZoneInput, now: datetime
) -> ShippingZone:
    if not command.countries:
        raise UserError("Name at least one country.", field="countries", code=ErrorCode.REQUIRED)
    zone = ShippingZone(new_id(), merchant_id, "", [], [], now, now)
    zone.name = require_text(command.name, field="name", max_length=120)
    await _apply_zone(uow, zone, command)
    uow.shipping_zones.add(zone)
    await uow.commit()
    return zone


async def update_zone(
    uow: UnitOfWork, zone_id: UUID, command: ZoneInput, now: datetime
) -> ShippingZone:
    zone = await uow.shipping_zones.get(zone_id)
    if zone is None:
        raise NotFound("No shipping zone with this id.")
    await _apply_zone(uow, zone, command)
    if not zone.countries:
        raise UserError("Name at least one country.", field="countries", code=ErrorCode.REQUIRED)
    zone.updated_at = now
    await uow.commit()
    return zone


async def delete_zone(uow: UnitOfWork, zone_id: UUID) -> None:
    zone = await uow.shipping_zones.get(zone_id)
    if zone is None:
        raise NotFound("No shipping zone with this id.")
    await uow.shipping_zones.delete(zone)
    await uow.commit()


@dataclass(frozen=True)
class MethodInput:
    name: str | None = None
    price: str | None = None
    currency: str | None = None
    free_above: str | None = None
    clear_free_above: bool = False
    # [(max weight in grams, price as a decimal string)]
    weight_tiers: Sequence[tuple[int, str]] | None = None
    is_active: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _tiers(tiers: Sequence[tuple[int, str]], currency: str) -> list[list[int]]:
    if len(tiers) > MAX_TIERS:
        raise UserError(f"At most {MAX_TIERS} tiers.", field="weightTiers")
    result: list[list[int]] = []
    for index, (limit, price) in enumerate(tiers):
        path = f"weightTiers.{index}"
        if not 0 < limit <= 10_000_000:
            raise UserError(
                "A tier's maximum weight is a positive number of grams.",
                field=f"{path}.maxWeightGrams",
            )
        if result and limit <= result[-1][0]:
            raise UserError("Tiers go up in weight.", field=f"{path}.maxWeightGrams")
        result.append([limit, _amount(price, currency, f"{path}.price")])
    return result


def _amount(text: str, currency: str, field: str) -> int:
    try:
        money = Money.parse(text, currency)
    except UserError as error:
        raise UserError(error.message, field=field) from None
    if money.amount < 0:
        raise UserError("Must be zero or more.", field=field)
    return money.amount


def _apply_method(method: ShippingMethod, command: MethodInput) -> None:
    if command.name is not None:
        method.name = require_text(command.name, field="name", max_length=120)
    if command.price is not None:
        method.amount = _amount(command.price, method.currency, "price")
    if command.free_above is not None:
        method.free_above_amount = _amount(command.free_above, method.currency, "freeAbove")
    elif command.clear_free_above:
        method.free_above_amount = None
    if command.weight_tiers is not None:
        method.weight_tiers = _tiers(command.weight_tiers, method.currency)
    if command.is_active is not None:
        method.is_active = command.is_active


async def create_method(
    uow: UnitOfWork, merchant_id: UUID, zone_id: UUID, command: MethodInput, now: datetime
) -> ShippingMethod:
    if await uow.shipping_zones.get(zone_id) is None:
        raise UserError("No shipping zone with this id.", field="zoneId", code=ErrorCode.NOT_FOUND)
    if command.currency is None:
        raise UserError("This field is required.", field="currency", code=ErrorCode.REQUIRED)
    if command.price is None and not command.weight_tiers:
        raise UserError("Give a price or weight tiers.", field="price", code=ErrorCode.REQUIRED)
    currency = validate_currency(command.currency)
    method = ShippingMethod(
        new_id(), merchant_id, zone_id, "", currency, 0, None, [], True, now, now
    )
    method.name = require_text(command.name, field="name", max_length=120)
    _apply_method(method, command)
    uow.shipping_methods.add(method)
    await uow.commit()
    return method


async def update_method(
    uow: UnitOfWork, method_id: UUID, command: MethodInput, now: datetime
) -> ShippingMethod:
    method = await uow.shipping_methods.get(method_id)
    if method is None:
        raise NotFound("No shipping method with this id.")
    _apply_method(method, command)
    method.updated_at = now
    await uow.commit()
    return method


async def delete_method(uow: UnitOfWork, method_id: UUID) -> None:
    """Orders keep their own copy of the method's name and price; carts lose the choice."""
    method = await uow.shipping_methods.get(method_id)
    if method is None:
        raise NotFound("No shipping method with this id.")
    await uow.shipping_methods.delete(method)
    await uow.commit()
