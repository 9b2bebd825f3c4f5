"""Where products belong, as promotions target them: each product's category with all its
ancestors (a recursive CTE up the category tree) and its collections, in ONE statement for
any number of products. Core SQL: every table is filtered by the merchant explicitly."""

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from domain.checkout.offers import NO_GROUPS, ProductGroups
from persistence import tables
from persistence.tenancy import scope_of

_CATEGORY, _COLLECTION = "category", "collection"


async def product_groups(
    session: AsyncSession, product_ids: Sequence[UUID]
) -> dict[UUID, ProductGroups]:
    if not product_ids:
        return {}
    merchant_id = scope_of(session.sync_session)
    wanted = set(product_ids)
    products, categories, members = tables.products, tables.categories, tables.collection_products
    up = (
        select(products.c.id.label("product_id"), products.c.category_id.label("category_id"))
        .where(products.c.merchant_id == merchant_id, products.c.id.in_(wanted))
        .where(products.c.category_id.is_not(None))
        .cte("up", recursive=True)
    )
    parent = (
        select(up.c.product_id, categories.c.parent_id)
        .join(categories, categories.c.id == up.c.category_id)
        .where(categories.c.merchant_id == merchant_id, categories.c.parent_id.is_not(None))
    )
    up = up.union(parent)  # UNION, not UNION ALL: a cycle could never loop
    statement = union_all(
        select(up.c.product_id, literal(_CATEGORY).label("kind"), up.c.category_id),
        select(members.c.product_id, literal(_COLLECTION), members.c.collection_id).where(
            members.c.merchant_id == merchant_id, members.c.product_id.in_(wanted)
        ),
    )
    found: dict[UUID, dict[str, set[UUID]]] = defaultdict(lambda: defaultdict(set))
    for product_id, kind, group_id in (await session.execute(statement)).all():
        found[product_id][kind].add(group_id)
    groups = {id: NO_GROUPS for id in wanted}
    for product_id, kinds in found.items():
        groups[product_id] = ProductGroups(
            frozenset(kinds[_CATEGORY]), frozenset(kinds[_COLLECTION])
        )
    return groups
