"""Alembic migrations build exactly the tables the code declares, and take them down again."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from persistence import search_index
from persistence.database import create_engine
from persistence.tables import metadata
from server import migrate
from tests.support.databases import create_fresh_database, drop_database

ALEMBIC_ONLY = {"alembic_version"}


@pytest_asyncio.fixture
async def fresh_url() -> AsyncIterator[str]:
    """An empty database of the suite's kind (SQLite, or PostgreSQL when configured)."""
    url = await create_fresh_database("migrations")
    yield url
    await drop_database(url)


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_name": search_index.include_name}
    )
    return list(compare_metadata(context, metadata))


def _table_names(connection: Connection) -> set[str]:
    names = inspect(connection).get_table_names()
    return {name for name in names if not search_index.is_search_table(name)}


async def inspect_database(url: str, how: Any) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(how)
    finally:
        await engine.dispose()


async def test_upgrade_to_head_builds_exactly_the_declared_tables(fresh_url: str) -> None:
    # when a fresh database is migrated to head
    await asyncio.to_thread(migrate.upgrade, fresh_url)
    # then it holds every declared table, and nothing differs from the code's metadata
    tables = await inspect_database(fresh_url, _table_names)
    assert tables == set(metadata.tables) | ALEMBIC_ONLY
    assert await inspect_database(fresh_url, _differences) == []


async def test_downgrade_to_base_removes_every_table_and_upgrade_works_again(
    fresh_url: str,
) -> None:
    # given a database at head
    await asyncio.to_thread(migrate.upgrade, fresh_url)
    # when it is downgraded to base
    await asyncio.to_thread(migrate.downgrade, fresh_url, "base")
    # then no application table is left
    assert await inspect_database(fresh_url, _table_names) <= ALEMBIC_ONLY
    # and upgrading again rebuilds the same schema
    await asyncio.to_thread(migrate.upgrade, fresh_url)
    assert await inspect_database(fresh_url, _differences) == []
