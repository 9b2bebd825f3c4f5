"""Which merchants' storefront catalogs a transaction changed: one place, for every write.

Storefront answers are cached (server/response_cache.py) under per-merchant versions of two
tags, and a commit that changed what they read bumps those versions. Nothing has to remember a
call: two session listeners see every write made through a session of ours.

- `before_flush` sees each ORM row created, changed or deleted; `do_orm_execute` sees each
  INSERT, UPDATE or DELETE statement (Core or ORM bulk) by its target table.
- A row of a catalog table (`CATALOG_TABLES`: products, variants, listings, prices,
  categories, collections, attributes, translations, warehouses, storefronts, merchants,
  trusted documents, ...) marks its merchant's `catalog` tag.
- A stock row marks the `stock` tag (exact `quantityAvailable`), and also `catalog` when its
  available quantity crosses zero (`inStock`, the in-stock filter and facets). ORM changes are
  compared before and after. A Core statement on `stocks` cannot be compared, so it marks both
  tags (correct, but it empties the catalog cache at every checkout) unless it is run with
  `.execution_options(**CHANGE_REPORTED)` by code that then calls `report_stock_change` with
  what RETURNING told it: that is the hook stock-decrementing code (checkout) uses.
- Likewise a promotion's counters (uses, discount given) change at every checkout that
  redeems it, but matter to what storefronts and quotes show only when a use limit is reached
  or a budget shrinks: checkout counts with `CHANGE_REPORTED` and calls
  `report_catalog_change` only then.
- A Core statement in a platform session cannot name its merchant: it marks every merchant
  (the `None` key). `text()` SQL is not seen: code writing catalog rows with it must call
  `report_catalog_change`.

The marks wait in `session.info` until `SqlUnitOfWork.commit` hands them, after the commit,
to the database's watchers (the version store), in the request that made the change. A
rollback publishes nothing, but marks left from a rolled-back savepoint are kept (a spurious
bump costs a cache miss, never a stale answer).
"""

from collections.abc import Iterable, Mapping
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, object_mapper

from domain.catalog.freshness import CATALOG, STOCK, available, stock_tags
from persistence.tenancy import scope_of

CHANGES_KEY = "catalog_changes"
# A statement whose change its caller reports itself (from what RETURNING told it).
_REPORTED_OPTION = "agora_change_reported"
CHANGE_REPORTED = {_REPORTED_OPTION: True}

# Tables a storefront answer reads (or that decide whether it may be answered at all).
CATALOG_TABLES = frozenset(
    {
        "merchants",
        "storefronts",
        "categories",
        "attributes",
        "product_types",
        "products",
        "product_variants",
        "collections",
        "collection_products",
        "translations",
        "attribute_values",
        "product_listings",
        "variant_prices",
        "warehouses",
        "storefront_warehouses",
        "trusted_documents",
        # Catalog promotions make the sale prices listings show.
        "promotions",
        # Checkout's rules, kept between requests (persistence/shared_reads.py).
        "tax_rates",
        "shipping_zones",
        "shipping_methods",
        # Approved reviews make a product's reviews and rating.
        "product_reviews",
    }
)
STOCK_TABLE = "stocks"

Changes = Mapping[UUID | None, frozenset[str]]


class CatalogWatcher(Protocol):
    """Told, after a commit, which merchants' tags changed (`None`: every merchant)."""

    async def catalog_changed(self, changes: Changes) -> None: ...


def _marks(session: Session) -> dict[UUID | None, set[str]]:
    marks: dict[UUID | None, set[str]] = session.info.setdefault(CHANGES_KEY, {})
    return marks


def _mark(session: Session, merchant_id: UUID | None, tags: Iterable[str]) -> None:
    _marks(session).setdefault(merchant_id, set()).update(tags)


def report_catalog_change(session: Session, merchant_id: UUID | None) -> None:
    """For writes the listeners cannot see (`text()` SQL on catalog tables), or were told
    not to see (`CHANGE_REPORTED`)."""
    _mark(session, merchant_id, (CATALOG,))


def report_stock_change(session: Session, merchant_id: UUID, *, crossed_zero: bool) -> None:
    """After a stock UPDATE run with `CHANGE_REPORTED`: say whether any row's available
    quantity went from positive to zero or from zero to positive (RETURNING tells)."""
    _mark(session, merchant_id, stock_tags(0, 1) if crossed_zero else stock_tags(1, 1))


def take_changes(session: Session) -> dict[UUID | None, frozenset[str]]:
    """The marks so far, cleared: for the unit of work to publish after its commit."""
    marks = session.info.pop(CHANGES_KEY, {})
    return {merchant: frozenset(tags) for merchant, tags in marks.items()}


def _stock_tags(obj: Any, created_or_deleted: bool) -> frozenset[str]:
    after = available(obj.quantity, obj.reserved)
    if created_or_deleted:
        return stock_tags(0, after)
    state = inspect(obj)
    before = {}
    for key in ("quantity", "reserved"):
        history = state.attrs[key].history
        before[key] = history.deleted[0] if history.deleted else getattr(obj, key)
    return stock_tags(available(before["quantity"], before["reserved"]), after)


def _row_merchant(obj: Any, table: str) -> UUID | None:
    if table == "merchants":
        return obj.id  # type: ignore[no-any-return]
    return getattr(obj, "merchant_id", None)


def _collect_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for objects, created_or_deleted in (
        (session.new, True),
        (session.dirty, False),
        (session.deleted, True),
    ):
        for obj in objects:
            if not created_or_deleted and not session.is_modified(obj):
                continue
            table = object_mapper(obj).persist_selectable.name  # type: ignore[attr-defined]
            if table in CATALOG_TABLES:
                _mark(session, _row_merchant(obj, table), (CATALOG,))
            elif table == STOCK_TABLE:
                _mark(session, obj.merchant_id, _stock_tags(obj, created_or_deleted))


def _collect_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.execution_options.get(_REPORTED_OPTION):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table in CATALOG_TABLES:
        tags: tuple[str, ...] = (CATALOG,)
    elif table == STOCK_TABLE:
        tags = (STOCK, CATALOG)
    else:
        return
    _mark(state.session, scope_of(state.session), tags)


def install_catalog_watch(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _collect_flush):
        event.listen(session_class, "before_flush", _collect_flush)
        event.listen(session_class, "do_orm_execute", _collect_statement)
