"""Which catalog versions a commit replaces: the watcher hears it after every catalog write,
including the Core stock UPDATE a checkout runs (the hook `report_stock_change`)."""

from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy import Update, update

from domain.catalog.freshness import CATALOG, STOCK
from domain.ids import new_id
from persistence import tables
from persistence.catalog_changes import CHANGE_REPORTED, Changes, report_stock_change
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork

MERCHANT = new_id()


class Heard:
    def __init__(self) -> None:
        self.changes: list[Changes] = []

    async def catalog_changed(self, changes: Changes) -> None:
        self.changes.append(changes)


@pytest_asyncio.fixture
async def heard(database: Database) -> AsyncIterator[Heard]:
    watcher = Heard()
    stop = database.watch_catalog(watcher)
    yield watcher
    stop()


def take_one() -> Update:
    """A checkout-style conditional stock UPDATE (it matches no row here: only its kind counts)."""
    stocks = tables.stocks
    return update(stocks).where(stocks.c.merchant_id == MERCHANT).values(quantity=0)


async def test_a_core_stock_update_counts_as_crossing_zero_unless_reported(
    database: Database, heard: Heard
) -> None:
    # when a unit of work decrements stock with a Core UPDATE, not saying what happened
    async with SqlUnitOfWork(database, MERCHANT) as uow:
        await uow.session.execute(take_one())
        await uow.commit()
    # then in-stock answers are invalidated too, to be safe
    assert heard.changes == [{MERCHANT: frozenset({STOCK, CATALOG})}]


async def test_a_reported_sale_that_leaves_stock_touches_only_exact_counts(
    database: Database, heard: Heard
) -> None:
    # when checkout runs its UPDATE with CHANGE_REPORTED and reports no crossing
    async with SqlUnitOfWork(database, MERCHANT) as uow:
        statement = take_one().execution_options(**CHANGE_REPORTED)
        await uow.session.execute(statement)
        report_stock_change(uow.session.sync_session, MERCHANT, crossed_zero=False)
        await uow.commit()
    # then only answers with exact quantities are invalidated
    assert heard.changes == [{MERCHANT: frozenset({STOCK})}]


async def test_nothing_is_published_without_a_commit(database: Database, heard: Heard) -> None:
    # when a unit of work writes catalog rows but does not commit
    async with SqlUnitOfWork(database, MERCHANT) as uow:
        await uow.session.execute(take_one())
    # then no version is replaced
    assert heard.changes == []
