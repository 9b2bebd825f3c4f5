"""The event log and webhook subscriptions, deliveries and attempts."""

import json
from datetime import datetime
from typing import Annotated

import strawberry

from domain.events import CATALOGUE, EventType
from domain.events import Event as DomainEvent
from domain.permissions import Permission as P
from domain.webhooks import deliveries as delivery_domain
from domain.webhooks import subscriptions as domain
from domain.webhooks.deliveries import DeliveryStatus
from domain.webhooks.subscriptions import DEFAULT_ROTATION_GRACE, SubscriptionInput
from resolvers import webhooks as resolvers
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from schema.connections import After, Before, Connection, First, Last, connection_field
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.node import Node, shows

graphql_enum(
    EventType,
    "What happened: the event catalogue. Each payload is versioned (see `Event.version`).",
    {member.name: spec.description for member, spec in CATALOGUE.items()},
)
graphql_enum(
    DeliveryStatus,
    "Where a webhook delivery stands.",
    {
        "PENDING": "Waiting for its next attempt (see `nextAttemptAt`).",
        "SUCCEEDED": "The endpoint answered 2xx.",
        "DEAD": "Every attempt failed (dead-lettered): retry it by hand with webhookDeliveryRetry.",
    },
)


@strawberry.type(description="An event in the merchant's event log (kept for 30 days by default).")
@shows(DomainEvent)
class Event(Node):
    version: int = strawberry.field(description="The payload's version for its type.")
    occurred_at: datetime = strawberry.field(description="When it happened.")

    @strawberry.field(name="type", description="What happened.")
    def type_(self, root: DomainEvent) -> EventType:
        return EventType(root.type)

    @strawberry.field(
        description="The payload as a JSON object text: exactly the `data` a webhook carries."
    )
    def payload(self, root: DomainEvent) -> str:
        return json.dumps(root.data, separators=(",", ":"), sort_keys=True)


@strawberry.type(description="One attempt to deliver a webhook.")
class WebhookAttempt:
    attempted_at: datetime = strawberry.field(description="When it was made.")
    status_code: int | None = strawberry.field(
        description="The HTTP status the endpoint answered, if it answered."
    )
    duration_ms: int = strawberry.field(description="How long it took, in milliseconds.")
    error: str | None = strawberry.field(
        description="Why it failed before an answer (timeout, refused connection, refused target)."
    )


@strawberry.type(description="An event's delivery to one subscription, with every attempt.")
@shows(delivery_domain.WebhookDelivery)
class WebhookDelivery(Node):
    status: DeliveryStatus = strawberry.field(description="Where it stands.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When it is next attempted, while pending."
    )
    last_status_code: int | None = strawberry.field(
        description="The HTTP status of the last attempt, if it got one."
    )
    last_error: str | None = strawberry.field(description="The last attempt's error, if any.")
    created_at: datetime = strawberry.field(description="When it was queued.")
    delivered_at: datetime | None = strawberry.field(description="When it succeeded.")

    @strawberry.field(description="How many attempts were made.")
    def attempt_count(self, root: delivery_domain.WebhookDelivery) -> int:
        return root.attempts

    @strawberry.field(description="The event's type.")
    def event_type(self, root: delivery_domain.WebhookDelivery) -> EventType:
        return EventType(root.event_type)

    @strawberry.field(description="The event delivered.")
    async def event(self, root: delivery_domain.WebhookDelivery, info: AgoraInfo) -> Event | None:
        return await resolvers.event_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="The subscription it goes to.")
    async def subscription(
        self, root: delivery_domain.WebhookDelivery, info: AgoraInfo
    ) -> "WebhookSubscription | None":
        return await resolvers.subscription_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Every attempt, oldest first.")
    async def attempts(
        self, root: delivery_domain.WebhookDelivery, info: AgoraInfo
    ) -> list[WebhookAttempt]:
        return await resolvers.attempts_of(info, root)  # type: ignore[return-value]


@strawberry.type(description="Where to send which events. Its signing secret is shown only once.")
@shows(domain.WebhookSubscription)
class WebhookSubscription(Node):
    url: str = strawberry.field(description="The endpoint events are POSTed to.")
    is_active: bool = strawberry.field(description="Whether events are sent to it.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    failing_since: datetime | None = strawberry.field(
        description="Since when every delivery has failed (cleared by a success)."
    )
    disabled_at: datetime | None = strawberry.field(
        description="When Agora disabled it after a day of failures (set isActive to resume)."
    )
    disabled_reason: str | None = strawberry.field(description="Why Agora disabled it.")
    previous_secret_expires_at: datetime | None = strawberry.field(
        description="Until when messages are also signed with the secret before the last rotation."
    )

    @strawberry.field(description="The event types it receives.")
    def event_types(self, root: domain.WebhookSubscription) -> list[EventType]:
        return [EventType(t) for t in root.event_types]

    @strawberry.field(description="Its deliveries, oldest first.")
    async def deliveries(
        self,
        root: domain.WebhookSubscription,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WebhookDelivery]:
        args = PageArgs(first, after, last, before)
        return await resolvers.deliveries_of(info, root, args)  # type: ignore[return-value]


@strawberry.input(description="A new webhook subscription.")
class WebhookSubscriptionCreateInput:
    url: str = strawberry.field(description="The endpoint (https in production).")
    event_types: list[EventType] = strawberry.field(description="The events to send it.")
    is_active: bool = strawberry.field(default=True, description="Whether to send events now.")


@strawberry.input(description="A subscription's fields; omitted ones stay as they are.")
class WebhookSubscriptionUpdateInput:
    url: str | None = strawberry.field(default=None, description="The endpoint.")
    event_types: list[EventType] | None = strawberry.field(
        default=None, description="The events to send it."
    )
    is_active: bool | None = strawberry.field(
        default=None, description="Whether to send events (true also clears a disabled state)."
    )


@strawberry.type(description="A subscription with its new signing secret.")
class WebhookSubscriptionSecretPayload:
    webhook_subscription: WebhookSubscription | None = strawberry.field(
        description="The subscription."
    )
    secret: str | None = strawberry.field(
        description="The signing secret (whsec_...): store it now, it is never shown again."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of webhookSubscriptionUpdate.")
class WebhookSubscriptionPayload:
    webhook_subscription: WebhookSubscription | None = strawberry.field(
        description="The subscription."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of webhookSubscriptionDelete.")
class WebhookSubscriptionDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The deleted subscription's ID."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of webhookSubscriptionTest and webhookDeliveryRetry.")
class WebhookDeliveryPayload:
    webhook_delivery: WebhookDelivery | None = strawberry.field(description="The delivery queued.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of webhookSubscriptionReplay.")
class WebhookSubscriptionReplayPayload:
    queued: int | None = strawberry.field(description="How many events were queued for it.")
    has_more: bool | None = strawberry.field(
        description="More events follow (at most 1000 a call): replay again from nextSince."
    )
    next_since: datetime | None = strawberry.field(
        description="Where to continue, when hasMore (events at that instant come again)."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


SubscriptionId = Annotated[strawberry.ID, strawberry.argument(description="The subscription's ID.")]


@strawberry.type
class WebhookQuery:
    webhook_subscriptions: Connection[WebhookSubscription] = connection_field(
        WebhookSubscription,
        resolvers.webhook_subscriptions,
        description="The merchant's webhook subscriptions.",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )

    @strawberry.field(
        description="The event log in the order events were committed: pass the last cursor you "
        "processed as `after` to get every event since, including one recorded earlier whose "
        "change committed later (events are kept 30 days by default).",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def events(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        types: Annotated[
            list[EventType] | None, strawberry.argument(description="Only events of these types.")
        ] = None,
    ) -> Connection[Event]:
        args = PageArgs(first, after, last, before)
        wanted = None if types is None else [t.value for t in types]
        return await resolvers.events(info, args, wanted)  # type: ignore[return-value]


@strawberry.type
class WebhookMutation:
    @strawberry.mutation(
        description="Subscribe an endpoint to events; the payload holds its secret once.",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def webhook_subscription_create(
        self,
        info: AgoraInfo,
        input: Annotated[
            WebhookSubscriptionCreateInput, strawberry.argument(description="The fields to set.")
        ],
    ) -> WebhookSubscriptionSecretPayload:
        command = SubscriptionInput(
            input.url, [t.value for t in input.event_types], input.is_active
        )
        return await resolvers.webhook_subscription_create(info, command)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Change a subscription.", extensions=requires(P.MANAGE_WEBHOOKS)
    )
    async def webhook_subscription_update(
        self,
        info: AgoraInfo,
        id: SubscriptionId,
        input: Annotated[
            WebhookSubscriptionUpdateInput, strawberry.argument(description="The fields to change.")
        ],
    ) -> WebhookSubscriptionPayload:
        types = None if input.event_types is None else [t.value for t in input.event_types]
        command = SubscriptionInput(input.url, types, input.is_active)
        return await resolvers.webhook_subscription_update(info, id, command)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete a subscription and its delivery log.",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def webhook_subscription_delete(
        self, info: AgoraInfo, id: SubscriptionId
    ) -> WebhookSubscriptionDeletePayload:
        return await resolvers.webhook_subscription_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Give a subscription a new signing secret (shown once); messages are signed "
        "with the old one too until the grace period ends.",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def webhook_subscription_rotate_secret(
        self,
        info: AgoraInfo,
        id: SubscriptionId,
        grace_seconds: Annotated[
            int,
            strawberry.argument(
                description="How long the old secret stays valid (at most 7 days)."
            ),
        ] = int(DEFAULT_ROTATION_GRACE.total_seconds()),
    ) -> WebhookSubscriptionSecretPayload:
        return await resolvers.webhook_subscription_rotate_secret(info, id, grace_seconds)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Send a webhook.ping to the subscription now (watch its delivery's attempts).",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def webhook_subscription_test(
        self, info: AgoraInfo, id: SubscriptionId
    ) -> WebhookDeliveryPayload:
        return await resolvers.webhook_subscription_test(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Send the subscription every event of its types since a point in time again "
        "(oldest first; events it had keep their webhook-id, so receivers can de-duplicate).",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def webhook_subscription_replay(
        self,
        info: AgoraInfo,
        id: SubscriptionId,
        since: Annotated[
            datetime, strawberry.argument(description="Replay events at or after this time.")
        ],
    ) -> WebhookSubscriptionReplayPayload:
        return await resolvers.webhook_subscription_replay(info, id, since)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Attempt a delivery again now (same webhook-id), e.g. a dead-lettered one.",
        extensions=requires(P.MANAGE_WEBHOOKS),
    )
    async def webhook_delivery_retry(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The delivery's ID.")],
    ) -> WebhookDeliveryPayload:
        return await resolvers.webhook_delivery_retry(info, id)  # type: ignore[return-value]
