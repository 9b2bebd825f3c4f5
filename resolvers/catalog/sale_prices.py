"""A variant's sale price in the request's storefront: its price after the merchant's live
catalog promotions (`domain/promotions/listing.price_variant`), as a one-unit cart would pay,
within the storefront's risk policy (its floor by cost).

The promotions are read once per request (one statement, only when a sale price is asked
for); each variant is then priced in memory, seeing what a cart line shows the engine
(`domain/checkout/discounts.line_item`). The variants' products are read (one batched
statement more) only when a catalog promotion targets categories, collections or tags, and
their categories' ancestors and collections (one batched statement more) only when one
targets categories or collections.
"""

from domain.catalog.variants import VariantView
from domain.checkout.discounts import line_item
from domain.checkout.offers import NO_GROUPS
from domain.checkout.promotion_facts import risk_policy
from domain.money import Money
from domain.promotions.listing import price_variant
from domain.promotions.reach import needs
from resolvers.catalog import variant_facts
from resolvers.context import AgoraInfo


async def sale_price(info: AgoraInfo, variant: VariantView) -> Money | None:
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
    wanted = needs(promotions)
    category_id, tags, groups = None, frozenset[str](), NO_GROUPS
    if wanted.product_facts:
        product = await context.loaders.product.load(variant.product_id)
        if product is not None:
            category_id, tags = product.category_id, frozenset(product.tags)
    if wanted.groups:
        groups = await context.loaders.product_groups.load(variant.product_id)
    cost = facts.price.cost_amount
    priced = price_variant(
        line_item(variant.id, variant.product_id, category_id, tags, groups),
        list_price,
        storefront_id=str(storefront.id),
        now=context.clock(),
        promotions=promotions,
        risk=risk_policy(storefront),
        unit_cost=None if cost is None else Money(cost, list_price.currency),
    )
    return priced.price
