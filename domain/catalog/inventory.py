"""Warehouses, which storefronts they supply, and stock per variant per warehouse.

Stock counts change with single conditional UPDATEs in persistence (see ARCHITECTURE.md); what a
storefront can sell is the stock of its warehouses, less what is reserved, never below zero.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domain.catalog.products import record_product_change
from domain.countries import validate_country
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType, new_event, ref
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

if TYPE_CHECKING:
    pass

MAX_STOCK = 1_000_000_000


@dataclass(eq=False)
class Warehouse(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    street: str
    city: str
    postal_code: str
    country: str
    countries_served: list[str]
    created_at: datetime
    updated_at: datetime
    # Shoppers may collect orders here (click & collect).
    pickup_enabled: bool = False


@dataclass(eq=False)
class StorefrontWarehouse(TenantOwned):
    """A storefront sells from a warehouse's stock."""

    id: UUID
    merchant_id: UUID
    storefront_id: UUID
    warehouse_id: UUID


@dataclass(eq=False)
class Stock(TenantOwned):
    id: UUID
    merchant_id: UUID
    variant_id: UUID
    warehouse_id: UUID
    quantity: int
    reserved: int
    updated_at: datetime

    @property
    def available(self) -> int:
        return max(0, self.quantity - self.reserved)


@dataclass(frozen=True)
class WarehouseInput:
    name: str | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    countries_served: Sequence[str] | None = None
    pickup_enabled: bool | None = None


def _apply(warehouse: Warehouse, command: WarehouseInput) -> None:
    if command.name is not None:
        warehouse.name = require_text(command.name, field="name", max_length=120)
    if command.street is not None:
        warehouse.street = require_text(command.street, field="street", max_length=200)
    if command.city is not None:
        warehouse.city = require_text(command.city, field="city", max_length=100)
    if command.postal_code is not None:
        warehouse.postal_code = require_text(command.postal_code, field="postalCode", max_length=20)
    if command.country is not None:
        warehouse.country = validate_country(command.country)
    if command.pickup_enabled is not None:
        warehouse.pickup_enabled = command.pickup_enabled
    if command.countries_served is not None:
        warehouse.countries_served = sorted(
            {validate_country(c, field="countriesServed") for c in command.countries_served}
        )


async def create_warehouse(
    uow: UnitOfWork, merchant_id: UUID, command: WarehouseInput, now: datetime
) -> Warehouse:
    for value, field in (
        (command.name, "name"),
        (command.street, "street"),
        (command.city, "city"),
        (command.postal_code, "postalCode"),
        (command.country, "country"),
    ):
        if value is None:
            raise UserError("This field is required.", field=field, code=ErrorCode.REQUIRED)
    warehouse = Warehouse(new_id(), merchant_id, "", "", "", "", "", [], now, now)
    _apply(warehouse, command)
    if command.countries_served is None:
        warehouse.countries_served = [warehouse.country]
    uow.warehouses.add(warehouse)
    await uow.commit()
    return warehouse


async def update_warehouse(
    uow: UnitOfWork, warehouse_id: UUID, command: WarehouseInput, now: datetime
) -> Warehouse:
    warehouse = await uow.warehouses.get(warehouse_id)
    if warehouse is None:
        raise NotFound("No warehouse with this id.")
    _apply(warehouse, command)
    warehouse.updated_at = now
    await uow.commit()
    return warehouse


async def set_storefront_warehouses(
    uow: UnitOfWork, storefront_id: UUID, warehouse_ids: Sequence[UUID]
) -> list[UUID]:
    """The complete list of warehouses a storefront sells from."""
    if await uow.storefronts.get(storefront_id) is None:
        raise NotFound("No storefront with this id.")
    wanted = list(dict.fromkeys(warehouse_ids))
    if len(await uow.warehouses.get_many(wanted)) != len(wanted):
        raise UserError(
            "One or more warehouses do not exist.", field="warehouseIds", code=ErrorCode.NOT_FOUND
        )
    await uow.warehouses.link(storefront_id, wanted)
    await uow.commit()
    return wanted


async def set_stock(
    uow: UnitOfWork, variant_id: UUID, warehouse_id: UUID, quantity: int, now: datetime
) -> Stock:
    """Set the quantity on hand (what is reserved stays reserved)."""
    stock = await change_stock(uow, variant_id, warehouse_id, quantity, now)
    await uow.commit()
    return stock


async def change_stock(
    uow: UnitOfWork, variant_id: UUID, warehouse_id: UUID, quantity: int, now: datetime
) -> Stock:
    """`set_stock` without its commit."""
    if not 0 <= quantity <= MAX_STOCK:
        raise UserError(f"Give a quantity from 0 to {MAX_STOCK}.", field="quantity")
    variant = await uow.variants.get(variant_id)
    if variant is None:
        raise UserError("No variant with this id.", field="variantId", code=ErrorCode.NOT_FOUND)
    if await uow.warehouses.get(warehouse_id) is None:
        raise UserError("No warehouse with this id.", field="warehouseId", code=ErrorCode.NOT_FOUND)
    stocks = await uow.stocks.of_variant(variant_id)
    before = sum(s.available for s in stocks)
    stock = next((s for s in stocks if s.warehouse_id == warehouse_id), None)
    if stock is None:
        stock = Stock(new_id(), variant.merchant_id, variant_id, warehouse_id, 0, 0, now)
        uow.stocks.add(stock)
        stocks.append(stock)
    stock.quantity = quantity
    stock.updated_at = now
    record_stock_level(
        uow, variant.merchant_id, variant, before, sum(s.available for s in stocks), now
    )
    await record_product_change(uow, variant.product_id, now)
    return stock


class StockedVariant(Protocol):
    """What inventory events need to know of a variant (a ProductVariant or a checkout Offer)."""

    @property
    def id(self) -> UUID: ...

    @property
    def sku(self) -> str: ...

    @property
    def product_id(self) -> UUID: ...

    @property
    def track_inventory(self) -> bool: ...

    @property
    def low_stock_threshold(self) -> int | None: ...


def stock_level_event(variant: StockedVariant, before: int, after: int) -> EventType | None:
    """Which inventory event a change of a variant's available units (over all warehouses)
    crosses into, if any: out of stock at zero, low stock at its threshold or below. An event is
    sent on crossing, not again while the level stays there."""
    if not variant.track_inventory or after >= before:
        return None
    if after == 0:
        return EventType.INVENTORY_OUT_OF_STOCK
    threshold = variant.low_stock_threshold
    if threshold is not None and after <= threshold < before:
        return EventType.INVENTORY_LOW_STOCK
    return None


def record_stock_level(
    uow: UnitOfWork,
    merchant_id: UUID,
    variant: StockedVariant,
    before: int,
    after: int,
    now: datetime,
) -> None:
    type = stock_level_event(variant, before, after)
    if type is None:
        return
    data = {
        "variant": {
            "id": ref("ProductVariant", variant.id),
            "sku": variant.sku,
            "productId": ref("Product", variant.product_id),
        },
        "available": after,
        "threshold": variant.low_stock_threshold,
    }
    uow.record(new_event(merchant_id, type, data, now))


async def record_stock_taken(
    uow: UnitOfWork,
    merchant_id: UUID,
    taken: Mapping[UUID, tuple[StockedVariant, int]],
    now: datetime,
) -> None:
    """inventory.low_stock / out_of_stock for variants whose units just taken (by variant id:
    the variant and how many units) took their available stock past a threshold. Reads what
    is left after taking, in one statement (checkout and order editing share it)."""
    if not taken:
        return
    left = await uow.stocks.available_totals(list(taken))
    for variant_id, (variant, units) in taken.items():
        after = left.get(variant_id, 0)
        record_stock_level(uow, merchant_id, variant, after + units, after, now)
