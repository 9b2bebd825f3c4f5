"""A dataloader read survives the database dropping its pooled connections (a restart)."""

import pytest
from sqlalchemy import text

from domain.ids import new_id
from domain.merchants import Merchant
from persistence.database import Database
from persistence.loaders import load_by_ids

pytestmark = pytest.mark.postgres_only


async def test_a_read_batch_runs_again_on_a_fresh_connection_after_the_old_ones_died(
    database_url: str,
) -> None:
    database = Database.from_url(database_url)
    try:
        # given a pooled connection the loaders have used
        missing = new_id()
        assert await load_by_ids(database, None, Merchant, [missing]) == [None]

        # when the server ends that connection (as a restart would)
        async with database.reading(None) as session:
            pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        admin = Database.from_url(database_url)
        async with admin.engine.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        await admin.dispose()

        # then the next batch still answers (on a new connection)
        assert await load_by_ids(database, None, Merchant, [missing]) == [None]
    finally:
        await database.dispose()
