"""The customer's objects as GraphQL shows them: the account, its addresses, notes and tier.

A customer reaches these only as their own (through `me` and their own IDs); staff holding
MANAGE_CUSTOMERS reach any of their merchant's. Staff-only fields say so.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain.customers import accounts as domain
from domain.customers import addresses as address_domain
from domain.customers import notes as note_domain
from domain.customers import tiers as tier_domain
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.customers import accounts as account_resolvers
from resolvers.customers import addresses as address_resolvers
from resolvers.customers import admin as admin_resolvers
from resolvers.customers import wishlists as wishlist_resolvers
from resolvers.orders import orders as order_resolvers
from resolvers.pagination import PageArgs
from resolvers.payments import gift_cards as gift_card_resolvers
from resolvers.permissions import requires
from schema.connections import After, Before, Connection, First, Last
from schema.customers.wishlists_types import Wishlist
from schema.errors import UserError
from schema.metadata import MetadataItem, metadata_items
from schema.money import Money
from schema.node import Node, shows
from schema.payments.customer_gift_cards import CustomerGiftCard
from schema.staff import StaffUser

if TYPE_CHECKING:
    from schema.orders import Order

STAFF = requires(P.MANAGE_CUSTOMERS)


@strawberry.type(description="A membership tier (e.g. Member, Silver, Gold) earned by spending.")
@shows(tier_domain.CustomerTier)
class CustomerTier(Node):
    name: str = strawberry.field(description="Display name.")
    level: int = strawberry.field(description="Rank: a customer gets the highest level earned.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(
        description="Spending that earns it, one amount per currency (no exchange rates: "
        "reaching any one of them is enough); none means every customer earns it."
    )
    def thresholds(self, root: tier_domain.CustomerTier) -> list[Money]:
        return root.threshold_list  # type: ignore[return-value]


@strawberry.type(description="A postal address in a customer's address book.")
@shows(address_domain.Address)
class Address(Node):
    first_name: str = strawberry.field(description="Recipient's first name.")
    last_name: str = strawberry.field(description="Recipient's last name.")
    company: str = strawberry.field(description="Company, or empty.")
    street_line1: str = strawberry.field(description="Street and number.")
    street_line2: str = strawberry.field(description="Apartment, floor, or empty.")
    city: str = strawberry.field(description="City.")
    region: str = strawberry.field(description="State, province or region, or empty.")
    postal_code: str = strawberry.field(description="Postal code, normalised (upper case).")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    phone: str = strawberry.field(description="Phone number, or empty.")
    is_default_shipping: bool = strawberry.field(description="The default for shipping.")
    is_default_billing: bool = strawberry.field(description="The default for billing.")
    created_at: datetime = strawberry.field(description="When it was added.")
    updated_at: datetime = strawberry.field(description="When it last changed.")


@strawberry.type(description="A staff member's note on a customer (staff only).")
@shows(note_domain.CustomerNote)
class CustomerNote(Node):
    body: str = strawberry.field(description="The note.")
    created_at: datetime = strawberry.field(description="When it was written.")

    @strawberry.field(description="Who wrote it; null for an app or a removed staff user.")
    async def author(self, root: note_domain.CustomerNote, info: AgoraInfo) -> StaffUser | None:
        return await admin_resolvers.author_of(info, root)  # type: ignore[return-value]


@strawberry.type(description="A shopper's account at one merchant.")
@shows(domain.Customer)
class Customer(Node):
    email: str = strawberry.field(description="Sign-in email (lower case), unique per merchant.")
    first_name: str = strawberry.field(description="First name, or empty.")
    last_name: str = strawberry.field(description="Last name, or empty.")
    is_active: bool = strawberry.field(description="Inactive customers cannot sign in.")
    tags: list[str] = strawberry.field(description="The merchant's free labels.")
    order_count: int = strawberry.field(description="Paid orders so far.")
    last_order_at: datetime | None = strawberry.field(description="When the last order was paid.")
    created_at: datetime = strawberry.field(description="When the account was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="Whether the email address has been confirmed.")
    def email_verified(self, root: domain.Customer) -> bool:
        return root.email_verified_at is not None

    @strawberry.field(description="Total paid, one amount per currency.")
    def total_spent(self, root: domain.Customer) -> list[Money]:
        return root.spent  # type: ignore[return-value]

    @strawberry.field(description="Public key-values.")
    def metadata(self, root: domain.Customer) -> list[MetadataItem]:
        return metadata_items(root.metadata)

    @strawberry.field(
        description="Staff-only key-values (null, with an error, for anyone else).",
        extensions=STAFF,
    )
    def private_metadata(self, root: domain.Customer) -> list[MetadataItem] | None:
        return metadata_items(root.private_metadata)

    @strawberry.field(description="The membership tier the customer's spending earns.")
    async def tier(self, root: domain.Customer, info: AgoraInfo) -> CustomerTier | None:
        return await admin_resolvers.tier_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="The address book, oldest first.")
    async def addresses(self, root: domain.Customer, info: AgoraInfo) -> list[Address]:
        return await address_resolvers.addresses_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="The default shipping address.")
    async def default_shipping_address(
        self, root: domain.Customer, info: AgoraInfo
    ) -> Address | None:
        return await address_resolvers.default_address(info, root, "shipping")  # type: ignore[return-value]

    @strawberry.field(description="The default billing address.")
    async def default_billing_address(
        self, root: domain.Customer, info: AgoraInfo
    ) -> Address | None:
        return await address_resolvers.default_address(info, root, "billing")  # type: ignore[return-value]

    @strawberry.field(description="Staff notes, oldest first (staff only).", extensions=STAFF)
    async def notes(self, root: domain.Customer, info: AgoraInfo) -> list[CustomerNote] | None:
        return await admin_resolvers.notes_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="The customer's orders, newest first.")
    async def orders(
        self,
        root: domain.Customer,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated["Order", strawberry.lazy("schema.orders")]]:
        args = PageArgs(first, after, last, before)
        return await order_resolvers.of_customer(info, root.id, args)  # type: ignore[return-value]

    @strawberry.field(description="The customer's wishlists.")
    async def wishlists(self, root: domain.Customer, info: AgoraInfo) -> list[Wishlist]:
        return await wishlist_resolvers.wishlists_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Gift cards given to the customer: last 4 and balance.")
    async def gift_cards(self, root: domain.Customer, info: AgoraInfo) -> list[CustomerGiftCard]:
        return await gift_card_resolvers.gift_cards_of(info, root)  # type: ignore[return-value]

    @strawberry.field(
        description="Everything stored about the customer, as a JSON document. The customer's "
        "own export leaves out staff notes and private metadata."
    )
    async def data_export(self, root: domain.Customer, info: AgoraInfo) -> str:
        return await account_resolvers.data_export(info, root)


@strawberry.type(description="Result of a mutation on a customer account.")
class CustomerPayload:
    customer: Customer | None = strawberry.field(description="The customer.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of deleting something of a customer's.")
class DeletedPayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted object's ID.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")
