"""Shared fixtures: one migrated database per run, the real app over HTTP, clean tables per test."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager
from sqlalchemy import delete
from starlette.applications import Starlette

from domain.auth import PlatformAdmin
from domain.ids import new_id
from persistence.database import Database
from persistence.tables import metadata
from persistence.unit_of_work import SqlUnitOfWork
from server import migrate
from server.app import create_app
from server.notifications import CapturingNotifier
from server.security.passwords import Argon2Hasher
from server.settings import Settings
from tests.support.actors import ADMIN_LOGIN, PASSWORD, MerchantWorld, create_merchant, ok
from tests.support.client import GraphQLClient
from tests.support.databases import create_fresh_database, drop_database, on_postgres
from tests.support.receiver import Receiver

ADMIN_EMAIL = "admin@platform.example.com"


def pytest_report_header() -> str:
    return f"agora database: {'PostgreSQL' if on_postgres() else 'SQLite'}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if on_postgres():
        return
    skip = pytest.mark.skip(reason="PostgreSQL-only: set AGORA_TEST_POSTGRES_URL (CI does)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "database_url": database_url,
        "webhook_worker": False,  # tests run the worker themselves, on their own clock
        # API keys are not throttled here: tests/graphql/test_rate_limits.py sets a budget.
        "api_cost_capacity": 1_000_000_000,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest_asyncio.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    url = await create_fresh_database("suite")
    await asyncio.to_thread(migrate.upgrade, url)
    yield url
    await drop_database(url)


@pytest_asyncio.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database.from_url(database_url)
    yield db
    await db.dispose()


@pytest_asyncio.fixture(scope="session")
async def app(database_url: str) -> AsyncIterator[Starlette]:
    application = create_app(make_settings(database_url))
    async with LifespanManager(application):
        yield application


@pytest_asyncio.fixture(autouse=True)
async def clean_state(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Every test starts from empty tables and an empty cache."""
    yield
    if "database" not in request.fixturenames and "app" not in request.fixturenames:
        return
    db: Database = request.getfixturevalue("database")
    async with db.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(delete(table))
    if "app" in request.fixturenames:
        state = request.getfixturevalue("app").state.agora
        await state.cache.clear()
        await state.bytes_cache.clear()


@pytest_asyncio.fixture
async def uncached(database_url: str) -> AsyncIterator[Starlette]:
    """The app with its response cache off, for tests that measure execution itself (the cache
    answers repeated reads with no statement at all: tests/graphql/test_response_cache.py)."""
    application = create_app(make_settings(database_url, response_cache=False))
    async with LifespanManager(application):
        yield application


@pytest_asyncio.fixture
async def http(app: Starlette, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://agora.test") as client:
        yield client


@pytest.fixture
def client(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)


@pytest_asyncio.fixture
async def admin_token(client: GraphQLClient, database: Database) -> str:
    async with SqlUnitOfWork(database, None) as uow:
        hashed = await Argon2Hasher(fast=True).hash(PASSWORD)
        uow.auth.add_admin(PlatformAdmin(new_id(), ADMIN_EMAIL, hashed, True, datetime.now(UTC)))
        await uow.commit()
    result = await client.execute(ADMIN_LOGIN, {"email": ADMIN_EMAIL, "password": PASSWORD})
    return str(ok(result.data["platformAdminLogin"])["accessToken"])


@pytest_asyncio.fixture
async def merchant_a(client: GraphQLClient, admin_token: str) -> MerchantWorld:
    return await create_merchant(client, admin_token, "alpha")


@pytest_asyncio.fixture
async def merchant_b(client: GraphQLClient, admin_token: str) -> MerchantWorld:
    return await create_merchant(client, admin_token, "bravo")


@pytest.fixture
def outbox(app: Starlette) -> CapturingNotifier:
    """What the app would have sent (verification and reset codes), empty at the start."""
    notifier = app.state.agora.notifier
    assert isinstance(notifier, CapturingNotifier)
    notifier.sent.clear()
    return notifier


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A webhook endpoint on 127.0.0.1 (see tests/support/receiver.py)."""
    endpoint = Receiver()
    await endpoint.start()
    yield endpoint
    await endpoint.stop()
