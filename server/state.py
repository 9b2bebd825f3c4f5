"""Everything a running app holds, built in the lifespan from settings and closed at shutdown."""

from dataclasses import dataclass
from typing import Any

import strawberry
from aiocache import Cache

from domain.auth import Authenticator
from domain.notifications import Notifier
from persistence.database import Database
from persistence.idempotency import IdempotencyStore
from schema.build import SchemaOptions, build_schema
from server.notifications import build_notifier
from server.security.jwt import JoseTokenCodec
from server.security.passwords import Argon2Hasher
from server.security.sealing import Sealer
from server.security.throttle import CacheLoginThrottle
from server.settings import Settings


@dataclass(frozen=True)
class AppState:
    settings: Settings
    database: Database
    cache: Any
    schema: strawberry.Schema
    authenticator: Authenticator
    hasher: Argon2Hasher
    idempotency: IdempotencyStore
    sealer: Sealer
    notifier: Notifier

    async def close(self) -> None:
        await self.database.dispose()
        await self.cache.close()


def create_cache(settings: Settings) -> Any:
    if settings.cache_url:
        return Cache.from_url(settings.cache_url)
    return Cache(Cache.MEMORY)


def build_state(settings: Settings, database: Database | None = None) -> AppState:
    database = database or Database.from_url(settings.database_url, debug=settings.debug)
    cache = create_cache(settings)
    hasher = Argon2Hasher(fast=settings.environment == "test")
    authenticator = Authenticator(
        codec=JoseTokenCodec(
            settings.secret_key, issuer=settings.jwt_issuer, audience=settings.jwt_audience
        ),
        hasher=hasher,
        throttle=CacheLoginThrottle(
            cache, max_failures=settings.login_max_failures, lockout=settings.login_lockout
        ),
        access_ttl=settings.access_token_ttl,
        session_ttl=settings.session_ttl,
    )
    schema = build_schema(
        SchemaOptions(
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_aliases,
            max_tokens=settings.max_tokens,
            introspection=settings.introspection,
            production=settings.production,
        )
    )
    return AppState(
        settings=settings,
        database=database,
        cache=cache,
        schema=schema,
        authenticator=authenticator,
        hasher=hasher,
        idempotency=IdempotencyStore(database, settings.idempotency_ttl),
        sealer=Sealer(settings.secret_key, b"idempotent-responses/v1"),
        notifier=build_notifier(
            settings.smtp_url, settings.smtp_from, testing=settings.environment == "test"
        ),
    )
