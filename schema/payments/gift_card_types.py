"""Gift cards as staff see them (MANAGE_GIFT_CARDS): balance, state and ledger."""

from datetime import datetime
from uuid import UUID

import strawberry

from domain.payments import gift_cards as domain
from domain.payments.gift_cards import GiftCardActorKind, GiftCardTransactionKind
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.payments import gift_cards as resolvers
from resolvers.permissions import requires
from schema.customers.types import Customer
from schema.enums import graphql_enum
from schema.money import Money
from schema.node import Node, shows

graphql_enum(
    GiftCardTransactionKind,
    "What changed a gift card's balance.",
    {
        "ISSUE": "The card was issued with its initial balance.",
        "DEBIT": "It paid (part of) an order.",
        "CREDIT": "Money went back onto it, e.g. a refund.",
        "ADJUST": "Staff corrected the balance.",
    },
)
graphql_enum(
    GiftCardActorKind,
    "Who changed a gift card.",
    {
        "STAFF": "A staff user.",
        "API_KEY": "A partner app's API key.",
        "CUSTOMER": "A signed-in customer (at checkout).",
        "SYSTEM": "Agora itself, e.g. a visitor's checkout or a refund.",
    },
)


@strawberry.type(description="Who changed a gift card.")
class GiftCardActor:
    kind: GiftCardActorKind = strawberry.field(description="A staff user, an API key, ...")
    id: strawberry.ID | None = strawberry.field(
        description="The StaffUser, ApiKey or Customer ID; null for the system."
    )


def _actor(kind: str, id: UUID | None) -> GiftCardActor:
    actor_id = resolvers.actor_id(kind, id)
    return GiftCardActor(
        kind=GiftCardActorKind(kind), id=None if actor_id is None else strawberry.ID(actor_id)
    )


@strawberry.type(description="One change of a gift card's balance, in its ledger.")
@shows(domain.GiftCardTransaction)
class GiftCardTransaction:
    kind: GiftCardTransactionKind = strawberry.field(description="What changed it.")
    note: str = strawberry.field(description="Why, or empty.")
    occurred_at: datetime = strawberry.field(description="When.")

    @strawberry.field(description="The change: positive adds to the balance, negative takes.")
    def amount(self, root: domain.GiftCardTransaction) -> Money:
        return root.money  # type: ignore[return-value]

    @strawberry.field(description="The balance right after it.")
    def balance_after(self, root: domain.GiftCardTransaction) -> Money:
        return root.balance_after_money  # type: ignore[return-value]

    @strawberry.field(description="The order it paid or refunded, if any.")
    def order_id(self, root: domain.GiftCardTransaction) -> strawberry.ID | None:
        return resolvers.order_id_of(root)  # type: ignore[return-value]

    @strawberry.field(description="Who made the change.")
    def actor(self, root: domain.GiftCardTransaction) -> GiftCardActor:
        return _actor(root.actor_kind, root.actor_id)


@strawberry.type(
    description="Stored value a shopper spends at checkout. Its code is shown once, when it "
    "is issued; afterwards only its last 4 characters."
)
@shows(domain.GiftCard)
class GiftCard(Node):
    last4: str = strawberry.field(description="The last 4 characters of its code.")
    masked_code: str = strawberry.field(description="The code as shown: ****-****-****-AB12.")
    balance: Money = strawberry.field(description="What is left to spend.")
    initial_balance: Money = strawberry.field(description="What it was issued with.")
    expires_at: datetime | None = strawberry.field(description="When it stops paying; null: never.")
    is_active: bool = strawberry.field(description="Deactivated cards cannot pay.")
    note: str = strawberry.field(description="Staff's note, or empty.")
    created_at: datetime = strawberry.field(description="When it was issued.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="Whether its expiry has passed.")
    def is_expired(self, root: domain.GiftCard, info: AgoraInfo) -> bool:
        return resolvers.is_expired(info, root)

    @strawberry.field(description="Who issued it.")
    def issued_by(self, root: domain.GiftCard) -> GiftCardActor:
        return _actor(root.created_by_kind, root.created_by_id)

    @strawberry.field(description="The customer it was given to, if any.")
    def customer_id(self, root: domain.GiftCard) -> strawberry.ID | None:
        return resolvers.customer_id_of(root)  # type: ignore[return-value]

    @strawberry.field(
        description="The customer it was given to (needs MANAGE_CUSTOMERS as well).",
        extensions=requires(P.MANAGE_CUSTOMERS),
    )
    async def customer(self, root: domain.GiftCard, info: AgoraInfo) -> Customer | None:
        return await resolvers.customer_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Every change of its balance, oldest first.")
    async def transactions(
        self, root: domain.GiftCard, info: AgoraInfo
    ) -> list[GiftCardTransaction]:
        return await resolvers.transactions_of(info, root)  # type: ignore[return-value]
