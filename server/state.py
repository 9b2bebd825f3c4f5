"""Everything a running app holds, built in the lifespan from settings and closed at shutdown."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import strawberry
from aiocache import Cache
from aiocache.serializers import BaseSerializer

from domain.auth import Authenticator
from domain.catalog.freshness import CATALOG
from domain.notifications import Notifier
from domain.payments.gateways import Gateways, built_in_gateways
from domain.rate_limits import BucketPolicy
from persistence.database import Database
from persistence.idempotency import IdempotencyStore
from persistence.webhook_outbox import OutboxStore
from schema.build import SchemaOptions, build_schema
from server.catalog_versions import CatalogVersions, version_keys
from server.gift_card_delivery import GiftCardDelivery
from server.notifications import build_notifier
from server.order_sweeper import OrderSweeper
from server.persisted_queries import PersistedQueries
from server.response_cache import ResponseCache
from server.security.cost_buckets import CostBuckets, create_buckets
from server.security.jwt import JoseTokenCodec
from server.security.passwords import Argon2Hasher
from server.security.sealing import Sealer, SecretBox, webhook_secrets
from server.security.throttle import CacheLoginThrottle
from server.settings import Settings
from server.storefront_tokens import StorefrontTokens
from server.webhook_sender import SenderOptions, WebhookSender
from server.webhook_worker import WebhookWorker, WorkerOptions


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
    secret_sealer: SecretBox
    notifier: Notifier
    persisted_queries: PersistedQueries
    bytes_cache: Any
    storefront_tokens: StorefrontTokens
    response_cache: ResponseCache | None = None
    worker: WebhookWorker | None = None
    cost_buckets: CostBuckets | None = None
    gateways: Gateways = field(default_factory=built_in_gateways)
    stop_watching: Callable[[], None] = lambda: None

    async def close(self) -> None:
        self.stop_watching()
        await self.bytes_cache.close()
        if self.cost_buckets is not None:
            await self.cost_buckets.close()
        if self.worker is not None:
            await self.worker.stop()
            await self.worker.sender.close()
        await self.database.dispose()
        await self.cache.close()


class RawBytes(BaseSerializer):  # type: ignore[misc]
    """Values are bytes, stored and returned as they are (no decoding on the hot path)."""

    DEFAULT_ENCODING = None

    def dumps(self, value: Any) -> Any:
        return value

    def loads(self, value: Any) -> Any:
        return value


def create_cache(settings: Settings, *, raw_bytes: bool = False) -> Any:
    """The shared cache: Redis when `AGORA_CACHE_URL` names one, else this process's memory.
    A raw-bytes cache (response cache, versions, persisted queries) skips aiocache's
    per-call timeout task too: Redis has its own socket timeouts."""
    cache = Cache.from_url(settings.cache_url) if settings.cache_url else Cache(Cache.MEMORY)
    if raw_bytes:
        cache.serializer = RawBytes()
        cache.timeout = None
    return cache


def utcnow() -> datetime:
    return datetime.now(UTC)


def build_worker(
    settings: Settings, database: Database, clock: Callable[[], datetime] = utcnow
) -> WebhookWorker:
    sender = WebhookSender(
        SenderOptions(
            timeout_seconds=settings.webhook_timeout_seconds,
            allow_private=settings.webhook_allow_private,
        )
    )
    options = WorkerOptions(retention=settings.event_retention)
    secrets = webhook_secrets(settings.secret_key)
    notifier = build_notifier(
        settings.smtp_url, settings.smtp_from, testing=settings.environment == "test"
    )
    return WebhookWorker(
        OutboxStore(database),
        sender,
        secrets,
        clock,
        options,
        orders=OrderSweeper(database),
        gift_cards=GiftCardDelivery(database, secrets, notifier),
    )


# Checkout's rules are kept under the catalog versions (their tables are catalog tables).
RULE_TAGS = frozenset({CATALOG})


def build_state(settings: Settings, database: Database | None = None) -> AppState:
    database = database or Database.from_url(settings.database_url, debug=settings.debug)
    cache = create_cache(settings)
    bytes_cache = create_cache(settings, raw_bytes=True)
    versions = CatalogVersions(bytes_cache)
    database.share_reads(versions, lambda merchant_id: version_keys(merchant_id, RULE_TAGS))
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
    response_cache = None
    if settings.response_cache:
        response_cache = ResponseCache(
            bytes_cache,
            versions,
            settings.response_cache_ttl,
            local_copies=settings.cache_url is not None,
        )
    return AppState(
        settings=settings,
        database=database,
        cache=cache,
        bytes_cache=bytes_cache,
        persisted_queries=PersistedQueries(bytes_cache),
        response_cache=response_cache,
        storefront_tokens=StorefrontTokens(database, versions),
        # Versions are replaced after every catalog commit, whether or not this process caches.
        stop_watching=database.watch_catalog(versions),
        schema=schema,
        authenticator=authenticator,
        hasher=hasher,
        idempotency=IdempotencyStore(database, settings.idempotency_ttl),
        sealer=Sealer(settings.secret_key, b"idempotent-responses/v1"),
        secret_sealer=webhook_secrets(settings.secret_key),
        notifier=build_notifier(
            settings.smtp_url, settings.smtp_from, testing=settings.environment == "test"
        ),
        worker=build_worker(settings, database) if settings.webhook_worker else None,
        cost_buckets=create_buckets(
            settings.cache_url,
            BucketPolicy(settings.api_cost_capacity, settings.api_cost_restore_rate),
        ),
    )
