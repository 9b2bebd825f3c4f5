"""A small, deterministic demo catalog: a category tree, products with variants, USD prices,
one warehouse with stock.

Built through the domain services, like a merchant would through the API. The full-size
demo catalog (hundreds of products, two storefronts, warehouses) comes with bulk operations.
"""

from datetime import datetime
from uuid import UUID

from domain.catalog.categories import CategoryInput, create_category
from domain.catalog.inventory import (
    WarehouseInput,
    create_warehouse,
    set_stock,
    set_storefront_warehouses,
)
from domain.catalog.listings import PriceInput, set_listing, set_variant_price
from domain.catalog.products import MediaInput, ProductInput, create_product
from domain.catalog.variants import VariantInput, create_variant
from domain.pagination import PageRequest
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork
from server.security.html import sanitize_html

TREE = {
    "Apparel": ["T-shirts", "Hoodies"],
    "Footwear": ["Running", "Hiking"],
    "Accessories": [],
}
ITEM = {
    "T-shirts": "T-shirt",
    "Hoodies": "Hoodie",
    "Running": "Running Shoe",
    "Hiking": "Hiking Boot",
    "Accessories": "Cap",
}
COLOURS = ["Black", "Sand", "Forest"]
SIZES = ["S", "M", "L"]
PRODUCTS_PER_CATEGORY = 4


async def seed_demo_catalog(
    database: Database, merchant_id: UUID, storefront_id: UUID, now: datetime
) -> int:
    """Create the demo catalog unless the merchant has products; return how many were made."""
    async with SqlUnitOfWork(database, merchant_id) as uow:
        if (await uow.products.page(PageRequest(first=1))).items:
            return 0
    leaves = await _categories(database, merchant_id, now)
    depot = await _warehouse(database, merchant_id, storefront_id, now)
    made = 0
    for index, (category_id, category_name) in enumerate(leaves):
        for number in range(PRODUCTS_PER_CATEGORY):
            await _product(
                database,
                merchant_id,
                (storefront_id, depot),
                (category_id, category_name),
                (index, number),
                now,
            )
            made += 1
    return made


async def _warehouse(
    database: Database, merchant_id: UUID, storefront_id: UUID, now: datetime
) -> UUID:
    async with SqlUnitOfWork(database, merchant_id) as uow:
        depot = await create_warehouse(
            uow,
            merchant_id,
            WarehouseInput("Demo Depot", "1 Harbor Way", "Oakland", "94607", "US", ["US", "CA"]),
            now,
        )
        await set_storefront_warehouses(uow, storefront_id, [depot.id])
    return depot.id


async def _categories(
    database: Database, merchant_id: UUID, now: datetime
) -> list[tuple[UUID, str]]:
    leaves: list[tuple[UUID, str]] = []
    async with SqlUnitOfWork(database, merchant_id) as uow:
        for top, children in TREE.items():
            parent = await create_category(uow, merchant_id, CategoryInput(name=top), now)
            if not children:
                leaves.append((parent.id, top))
            for child in children:
                made = await create_category(
                    uow, merchant_id, CategoryInput(name=child, parent_id=parent.id), now
                )
                leaves.append((made.id, child))
    return leaves


async def _product(
    database: Database,
    merchant_id: UUID,
    where: tuple[UUID, UUID],
    category: tuple[UUID, str],
    position: tuple[int, int],
    now: datetime,
) -> None:
    (storefront_id, depot), (category_id, category_name), (index, number) = (
        where,
        category,
        position,
    )
    name = f"{COLOURS[number % len(COLOURS)]} {ITEM[category_name]} No. {number + 1}"
    async with SqlUnitOfWork(database, merchant_id) as uow:
        product = await create_product(
            uow,
            merchant_id,
            ProductInput(
                name=name,
                description_html=f"<p>A demo {category_name.lower()} item, made to last.</p>",
                category_id=category_id,
                set_category=True,
                tags=["demo", category_name.lower()],
                media=[
                    MediaInput(f"https://picsum.photos/seed/agora-{index}-{number}/{size}", name)
                    for size in ("800/800", "800/600")
                ],
                sanitize=sanitize_html,
            ),
            now,
        )
        await set_listing(
            uow, product.id, storefront_id, is_published=True, available_from=None, now=now
        )
        base = 1500 + 700 * index + 250 * number
        for offset, size in enumerate(SIZES):
            variant = await create_variant(
                uow,
                product.id,
                VariantInput(sku=f"DEMO-{index:02}{number:02}-{size}", name=size, weight_grams=400),
                now,
            )
            price = f"{(base + 100 * offset) / 100:.2f}"
            await set_variant_price(uow, variant.id, storefront_id, PriceInput(price), now)
            # Every few variants sold out, so the demo shows both states.
            await set_stock(
                uow, variant.id, depot, 0 if (index + number + offset) % 5 == 0 else 25, now
            )
