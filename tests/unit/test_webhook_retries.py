"""The retry schedule, dead-lettering and disabling an endpoint that keeps failing."""

from datetime import UTC, datetime, timedelta

from domain.ids import new_id
from domain.webhooks.deliveries import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    DeliveryStatus,
    Outcome,
    WebhookDelivery,
    retry_delay,
    settle,
)
from domain.webhooks.subscriptions import WebhookSubscription

NOW = datetime(2026, 1, 1, tzinfo=UTC)
FAILED = Outcome(500, 12)
TIMED_OUT = Outcome(None, 10_000, "timed out")


def middle() -> float:
    return 0.5  # no jitter


def subscription() -> WebhookSubscription:
    return WebhookSubscription(
        new_id(), new_id(), "https://x.example.com", ["product.created"], True, b"sealed",
        None, None, None, None, None, NOW, NOW,
    )  # fmt: skip


def delivery(sub: WebhookSubscription) -> WebhookDelivery:
    return WebhookDelivery(
        new_id(), sub.merchant_id, sub.id, new_id(), "product.created",
        DeliveryStatus.PENDING.value, 0, NOW, None, None, None, NOW, NOW,
    )  # fmt: skip


def test_the_documented_schedule_with_bounded_jitter() -> None:
    assert [retry_delay(n, middle) for n in range(1, MAX_ATTEMPTS)] == list(RETRY_DELAYS)
    assert RETRY_DELAYS[0] == timedelta(seconds=5) and RETRY_DELAYS[-1] == timedelta(hours=24)
    for n, base in enumerate(RETRY_DELAYS, start=1):
        low, high = retry_delay(n, lambda: 0.0), retry_delay(n, lambda: 0.999999)
        assert low is not None and high is not None
        assert base * 0.9 <= low <= high <= base * 1.1
    assert retry_delay(MAX_ATTEMPTS) is None


def test_failures_follow_the_schedule_then_the_delivery_is_dead() -> None:
    sub, d = subscription(), delivery(subscription())
    now = NOW
    for expected in RETRY_DELAYS:
        settle(d, sub, FAILED, now, middle)
        assert d.status == DeliveryStatus.PENDING and d.next_attempt_at == now + expected
        now = d.next_attempt_at
        sub.failing_since = now  # keep the endpoint from being disabled meanwhile
    attempt, _ = settle(d, sub, TIMED_OUT, now, middle)
    assert d.status == DeliveryStatus.DEAD and d.next_attempt_at is None
    assert d.attempts == MAX_ATTEMPTS and attempt.error == "timed out"


def test_a_success_clears_the_failing_streak() -> None:
    sub = subscription()
    settle(delivery(sub), sub, FAILED, NOW, middle)
    assert sub.failing_since == NOW
    d = delivery(sub)
    settle(d, sub, Outcome(204, 3), NOW + timedelta(hours=1), middle)
    assert d.status == DeliveryStatus.SUCCEEDED and d.delivered_at is not None
    assert sub.failing_since is None


def test_an_endpoint_failing_for_a_day_is_disabled_and_the_merchant_told() -> None:
    # given an endpoint that has failed since NOW
    sub = subscription()
    settle(delivery(sub), sub, FAILED, NOW, middle)
    # when a delivery still fails a moment before a day has passed, it stays on
    _, event = settle(delivery(sub), sub, FAILED, NOW + timedelta(hours=23), middle)
    assert event is None and sub.is_active
    # and when one fails a day after the streak began, it is disabled with an event
    d = delivery(sub)
    _, event = settle(d, sub, FAILED, NOW + timedelta(days=1), middle)
    assert not sub.is_active and sub.disabled_at == NOW + timedelta(days=1)
    assert event is not None and event.type == "webhook_subscription.disabled"
    assert d.status == DeliveryStatus.DEAD
