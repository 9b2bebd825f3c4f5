"""A variant's price and stock in the request's storefront, learned per product, read per field.

A listing shows four storefront-dependent fields per variant; resolving each through its own
awaited loader call costs a coroutine and a task apiece, which dominates a page's time. The
variants of a product are looked up together instead (two batched loads for the whole page),
and the fields then read the result synchronously. A variant reached any other way (by id, in a
mutation's payload) falls back to an awaited look-up of its own.

A listing page learns its products' variants the same way, all at once before its products are
completed (`learn_products`), so `Product.variants` and `Product.priceRange` are plain look-ups
too instead of an awaited call per product.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from domain.catalog.listings import Shelf
from domain.catalog.variants import VariantView
from domain.storefronts import Storefront
from resolvers.context import AgoraInfo, VariantFacts

T = TypeVar("T")

NO_STOREFRONT = VariantFacts.of(None, None)


async def learn(info: AgoraInfo, variants: Sequence[VariantView]) -> None:
    """Look up the storefront price and sellable stock of these variants (batched)."""
    context = info.context
    storefront = context.storefront
    missing = [v for v in variants if v.id not in context.variant_facts]
    if storefront is None or not missing:
        return
    shelves = await context.loaders.shelf.load_many([(v.id, storefront.id) for v in missing])
    for variant, shelf in zip(missing, shelves, strict=True):
        context.variant_facts[variant.id] = _facts(storefront, variant, shelf)


async def learn_products(info: AgoraInfo, product_ids: Sequence[UUID]) -> None:
    """The live variants of these products, and in a storefront their facts with them: one
    batched read for all."""
    context = info.context
    storefront = context.storefront
    missing = [id for id in dict.fromkeys(product_ids) if id not in context.product_variants]
    if not missing:
        return
    if storefront is None:
        groups = await context.loaders.variants_of_product.load_many(missing)
        context.product_variants.update(zip(missing, groups, strict=True))
        return
    pairs = [(product_id, storefront.id) for product_id in missing]
    shelved = await context.loaders.shelved_variants.load_many(pairs)
    for product_id, rows in zip(missing, shelved, strict=True):
        context.product_variants[product_id] = [variant for variant, _ in rows]
        for variant, shelf in rows:
            context.variant_facts.setdefault(variant.id, _facts(storefront, variant, shelf))


def _facts(storefront: Storefront, variant: VariantView, shelf: Shelf) -> VariantFacts:
    # A price in another currency is one kept from before the storefront's currency changed.
    price = shelf.price
    shown = price if price is not None and price.currency == storefront.currency else None
    return VariantFacts.of(shown, shelf.available if variant.track_inventory else None)


def known(info: AgoraInfo, variant: VariantView) -> VariantFacts | None:
    if info.context.storefront is None:
        return NO_STOREFRONT
    return info.context.variant_facts.get(variant.id)


async def _later(info: AgoraInfo, variant: VariantView, pick: Callable[[VariantFacts], T]) -> T:
    await learn(info, [variant])
    return pick(info.context.variant_facts[variant.id])


def field(info: AgoraInfo, variant: VariantView, pick: Callable[[VariantFacts], T]) -> Any:
    """`pick(facts)` now if the facts are known, else an awaitable of it (graphql-core awaits
    whatever a resolver returns that is awaitable)."""
    facts = known(info, variant)
    if facts is None:
        later: Awaitable[T] = _later(info, variant, pick)
        return later
    return pick(facts)
