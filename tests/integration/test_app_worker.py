"""The app delivers webhooks from its own process by default, and stops that with itself."""

from asgi_lifespan import LifespanManager

from server.app import create_app
from tests.conftest import make_settings


async def test_the_in_process_worker_starts_and_stops_with_the_app(database_url: str) -> None:
    application = create_app(make_settings(database_url, webhook_worker=True))
    async with LifespanManager(application):
        worker = application.state.agora.worker
        assert worker is not None and worker.running
    assert not worker.running


async def test_no_in_process_worker_when_separate_workers_deliver(database_url: str) -> None:
    application = create_app(make_settings(database_url, webhook_worker=False))
    async with LifespanManager(application):
        assert application.state.agora.worker is None
