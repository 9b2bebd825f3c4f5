"""Translated catalog text: fields that follow the request's `languageCode`, and the mutations
that set translations."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from domain.permissions import Permission as P
from domain.validation import camel_case
from resolvers.catalog import translations as resolvers
from resolvers.context import AgoraInfo
from resolvers.pagination import ConnectionData, PageArgs
from resolvers.permissions import requires
from schema.connections import After, Before, Connection, First, Last
from schema.errors import UserError

LanguageCode = Annotated[
    str | None,
    strawberry.argument(
        description="Read names and descriptions in this language (one the storefront "
        "offers); untranslated text falls back to the default language."
    ),
]


def translatable(name: str, description: str) -> Any:
    """A required text field read in the request's language."""

    def resolve(root: strawberry.Parent[Any], info: AgoraInfo) -> str:
        # Synchronous unless a language is asked for: most reads cost no coroutine (and, read
        # as entered, no call either: a listing reads a hundred names).
        if info.context.language.code is None:
            return getattr(root, name)  # type: ignore[no-any-return]
        return resolvers.text(info, root.id, getattr(root, name), name)  # type: ignore[no-any-return]

    return strawberry.field(resolver=resolve, description=description)


def translatable_optional(name: str, description: str) -> Any:
    """An optional text field read in the request's language."""

    def resolve(root: strawberry.Parent[Any], info: AgoraInfo) -> str | None:
        return resolvers.text(info, root.id, getattr(root, name), name)  # type: ignore[no-any-return]

    return strawberry.field(resolver=resolve, description=description)


@strawberry.input(description="Translated fields; an empty string removes one.")
class TranslationInput:
    name: str | None = strawberry.field(default=None, description="Name.")
    description: str | None = strawberry.field(
        default=None, description="Plain-text description (categories)."
    )
    description_html: str | None = strawberry.field(
        default=None, description="HTML description (products, collections); sanitised."
    )
    seo_title: str | None = strawberry.field(default=None, description="Title for search engines.")
    seo_description: str | None = strawberry.field(
        default=None, description="Description for search engines."
    )

    def values(self) -> dict[str, str | None]:
        given = {
            "name": self.name,
            "description": self.description,
            "description_html": self.description_html,
            "seo_title": self.seo_title,
            "seo_description": self.seo_description,
        }
        return {key: value for key, value in given.items() if value is not None}


@strawberry.type(description="A translated field.")
class TranslatedField:
    field: str = strawberry.field(description="e.g. name, descriptionHtml.")
    value: str = strawberry.field(description="The text in the language.")


@strawberry.type(description="Result of a translation mutation.")
class TranslationPayload:
    fields: list[TranslatedField] | None = strawberry.field(
        description="Every translated field now stored for that language."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


def _payload(payload: Any) -> TranslationPayload:
    fields = payload.fields
    return TranslationPayload(
        fields=None
        if fields is None
        else [TranslatedField(field=camel_case(k), value=v) for k, v in sorted(fields.items())],
        user_errors=payload.user_errors,
    )


Language = Annotated[str, strawberry.argument(description="The language, e.g. 'fr' or 'pt-BR'.")]


@strawberry.type
class TranslationMutation:
    @strawberry.mutation(
        description="Translate a product, variant, category, collection or attribute.",
        extensions=requires(P.MANAGE_PRODUCTS),
    )
    async def translation_set(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="What to translate.")],
        language_code: Language,
        input: Annotated[TranslationInput, strawberry.argument(description="The fields.")],
    ) -> TranslationPayload:
        payload = await resolvers.translation_set(info, id, language_code, input.values())
        return _payload(payload)

    @strawberry.mutation(
        description="Translate the name of an attribute's choice.",
        extensions=requires(P.MANAGE_PRODUCTS),
    )
    async def attribute_choice_translation_set(
        self,
        info: AgoraInfo,
        attribute_id: Annotated[strawberry.ID, strawberry.argument(description="The attribute.")],
        choice_slug: Annotated[str, strawberry.argument(description="The choice's slug.")],
        language_code: Language,
        name: Annotated[
            str, strawberry.argument(description="The name; an empty string removes it.")
        ],
    ) -> TranslationPayload:
        payload = await resolvers.choice_translation_set(
            info, attribute_id, choice_slug, language_code, name
        )
        return _payload(payload)


def translated_connection_field(
    node: type,
    fetch: Callable[[AgoraInfo, PageArgs], Awaitable[ConnectionData[Any]]],
    *,
    description: str,
) -> Any:
    """A catalog list field that also takes `languageCode`."""

    async def resolve(
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        language_code: LanguageCode = None,
    ) -> Connection[node]:  # type: ignore[valid-type]
        resolvers.read_in(info, language_code)
        return await fetch(info, PageArgs(first, after, last, before))  # type: ignore[return-value]

    return strawberry.field(resolver=resolve, description=description)
