"""Demo checkout settings: shipping for both demo storefronts, taxes, click & collect.

The web shop (USD, prices without tax) ships to the US and Canada, with California sales tax;
the marketplace (EUR, prices with tax included, as in Europe) ships within its hub's countries
at their VAT rates, and its customers may collect at the Rotterdam hub. Created once.
"""

from datetime import datetime
from uuid import UUID

from domain.catalog.inventory import WarehouseInput, update_warehouse
from domain.checkout.shipping import MethodInput, ZoneInput, create_method, create_zone
from domain.checkout.taxes import TaxRateInput, set_tax_rate
from domain.storefronts import StorefrontInput, update_storefront
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork

VAT = {"NL": "21", "BE": "21", "DE": "19", "FR": "20"}


async def seed_demo_checkout(
    database: Database,
    merchant_id: UUID,
    web: UUID,
    marketplace: UUID,
    hub: UUID | None,
    now: datetime,
) -> None:
    async with SqlUnitOfWork(database, merchant_id) as uow:
        zones, _methods = await uow.shipping_zones.with_methods()
        if zones:
            return
    async with SqlUnitOfWork(database, merchant_id) as uow:
        north_america = await create_zone(
            uow, merchant_id, ZoneInput("North America", ["US", "CA"], [web]), now
        )
    await _method(
        database,
        merchant_id,
        north_america.id,
        MethodInput("Standard", "5.00", "USD", free_above="75.00"),
        now,
    )
    await _method(
        database, merchant_id, north_america.id, MethodInput("Express", "15.00", "USD"), now
    )
    async with SqlUnitOfWork(database, merchant_id) as uow:
        europe = await create_zone(
            uow, merchant_id, ZoneInput("Benelux, DE, FR", list(VAT), [marketplace]), now
        )
    await _method(
        database,
        merchant_id,
        europe.id,
        MethodInput("Parcel", currency="EUR", weight_tiers=[(2000, "4.95"), (10000, "9.95")]),
        now,
    )
    for country, rate in [*VAT.items(), ("US", "0"), ("CA", "5")]:
        async with SqlUnitOfWork(database, merchant_id) as uow:
            await set_tax_rate(uow, merchant_id, TaxRateInput(None, country, "", rate), now)
    async with SqlUnitOfWork(database, merchant_id) as uow:
        await set_tax_rate(uow, merchant_id, TaxRateInput(None, "US", "CA", "7.25"), now)
    async with SqlUnitOfWork(database, merchant_id) as uow:
        await update_storefront(uow, marketplace, StorefrontInput(prices_include_tax=True), now)
    if hub is not None:
        async with SqlUnitOfWork(database, merchant_id) as uow:
            await update_warehouse(uow, hub, WarehouseInput(pickup_enabled=True), now)


async def _method(
    database: Database, merchant_id: UUID, zone_id: UUID, command: MethodInput, now: datetime
) -> None:
    async with SqlUnitOfWork(database, merchant_id) as uow:
        await create_method(uow, merchant_id, zone_id, command, now)
