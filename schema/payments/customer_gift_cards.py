"""A customer's own gift cards, as the customer sees them: what is left, never the code."""

from datetime import datetime

import strawberry

from domain.payments import gift_cards as domain
from schema.money import Money
from schema.node import shows


@strawberry.type(description="A gift card given to a customer: its balance, never its code.")
@shows(domain.GiftCard)
class CustomerGiftCard:
    last4: str = strawberry.field(description="The last 4 characters of its code.")
    masked_code: str = strawberry.field(description="The code as shown: ****-****-****-AB12.")
    balance: Money = strawberry.field(description="What is left to spend.")
    expires_at: datetime | None = strawberry.field(description="When it stops paying; null: never.")
    is_active: bool = strawberry.field(description="Deactivated cards cannot pay.")
