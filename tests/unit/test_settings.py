"""Settings come from AGORA_* variables; production refuses unsafe ones."""

from datetime import timedelta

import pytest

from server.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings

STRONG_SECRET = "s" * 48


def test_defaults_run_on_embedded_sqlite_in_development() -> None:
    settings = load_settings({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.environment == "development" and settings.graphiql


def test_values_are_read_from_agora_variables() -> None:
    settings = load_settings(
        {
            "AGORA_DATABASE_URL": "postgresql+asyncpg://db/agora",
            "AGORA_CACHE_URL": "redis://127.0.0.1:6379/0",
            "AGORA_ALLOWED_ORIGINS": "https://shop.example.com, https://app.example.com",
            "AGORA_MAX_QUERY_DEPTH": "8",
            "AGORA_ACCESS_TOKEN_TTL_SECONDS": "300",
            "AGORA_INTROSPECTION": "false",
        }
    )
    assert settings.database_url == "postgresql+asyncpg://db/agora"
    assert settings.allowed_origins == ("https://shop.example.com", "https://app.example.com")
    assert settings.max_query_depth == 8
    assert settings.access_token_ttl == timedelta(seconds=300)
    assert settings.introspection is False


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(SettingsError, match="AGORA_SECRET_KEY"):
        load_settings({"AGORA_ENV": "production"})
    with pytest.raises(SettingsError, match="AGORA_SECRET_KEY"):
        load_settings({"AGORA_ENV": "production", "AGORA_SECRET_KEY": "short"})


def test_production_refuses_debug_and_wildcard_origins() -> None:
    base = {"AGORA_ENV": "production", "AGORA_SECRET_KEY": STRONG_SECRET}
    with pytest.raises(SettingsError):
        load_settings({**base, "AGORA_DEBUG": "true"})
    with pytest.raises(SettingsError):
        load_settings({**base, "AGORA_ALLOWED_ORIGINS": "*"})


def test_production_defaults_hide_graphiql_and_log_json() -> None:
    settings = load_settings({"AGORA_ENV": "production", "AGORA_SECRET_KEY": STRONG_SECRET})
    assert settings.production and not settings.graphiql and settings.log_json


def test_malformed_values_are_refused_with_the_variable_named() -> None:
    with pytest.raises(SettingsError, match="AGORA_MAX_ALIASES"):
        load_settings({"AGORA_MAX_ALIASES": "many"})
    with pytest.raises(SettingsError, match="AGORA_DEBUG"):
        load_settings({"AGORA_DEBUG": "perhaps"})


def test_secrets_never_appear_in_the_logged_settings() -> None:
    settings = load_settings(
        {
            "AGORA_SECRET_KEY": STRONG_SECRET,
            "AGORA_DATABASE_URL": "postgresql+asyncpg://u:pw@db/agora",
        }
    )
    shown = str(settings.masked())
    assert STRONG_SECRET not in shown and "pw" not in shown and "db/agora" in shown


def test_smtp_settings_are_read_checked_and_masked() -> None:
    settings = load_settings(
        {
            "AGORA_SMTP_URL": "smtp://mailer:hunter2@mail.example.com:587",
            "AGORA_SMTP_FROM": "Shop <s@x.io>",
        }
    )
    assert settings.smtp_from == "Shop <s@x.io>"
    assert "hunter2" not in str(settings.masked()) and "hunter2" not in repr(settings)
    with pytest.raises(SettingsError, match="AGORA_SMTP_URL"):
        load_settings({"AGORA_SMTP_URL": "http://mail.example.com"})


def test_webhook_and_event_log_settings() -> None:
    defaults = load_settings({})
    assert defaults.webhook_worker and not defaults.webhook_allow_private
    assert defaults.webhook_timeout_seconds == 10 and defaults.event_retention.days == 30
    chosen = load_settings(
        {
            "AGORA_WEBHOOK_WORKER": "false",
            "AGORA_WEBHOOK_ALLOW_PRIVATE": "true",
            "AGORA_WEBHOOK_TIMEOUT_SECONDS": "3",
            "AGORA_EVENT_RETENTION_DAYS": "7",
            "AGORA_API_COST_CAPACITY": "500",
            "AGORA_API_COST_RESTORE_RATE": "25",
        }
    )
    assert (chosen.api_cost_capacity, chosen.api_cost_restore_rate) == (500, 25)
    assert not chosen.webhook_worker and chosen.webhook_allow_private
    assert chosen.webhook_timeout_seconds == 3 and chosen.event_retention.days == 7


def test_the_web_shop_is_off_unless_a_storefront_token_names_it() -> None:
    assert load_settings({}).web_shop_token is None
    settings = load_settings({"AGORA_WEB_SHOP_TOKEN": " agora_pt_demo "})
    assert settings.web_shop_token == "agora_pt_demo"
    assert settings.masked()["web_shop_token"] == "********"
    assert load_settings({}).masked()["web_shop_token"] is None
