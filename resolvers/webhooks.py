"""The event log and webhook subscriptions (MANAGE_WEBHOOKS: staff or a partner API key)."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from domain.events import Event
from domain.webhooks.deliveries import (
    WebhookAttempt,
    WebhookDelivery,
    replay,
    retry_now,
    send_test,
)
from domain.webhooks.subscriptions import (
    SubscriptionInput,
    WebhookSubscription,
    create_subscription,
    delete_subscription,
    rotate_secret,
    update_subscription,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import (
    ConnectionData,
    PageArgs,
    connection,
    encode_position_cursor,
    log_request,
    page_request,
    paginate,
)
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def events(
    info: AgoraInfo, args: PageArgs, types: Sequence[str] | None
) -> ConnectionData[Event]:
    """The event log in commit order: pass the last cursor seen as `after` to get what followed
    (cursors are log positions, see persistence/event_log.py)."""
    request = log_request(args)
    async with info.context.work() as uow:
        return connection(await uow.events.page(request, types), _position_cursor)


def _position_cursor(event: Event) -> str:
    return encode_position_cursor(event.sequence or 0)


async def webhook_subscriptions(
    info: AgoraInfo, args: PageArgs
) -> ConnectionData[WebhookSubscription]:
    return await paginate(info.context.work(), lambda uow: uow.webhook_subscriptions, args)


async def deliveries_of(
    info: AgoraInfo, subscription: WebhookSubscription, args: PageArgs
) -> ConnectionData[WebhookDelivery]:
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.webhook_deliveries.of_subscription(subscription.id, request))


async def attempts_of(info: AgoraInfo, delivery: WebhookDelivery) -> list[WebhookAttempt]:
    return await info.context.loaders.attempts_of_delivery.load(delivery.id)


async def event_of(info: AgoraInfo, delivery: WebhookDelivery) -> Event | None:
    return await info.context.loaders.event.load(delivery.event_id)


async def subscription_of(info: AgoraInfo, delivery: WebhookDelivery) -> WebhookSubscription | None:
    return await info.context.loaders.webhook_subscription.load(delivery.subscription_id)


async def webhook_subscription_create(info: AgoraInfo, command: SubscriptionInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            subscription, secret = await create_subscription(
                uow,
                actor(info).merchant_id,
                command,
                context.webhook_urls,
                context.secret_sealer,
                context.clock(),
            )
        return {"webhook_subscription": subscription, "secret": secret}

    return await mutate(work)


async def webhook_subscription_update(
    info: AgoraInfo, id: str, command: SubscriptionInput
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        subscription_id = decode_id_of(id, "WebhookSubscription")
        async with context.work() as uow:
            subscription = await update_subscription(
                uow, subscription_id, command, context.webhook_urls, context.clock()
            )
        return {"webhook_subscription": subscription}

    return await mutate(work)


async def webhook_subscription_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        subscription_id = decode_id_of(id, "WebhookSubscription")
        async with context.work() as uow:
            deleted = await delete_subscription(uow, subscription_id)
        return {"deleted_id": encode_global_id("WebhookSubscription", deleted)}

    return await mutate(work)


async def webhook_subscription_rotate_secret(
    info: AgoraInfo, id: str, grace_seconds: int
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        subscription_id = decode_id_of(id, "WebhookSubscription")
        grace = timedelta(seconds=grace_seconds)
        async with context.work() as uow:
            subscription, secret = await rotate_secret(
                uow, subscription_id, context.secret_sealer, context.clock(), grace
            )
        return {"webhook_subscription": subscription, "secret": secret}

    return await mutate(work)


async def webhook_subscription_test(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        subscription_id = decode_id_of(id, "WebhookSubscription")
        async with context.work() as uow:
            delivery = await send_test(uow, subscription_id, context.clock())
        return {"webhook_delivery": delivery}

    return await mutate(work)


async def webhook_subscription_replay(info: AgoraInfo, id: str, since: datetime) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        subscription_id = decode_id_of(id, "WebhookSubscription")
        async with context.work() as uow:
            result = await replay(uow, subscription_id, since, context.clock())
        return {
            "queued": result.queued,
            "has_more": result.has_more,
            "next_since": result.next_since,
        }

    return await mutate(work)


async def webhook_delivery_retry(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        delivery_id = decode_id_of(id, "WebhookDelivery")
        async with context.work() as uow:
            delivery = await retry_now(uow, delivery_id, context.clock())
        return {"webhook_delivery": delivery}

    return await mutate(work)
