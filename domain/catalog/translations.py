"""Translations of catalog text, per language, falling back to the text as entered.

The merchant enters names and descriptions once (the storefront's default language); a
translation overrides some of those fields for one language. A visitor asking for a language
gets each field translated where a translation has it, and the entered text everywhere else.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.catalog.rich_text import HtmlSanitizer, plain_text
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import Repository, UnitOfWork
from domain.validation import camel_case

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
MAX_LANGUAGES = 20


class TranslatableKind(StrEnum):
    PRODUCT = "PRODUCT"
    PRODUCT_VARIANT = "PRODUCT_VARIANT"
    CATEGORY = "CATEGORY"
    COLLECTION = "COLLECTION"
    ATTRIBUTE = "ATTRIBUTE"
    ATTRIBUTE_CHOICE = "ATTRIBUTE_CHOICE"


# Which fields each kind translates (the rest is not language-dependent).
FIELDS: dict[TranslatableKind, tuple[str, ...]] = {
    TranslatableKind.PRODUCT: ("name", "description_html", "seo_title", "seo_description"),
    TranslatableKind.PRODUCT_VARIANT: ("name",),
    TranslatableKind.CATEGORY: ("name", "description"),
    TranslatableKind.COLLECTION: ("name", "description_html", "seo_title", "seo_description"),
    TranslatableKind.ATTRIBUTE: ("name",),
    TranslatableKind.ATTRIBUTE_CHOICE: ("name",),
}
_LIMITS = {"name": 250, "description": 5000, "seo_title": 70, "seo_description": 300}
MAX_HTML = 100_000


@dataclass(eq=False)
class Translation(TenantOwned):
    id: UUID
    merchant_id: UUID
    kind: str
    entity_id: UUID
    language: str
    fields: dict[str, str]
    updated_at: datetime


def language_code(value: str, *, field: str = "languageCode") -> str:
    """A language tag such as "fr" or "pt-BR" (case as conventional)."""
    text = value.strip()
    head, _, region = text.partition("-")
    tag = f"{head.lower()}-{region.upper()}" if region else head.lower()
    if not _LANGUAGE.match(tag):
        raise UserError("Give a language code such as 'fr' or 'pt-BR'.", field=field)
    return tag


def languages(values: list[str], *, field: str = "languages") -> list[str]:
    """A storefront's languages, the default first; at least one, no repeats."""
    tags = list(dict.fromkeys(language_code(v, field=field) for v in values))
    if not tags:
        raise UserError("Give at least one language.", field=field, code=ErrorCode.REQUIRED)
    if len(tags) > MAX_LANGUAGES:
        raise UserError(f"At most {MAX_LANGUAGES} languages.", field=field)
    return tags


def translated(base: str | None, translation: Translation | None, name: str) -> str | None:
    """The field in the translation's language where it has one, else the entered text."""
    if translation is None:
        return base
    return translation.fields.get(name, base)


def _cleaned(name: str, value: str, sanitize: HtmlSanitizer) -> str:
    if name == "description_html":
        if len(value) > MAX_HTML:
            raise UserError(
                f"At most {MAX_HTML} characters.", field="descriptionHtml", code=ErrorCode.TOO_LONG
            )
        html = sanitize(value)
        return html if plain_text(html) else ""
    text = value.strip()
    limit = _LIMITS[name]
    if len(text) > limit:
        raise UserError(
            f"At most {limit} characters.", field=camel_case(name), code=ErrorCode.TOO_LONG
        )
    return text


async def _owner(uow: UnitOfWork, kind: TranslatableKind, entity_id: UUID) -> UUID:
    repositories: dict[TranslatableKind, Repository[Any]] = {
        TranslatableKind.PRODUCT: uow.products,
        TranslatableKind.PRODUCT_VARIANT: uow.variants,
        TranslatableKind.CATEGORY: uow.categories,
        TranslatableKind.COLLECTION: uow.collections,
        TranslatableKind.ATTRIBUTE: uow.attributes,
    }
    repository = repositories[kind]
    entity = await repository.get(entity_id)
    if entity is None:
        raise NotFound("Nothing translatable with this id.")
    merchant_id: UUID = entity.merchant_id
    return merchant_id


async def set_translation(
    uow: UnitOfWork,
    target: tuple[TranslatableKind, UUID],
    language: str,
    values: Mapping[str, str | None],
    sanitize: HtmlSanitizer,
    now: datetime,
) -> Translation | None:
    """Set (or, with an empty value, remove) translated fields; None once nothing is left."""
    kind, entity_id = target
    return await _store(
        uow, (await _owner(uow, kind, entity_id), kind, entity_id), language, values, sanitize, now
    )


async def set_choice_translation(
    uow: UnitOfWork,
    attribute_id: UUID,
    choice_slug: str,
    language: str,
    name: str | None,
    now: datetime,
) -> Translation | None:
    """Translate the name of one of an attribute's choices."""
    attribute = await uow.attributes.get(attribute_id)
    if attribute is None:
        raise NotFound("No attribute with this id.")
    choice = attribute.choice_by_slug(choice_slug.strip().lower())
    if choice is None:
        raise UserError(
            f"'{attribute.name}' has no choice '{choice_slug}'.",
            field="choiceSlug",
            code=ErrorCode.NOT_FOUND,
        )
    owner = (attribute.merchant_id, TranslatableKind.ATTRIBUTE_CHOICE, choice.id)
    return await _store(uow, owner, language, {"name": name}, lambda html: html, now)


async def _store(
    uow: UnitOfWork,
    owner: tuple[UUID, TranslatableKind, UUID],
    language: str,
    values: Mapping[str, str | None],
    sanitize: HtmlSanitizer,
    now: datetime,
) -> Translation | None:
    merchant_id, kind, entity_id = owner
    tag = language_code(language)
    for name in values:
        if name not in FIELDS[kind]:
            raise UserError(
                f"A {kind.value.lower().replace('_', ' ')} has no translatable {camel_case(name)}.",
                field=camel_case(name),
            )
    translation = await uow.translations.find(entity_id, tag)
    fields = dict(translation.fields) if translation else {}
    for name, value in values.items():
        cleaned = _cleaned(name, value, sanitize) if value is not None else ""
        if cleaned:
            fields[name] = cleaned
        else:
            fields.pop(name, None)
    if translation is None:
        if not fields:
            return None
        translation = Translation(new_id(), merchant_id, kind.value, entity_id, tag, fields, now)
        uow.translations.add(translation)
    elif not fields:
        await uow.translations.delete(translation)
        await uow.commit()
        return None
    translation.fields = fields
    translation.updated_at = now
    await uow.commit()
    return translation
