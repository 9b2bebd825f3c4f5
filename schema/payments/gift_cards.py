"""Gift cards (MANAGE_GIFT_CARDS): issue, change, correct the balance, list."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.payments.gift_card_admin import GiftCardChanges
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.payments import gift_cards as resolvers
from resolvers.permissions import requires
from schema.connections import After, Before, Connection, First, Last
from schema.errors import UserError
from schema.payments.gift_card_types import GiftCard

STAFF = requires(P.MANAGE_GIFT_CARDS)


@strawberry.input(description="A new gift card.")
class GiftCardIssueInput:
    initial_balance: str = strawberry.field(
        description='What it holds, as a decimal string in the currency\'s units, e.g. "50.00".'
    )
    currency: str = strawberry.field(description="ISO 4217 currency code it pays in.")
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops paying (in the future); omitted: never."
    )
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="The customer it is given to, who then sees it in `me`."
    )
    note: str | None = strawberry.field(
        default=None, description="Staff's note (at most 500 characters)."
    )


@strawberry.input(description="Changes to a gift card; omitted fields stay as they are.")
class GiftCardUpdateInput:
    expires_at: datetime | None = strawberry.field(
        default=strawberry.UNSET,
        description="When it stops paying (in the future); null: never.",
    )
    is_active: bool | None = strawberry.field(
        default=None, description="Deactivated cards cannot pay until reactivated."
    )
    note: str | None = strawberry.field(
        default=None, description="Staff's note (at most 500 characters)."
    )


@strawberry.input(description="Which gift cards to list; every given criterion must hold.")
class GiftCardFilter:
    is_active: bool | None = strawberry.field(default=None, description="Active or not.")
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Given to this customer."
    )
    last4: str | None = strawberry.field(
        default=None, description="Its code ends with these (up to 4) characters."
    )
    code: str | None = strawberry.field(
        default=None, description="Its whole code (any case, with or without hyphens)."
    )


@strawberry.type(description="Result of giftCardIssue: the card, and its code, shown once.")
class GiftCardIssuePayload:
    gift_card: GiftCard | None = strawberry.field(description="The card.")
    code: str | None = strawberry.field(
        description="The whole code (XXXX-XXXX-XXXX-XXXX). Shown only now: hand it to the "
        "recipient, it cannot be read again."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a gift card mutation.")
class GiftCardPayload:
    gift_card: GiftCard | None = strawberry.field(description="The card.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The gift card's ID.")]


def _changes(input: GiftCardUpdateInput) -> GiftCardChanges:
    change_expiry = input.expires_at is not strawberry.UNSET
    return GiftCardChanges(
        expires_at=input.expires_at if change_expiry else None,
        change_expiry=change_expiry,
        is_active=input.is_active,
        note=input.note,
    )


@strawberry.type
class GiftCardQuery:
    @strawberry.field(description="The merchant's gift cards, oldest first.", extensions=STAFF)
    async def gift_cards(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            GiftCardFilter | None, strawberry.argument(description="Which cards to list.")
        ] = None,
    ) -> Connection[GiftCard]:
        wanted = filter or GiftCardFilter()
        return await resolvers.gift_cards(  # type: ignore[return-value]
            info,
            PageArgs(first, after, last, before),
            is_active=wanted.is_active,
            customer_id=None if wanted.customer_id is None else str(wanted.customer_id),
            last4=wanted.last4,
            code=wanted.code,
        )


@strawberry.type
class GiftCardMutation:
    @strawberry.mutation(
        description="Issue a gift card; the payload holds its code, shown this once.",
        extensions=STAFF,
    )
    async def gift_card_issue(
        self,
        info: AgoraInfo,
        input: Annotated[GiftCardIssueInput, strawberry.argument(description="The card.")],
    ) -> GiftCardIssuePayload:
        return await resolvers.gift_card_issue(  # type: ignore[return-value]
            info,
            input.initial_balance,
            input.currency,
            input.expires_at,
            None if input.customer_id is None else str(input.customer_id),
            input.note,
        )

    @strawberry.mutation(
        description="Change a gift card's expiry, activation or note.", extensions=STAFF
    )
    async def gift_card_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[GiftCardUpdateInput, strawberry.argument(description="The changes.")],
    ) -> GiftCardPayload:
        return await resolvers.gift_card_update(info, id, _changes(input))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Correct a gift card's balance by a signed amount (recorded in its "
        "ledger); it never goes below zero.",
        extensions=STAFF,
    )
    async def gift_card_balance_adjust(
        self,
        info: AgoraInfo,
        id: Id,
        amount: Annotated[
            str,
            strawberry.argument(
                description='A signed decimal string: "10.00" adds, "-2.50" takes away.'
            ),
        ],
        note: Annotated[
            str | None, strawberry.argument(description="Why (at most 500 characters).")
        ] = None,
    ) -> GiftCardPayload:
        return await resolvers.gift_card_balance_adjust(info, id, amount, note)  # type: ignore[return-value]
