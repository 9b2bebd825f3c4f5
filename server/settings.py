"""Settings, read once from `AGORA_*` environment variables into a frozen dataclass."""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import timedelta

DEVELOPMENT_SECRET = "agora-development-secret-do-not-use-in-production"  # noqa: S105
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./agora.db"


class SettingsError(ValueError):
    """The environment asks for something unsafe or malformed; the server refuses to start."""


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = field(default=DEVELOPMENT_SECRET, repr=False)
    cache_url: str | None = None
    debug: bool = False
    allowed_origins: tuple[str, ...] = ()
    graphiql: bool = True
    introspection: bool = True
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    max_body_bytes: int = 1_000_000
    jwt_issuer: str = "agora"
    jwt_audience: str = "agora-api"
    access_token_ttl: timedelta = timedelta(minutes=15)
    session_ttl: timedelta = timedelta(days=30)
    login_max_failures: int = 5
    login_lockout: timedelta = timedelta(minutes=15)
    idempotency_ttl: timedelta = timedelta(hours=24)
    log_json: bool = False
    smtp_url: str | None = field(default=None, repr=False)
    smtp_from: str = "Agora <no-reply@agora.invalid>"
    # Webhooks: deliver from the app's own process (off when `agora worker` processes do it).
    webhook_worker: bool = True
    # Let webhooks reach loopback/private/link-local targets (tests, local development only).
    webhook_allow_private: bool = False
    webhook_timeout_seconds: int = 10
    event_retention: timedelta = timedelta(days=30)
    # Partner API keys: a leaky bucket of query cost per key (see schema/cost.py).
    api_cost_capacity: int = 1000
    api_cost_restore_rate: int = 50
    # Storefront response cache (server/response_cache.py) and HTTP caching of its answers.
    response_cache: bool = True
    response_cache_ttl: timedelta = timedelta(seconds=300)
    http_max_age_seconds: int = 5
    # Serve the reference web shop (storefronts/web/) at /shop/ for this public storefront token.
    web_shop_token: str | None = None

    @property
    def production(self) -> bool:
        return self.environment == "production"

    def masked(self) -> dict[str, object]:
        """For logging: never print the secret or credentials in URLs."""
        shown: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "secret_key" or (f.name == "web_shop_token" and value):
                value = "********"
            elif (
                f.name in ("database_url", "cache_url", "smtp_url") and value and "@" in str(value)
            ):
                scheme, _, rest = str(value).partition("://")
                value = f"{scheme}://********@{rest.rsplit('@', 1)[1]}"
            shown[f.name] = value
        return shown


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _int(name: str, raw: str, minimum: int = 1) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}")
    return value


def load_settings(environ: Mapping[str, str]) -> Settings:
    env = {k[len("AGORA_") :].lower(): v for k, v in environ.items() if k.startswith("AGORA_")}
    environment = env.get("env", "development").strip().lower()
    if environment not in ("development", "production", "test"):
        raise SettingsError("AGORA_ENV must be development, production or test")
    production = environment == "production"
    values: dict[str, object] = {"environment": environment}
    for name in (
        "database_url",
        "secret_key",
        "cache_url",
        "jwt_issuer",
        "jwt_audience",
        "smtp_url",
        "smtp_from",
        "web_shop_token",
    ):
        if env.get(name):
            values[name] = env[name].strip()
    for name in (
        "debug",
        "graphiql",
        "introspection",
        "log_json",
        "webhook_worker",
        "response_cache",
    ):
        if name in env:
            values[name] = _bool(f"AGORA_{name.upper()}", env[name])
    if "webhook_allow_private" in env:
        values["webhook_allow_private"] = _bool(
            "AGORA_WEBHOOK_ALLOW_PRIVATE", env["webhook_allow_private"]
        )
    if "webhook_timeout_seconds" in env:
        values["webhook_timeout_seconds"] = _int(
            "AGORA_WEBHOOK_TIMEOUT_SECONDS", env["webhook_timeout_seconds"]
        )
    if "event_retention_days" in env:
        values["event_retention"] = timedelta(
            days=_int("AGORA_EVENT_RETENTION_DAYS", env["event_retention_days"])
        )
    if production:
        values.setdefault("graphiql", False)
        values.setdefault("log_json", True)
    for name in (
        "max_query_depth",
        "max_aliases",
        "max_tokens",
        "max_body_bytes",
        "login_max_failures",
        "api_cost_capacity",
        "api_cost_restore_rate",
    ):
        if name in env:
            values[name] = _int(f"AGORA_{name.upper()}", env[name])
    if "response_cache_ttl_seconds" in env:
        values["response_cache_ttl"] = timedelta(
            seconds=_int("AGORA_RESPONSE_CACHE_TTL_SECONDS", env["response_cache_ttl_seconds"])
        )
    if "http_max_age_seconds" in env:
        values["http_max_age_seconds"] = _int(
            "AGORA_HTTP_MAX_AGE_SECONDS", env["http_max_age_seconds"], minimum=0
        )
    if "access_token_ttl_seconds" in env:
        values["access_token_ttl"] = timedelta(
            seconds=_int("AGORA_ACCESS_TOKEN_TTL_SECONDS", env["access_token_ttl_seconds"])
        )
    if env.get("allowed_origins"):
        values["allowed_origins"] = tuple(
            o.strip() for o in env["allowed_origins"].split(",") if o.strip()
        )
    settings = Settings(**values)  # type: ignore[arg-type]
    if settings.smtp_url and not settings.smtp_url.startswith(("smtp://", "smtps://")):
        raise SettingsError("AGORA_SMTP_URL must start with smtp:// or smtps://.")
    _refuse_unsafe(settings)
    return settings


def _refuse_unsafe(settings: Settings) -> None:
    if not settings.production:
        return
    if settings.secret_key == DEVELOPMENT_SECRET or len(settings.secret_key) < 32:
        raise SettingsError(
            "Production mode needs AGORA_SECRET_KEY: a random secret of at least 32 characters."
        )
    if settings.debug:
        raise SettingsError("AGORA_DEBUG must be off in production mode.")
    if "*" in settings.allowed_origins:
        raise SettingsError("AGORA_ALLOWED_ORIGINS may not be '*' in production mode.")
