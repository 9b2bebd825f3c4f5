"""Targets: which cart lines (or catalog variants) a promotion's condition or action is about.

A target names products, variants, categories, collections and product tags; a line is
targeted when it matches ANY of them. A target naming nothing (`Target()`, also `EVERYTHING`)
targets every line.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:
    """What a target can see of a line or a variant. Give a product's category together with
    its ancestors if a promotion on a parent category should reach it."""

    variant_id: str
    product_id: str
    category_ids: frozenset[str] = frozenset()
    collection_ids: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Target:
    product_ids: frozenset[str] = frozenset()
    variant_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()
    collection_ids: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    @property
    def is_everything(self) -> bool:
        return not (
            self.product_ids
            or self.variant_ids
            or self.category_ids
            or self.collection_ids
            or self.tags
        )

    def matches(self, item: Item) -> bool:
        if self.is_everything:
            return True
        return (
            item.variant_id in self.variant_ids
            or item.product_id in self.product_ids
            or not self.category_ids.isdisjoint(item.category_ids)
            or not self.collection_ids.isdisjoint(item.collection_ids)
            or not self.tags.isdisjoint(item.tags)
        )

    def describe(self) -> str:
        if self.is_everything:
            return "any item"
        parts = [
            f"{label} {', '.join(sorted(ids))}"
            for label, ids in (
                ("products", self.product_ids),
                ("variants", self.variant_ids),
                ("categories", self.category_ids),
                ("collections", self.collection_ids),
                ("tags", self.tags),
            )
            if ids
        ]
        return "; ".join(parts)


EVERYTHING = Target()
