"""The session's tenant scope: a merchant's session cannot reach another merchant's rows.

Generic over every mapped tenant-owned class, so entities added later are covered as soon as
they are mapped. Rows are written with Core (which the scope does not touch) and then read,
changed and deleted through scoped ORM sessions.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
import pytest_asyncio
from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Mapper

from domain.entities import TenantOwned
from domain.merchants import Merchant
from persistence.database import Database
from persistence.mapping import mapper_registry, start_mappers
from persistence.tables import metadata
from persistence.tenancy import TenantScopeError
from tests.support.rows import Made, instance_for, row_for

# Tables that carry merchant_id without being tenant-owned, and why.
NOT_TENANT_OWNED_WITH_MERCHANT_ID = {
    # A sign-in session belongs to a staff user (with a merchant) or to a platform admin
    # (without one); it is only ever read through platform sessions during authentication.
    "auth_sessions",
    # A merchant's order-number counter: Core SQL only, always naming the merchant explicitly
    # (persistence/order_repositories.py), never read or written through the ORM.
    "order_counters",
    # A customer's uses of a promotion: Core SQL only, always naming the merchant explicitly
    # (persistence/promotion_repositories.py).
    "promotion_customer_uses",
}

start_mappers()
TENANT_MAPPERS: dict[str, Mapper[Any]] = {
    m.class_.__name__: m for m in mapper_registry.mappers if issubclass(m.class_, TenantOwned)
}
CLASSES = sorted(TENANT_MAPPERS)


def table_of(mapper: Mapper[Any]) -> Table:
    return metadata.tables[mapper.persist_selectable.description]


@dataclass(frozen=True)
class Merchants:
    a: UUID
    b: UUID
    made: Made

    def row_id(self, mapper: Mapper[Any], merchant_id: UUID) -> UUID:
        return self.made[(table_of(mapper).name, merchant_id)]


@pytest_asyncio.fixture
async def merchants(database: Database) -> Merchants:
    """Merchants A and B, each with one row in every tenant-owned table."""
    tenant_tables = {table_of(m).name for m in TENANT_MAPPERS.values()}
    a, b = (UUID(int=0xA), UUID(int=0xB))
    made: Made = {}
    async with database.engine.begin() as connection:
        merchants_table = metadata.tables["merchants"]
        for merchant_id in (a, b):
            values = row_for(merchants_table, merchant_id, made) | {"id": merchant_id}
            await connection.execute(insert(merchants_table).values(values))
        for table in metadata.sorted_tables:
            if table.name not in tenant_tables:
                continue
            for merchant_id in (a, b):
                values = row_for(table, merchant_id, made)
                await connection.execute(insert(table).values(values))
                made[(table.name, merchant_id)] = values["id"]
    return Merchants(a, b, made)


async def row_of(database: Database, mapper: Mapper[Any], id: UUID) -> dict[str, Any] | None:
    """The row as stored, read with Core (outside any tenant scope)."""
    table = table_of(mapper)
    async with database.engine.connect() as connection:
        row = (await connection.execute(select(table).where(table.c.id == id))).one_or_none()
    return None if row is None else dict(row._mapping)


def test_every_table_with_a_merchant_id_maps_a_tenant_owned_class() -> None:
    tenant_tables = {table_of(m).name for m in TENANT_MAPPERS.values()}
    with_merchant_id = {t.name for t in metadata.sorted_tables if "merchant_id" in t.columns}
    unscoped = with_merchant_id - tenant_tables - NOT_TENANT_OWNED_WITH_MERCHANT_ID
    assert unscoped == set(), (
        f"Tables {sorted(unscoped)} carry merchant_id but no TenantOwned class maps them: "
        "the tenant scope would not apply. Map a TenantOwned entity, or justify the table in "
        "NOT_TENANT_OWNED_WITH_MERCHANT_ID."
    )
    for name in tenant_tables:
        assert metadata.tables[name].c.merchant_id.nullable is False, name


@pytest.mark.parametrize("class_name", CLASSES)
async def test_a_query_that_forgets_to_filter_sees_only_the_sessions_merchant(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    # given one row per merchant
    entity = TENANT_MAPPERS[class_name].class_
    # when A's session selects everything, with no WHERE clause at all
    async with database.session(merchants.a) as session:
        rows = list((await session.execute(select(entity))).scalars())
        count = (await session.execute(select(func.count()).select_from(entity))).scalar_one()
    # then it gets A's row alone
    assert [row.merchant_id for row in rows] == [merchants.a]
    assert [row.id for row in rows] == [merchants.row_id(TENANT_MAPPERS[class_name], merchants.a)]
    assert count == 1


@pytest.mark.parametrize("class_name", CLASSES)
async def test_get_of_another_merchants_primary_key_finds_nothing(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    mapper = TENANT_MAPPERS[class_name]
    b_id = merchants.row_id(mapper, merchants.b)
    async with database.session(merchants.a) as session:
        assert await session.get(mapper.class_, b_id) is None
    async with database.session(merchants.b) as session:
        assert (await session.get(mapper.class_, b_id)) is not None


@pytest.mark.parametrize("class_name", CLASSES)
async def test_an_orm_update_without_filter_changes_only_the_sessions_merchant(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    # given B's row as stored
    mapper = TENANT_MAPPERS[class_name]
    entity = mapper.class_
    b_before = await row_of(database, mapper, merchants.row_id(mapper, merchants.b))
    # when A's session updates every row of the class
    async with database.session(merchants.a) as session:
        result = await session.execute(
            update(entity).values(merchant_id=entity.merchant_id),
            execution_options={"synchronize_session": False},
        )
        await session.commit()
    # then only A's row matched, and B's is untouched
    assert result.rowcount == 1  # type: ignore[attr-defined]
    assert await row_of(database, mapper, merchants.row_id(mapper, merchants.b)) == b_before


@pytest.mark.parametrize("class_name", CLASSES)
async def test_an_orm_delete_without_filter_deletes_only_the_sessions_merchants_rows(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    mapper = TENANT_MAPPERS[class_name]
    # when A's session deletes every row of the class
    async with database.session(merchants.a) as session:
        await session.execute(
            delete(mapper.class_), execution_options={"synchronize_session": False}
        )
        await session.commit()
    # then A's row is gone and B's is still there
    assert await row_of(database, mapper, merchants.row_id(mapper, merchants.a)) is None
    assert await row_of(database, mapper, merchants.row_id(mapper, merchants.b)) is not None


@pytest.mark.parametrize("class_name", CLASSES)
async def test_a_session_without_any_scope_refuses_every_orm_statement(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    mapper = TENANT_MAPPERS[class_name]
    entity = mapper.class_
    statements = [
        select(entity),
        update(entity).values(merchant_id=entity.merchant_id),
        delete(entity),
    ]
    async with database.unscoped_session() as session:
        for statement in statements:
            with pytest.raises(TenantScopeError):
                await session.execute(statement)
        with pytest.raises(TenantScopeError):
            await session.get(entity, merchants.row_id(mapper, merchants.a))
    # and nothing was changed on the way
    assert await row_of(database, mapper, merchants.row_id(mapper, merchants.a)) is not None


@pytest.mark.parametrize("class_name", CLASSES)
async def test_adding_a_row_of_another_merchant_fails_at_flush(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    # given a new object stamped with B's merchant (its references are B's too)
    mapper = TENANT_MAPPERS[class_name]
    intruder = instance_for(mapper, row_for(table_of(mapper), merchants.b, merchants.made))
    # when A's session tries to write it, then the flush refuses
    async with database.session(merchants.a) as session:
        session.add(intruder)
        with pytest.raises(TenantScopeError):
            await session.flush()
    assert await row_of(database, mapper, intruder.id) is None


@pytest.mark.parametrize("class_name", CLASSES)
async def test_moving_a_row_to_another_merchant_fails_at_flush(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    mapper = TENANT_MAPPERS[class_name]
    a_id = merchants.row_id(mapper, merchants.a)
    async with database.session(merchants.a) as session:
        own = await session.get(mapper.class_, a_id)
        assert own is not None
        own.merchant_id = merchants.b
        with pytest.raises(TenantScopeError):
            await session.flush()
    assert (await row_of(database, mapper, a_id) or {}).get("merchant_id") == merchants.a


@pytest.mark.parametrize("class_name", CLASSES)
async def test_new_rows_get_the_sessions_merchant(
    class_name: str, database: Database, merchants: Merchants
) -> None:
    # given a new object that names no merchant (its references are A's; A's seeded row goes
    # first, so that uniques over those references cannot collide)
    mapper = TENANT_MAPPERS[class_name]
    table = table_of(mapper)
    async with database.engine.begin() as connection:
        seeded = merchants.row_id(mapper, merchants.a)
        await connection.execute(delete(table).where(table.c.id == seeded))
    values = row_for(table_of(mapper), merchants.a, merchants.made) | {"merchant_id": None}
    new = instance_for(mapper, values)
    # when A's session writes it
    async with database.session(merchants.a) as session:
        session.add(new)
        await session.commit()
    # then it belongs to A
    assert new.merchant_id == merchants.a
    assert (await row_of(database, mapper, new.id) or {}).get("merchant_id") == merchants.a


async def test_a_merchant_session_sees_only_its_own_merchant(
    database: Database, merchants: Merchants
) -> None:
    async with database.session(merchants.a) as session:
        seen = list((await session.execute(select(Merchant))).scalars())
        other = await session.get(Merchant, merchants.b)
    assert [m.id for m in seen] == [merchants.a]
    assert other is None


async def test_a_platform_session_sees_every_merchant_and_stamps_nothing(
    database: Database, merchants: Merchants
) -> None:
    mapper = TENANT_MAPPERS[CLASSES[0]]
    async with database.session(None) as session:
        owners = (await session.execute(select(mapper.class_.merchant_id))).scalars()
        assert sorted(owners) == sorted([merchants.a, merchants.b])
        values = row_for(table_of(mapper), merchants.a, merchants.made) | {"merchant_id": None}
        session.add(instance_for(mapper, values))
        with pytest.raises(TenantScopeError):
            await session.flush()
