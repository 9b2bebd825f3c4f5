"""Trusted documents at the HTTP edge (see domain/trusted_documents.py for the rule).

A storefront switched to trusted documents only refuses, for visitors and customers, any
document whose SHA-256 is not on its merchant's list (400, `TRUSTED_DOCUMENT_REQUIRED`),
whether the client sent the text or only the hash. A hash the persisted-query store does not
know is also looked up in the merchant's list, for any storefront: registered documents work
as persisted queries without the client ever sending their text.
"""

from typing import Any

from domain.principals import Anonymous, CustomerPrincipal, Principal
from domain.storefronts import Storefront
from persistence.trusted_documents import trusted_document_text
from server.http_errors import RequestError
from server.persisted_queries import PersistedQueryNotFound, sha256_of
from server.state import AppState

REFUSED_CODE = "TRUSTED_DOCUMENT_REQUIRED"


def _refused() -> RequestError:
    return RequestError(
        400,
        "This storefront accepts only its merchant's trusted documents: send the hash of a "
        "registered document in 'extensions.persistedQuery'.",
        REFUSED_CODE,
    )


def restricted(principal: Principal, storefront: Storefront | None) -> bool:
    return (
        storefront is not None
        and storefront.trusted_documents_only
        and isinstance(principal, Anonymous | CustomerPrincipal)
    )


async def trusted_document(
    state: AppState,
    params: dict[str, Any],
    digest: str,
    principal: Principal,
    storefront: Storefront | None,
) -> dict[str, Any]:
    """The parameters with the merchant's trusted document for `digest` (the persisted-query
    store did not know it); PersistedQueryNotFound, or the refusal, when there is none."""
    text = None
    if storefront is not None:
        text = await trusted_document_text(state.database, storefront.merchant_id, digest)
    if text is not None:
        return {**params, "query": text}
    if restricted(principal, storefront):
        raise _refused()
    raise PersistedQueryNotFound()


async def require_trusted(
    state: AppState, principal: Principal, storefront: Storefront | None, query: str
) -> None:
    """Refuse a document that is not trusted, when the storefront demands trusted ones."""
    if not restricted(principal, storefront) or storefront is None:
        return
    found = await trusted_document_text(state.database, storefront.merchant_id, sha256_of(query))
    if found is None:
        raise _refused()
