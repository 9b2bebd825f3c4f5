"""Which storefront documents may be answered from the response cache, and what they read.

Only queries whose every root field is a catalog read (`STOREFRONT_CATALOG_FIELDS`) are
cacheable: their answer, for an anonymous visitor, depends only on the storefront, the
document, its variables and the catalog rows that persistence/catalog_changes.py watches.
Anything else (the viewer, shared wishlists, `node`, admin fields, introspection) is executed
every time. A cacheable document depends on the `catalog` tag; one that selects an exact
`quantityAvailable` anywhere also depends on the `stock` tag, which every stock change
replaces (so it is never stale either, but is recomputed after each sale), and is told to
HTTP caches to revalidate every time.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
)

from domain.catalog.freshness import CATALOG, STOCK

STOREFRONT_CATALOG_FIELDS = frozenset(
    {
        "__typename",
        "storefront",
        "products",
        "product",
        "productFacets",
        "categories",
        "category",
        "collections",
        "collection",
        "attributes",
        "attribute",
    }
)
_EXACT_STOCK_FIELDS = frozenset({"quantityAvailable"})


@dataclass(frozen=True)
class CachePolicy:
    """What a cacheable document's answer depends on."""

    tags: frozenset[str]

    @property
    def exact_stock(self) -> bool:
        return STOCK in self.tags


def _fields(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    seen: set[str],
) -> Iterable[FieldNode]:
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            seen.add(selection.name.value)
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from _fields(fragment.selection_set, fragments, seen)


def _selects_exact_stock(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode]
) -> bool:
    for field in _fields(selection_set, fragments, set()):
        if field.name.value in _EXACT_STOCK_FIELDS:
            return True
        if _selects_exact_stock(field.selection_set, fragments):
            return True
    return False


@lru_cache(maxsize=512)
def cache_policy(document: DocumentNode, operation_name: str | None) -> CachePolicy | None:
    """The policy for a storefront query, or None when it must run every time."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    roots = list(_fields(operation.selection_set, fragments, set()))
    if not roots or any(f.name.value not in STOREFRONT_CATALOG_FIELDS for f in roots):
        return None
    exact = _selects_exact_stock(operation.selection_set, fragments)
    return CachePolicy(frozenset({CATALOG, STOCK}) if exact else frozenset({CATALOG}))
