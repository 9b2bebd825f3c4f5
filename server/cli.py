"""The `agora` command: serve, migrate, createadmin, seed-demo, worker, prune-events, schema."""

import argparse
import asyncio
import getpass
import os
import signal
import sys
from datetime import UTC, datetime

from domain.auth import PlatformAdmin
from domain.errors import UserError
from domain.ids import new_id
from domain.passwords import validate_password
from domain.validation import normalize_email
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork
from server import migrate
from server.settings import Settings, SettingsError, load_settings


def _settings() -> Settings:
    try:
        return load_settings(os.environ)
    except SettingsError as error:
        sys.exit(f"agora: {error}")


async def _seed_demo(settings: Settings) -> str:
    """Load the demo data, print how to use it; returns the demo web shop's storefront token."""
    from server.demo import seed_demo
    from server.security.passwords import Argon2Hasher

    database = Database.from_url(settings.database_url)
    try:
        info = await seed_demo(database, Argon2Hasher(), _progress)
    finally:
        await database.dispose()
    print(
        "Demo data is ready.\n"
        f"  Staff sign-in:     merchant '{info.merchant_slug}', {info.staff_email} / {info.password}\n"
        f"  Platform admin:    {info.admin_email} / {info.password}\n"
        f"  Storefront token:  {info.storefront_token}  (header Agora-Storefront-Token)\n"
        f"  Marketplace token: {info.marketplace_token}  (the EUR marketplace storefront)"
    )
    return info.storefront_token


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


async def _create_admin(settings: Settings, email: str, password: str) -> None:
    from server.security.passwords import Argon2Hasher

    database = Database.from_url(settings.database_url)
    try:
        async with SqlUnitOfWork(database, None) as uow:
            if await uow.auth.admin_by_email(email) is not None:
                sys.exit(f"agora: a platform admin {email} exists already")
            hashed = await Argon2Hasher().hash(password)
            uow.auth.add_admin(PlatformAdmin(new_id(), email, hashed, True, datetime.now(UTC)))
            await uow.commit()
    finally:
        await database.dispose()
    print(f"Platform admin {email} created.")


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    settings = _settings()
    if args.demo and settings.production:
        sys.exit("agora: --demo is for development; it is refused in production mode")
    migrate.upgrade(settings.database_url)
    shop_token = settings.web_shop_token
    if args.demo:
        shop_token = asyncio.run(_seed_demo(settings))
        # The app (in each uvicorn worker) reads its settings from the environment.
        os.environ["AGORA_WEB_SHOP_TOKEN"] = shop_token
    shown_host = "localhost" if args.host in ("127.0.0.1", "0.0.0.0") else args.host  # noqa: S104
    if settings.graphiql:
        print(f"GraphiQL: http://{shown_host}:{args.port}/graphql", flush=True)
    if shop_token:
        print(f"Web shop: http://{shown_host}:{args.port}/shop/", flush=True)
    uvicorn.run(
        "server.app:app_factory",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="debug" if settings.debug else "info",
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    settings = _settings()
    if args.downgrade:
        migrate.downgrade(settings.database_url, args.downgrade)
    else:
        migrate.upgrade(settings.database_url, args.revision)
    print("Database is up to date." if not args.downgrade else f"Downgraded to {args.downgrade}.")


def cmd_createadmin(args: argparse.Namespace) -> None:
    settings = _settings()
    password = os.environ.get("AGORA_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    try:
        email = normalize_email(args.email)
        validate_password(password)
    except UserError as error:
        sys.exit(f"agora: {error.field}: {error.message}")
    migrate.upgrade(settings.database_url)
    asyncio.run(_create_admin(settings, email, password))


def cmd_seed_demo(_args: argparse.Namespace) -> None:
    settings = _settings()
    if settings.production:
        sys.exit("agora: demo data is refused in production mode")
    migrate.upgrade(settings.database_url)
    asyncio.run(_seed_demo(settings))


async def _work(settings: Settings) -> None:
    from server.state import build_worker

    database = Database.from_url(settings.database_url)
    worker = build_worker(settings, database)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, worker.request_stop)
    print(
        "Delivering webhooks and cancelling lapsed orders; stop with Ctrl-C.",
        file=sys.stderr,
        flush=True,
    )
    try:
        await worker.run()
    finally:
        await worker.sender.close()
        await database.dispose()


def cmd_worker(_args: argparse.Namespace) -> None:
    """Deliver webhooks until SIGINT/SIGTERM. Run as many as needed (PostgreSQL): they share
    the work; set AGORA_WEBHOOK_WORKER=false on the app servers when these do it."""
    asyncio.run(_work(_settings()))


async def _prune(settings: Settings) -> int:
    from persistence.webhook_outbox import OutboxStore

    database = Database.from_url(settings.database_url)
    try:
        return await OutboxStore(database).prune(datetime.now(UTC) - settings.event_retention)
    finally:
        await database.dispose()


def cmd_prune_events(_args: argparse.Namespace) -> None:
    settings = _settings()
    pruned = asyncio.run(_prune(settings))
    print(f"Pruned {pruned} events older than {settings.event_retention.days} days.")


def cmd_schema(_args: argparse.Namespace) -> None:
    from schema.build import build_schema

    print(build_schema().as_str())


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="agora", description="Agora headless commerce server.")
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate the database, then serve the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--demo", action="store_true", help="load demo data first")
    serve.set_defaults(run=cmd_serve)

    mig = commands.add_parser("migrate", help="upgrade the database schema")
    mig.add_argument("--revision", default="head")
    mig.add_argument("--downgrade", metavar="REVISION", help="downgrade instead, e.g. 'base'")
    mig.set_defaults(run=cmd_migrate)

    admin = commands.add_parser(
        "createadmin",
        help="create a platform admin (password from AGORA_ADMIN_PASSWORD or a prompt)",
    )
    admin.add_argument("--email", required=True)
    admin.set_defaults(run=cmd_createadmin)

    demo = commands.add_parser("seed-demo", help="load demo data (development only)")
    demo.set_defaults(run=cmd_seed_demo)

    work = commands.add_parser(
        "worker", help="deliver webhooks, cancel lapsed orders (as a separate process)"
    )
    work.set_defaults(run=cmd_worker)

    prune = commands.add_parser(
        "prune-events",
        help="delete events older than the retention (AGORA_EVENT_RETENTION_DAYS, default 30)",
    )
    prune.set_defaults(run=cmd_prune_events)

    sdl = commands.add_parser("schema", help="print the GraphQL schema (SDL)")
    sdl.set_defaults(run=cmd_schema)
    return root


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    args.run(args)
