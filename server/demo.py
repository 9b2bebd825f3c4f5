"""Demo data for `agora serve --demo` and `agora seed-demo`: idempotent, development only."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from domain.auth import PlatformAdmin
from domain.ids import new_id
from domain.merchants import CreateMerchant, create_merchant
from domain.pagination import PageRequest
from domain.storefronts import Storefront, StorefrontInput, StorefrontKind, create_storefront
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork
from server.demo_catalog import HUB, DemoStores, Progress, seed_demo_catalog
from server.demo_checkout import seed_demo_checkout
from server.security.passwords import Argon2Hasher

DEMO_MERCHANT = "demo"
DEMO_STAFF_EMAIL = "owner@demo.agora.dev"
DEMO_ADMIN_EMAIL = "admin@agora.dev"
DEMO_PASSWORD = "agora-demo-password"  # noqa: S105 - printed to the developer on purpose


@dataclass(frozen=True)
class DemoInfo:
    merchant_slug: str
    staff_email: str
    admin_email: str
    password: str
    storefront_token: str
    marketplace_token: str


async def seed_demo(
    database: Database, hasher: Argon2Hasher, progress: Progress = lambda _message: None
) -> DemoInfo:
    now = datetime.now(UTC)
    async with SqlUnitOfWork(database, None) as uow:
        merchant = await uow.merchants.by_slug(DEMO_MERCHANT)
        if merchant is None:
            merchant, _owner = await create_merchant(
                uow,
                CreateMerchant(
                    "Demo Store", DEMO_MERCHANT, DEMO_STAFF_EMAIL, "Demo Owner", DEMO_PASSWORD
                ),
                hasher,
                now,
            )
        if await uow.auth.admin_by_email(DEMO_ADMIN_EMAIL) is None:
            uow.auth.add_admin(
                PlatformAdmin(
                    new_id(), DEMO_ADMIN_EMAIL, await hasher.hash(DEMO_PASSWORD), True, now
                )
            )
            await uow.commit()
    web = await _storefront(database, merchant.id, "Demo Web Shop", StorefrontKind.WEB, "USD", now)
    market = await _storefront(
        database, merchant.id, "Demo Marketplace", StorefrontKind.MARKETPLACE, "EUR", now
    )
    await seed_demo_catalog(database, merchant.id, DemoStores(web.id, market.id), now, progress)
    await seed_demo_checkout(
        database, merchant.id, web.id, market.id, await _warehouse(database, merchant.id), now
    )
    return DemoInfo(
        DEMO_MERCHANT,
        DEMO_STAFF_EMAIL,
        DEMO_ADMIN_EMAIL,
        DEMO_PASSWORD,
        web.token,
        market.token,
    )


async def _storefront(
    database: Database,
    merchant_id: UUID,
    name: str,
    kind: StorefrontKind,
    currency: str,
    now: datetime,
) -> Storefront:
    """The demo storefront of this name, created the first time."""
    async with SqlUnitOfWork(database, merchant_id) as uow:
        existing = (await uow.storefronts.page(PageRequest(first=100))).items
        found = next((s for s in existing if s.name == name), None)
        if found is not None:
            return found
        country = "US" if currency == "USD" else "NL"
        return await create_storefront(
            uow, merchant_id, StorefrontInput(name, kind, currency, country), now
        )


async def _warehouse(database: Database, merchant_id: UUID) -> UUID | None:
    """The demo's European hub (click & collect), if the demo catalog made it."""
    async with SqlUnitOfWork(database, merchant_id) as uow:
        houses = (await uow.warehouses.page(PageRequest(first=100))).items
    return next((house.id for house in houses if house.name == HUB), None)
