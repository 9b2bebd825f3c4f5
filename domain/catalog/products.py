"""Products: what a merchant sells, described once, listed per storefront."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.catalog.archiving import archive, ensure_live
from domain.catalog.attribute_values import AttributeValueInput, set_product_values
from domain.catalog.rich_text import HtmlSanitizer, plain_text
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType, new_event, ref
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import (
    require_text,
    slugify,
    validate_metadata,
    validate_slug,
    validate_tags,
)

MAX_MEDIA = 50


class MediaKind(StrEnum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"


@dataclass(frozen=True)
class MediaInput:
    url: str
    alt: str = ""
    kind: MediaKind = MediaKind.IMAGE


def _media(items: Sequence[MediaInput]) -> list[dict[str, str]]:
    """Absolute http(s) URLs only (no javascript: or data: URLs reach a storefront)."""
    if len(items) > MAX_MEDIA:
        raise UserError(f"At most {MAX_MEDIA} media.", field="media")
    result = []
    for index, item in enumerate(items):
        url = require_text(item.url, field=f"media.{index}.url", max_length=2000)
        scheme, _, rest = url.partition("://")
        if scheme.lower() not in ("http", "https") or not rest or any(c.isspace() for c in url):
            raise UserError("Give an absolute http(s) URL.", field=f"media.{index}.url")
        alt = item.alt.strip()
        if len(alt) > 250:
            raise UserError("At most 250 characters.", field=f"media.{index}.alt")
        result.append({"url": url, "alt": alt, "kind": MediaKind(item.kind).value})
    return result


@dataclass(eq=False)
class Product(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    slug: str
    description_html: str
    category_id: UUID | None
    seo_title: str | None
    seo_description: str | None
    tags: list[str]
    metadata: dict[str, str]
    private_metadata: dict[str, str]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = None
    # Ordered media, each {"url", "alt", "kind"}; the first is the thumbnail.
    media: list[dict[str, str]] = field(default_factory=list)
    # The description's words without markup: what search matches.
    description_text: str = ""
    product_type_id: UUID | None = None
    tax_class_id: UUID | None = None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class ProductInput:
    """Omitted (None) fields stay as they are on update."""

    name: str | None = None
    slug: str | None = None
    description_html: str | None = None
    category_id: UUID | None = None
    set_category: bool = False  # whether category_id was given (None then means "none")
    seo_title: str | None = None
    seo_description: str | None = None
    tags: Sequence[str] | None = None
    metadata: Mapping[str, str] | None = None
    private_metadata: Mapping[str, str] | None = None
    media: Sequence[MediaInput] | None = None
    product_type_id: UUID | None = None  # set once: a product's type never changes
    attributes: Sequence[AttributeValueInput] | None = None
    sanitize: HtmlSanitizer = field(default=lambda html: html, repr=False)
    tax_class_id: UUID | None = None
    set_tax_class: bool = False  # whether tax_class_id was given (None then means "default")


async def _slug(uow: UnitOfWork, wanted: str | None, name: str, own_id: UUID) -> str:
    """The wanted slug (which must be free), or one made from the name (made free)."""
    if wanted:
        slug = validate_slug(wanted, field="slug")
        taken = await uow.products.by_slug(slug)
        if taken is not None and taken.id != own_id:
            raise UserError(
                "A product with this slug exists.", field="slug", code=ErrorCode.DUPLICATE
            )
        return slug
    base = slugify(name) or "product"
    slug, counter = base, 1
    while (taken := await uow.products.by_slug(slug)) is not None and taken.id != own_id:
        counter += 1
        slug = f"{base[:58]}-{counter}"
    return slug


async def _apply(uow: UnitOfWork, product: Product, command: ProductInput) -> None:
    set_fields(product, command)
    if command.slug is not None:
        product.slug = await _slug(uow, command.slug, product.name, product.id)
    if command.set_category:
        if (
            command.category_id is not None
            and await uow.categories.get(command.category_id) is None
        ):
            raise UserError(
                "No category with this id.", field="categoryId", code=ErrorCode.NOT_FOUND
            )
        product.category_id = command.category_id
    if command.set_tax_class:
        if (
            command.tax_class_id is not None
            and await uow.tax_classes.get(command.tax_class_id) is None
        ):
            raise UserError(
                "No tax class with this id.", field="taxClassId", code=ErrorCode.NOT_FOUND
            )
        product.tax_class_id = command.tax_class_id


def set_fields(product: Product, command: ProductInput) -> None:
    """The fields that need no lookup: checked and set, or a UserError naming the field."""
    if command.name is not None:
        product.name = require_text(command.name, field="name", max_length=250)
    if command.description_html is not None:
        product.description_html = command.sanitize(command.description_html)
        product.description_text = plain_text(product.description_html)
    if command.seo_title is not None:
        product.seo_title = command.seo_title.strip()[:70] or None
    if command.seo_description is not None:
        product.seo_description = command.seo_description.strip()[:300] or None
    if command.tags is not None:
        product.tags = validate_tags(command.tags)
    if command.metadata is not None:
        product.metadata = validate_metadata(command.metadata, "metadata")
    if command.private_metadata is not None:
        product.private_metadata = validate_metadata(command.private_metadata, "privateMetadata")
    if command.media is not None:
        product.media = _media(command.media)


async def _set_type(uow: UnitOfWork, product: Product, product_type_id: UUID | None) -> None:
    if product_type_id is None or product_type_id == product.product_type_id:
        return
    if product.product_type_id is not None:
        raise UserError(
            "A product's type cannot change.", field="productTypeId", code=ErrorCode.INVALID_STATE
        )
    product_type = await uow.product_types.get(product_type_id)
    if product_type is None:
        raise UserError(
            "No product type with this id.", field="productTypeId", code=ErrorCode.NOT_FOUND
        )
    if product_type.variant_attribute_ids and await uow.variants.of_product(product.id):
        raise UserError(
            "This type defines variants by attributes; give it to products without variants.",
            field="productTypeId",
            code=ErrorCode.INVALID_STATE,
        )
    product.product_type_id = product_type.id


async def _set_attributes(uow: UnitOfWork, product: Product, command: ProductInput) -> None:
    if command.attributes is None:
        return
    product_type = (
        None
        if product.product_type_id is None
        else await uow.product_types.get(product.product_type_id)
    )
    await set_product_values(
        uow, product_type, (product.merchant_id, product.id), command.attributes, command.sanitize
    )


async def create_product(
    uow: UnitOfWork, merchant_id: UUID, command: ProductInput, now: datetime
) -> Product:
    name = require_text(command.name, field="name", max_length=250)
    product = Product(new_id(), merchant_id, name, "", "", None, None, None, [], {}, {}, now, now)
    await _apply(uow, product, command)
    if not product.slug:
        product.slug = await _slug(uow, None, product.name, product.id)
    await _set_type(uow, product, command.product_type_id)
    uow.products.add(product)
    await _set_attributes(uow, product, command)
    record_product(uow, EventType.PRODUCT_CREATED, product, now)
    await uow.commit()
    return product


def record_product(uow: UnitOfWork, type: EventType, product: Product, now: datetime) -> None:
    """Record a product event (v1 payloads, see domain/events.py)."""
    data: dict[str, object] = {"id": ref("Product", product.id), "slug": product.slug}
    if type is not EventType.PRODUCT_DELETED:
        data |= {
            "name": product.name,
            "productTypeId": ref("ProductType", product.product_type_id),
            "categoryId": ref("Category", product.category_id),
        }
    uow.record(new_event(product.merchant_id, type, {"product": data}, now))


_PRODUCT_EVENTS = frozenset(
    {EventType.PRODUCT_CREATED, EventType.PRODUCT_UPDATED, EventType.PRODUCT_DELETED}
)


async def record_product_change(uow: UnitOfWork, product_id: UUID, now: datetime) -> None:
    """A change to a product's variants, prices, listings or stock is a `product.updated`: one
    per product per transaction however many rows change, and none when the transaction already
    records the product's own event (created, updated or archived)."""
    subject = ref("Product", product_id)
    for event in uow.recorded():
        if event.type in _PRODUCT_EVENTS and event.data["product"]["id"] == subject:
            return
    product = await uow.products.get(product_id)
    if product is not None:
        record_product(uow, EventType.PRODUCT_UPDATED, product, now)


async def _live(uow: UnitOfWork, product_id: UUID) -> Product:
    product = await uow.products.get(product_id)
    if product is None:
        raise NotFound("No product with this id.")
    return ensure_live(product, "product")


async def update_product(
    uow: UnitOfWork, product_id: UUID, command: ProductInput, now: datetime
) -> Product:
    product = await change_product(uow, product_id, command, now)
    await uow.commit()
    return product


async def change_product(
    uow: UnitOfWork, product_id: UUID, command: ProductInput, now: datetime
) -> Product:
    """The update without its commit, for callers changing more in the same transaction."""
    product = await _live(uow, product_id)
    await _apply(uow, product, command)
    await _set_type(uow, product, command.product_type_id)
    await _set_attributes(uow, product, command)
    product.updated_at = now
    record_product(uow, EventType.PRODUCT_UPDATED, product, now)
    return product


async def archive_product(uow: UnitOfWork, product_id: UUID, now: datetime) -> Product:
    """Archived, never deleted: orders may still point at it. Storefronts stop showing it."""
    product = archive(await _live(uow, product_id), now)
    record_product(uow, EventType.PRODUCT_DELETED, product, now)
    await uow.commit()
    return product
