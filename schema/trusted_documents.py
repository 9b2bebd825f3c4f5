"""Trusted documents: what a storefront set to trusted documents only lets visitors run."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain import trusted_documents as domain
from domain.permissions import Permission as P
from resolvers import trusted_documents as resolvers
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.connections import Connection, connection_field
from schema.errors import UserError
from schema.node import Node, shows


@strawberry.type(
    description="A GraphQL document the merchant allows; storefronts set to trusted documents "
    "only run nothing else for visitors and customers."
)
@shows(domain.TrustedDocument)
class TrustedDocument(Node):
    sha256: str = strawberry.field(
        description="SHA-256 of the text (hex): what clients send as "
        "`extensions.persistedQuery.sha256Hash`."
    )
    name: str = strawberry.field(description="A label for people (e.g. the operation's name).")
    document: str = strawberry.field(description="The document's text.")
    created_at: datetime = strawberry.field(description="When it was registered.")


@strawberry.type(description="Result of a trusted document mutation.")
class TrustedDocumentPayload:
    trusted_document: TrustedDocument | None = strawberry.field(description="The document.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type
class TrustedDocumentQuery:
    trusted_documents: Connection[TrustedDocument] = connection_field(
        TrustedDocument,
        resolvers.trusted_documents,
        description="The merchant's trusted documents, oldest first.",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )


@strawberry.type
class TrustedDocumentMutation:
    @strawberry.mutation(
        description="Allow a document (registering the same text again returns it).",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )
    async def trusted_document_register(
        self,
        info: AgoraInfo,
        name: Annotated[str, strawberry.argument(description="A label for people.")],
        document: Annotated[str, strawberry.argument(description="The exact text clients send.")],
    ) -> TrustedDocumentPayload:
        return await resolvers.trusted_document_register(info, name, document)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Stop allowing a document; storefronts refuse it from the next request.",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )
    async def trusted_document_delete(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The document's ID.")],
    ) -> TrustedDocumentPayload:
        return await resolvers.trusted_document_delete(info, id)  # type: ignore[return-value]
