"""Money at the edge: a decimal string amount (GraphQL Int is 32-bit) and a currency code."""

from decimal import Decimal

import strawberry

from domain import money as domain
from schema.node import shows


@strawberry.type(description="An amount of money in one currency.")
@shows(domain.Money)
class Money:
    # Plain attributes of the domain value (no resolver), so each is read without the cost of
    # a resolver call: a listing reads hundreds of them.
    # The Decimal scalar writes str(value): `text` is that string, made without a Decimal.
    text: Decimal = strawberry.field(
        name="amount",
        description='The amount in the currency\'s units, as a decimal string: "12.34", "1500".',
    )
    currency: str = strawberry.field(
        name="currencyCode", description="ISO 4217 currency code, e.g. USD."
    )


@strawberry.type(description="The lowest and highest price among a product's variants.")
class PriceRange:
    start: Money = strawberry.field(description="The lowest price.")
    stop: Money = strawberry.field(description="The highest price.")
