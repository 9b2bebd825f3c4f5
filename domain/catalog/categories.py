"""Categories form a tree per merchant; moving one never creates a cycle."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text, slugify, validate_slug

MAX_DEPTH = 10


@dataclass(eq=False)
class Category(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    slug: str
    description: str
    parent_id: UUID | None
    created_at: datetime
    updated_at: datetime


def descendants(root_ids: Iterable[UUID], categories: Iterable[Category]) -> set[UUID]:
    """The given categories and everything below them."""
    children: dict[UUID | None, list[UUID]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    found: set[UUID] = set()
    pending = list(root_ids)
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, ()))
    return found


def height(root_id: UUID, categories: Iterable[Category]) -> int:
    """How many levels the subtree under `root_id` spans, the root included (1 for a leaf)."""
    children: dict[UUID | None, list[UUID]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.id)
    levels, level, seen = 0, [root_id], set()
    while level:
        levels += 1
        seen.update(level)
        level = [child for id in level for child in children.get(id, ()) if child not in seen]
    return levels


def ancestors(category: Category, by_id: dict[UUID, Category]) -> list[Category]:
    """From the root down to the category's parent."""
    chain: list[Category] = []
    parent = by_id.get(category.parent_id) if category.parent_id else None
    while parent is not None and len(chain) <= MAX_DEPTH:
        chain.append(parent)
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return list(reversed(chain))


@dataclass(frozen=True)
class CategoryInput:
    name: str | None = None
    slug: str | None = None
    description: str | None = None
    parent_id: UUID | None = None
    move: bool = False  # whether parent_id was given (None then means "make it a root")


async def _check_parent(uow: UnitOfWork, category_id: UUID, parent_id: UUID | None) -> None:
    if parent_id is None:
        return
    if await uow.categories.get(parent_id) is None:
        raise UserError("No category with this id.", field="parentId", code=ErrorCode.NOT_FOUND)
    everything = await uow.categories.all()
    if parent_id in descendants([category_id], everything):
        raise UserError(
            "A category cannot move below itself or its descendants.",
            field="parentId",
            code=ErrorCode.INVALID_STATE,
        )
    by_id = {c.id: c for c in everything}
    parent = by_id[parent_id]
    if len(ancestors(parent, by_id)) + 1 + height(category_id, everything) > MAX_DEPTH:
        raise UserError(f"Categories nest at most {MAX_DEPTH} deep.", field="parentId")


async def _unique_slug(uow: UnitOfWork, wanted: str | None, name: str, own_id: UUID) -> str:
    slug = validate_slug(wanted if wanted else slugify(name) or "category", field="slug")
    existing = await uow.categories.by_slug(slug)
    if existing is not None and existing.id != own_id:
        raise UserError("A category with this slug exists.", field="slug", code=ErrorCode.DUPLICATE)
    return slug


async def create_category(
    uow: UnitOfWork, merchant_id: UUID, command: CategoryInput, now: datetime
) -> Category:
    name = require_text(command.name, field="name", max_length=120)
    category = Category(
        id=new_id(),
        merchant_id=merchant_id,
        name=name,
        slug="",
        description=(command.description or "").strip(),
        parent_id=command.parent_id,
        created_at=now,
        updated_at=now,
    )
    category.slug = await _unique_slug(uow, command.slug, name, category.id)
    await _check_parent(uow, category.id, command.parent_id)
    uow.categories.add(category)
    await uow.commit()
    return category


async def update_category(
    uow: UnitOfWork, category_id: UUID, command: CategoryInput, now: datetime
) -> Category:
    category = await uow.categories.get(category_id)
    if category is None:
        raise NotFound("No category with this id.")
    if command.name is not None:
        category.name = require_text(command.name, field="name", max_length=120)
    if command.slug is not None:
        category.slug = await _unique_slug(uow, command.slug, category.name, category.id)
    if command.description is not None:
        category.description = command.description.strip()
    if command.move:
        await _check_parent(uow, category.id, command.parent_id)
        category.parent_id = command.parent_id
    category.updated_at = now
    await uow.commit()
    return category


async def delete_category(uow: UnitOfWork, category_id: UUID, now: datetime) -> UUID:
    """Its children move up to its parent; its products become uncategorised."""
    category = await uow.categories.get(category_id)
    if category is None:
        raise NotFound("No category with this id.")
    for child in await uow.categories.children_of(category.id):
        child.parent_id = category.parent_id
        child.updated_at = now
    await uow.products.uncategorise(category.id, now)
    await uow.categories.delete(category)
    await uow.commit()
    return category_id
