"""Tenant scope, enforced in one place for every ORM statement and every flush.

A session is opened either for one merchant (`session.info["merchant_id"]`) or explicitly as a
platform session (`session.info["platform"] = True`, for authentication, platform admins and
migrations). A session that is neither refuses to run ORM statements: scope fails closed.
"""

from functools import cache, lru_cache
from typing import Any
from uuid import UUID

from sqlalchemy import column, event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from domain.entities import TenantOwned, TenantRoot

MERCHANT_KEY = "merchant_id"
PLATFORM_KEY = "platform"


class TenantScopeError(RuntimeError):
    """A programming error: data access without a declared tenant scope."""


def scope_of(session: Session) -> UUID | None:
    """The session's merchant, None for a platform session; raises when undeclared."""
    if session.info.get(PLATFORM_KEY):
        return None
    merchant_id = session.info.get(MERCHANT_KEY)
    if merchant_id is None:
        raise TenantScopeError("session has neither a merchant nor the platform scope")
    return merchant_id  # type: ignore[no-any-return]


def _add_tenant_criteria(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load or state.is_relationship_load:
        return  # the parent statement already carried the criteria
    merchant_id = scope_of(state.session)
    if merchant_id is None:
        return
    state.statement = state.statement.options(*tenant_criteria(merchant_id))


@lru_cache(maxsize=4096)
def tenant_criteria(merchant_id: UUID) -> tuple[Any, ...]:
    """The options scoping a statement to one merchant, built once per merchant (building them
    costs more than most statements' own compilation; the options are immutable).

    One lambda criteria on the tenant base class applies to every mapped subclass in the
    statement (and its aliases); the merchant is a closure variable, so the compiled statement
    is cached once for all merchants and its cache key stays one option long, however many
    tenant tables there are."""
    _describe_tenant_bases()
    owned = with_loader_criteria(
        TenantOwned,
        lambda cls: cls.merchant_id == merchant_id,
        include_aliases=True,
        track_closure_variables=True,
    )
    root = with_loader_criteria(
        TenantRoot,
        lambda cls: cls.id == merchant_id,
        include_aliases=True,
        track_closure_variables=True,
    )
    return (owned, root)


@cache
def _describe_tenant_bases() -> None:
    """The lambdas above are first called with the (unmapped) base classes, to analyse them:
    give the bases column stand-ins. Mapped subclasses shadow them with their own attributes,
    and the lambdas run again on each mapped class a statement involves."""
    TenantOwned.merchant_id = column("merchant_id")
    TenantRoot.id = column("id")


def _stamp_new_rows(session: Session, _flush_context: Any, _instances: Any) -> None:
    merchant_id = scope_of(session)
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, TenantOwned):
            continue
        current = getattr(obj, "merchant_id", None)
        if merchant_id is None:
            if current is None:
                raise TenantScopeError(f"platform session adding {obj!r} without a merchant")
        elif current is None and obj in session.new:
            obj.merchant_id = merchant_id
        elif current != merchant_id:
            raise TenantScopeError(f"{type(obj).__name__} belongs to another merchant")


def install_tenant_scope(session_class: type[Session]) -> None:
    """Attach the listeners to the sync Session class our async sessions wrap."""
    if not event.contains(session_class, "do_orm_execute", _add_tenant_criteria):
        event.listen(session_class, "do_orm_execute", _add_tenant_criteria)
        event.listen(session_class, "before_flush", _stamp_new_rows)
