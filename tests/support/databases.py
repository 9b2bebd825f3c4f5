"""Which database the suite runs on, and fresh databases for it.

SQLite by default. Set AGORA_TEST_POSTGRES_URL (a server URL such as
postgresql+asyncpg://postgres@127.0.0.1/postgres) to run the same suite on PostgreSQL: each
run then creates its own fresh database and drops it at the end.
"""

import os
import tempfile
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

POSTGRES_ENV = "AGORA_TEST_POSTGRES_URL"


def postgres_server_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def on_postgres() -> bool:
    return postgres_server_url() is not None


async def _admin_execute(statement: str) -> None:
    url = make_url(postgres_server_url() or "")
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def create_fresh_database(label: str) -> str:
    """A new empty database; returns its SQLAlchemy URL."""
    server = postgres_server_url()
    if server is None:
        path = Path(tempfile.mkdtemp(prefix="agora-test-")) / f"{label}.db"
        return f"sqlite+aiosqlite:///{path}"
    name = f"agora_test_{label}_{uuid.uuid4().hex[:10]}"
    await _admin_execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def drop_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            for suffix in ("", "-wal", "-shm"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    await _admin_execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
