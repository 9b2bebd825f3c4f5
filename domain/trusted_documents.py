"""Trusted documents: the GraphQL documents a merchant allows its locked-down storefronts.

A storefront switched to "trusted documents only" (`Storefront.trusted_documents_only`)
answers its visitors and customers only documents registered here, by their SHA-256 (the
same hash as automatic persisted queries), so a public token cannot be used to run arbitrary
queries. The list is the merchant's, shared by all its storefronts, and managed by staff with
MANAGE_STOREFRONTS. Staff and partner apps are not restricted: they are authenticated and
their permissions apply.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

MAX_DOCUMENT_CHARS = 100_000
MAX_TRUSTED_DOCUMENTS = 1_000


@dataclass(eq=False)
class TrustedDocument(TenantOwned):
    id: UUID
    merchant_id: UUID
    sha256: str
    name: str
    document: str
    created_at: datetime


def document_hash(document: str) -> str:
    """The SHA-256 of the document's UTF-8 text, in lowercase hex (as Apollo's APQ)."""
    return hashlib.sha256(document.encode()).hexdigest()


async def register_trusted_document(
    uow: UnitOfWork, merchant_id: UUID, name: str, document: str, now: datetime
) -> TrustedDocument:
    """Allow a document (registering the same text again returns the existing entry)."""
    if not document.strip():
        raise UserError("Give the document's text.", field="document")
    if len(document) > MAX_DOCUMENT_CHARS:
        raise UserError(f"At most {MAX_DOCUMENT_CHARS} characters.", field="document")
    label = require_text(name, field="name", max_length=120)
    digest = document_hash(document)
    existing = await uow.trusted_documents.by_hash(digest)
    if existing is not None:
        return existing
    if await uow.trusted_documents.count() >= MAX_TRUSTED_DOCUMENTS:
        raise UserError(f"A merchant may register {MAX_TRUSTED_DOCUMENTS} documents.")
    trusted = TrustedDocument(new_id(), merchant_id, digest, label, document, now)
    uow.trusted_documents.add(trusted)
    await uow.commit()
    return trusted


async def remove_trusted_document(uow: UnitOfWork, document_id: UUID) -> TrustedDocument:
    """Stop allowing a document; storefronts refuse it from the next request."""
    trusted = await uow.trusted_documents.get(document_id)
    if trusted is None:
        raise NotFound("No trusted document with this id.")
    await uow.trusted_documents.remove(trusted)
    await uow.commit()
    return trusted
