"""Reading catalog text in the visitor's language, and merchants translating it."""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from domain.catalog.translations import (
    TranslatableKind,
    language_code,
    set_choice_translation,
    set_translation,
    translated,
)
from domain.errors import UserError
from resolvers.context import AgoraInfo
from resolvers.ids import decode_global_id, decode_id_of
from resolvers.payloads import Payload, mutate

KINDS = {
    "Product": TranslatableKind.PRODUCT,
    "ProductVariant": TranslatableKind.PRODUCT_VARIANT,
    "Category": TranslatableKind.CATEGORY,
    "Collection": TranslatableKind.COLLECTION,
    "Attribute": TranslatableKind.ATTRIBUTE,
}


def read_in(info: AgoraInfo, code: str | None) -> None:
    """Read this request's catalog text in `code` (a language its storefront offers)."""
    if code is None:
        return
    tag = language_code(code)
    storefront = info.context.storefront
    if storefront is not None:
        if tag not in storefront.languages:
            offered = ", ".join(storefront.languages)
            raise UserError(f"This storefront is read in {offered}.", field="languageCode")
        if tag == storefront.default_language:
            tag = ""  # entered text is in the default language: nothing to look up
    language = info.context.language
    if language.chosen and language.code != (tag or None):
        raise UserError("Ask for one language per request.", field="languageCode")
    language.code, language.chosen = tag or None, True


def text(info: AgoraInfo, entity_id: UUID, base: str | None, name: str) -> Any:
    """The field in the request's language, falling back to the text as entered: the text
    itself when no language is asked for, else an awaitable of it (graphql-core awaits what
    a resolver returns that is awaitable)."""
    code = info.context.language.code
    if code is None:
        return base
    return _translated(info, (entity_id, code), base, name)


async def _translated(
    info: AgoraInfo, key: tuple[UUID, str], base: str | None, name: str
) -> str | None:
    translation = await info.context.loaders.translation.load(key)
    return translated(base, translation, name)


async def translation_set(
    info: AgoraInfo, id: str, language: str, values: Mapping[str, str | None]
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        type_name, entity_id = decode_global_id(id)
        if type_name not in KINDS:
            raise UserError(f"A {type_name} has no translations.", field="id")
        async with context.work() as uow:
            translation = await set_translation(
                uow,
                (KINDS[type_name], entity_id),
                language,
                values,
                context.sanitize_html,
                context.clock(),
            )
        return {"fields": dict(translation.fields) if translation else {}}

    return await mutate(work)


async def choice_translation_set(
    info: AgoraInfo, attribute_id: str, choice_slug: str, language: str, name: str | None
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        attribute = decode_id_of(attribute_id, "Attribute", field="attributeId")
        async with context.work() as uow:
            translation = await set_choice_translation(
                uow, attribute, choice_slug, language, name, context.clock()
            )
        return {"fields": dict(translation.fields) if translation else {}}

    return await mutate(work)
