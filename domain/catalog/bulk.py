"""Creating (and changing) many products at once: each with variants, prices, stock and storefront listings.

Everything is checked in memory against look-ups made once for the whole batch (slugs, SKUs,
categories, types, attributes, storefronts, warehouses), then written in one transaction with
batched inserts. An item with errors is reported with paths into the input
(`products.3.variants.0.sku`) and left out; with `atomic`, any error writes nothing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.catalog.attribute_values import describe_variant, parse_inputs, value_rows
from domain.catalog.attributes import Attribute
from domain.catalog.categories import Category
from domain.catalog.inventory import MAX_STOCK, Stock, Warehouse, change_stock
from domain.catalog.listings import (
    PriceInput,
    ProductListing,
    VariantPrice,
    change_variant_price,
    parse_price,
)
from domain.catalog.product_types import ProductType
from domain.catalog.products import (
    Product,
    ProductInput,
    change_product,
    record_product,
    set_fields,
)
from domain.catalog.variants import ProductVariant, VariantInput, change_variant
from domain.catalog.variants import set_fields as set_variant_fields
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType
from domain.ids import new_id
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork
from domain.validation import slugify, validate_slug

MAX_PRODUCTS = 500
MAX_VARIANTS = 2_000


@dataclass(frozen=True)
class BulkPrice:
    storefront_id: UUID
    price: str
    compare_at_price: str | None = None
    cost_price: str | None = None


@dataclass(frozen=True)
class BulkStock:
    warehouse_id: UUID
    quantity: int


@dataclass(frozen=True)
class BulkListing:
    storefront_id: UUID
    is_published: bool = True
    available_from: datetime | None = None


@dataclass(frozen=True)
class BulkVariant:
    variant: VariantInput
    prices: Sequence[BulkPrice] = ()
    stocks: Sequence[BulkStock] = ()


@dataclass(frozen=True)
class BulkProduct:
    product: ProductInput
    variants: Sequence[BulkVariant] = ()
    listings: Sequence[BulkListing] = ()
    # Set when the item was refused before reaching here (e.g. a malformed ID).
    refused: UserError | None = None


@dataclass(frozen=True)
class BulkResult:
    """Per input item, in order: the product made, or what was wrong with the item."""

    products: list[Product | None]
    errors: list[UserError]

    @property
    def created(self) -> int:
        """How many items were written (created, or changed by an update)."""
        return sum(product is not None for product in self.products)


@dataclass
class _Known:
    """Everything the batch refers to, looked up once."""

    slugs_taken: set[str]
    skus_taken: set[str]
    categories: dict[UUID, Category]
    types: dict[UUID, ProductType]
    attributes: dict[UUID, Attribute]
    storefronts: dict[UUID, Storefront]
    warehouses: dict[UUID, Warehouse]
    slugs_used: set[str] = field(default_factory=set)
    skus_used: set[str] = field(default_factory=set)


@dataclass
class _Rows:
    product: Product
    variants: list[ProductVariant] = field(default_factory=list)
    skus: set[str] = field(default_factory=set)  # taken for good only if the item is kept
    others: list[Any] = field(default_factory=list)  # values, prices, stock, listings


def _candidates(item: BulkProduct) -> list[str]:
    if item.product.slug:
        return [item.product.slug.strip().lower()]
    base = slugify(item.product.name or "") or "product"
    return [base] + [f"{base[:58]}-{n}" for n in range(2, 6)]


async def _look_up(uow: UnitOfWork, items: Sequence[BulkProduct]) -> _Known:
    def ids(pick: Any) -> list[UUID]:
        return list({i for item in items for i in pick(item) if i is not None})

    slugs = {slug for item in items for slug in _candidates(item)}
    skus = {v.variant.sku.strip() for item in items for v in item.variants if v.variant.sku}
    types = await uow.product_types.get_many(ids(lambda i: [i.product.product_type_id]))
    attribute_ids = {a for t in types for a in t.attribute_ids}
    return _Known(
        await uow.products.slugs_taken(slugs),
        await uow.variants.skus_taken(skus),
        _by_id(await uow.categories.get_many(ids(lambda i: [i.product.category_id]))),
        _by_id(types),
        _by_id(await uow.attributes.get_many(list(attribute_ids))),
        _by_id(
            await uow.storefronts.get_many(
                ids(
                    lambda i: (
                        [p.storefront_id for v in i.variants for p in v.prices]
                        + [listing.storefront_id for listing in i.listings]
                    )
                )
            )
        ),
        _by_id(
            await uow.warehouses.get_many(
                ids(lambda i: [s.warehouse_id for v in i.variants for s in v.stocks])
            )
        ),
    )


def _by_id(rows: Sequence[Any]) -> dict[UUID, Any]:
    return {row.id: row for row in rows}


def _slug(item: BulkProduct, known: _Known, product_id: UUID) -> str:
    if item.product.slug:
        slug = validate_slug(item.product.slug)
        if slug in known.slugs_taken or slug in known.slugs_used:
            raise UserError(
                "A product with this slug exists.", field="slug", code=ErrorCode.DUPLICATE
            )
        return slug
    for slug in _candidates(item):
        if slug not in known.slugs_taken and slug not in known.slugs_used:
            return slug
    return f"{_candidates(item)[0][:50]}-{product_id.hex[-8:]}"


def _product(
    item: BulkProduct, known: _Known, merchant_id: UUID, now: datetime
) -> tuple[Product, ProductType | None]:
    command = item.product
    product = Product(new_id(), merchant_id, "", "", "", None, None, None, [], {}, {}, now, now)
    if not command.name:
        raise UserError("This field is required.", field="name", code=ErrorCode.REQUIRED)
    set_fields(product, command)
    product.slug = _slug(item, known, product.id)
    if command.category_id is not None:
        if command.category_id not in known.categories:
            raise UserError(
                "No category with this id.", field="categoryId", code=ErrorCode.NOT_FOUND
            )
        product.category_id = command.category_id
    product_type = None
    if command.product_type_id is not None:
        product_type = known.types.get(command.product_type_id)
        if product_type is None:
            raise UserError(
                "No product type with this id.", field="productTypeId", code=ErrorCode.NOT_FOUND
            )
        product.product_type_id = product_type.id
    return product, product_type


def _build(item: BulkProduct, known: _Known, merchant_id: UUID, now: datetime) -> _Rows:
    """The rows for one item, or a UserError with a path inside the item."""
    if item.refused is not None:
        raise item.refused
    product, product_type = _product(item, known, merchant_id, now)
    rows = _Rows(product)
    if item.product.attributes:
        if product_type is None:
            raise UserError("Give the product a type first.", field="productTypeId")
        parsed = parse_inputs(
            known.attributes,
            product_type.product_attribute_ids,
            item.product.attributes,
            item.product.sanitize,
        )
        rows.others += value_rows(merchant_id, product.id, None, parsed)
    keys: set[str] = set()
    for index, bulk_variant in enumerate(item.variants):
        try:
            _variant(bulk_variant, product, product_type, known, rows, keys, now)
        except UserError as error:
            raise error.within(f"variants.{index}") from None
    _distinct([listing.storefront_id for listing in item.listings], "listings", "storefront")
    for index, listing in enumerate(item.listings):
        if listing.storefront_id not in known.storefronts:
            raise UserError(
                "No storefront with this id.",
                field=f"listings.{index}.storefrontId",
                code=ErrorCode.NOT_FOUND,
            )
        rows.others.append(
            ProductListing(
                new_id(),
                merchant_id,
                product.id,
                listing.storefront_id,
                listing.is_published,
                listing.available_from,
                now,
            )
        )
    return rows


def _variant(
    given: BulkVariant,
    product: Product,
    product_type: ProductType | None,
    known: _Known,
    rows: _Rows,
    keys: set[str],
    now: datetime,
) -> None:
    if not given.variant.sku:
        raise UserError("This field is required.", field="sku", code=ErrorCode.REQUIRED)
    variant = ProductVariant(
        new_id(), product.merchant_id, product.id, "", "", None, None, True, None, now, now
    )
    set_variant_fields(variant, given.variant)
    if variant.sku in known.skus_taken | known.skus_used | rows.skus:
        raise UserError("A variant with this SKU exists.", field="sku", code=ErrorCode.DUPLICATE)
    rows.skus.add(variant.sku)
    defining = product_type.variant_attribute_ids if product_type else []
    if given.variant.attributes and not defining:
        raise UserError("The product's type defines no variant attributes.", field="attributes")
    parsed = parse_inputs(
        known.attributes, defining, given.variant.attributes or [], given.variant.sanitize
    )
    described = describe_variant(defining, parsed, known.attributes)
    if described.key is not None:
        if described.key in keys:
            raise UserError(
                "Another variant has these values.", field="attributes", code=ErrorCode.DUPLICATE
            )
        keys.add(described.key)
    variant.attribute_key = described.key
    variant.name = variant.name or described.name
    _distinct([p.storefront_id for p in given.prices], "prices", "storefront")
    _distinct([s.warehouse_id for s in given.stocks], "stocks", "warehouse")
    rows.variants.append(variant)
    rows.others += value_rows(product.merchant_id, product.id, variant.id, parsed)
    rows.others += _prices(given.prices, variant, known.storefronts, now)
    rows.others += _stocks(given.stocks, variant, known.warehouses, now)


def _prices(
    prices: Sequence[BulkPrice],
    variant: ProductVariant,
    storefronts: Mapping[UUID, Storefront],
    now: datetime,
) -> list[VariantPrice]:
    made = []
    for index, given in enumerate(prices):
        path = f"prices.{index}"
        storefront = storefronts.get(given.storefront_id)
        if storefront is None:
            raise UserError(
                "No storefront with this id.",
                field=f"{path}.storefrontId",
                code=ErrorCode.NOT_FOUND,
            )
        currency = storefront.currency
        made.append(
            VariantPrice(
                new_id(),
                variant.merchant_id,
                variant.id,
                storefront.id,
                currency,
                parse_price(given.price, currency, f"{path}.price"),
                _optional_price(given.compare_at_price, currency, f"{path}.compareAtPrice"),
                _optional_price(given.cost_price, currency, f"{path}.costPrice"),
                now,
            )
        )
    return made


def _distinct(ids: Sequence[UUID], field: str, what: str) -> None:
    """One entry per storefront or warehouse: a second would contradict the first."""
    seen: set[UUID] = set()
    for index, id in enumerate(ids):
        if id in seen:
            raise UserError(
                f"This {what} is given twice.",
                field=f"{field}.{index}.{what}Id",
                code=ErrorCode.DUPLICATE,
            )
        seen.add(id)


def _optional_price(text: str | None, currency: str, field: str) -> int | None:
    return None if text is None else parse_price(text, currency, field)


def _stocks(
    stocks: Sequence[BulkStock],
    variant: ProductVariant,
    warehouses: Mapping[UUID, Warehouse],
    now: datetime,
) -> list[Stock]:
    made = []
    for index, given in enumerate(stocks):
        if given.warehouse_id not in warehouses:
            raise UserError(
                "No warehouse with this id.",
                field=f"stocks.{index}.warehouseId",
                code=ErrorCode.NOT_FOUND,
            )
        if not 0 <= given.quantity <= MAX_STOCK:
            raise UserError(
                f"Give a quantity from 0 to {MAX_STOCK}.", field=f"stocks.{index}.quantity"
            )
        made.append(
            Stock(
                new_id(),
                variant.merchant_id,
                variant.id,
                given.warehouse_id,
                given.quantity,
                0,
                now,
            )
        )
    return made


def _check_size(items: Sequence[BulkProduct]) -> None:
    if not 1 <= len(items) <= MAX_PRODUCTS:
        raise UserError(f"Give 1 to {MAX_PRODUCTS} products.", field="products")
    if sum(len(item.variants) for item in items) > MAX_VARIANTS:
        raise UserError(f"At most {MAX_VARIANTS} variants in one call.", field="products")


async def bulk_create_products(
    uow: UnitOfWork,
    merchant_id: UUID,
    items: Sequence[BulkProduct],
    now: datetime,
    *,
    atomic: bool = False,
) -> BulkResult:
    _check_size(items)
    known = await _look_up(uow, items)
    built: list[_Rows | None] = []
    errors: list[UserError] = []
    for index, item in enumerate(items):
        try:
            rows = _build(item, known, merchant_id, now)
        except UserError as error:
            errors.append(error.within(f"products.{index}"))
            built.append(None)
            continue
        known.slugs_used.add(rows.product.slug)
        known.skus_used |= rows.skus
        built.append(rows)
    if errors and atomic:
        return BulkResult([None] * len(items), errors)
    kept = [rows for rows in built if rows is not None]
    if kept:
        await _write(uow, kept)
    return BulkResult([rows.product if rows else None for rows in built], errors)


async def _write(uow: UnitOfWork, kept: list[_Rows]) -> None:
    """Parents before children: each stage is written before rows pointing at it are added."""
    uow.add_all([rows.product for rows in kept])
    await uow.stage()
    uow.add_all([v for rows in kept for v in rows.variants])
    await uow.stage()
    uow.add_all([row for rows in kept for row in rows.others])
    for rows in kept:
        record_product(uow, EventType.PRODUCT_CREATED, rows.product, rows.product.created_at)
    await uow.commit()


@dataclass(frozen=True)
class BulkVariantUpdate:
    id: UUID
    variant: VariantInput
    prices: Sequence[BulkPrice] = ()
    stocks: Sequence[BulkStock] = ()


@dataclass(frozen=True)
class BulkProductUpdate:
    id: UUID
    product: ProductInput
    variants: Sequence[BulkVariantUpdate] = ()
    refused: UserError | None = None


async def bulk_update_products(
    uow: UnitOfWork, items: Sequence[BulkProductUpdate], now: datetime, *, atomic: bool = False
) -> BulkResult:
    """Change many products and their variants' fields, prices and stock in one transaction.

    Each item runs the same checks as its single mutations, inside a savepoint: an item with an
    error is rolled back alone (or, with `atomic`, the whole call is).
    """
    if not 1 <= len(items) <= MAX_PRODUCTS:
        raise UserError(f"Give 1 to {MAX_PRODUCTS} products.", field="products")
    if sum(len(item.variants) for item in items) > MAX_VARIANTS:
        raise UserError(f"At most {MAX_VARIANTS} variants in one call.", field="products")
    products: list[Product | None] = []
    errors: list[UserError] = []
    for index, item in enumerate(items):
        try:
            async with uow.savepoint():
                products.append(await _update_item(uow, item, now))
        except UserError as error:
            errors.append(error.within(f"products.{index}"))
            products.append(None)
    if errors and atomic:
        await uow.rollback()
        return BulkResult([None] * len(items), errors)
    await uow.commit()
    # A later item's rolled-back savepoint expires what it touched, earlier items' products
    # included: read them back while the session is open, for the response.
    # (By the items' ids: reading an expired object's id would itself need the database.)
    kept = [item.id if product else None for item, product in zip(items, products, strict=True)]
    fresh = {p.id: p for p in await uow.products.get_many([i for i in kept if i])}
    return BulkResult([fresh.get(i) if i else None for i in kept], errors)


async def _update_item(uow: UnitOfWork, item: BulkProductUpdate, now: datetime) -> Product:
    if item.refused is not None:
        raise item.refused
    try:
        product = await change_product(uow, item.id, item.product, now)
    except NotFound:
        raise UserError("No product with this id.", field="id", code=ErrorCode.NOT_FOUND) from None
    for index, given in enumerate(item.variants):
        try:
            await _update_variant(uow, product, given, now)
        except UserError as error:
            raise error.within(f"variants.{index}") from None
    return product


async def _update_variant(
    uow: UnitOfWork, product: Product, given: BulkVariantUpdate, now: datetime
) -> None:
    existing = await uow.variants.get(given.id)
    if existing is None or existing.product_id != product.id:
        raise UserError(
            "The product has no variant with this id.", field="id", code=ErrorCode.NOT_FOUND
        )
    _distinct([p.storefront_id for p in given.prices], "prices", "storefront")
    _distinct([s.warehouse_id for s in given.stocks], "stocks", "warehouse")
    await change_variant(uow, given.id, given.variant, now)
    for index, price in enumerate(given.prices):
        command = PriceInput(price.price, price.compare_at_price, price.cost_price)
        try:
            await change_variant_price(uow, given.id, price.storefront_id, command, now)
        except UserError as error:
            raise error.within(f"prices.{index}") from None
    for index, stock in enumerate(given.stocks):
        try:
            await change_stock(uow, given.id, stock.warehouse_id, stock.quantity, now)
        except UserError as error:
            raise error.within(f"stocks.{index}") from None
