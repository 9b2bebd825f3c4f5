"""Prepared reads (storefront hot paths run as SQL compiled once): the same tenant scope and
the same values as the ORM's own reads."""

from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest
from sqlalchemy import update

from domain.catalog.variants import ProductVariant
from persistence.database import Database
from persistence.loaders import SHELVES_OF_VARIANTS, load_shelved_variants, load_shelves
from persistence.tables import metadata
from persistence.tenancy import TenantScopeError
from tests.integration.test_tenant_scope import Merchants


def made(merchants: Merchants, table: str, merchant_id: UUID) -> UUID:
    return merchants.made[(table, merchant_id)]


async def live_variants(database: Database) -> None:
    """The fixture's rows fill every column; storefront reads list live variants only."""
    async with database.engine.begin() as connection:
        await connection.execute(
            update(metadata.tables["product_variants"]).values(archived_at=None)
        )


async def test_a_merchants_prepared_read_finds_none_of_another_merchants_variants(
    database: Database, merchants: Merchants
) -> None:
    # given one product with one live variant per merchant
    await live_variants(database)
    a_product = made(merchants, "products", merchants.a)
    b_product = made(merchants, "products", merchants.b)
    a_storefront = made(merchants, "storefronts", merchants.a)
    b_variant = made(merchants, "product_variants", merchants.b)
    # when A's scope asks for B's product's variants, and B's variant's shelf
    [found] = await load_shelved_variants(database, merchants.a, [(b_product, a_storefront)])
    [shelf] = await load_shelves(database, merchants.a, [(b_variant, a_storefront)])
    # then nothing of B's comes back
    assert found == []
    assert (shelf.price, shelf.available) == (None, 0)
    # ... while A's own product still has its variant
    [own] = await load_shelved_variants(database, merchants.a, [(a_product, a_storefront)])
    assert [variant.merchant_id for variant, _ in own] == [merchants.a]


async def test_a_prepared_read_gives_the_values_the_orm_loads(
    database: Database, merchants: Merchants
) -> None:
    # given A's live variant as the ORM loads it
    await live_variants(database)
    variant_id = made(merchants, "product_variants", merchants.a)
    async with database.session(merchants.a) as session:
        entity = await session.get(ProductVariant, variant_id)
    assert entity is not None
    # when a prepared read finds it
    storefront = made(merchants, "storefronts", merchants.a)
    [[(row, _shelf)]] = await load_shelved_variants(
        database, merchants.a, [(entity.product_id, storefront)]
    )
    # then every column has the same value and type (ids as UUIDs, times with their zone)
    for column in metadata.tables["product_variants"].columns:
        expected, got = getattr(entity, column.key), getattr(row, column.key)
        assert (got, type(got).__mro__[-2]) == (expected, type(expected).__mro__[-2]), column.key


async def test_a_prepared_read_outside_any_scope_is_refused(database: Database) -> None:
    async with database.unscoped_session() as session:
        with pytest.raises(TenantScopeError):
            await SHELVES_OF_VARIANTS.rows(session, {"storefront": UUID(int=1), "keys": []})


async def test_times_come_back_in_utc_whatever_zone_they_were_stored_in(
    database: Database, merchants: Merchants
) -> None:
    # given a variant archived at 12:00 in a +05:00 zone (07:00 UTC)
    variant_id = made(merchants, "product_variants", merchants.a)
    moment = datetime(2026, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=5)))
    async with database.engine.begin() as connection:
        variants = metadata.tables["product_variants"]
        await connection.execute(
            update(variants).where(variants.c.id == variant_id).values(archived_at=moment)
        )
    # when the ORM loads it
    async with database.session(merchants.a) as session:
        entity = await session.get(ProductVariant, variant_id)
    # then it is the same instant, in UTC
    assert entity is not None and entity.archived_at == moment
    assert entity.archived_at.utcoffset() == timedelta(0)
    assert entity.archived_at.hour == 7
