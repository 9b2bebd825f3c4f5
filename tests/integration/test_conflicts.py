"""A unique-constraint race is reported as DUPLICATE on the field it is about."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from persistence.conflicts import conflicts_as_user_errors
from persistence.database import Database
from persistence.tables import merchants


async def test_a_second_row_with_a_taken_unique_value_names_that_field(database: Database) -> None:
    # given a merchant with the slug "taken"
    row = {"name": "Shop", "slug": "taken", "status": "ACTIVE"}
    async with database.engine.begin() as connection:
        await connection.execute(
            insert(merchants).values(
                id=new_id(), created_at=datetime.now(UTC), updated_at=datetime.now(UTC), **row
            )
        )
    # when another insert races for the same slug
    with pytest.raises(UserError) as raised, conflicts_as_user_errors():
        async with database.engine.begin() as connection:
            await connection.execute(
                insert(merchants).values(
                    id=new_id(),
                    created_at=datetime.now(UTC),
                    updated_at=datetime.now(UTC),
                    **row,
                )
            )
    # then the user error is DUPLICATE on "slug", on SQLite and PostgreSQL alike
    assert raised.value.code == ErrorCode.DUPLICATE
    assert raised.value.field == "slug"
