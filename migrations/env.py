"""Alembic environment (async). The URL comes from Agora's settings unless a caller set one."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from persistence import search_index
from persistence.database import create_engine
from persistence.tables import metadata
from server.settings import load_settings

config = context.config


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or load_settings(os.environ).database_url


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=search_index.include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_online() -> None:
    engine = create_engine(database_url())
    async with engine.connect() as connection:
        await connection.run_sync(run_with)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_online())
