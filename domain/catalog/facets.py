"""Facets: how many listed products each filter value would keep, for a storefront's filter UI.

Storage counts (per attribute choice, per boolean, per direct category, and each product's
variant prices); this module turns the counts into what a visitor sees: categories counted with
everything below them, and a few price buckets with round edges. A product counts in every
bucket one of its variants is priced in, as the price filter lists a product when any of its
variants is priced within the range.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.catalog.attributes import Attribute, Choice
from domain.catalog.categories import Category
from domain.money import Money


@dataclass(frozen=True)
class FacetCounts:
    total: int
    choices: dict[tuple[UUID, UUID], int]  # (attribute, choice) -> products
    booleans: dict[tuple[UUID, bool], int]
    categories: dict[UUID, int]  # products directly in each category
    variant_prices: list[frozenset[int]]  # each priced listed product's live variant prices


@dataclass(frozen=True)
class ValueCount:
    choice: Choice | None
    boolean: bool | None
    count: int


@dataclass(frozen=True)
class AttributeFacet:
    attribute: Attribute
    values: list[ValueCount]


@dataclass(frozen=True)
class CategoryCount:
    category: Category
    count: int


@dataclass(frozen=True)
class PriceBucket:
    """Products with a variant priced at least `start` and below `stop` (the price filter lists
    them with priceMin = start and priceMax = stop less one minor unit)."""

    start: Money
    stop: Money
    count: int


def attribute_facets(counts: FacetCounts, attributes: Iterable[Attribute]) -> list[AttributeFacet]:
    """Filterable attributes with at least one counted value, values in the attribute's order."""
    facets = []
    for attribute in sorted(attributes, key=lambda a: a.name.lower()):
        if not attribute.filterable:
            continue
        values = [
            ValueCount(choice, None, counts.choices[(attribute.id, choice.id)])
            for choice in attribute.choice_list
            if (attribute.id, choice.id) in counts.choices
        ]
        values += [
            ValueCount(None, flag, counts.booleans[(attribute.id, flag)])
            for flag in (True, False)
            if (attribute.id, flag) in counts.booleans
        ]
        if values:
            facets.append(AttributeFacet(attribute, values))
    return facets


def category_facets(counts: FacetCounts, categories: Sequence[Category]) -> list[CategoryCount]:
    """Each category with the listed products in it or anywhere below it (tree order by name)."""
    parent = {c.id: c.parent_id for c in categories}
    totals: dict[UUID, int] = {}
    for category_id, count in counts.categories.items():
        current: UUID | None = category_id
        seen: set[UUID] = set()
        while current is not None and current not in seen and current in parent:
            seen.add(current)
            totals[current] = totals.get(current, 0) + count
            current = parent[current]
    return [
        CategoryCount(c, totals[c.id])
        for c in sorted(categories, key=lambda c: c.name.lower())
        if totals.get(c.id)
    ]


def _nice_step(span: int, buckets: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that covers `span` in `buckets` steps."""
    rough = max(1, -(-span // buckets))
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude >= rough:
                return factor * magnitude
        magnitude *= 10


def price_buckets(
    products: Sequence[frozenset[int]], currency: str, buckets: int = 5
) -> list[PriceBucket]:
    """Up to about `buckets` ranges with round edges, each counting the products with a price in
    it (once each); empty ranges are left out. `products` holds each product's prices."""
    amounts = [amount for prices in products for amount in prices]
    if not amounts:
        return []
    low, high = min(amounts), max(amounts)
    step = _nice_step(high - low + 1, buckets)
    start = low - low % step
    counts: dict[int, int] = {}
    for prices in products:
        for edge in {start + (amount - start) // step * step for amount in prices}:
            counts[edge] = counts.get(edge, 0) + 1
    return [
        PriceBucket(Money(edge, currency), Money(edge + step, currency), counts[edge])
        for edge in sorted(counts)
    ]
