"""A variant's sale price in the request's storefront: its price after the merchant's live
catalog promotions (`domain/promotions/listing.price_variant`), as a one-unit cart would pay.

The promotions are read once per request (one statement, only when a sale price is asked
for); each variant is then priced in memory. Promotions see a variant's id and its product's
(as carts do): ones targeting categories, collections or tags do not reach listings yet.
"""

from domain.catalog.variants import ProductVariant
from domain.money import Money
from domain.promotions.listing import price_variant
from domain.promotions.targets import Item
from resolvers.catalog import variant_facts
from resolvers.context import AgoraInfo


async def sale_price(info: AgoraInfo, variant: ProductVariant) -> Money | None:
    context = info.context
    storefront = context.storefront
    facts = variant_facts.known(info, variant)
    if facts is None:
        await variant_facts.learn(info, [variant])
        facts = context.variant_facts[variant.id]
    if storefront is None or facts.price is None:
        return None
    list_price = facts.price.price
    promotions = await context.loaders.catalog_promotions.load(storefront.merchant_id)
    if not promotions:
        return list_price
    priced = price_variant(
        Item(str(variant.id), str(variant.product_id)),
        list_price,
        storefront_id=str(storefront.id),
        now=context.clock(),
        promotions=promotions,
    )
    return priced.price
