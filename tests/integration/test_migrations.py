"""Alembic migrations build exactly the tables the code declares, and take them down again."""

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest_asyncio
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from domain.ids import new_id
from domain.webhooks.signing import generate_secret
from persistence import search_index
from persistence.database import create_engine
from persistence.tables import metadata
from server import migrate
from server.security.sealing import webhook_secrets
from server.settings import load_settings
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


MERCHANTS = sa.table(
    "merchants",
    *(sa.column(name, sa.Uuid()) for name in ["id"]),
    *(sa.column(name) for name in ["name", "slug", "status"]),
    *(sa.column(name, sa.DateTime(timezone=True)) for name in ["created_at", "updated_at"]),
)
SUBSCRIPTIONS = sa.table(
    "webhook_subscriptions",
    *(sa.column(name, sa.Uuid()) for name in ["id", "merchant_id"]),
    *(sa.column(name) for name in ["url", "secret", "previous_secret"]),
    *(sa.column(name, sa.JSON()) for name in ["event_types"]),
    *(sa.column(name, sa.Boolean()) for name in ["is_active"]),
    *(sa.column(name, sa.LargeBinary()) for name in ["sealed_secret", "sealed_previous_secret"]),
    *(
        sa.column(name, sa.DateTime(timezone=True))
        for name in ["previous_secret_expires_at", "created_at", "updated_at"]
    ),
)


async def run_statements(url: str, *statements: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            return [await connection.execute(statement) for statement in statements]
    finally:
        await engine.dispose()


async def test_signing_secrets_stored_readable_are_sealed_and_downgrading_opens_them(
    fresh_url: str,
) -> None:
    # given a database from before sealing, with a subscription's current and previous secret
    await asyncio.to_thread(migrate.upgrade, fresh_url, "0012")
    merchant_id, subscription_id, now = new_id(), new_id(), datetime.now(UTC)
    current, previous = generate_secret(), generate_secret()
    await run_statements(
        fresh_url,
        MERCHANTS.insert().values(
            id=merchant_id, name="M", slug="m", status="ACTIVE", created_at=now, updated_at=now
        ),
        SUBSCRIPTIONS.insert().values(
            id=subscription_id,
            merchant_id=merchant_id,
            url="https://hooks.example.com/",
            event_types=["product.created"],
            is_active=True,
            secret=current,
            previous_secret=previous,
            previous_secret_expires_at=now + timedelta(hours=1),
            created_at=now,
            updated_at=now,
        ),
    )
    # when it is migrated
    await asyncio.to_thread(migrate.upgrade, fresh_url, "0015")
    # then only sealed secrets are stored, and the app's key opens them for that subscription
    s = SUBSCRIPTIONS.c
    [result] = await run_statements(fresh_url, sa.select(s.sealed_secret, s.sealed_previous_secret))
    [(sealed, sealed_previous)] = result.all()
    assert current.encode() not in sealed and previous.encode() not in sealed_previous
    box = webhook_secrets(load_settings(os.environ).secret_key)
    assert box.open(sealed, subscription_id) == current
    assert box.open(sealed_previous, subscription_id) == previous
    # and downgrading stores them readable again
    await asyncio.to_thread(migrate.downgrade, fresh_url, "0014")
    [result] = await run_statements(fresh_url, sa.select(s.secret, s.previous_secret))
    assert result.all() == [(current, previous)]
