"""The demo catalog: deterministic, realistic in size, built through the domain like an import.

504 products with 2,016 variants in a 30-category tree; typed attributes (swatch colours,
sizes, material, eco flag, weight, care text); two storefronts with their own prices (web in
USD, marketplace in EUR); two warehouses with stock (some variants sold out); three collections.
The same seed gives the same catalog every time; products arrive through bulk creation.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.catalog.attribute_values import AttributeValueInput
from domain.catalog.attributes import AttributeInput, AttributeKind, ChoiceInput, create_attribute
from domain.catalog.bulk import (
    BulkListing,
    BulkPrice,
    BulkProduct,
    BulkStock,
    BulkVariant,
    bulk_create_products,
)
from domain.catalog.categories import CategoryInput, create_category
from domain.catalog.collections import CollectionInput, create_collection, set_products
from domain.catalog.inventory import WarehouseInput, create_warehouse, set_storefront_warehouses
from domain.catalog.product_types import ProductTypeInput, create_product_type
from domain.catalog.products import MediaInput, ProductInput
from domain.catalog.variants import VariantInput
from domain.pagination import PageRequest
from domain.validation import slugify
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork
from server.security.html import sanitize_html

Progress = Callable[[str], None]
SEED = 2026
PRODUCTS_PER_LEAF = 21
BATCH = 100

# Root -> (product type, the leaves below it with the item each sells)
TREE: dict[str, tuple[str, dict[str, str]]] = {
    "Tops": ("apparel", {"T-shirts": "Tee", "Shirts": "Shirt", "Sweaters": "Sweater", "Hoodies": "Hoodie"}),
    "Bottoms": ("apparel", {"Jeans": "Jeans", "Chinos": "Chino", "Shorts": "Shorts", "Joggers": "Jogger"}),
    "Outerwear": ("apparel", {"Rain jackets": "Rain Jacket", "Parkas": "Parka", "Vests": "Vest", "Fleeces": "Fleece"}),
    "Footwear": ("footwear", {"Running": "Running Shoe", "Hiking": "Hiking Boot", "Sneakers": "Sneaker", "Sandals": "Sandal"}),
    "Bags": ("accessory", {"Backpacks": "Backpack", "Totes": "Tote", "Duffels": "Duffel", "Hip packs": "Hip Pack"}),
    "Accessories": ("accessory", {"Caps": "Cap", "Beanies": "Beanie", "Scarves": "Scarf", "Socks": "Sock Pack"}),
}  # fmt: skip
BASE_PRICE = {
    "Tops": 28,
    "Bottoms": 55,
    "Outerwear": 120,
    "Footwear": 95,
    "Bags": 70,
    "Accessories": 18,
}
ADJECTIVES = [
    "Everyday", "Coastal", "Alpine", "Urban", "Trail", "Harbor", "Summit", "Meadow", "Canyon",
    "Northern", "Drift", "Cedar", "Granite", "Willow", "Tidal", "Ember", "Aurora", "Juniper",
    "Basalt", "Prairie", "Fjord",
]  # fmt: skip
COLOURS = {
    "Black": "#1b1b1b", "Sand": "#d8c8a8", "Forest": "#2f5233", "Navy": "#1f2a44",
    "Rust": "#a0482a", "Sky": "#8cb8d8", "Cream": "#f3ecd8", "Charcoal": "#3c3f44",
}  # fmt: skip
SIZES = ["XS", "S", "M", "L", "XL"]
SHOE_SIZES = ["38", "39", "40", "41", "42", "43", "44", "45"]
MATERIALS = ["Organic cotton", "Merino wool", "Linen", "Leather", "Mesh", "Recycled polyester", "Canvas"]  # fmt: skip


@dataclass(frozen=True)
class DemoStores:
    web: UUID  # USD
    marketplace: UUID  # EUR


@dataclass
class _Attributes:
    ids: dict[str, UUID]
    types: dict[str, UUID]


async def seed_demo_catalog(
    database: Database,
    merchant_id: UUID,
    stores: DemoStores,
    now: datetime,
    progress: Progress = lambda _message: None,
) -> int:
    """Create the demo catalog unless the merchant has products; return how many were made."""
    async with SqlUnitOfWork(database, merchant_id) as uow:
        if (await uow.products.page(PageRequest(first=1))).items:
            return 0
    leaves = await _categories(database, merchant_id, now)
    progress(f"demo catalog: {len(leaves) + len(TREE)} categories")
    attributes = await _attributes(database, merchant_id, now)
    depots = await _warehouses(database, merchant_id, stores, now)
    items = _items(
        random.Random(SEED),  # noqa: S311 - demo data, not secrets
        leaves,
        attributes,
        stores,
        depots,
    )
    made: list[UUID] = []
    for start in range(0, len(items), BATCH):
        async with SqlUnitOfWork(database, merchant_id) as uow:
            result = await bulk_create_products(
                uow, merchant_id, items[start : start + BATCH], now, atomic=True
            )
        if result.errors:
            raise RuntimeError(f"demo catalog item refused: {result.errors[0].field}")
        made += [product.id for product in result.products if product is not None]
        progress(f"demo catalog: {len(made)}/{len(items)} products")
    await _collections(database, merchant_id, made, now)
    await database.refresh_statistics()
    return len(made)


async def _categories(
    database: Database, merchant_id: UUID, now: datetime
) -> list[tuple[UUID, str, str]]:
    """Leaves as (id, root name, item name)."""
    leaves = []
    async with SqlUnitOfWork(database, merchant_id) as uow:
        for root, (_kind, children) in TREE.items():
            parent = await create_category(uow, merchant_id, CategoryInput(name=root), now)
            for child, item in children.items():
                made = await create_category(
                    uow, merchant_id, CategoryInput(name=child, parent_id=parent.id), now
                )
                leaves.append((made.id, root, item))
    return leaves


async def _attributes(database: Database, merchant_id: UUID, now: datetime) -> _Attributes:
    def choices(names: list[str]) -> list[ChoiceInput]:
        return [ChoiceInput(name) for name in names]

    specs = {
        "colour": AttributeInput(
            "Colour",
            kind=AttributeKind.SWATCH,
            choices=[ChoiceInput(n, color=c) for n, c in COLOURS.items()],
        ),
        "size": AttributeInput("Size", kind=AttributeKind.SINGLE_SELECT, choices=choices(SIZES)),
        "shoe-size": AttributeInput(
            "Shoe size", kind=AttributeKind.SINGLE_SELECT, choices=choices(SHOE_SIZES)
        ),
        "material": AttributeInput(
            "Material", kind=AttributeKind.SINGLE_SELECT, choices=choices(MATERIALS)
        ),
        "eco": AttributeInput("Eco-friendly", kind=AttributeKind.BOOLEAN, filterable=True),
        "weight": AttributeInput("Weight", kind=AttributeKind.NUMBER, unit="kg"),
        "care": AttributeInput("Care", kind=AttributeKind.TEXT),
    }
    ids: dict[str, UUID] = {}
    async with SqlUnitOfWork(database, merchant_id) as uow:
        for key, spec in specs.items():
            ids[key] = (await create_attribute(uow, merchant_id, spec, now)).id
        layouts = {
            "apparel": (["material", "eco", "care"], ["size", "colour"]),
            "footwear": (["material", "weight"], ["shoe-size", "colour"]),
            "accessory": (["material", "eco"], ["colour"]),
        }
        types = {}
        for kind, (product_level, variant_level) in layouts.items():
            made = await create_product_type(
                uow,
                merchant_id,
                ProductTypeInput(
                    kind.title(),
                    None,
                    [ids[a] for a in product_level],
                    [ids[a] for a in variant_level],
                ),
                now,
            )
            types[kind] = made.id
    return _Attributes(ids, types)


HUB = "Rotterdam Hub"


async def _warehouses(
    database: Database, merchant_id: UUID, stores: DemoStores, now: datetime
) -> tuple[UUID, UUID]:
    async with SqlUnitOfWork(database, merchant_id) as uow:
        oakland = await create_warehouse(
            uow,
            merchant_id,
            WarehouseInput("Oakland Depot", "1 Harbor Way", "Oakland", "94607", "US", ["US", "CA"]),
            now,
        )
        rotterdam = await create_warehouse(
            uow,
            merchant_id,
            WarehouseInput(
                HUB,
                "Waalhaven 12",
                "Rotterdam",
                "3089 JH",
                "NL",
                ["NL", "BE", "DE", "FR"],
            ),
            now,
        )
        await set_storefront_warehouses(uow, stores.web, [oakland.id])
        await set_storefront_warehouses(uow, stores.marketplace, [rotterdam.id])
    return oakland.id, rotterdam.id


def _items(
    rng: random.Random,
    leaves: list[tuple[UUID, str, str]],
    attributes: _Attributes,
    stores: DemoStores,
    depots: tuple[UUID, UUID],
) -> list[BulkProduct]:
    items = []
    for leaf_index, (category_id, root, item) in enumerate(leaves):
        kind = TREE[root][0]
        for number in range(PRODUCTS_PER_LEAF):
            name = f"{ADJECTIVES[number]} {item}"
            items.append(
                _product(
                    rng,
                    (leaf_index, number),
                    name,
                    category_id,
                    root,
                    kind,
                    attributes,
                    stores,
                    depots,
                )
            )
    return items


def _product(
    rng: random.Random,
    position: tuple[int, int],
    name: str,
    category_id: UUID,
    root: str,
    kind: str,
    attributes: _Attributes,
    stores: DemoStores,
    depots: tuple[UUID, UUID],
) -> BulkProduct:
    ids = attributes.ids
    leaf_index, number = position
    material = rng.choice(MATERIALS)
    values = [AttributeValueInput(ids["material"], choices=[slugify(material)])]
    if kind != "footwear":
        values.append(AttributeValueInput(ids["eco"], boolean=rng.random() < 0.4))
    if kind == "apparel":
        values.append(AttributeValueInput(ids["care"], text="Machine wash cold, hang to dry."))
    if kind == "footwear":
        values.append(AttributeValueInput(ids["weight"], number=f"{rng.randint(4, 14) / 10}"))
    usd = BASE_PRICE[root] + rng.randint(0, BASE_PRICE[root])
    seed = f"agora-{leaf_index}-{number}"
    return BulkProduct(
        ProductInput(
            name=name,
            description_html=(
                f"<p>The {name.lower()}: {material.lower()}, made to last. "
                f"Part of our {root.lower()} range.</p>"
            ),
            category_id=category_id,
            set_category=True,
            seo_title=name,
            tags=["demo", root.lower()],
            media=[
                MediaInput(f"https://picsum.photos/seed/{seed}/800/800", f"{name}, front"),
                MediaInput(f"https://picsum.photos/seed/{seed}-b/800/600", f"{name}, detail"),
            ],
            product_type_id=attributes.types[kind],
            attributes=values,
            sanitize=sanitize_html,
        ),
        _variants(rng, kind, (leaf_index, number), usd, ids, stores, depots),
        [
            BulkListing(stores.web, is_published=rng.random() > 0.03),
            BulkListing(stores.marketplace, is_published=rng.random() < 0.7),
        ],
    )


def _variants(
    rng: random.Random,
    kind: str,
    position: tuple[int, int],
    usd: int,
    ids: dict[str, UUID],
    stores: DemoStores,
    depots: tuple[UUID, UUID],
) -> list[BulkVariant]:
    colours = rng.sample(sorted(COLOURS), 4 if kind == "accessory" else 2)
    combos: list[tuple[str | None, str]]
    if kind == "accessory":
        combos = [(None, colour) for colour in colours]
    else:
        sizes = rng.sample(SHOE_SIZES if kind == "footwear" else SIZES, 2)
        combos = [(size, colour) for size in sorted(sizes) for colour in colours]
    size_attribute = ids["shoe-size"] if kind == "footwear" else ids["size"]
    variants = []
    for offset, (size, colour) in enumerate(combos):
        values = [AttributeValueInput(ids["colour"], choices=[slugify(colour)])]
        if size is not None:
            values.insert(0, AttributeValueInput(size_attribute, choices=[slugify(size)]))
        cents = usd * 100 + 100 * offset - 1
        on_sale = rng.random() < 0.15
        variants.append(
            BulkVariant(
                VariantInput(
                    sku=f"DEMO-{position[0]:02}{position[1]:02}-{offset}",
                    weight_grams=rng.randint(150, 1500),
                    barcode=f"0{rng.randrange(10**11, 10**12)}",
                    attributes=values,
                ),
                [
                    BulkPrice(
                        stores.web,
                        f"{cents / 100:.2f}",
                        f"{cents * 1.25 / 100:.2f}" if on_sale else None,
                        f"{cents * 0.45 / 100:.2f}",
                    ),
                    BulkPrice(stores.marketplace, f"{round(cents * 0.93) / 100:.2f}"),
                ],
                [
                    BulkStock(depots[0], 0 if rng.random() < 0.1 else rng.randint(1, 40)),
                    BulkStock(depots[1], 0 if rng.random() < 0.1 else rng.randint(1, 40)),
                ],
            )
        )
    return variants


async def _collections(
    database: Database, merchant_id: UUID, products: list[UUID], now: datetime
) -> None:
    picks = {
        "Staff picks": products[::21][:24],
        "New arrivals": products[-30:],
        "Gift ideas": products[5::17][:20],
    }
    async with SqlUnitOfWork(database, merchant_id) as uow:
        for name, members in picks.items():
            collection = await create_collection(
                uow,
                merchant_id,
                CollectionInput(name, description_html=f"<p>{name} from the demo store.</p>"),
                now,
            )
            await set_products(uow, collection.id, members, now)
