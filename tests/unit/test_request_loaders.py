"""A request's loaders: made on first use, one per relation, none beyond the declared ones."""

from uuid import uuid4

import pytest
from strawberry.dataloader import DataLoader

from persistence.database import Database
from resolvers.context import Loaders
from server.context import build_loaders


@pytest.fixture
def some_database() -> Database:
    return Database.from_url("sqlite+aiosqlite:///:memory:")


def test_every_declared_loader_can_be_made(some_database: Database) -> None:
    loaders = build_loaders(some_database, uuid4(), platform=False)
    for name in Loaders.__annotations__:
        assert isinstance(getattr(loaders, name), DataLoader), name


def test_a_loader_is_made_once_per_request_and_not_shared_between_requests(
    some_database: Database,
) -> None:
    merchant = uuid4()
    first, second = (build_loaders(some_database, merchant, platform=False) for _ in range(2))
    assert first.product is first.product
    assert first.product is not second.product


def test_a_name_that_is_not_a_loader_is_an_attribute_error(some_database: Database) -> None:
    loaders = build_loaders(some_database, uuid4(), platform=False)
    with pytest.raises(AttributeError):
        _ = loaders.prodcut  # type: ignore[attr-defined]


async def test_without_any_scope_every_loader_finds_nothing(some_database: Database) -> None:
    loaders = build_loaders(some_database, None, platform=False)
    assert await loaders.product.load(uuid4()) is None
