"""The merchant's side of customers (MANAGE_CUSTOMERS)."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.customers.accounts import CustomerUpdate
from domain.customers.search import customer_query
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.customers import admin as resolvers
from resolvers.ids import decode_id_of
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from schema.connections import After, Before, Connection, First, Last
from schema.customers.types import Customer, CustomerNote, CustomerPayload, DeletedPayload
from schema.errors import UserError
from schema.metadata import MetadataInput, metadata_values

STAFF = requires(P.MANAGE_CUSTOMERS)


@strawberry.input(description="Which customers to list; every given criterion must hold.")
class CustomerFilter:
    tag: str | None = strawberry.field(default=None, description="Has this tag.")
    tier_id: strawberry.ID | None = strawberry.field(default=None, description="In this tier.")
    created_from: datetime | None = strawberry.field(
        default=None, description="Created at or after this time."
    )
    created_until: datetime | None = strawberry.field(
        default=None, description="Created at or before this time."
    )
    has_orders: bool | None = strawberry.field(
        default=None, description="Has paid at least one order (true) or none (false)."
    )


@strawberry.input(description="A merchant's changes to a customer; omitted fields stay.")
class CustomerUpdateInput:
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")
    is_active: bool | None = strawberry.field(
        default=None, description="Deactivating signs the customer out everywhere."
    )
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Public key-values (replaces all)."
    )
    private_metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Staff-only key-values (replaces all)."
    )


@strawberry.type(description="Result of adding a note.")
class CustomerNotePayload:
    note: CustomerNote | None = strawberry.field(description="The note.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The customer's ID.")]
Tags = Annotated[list[str], strawberry.argument(description="Free labels.")]


@strawberry.type
class CustomerAdminQuery:
    @strawberry.field(description="The merchant's customers, oldest first.", extensions=STAFF)
    async def customers(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        search: Annotated[
            str | None,
            strawberry.argument(description="Part of the email, first or last name."),
        ] = None,
        filter: Annotated[
            CustomerFilter | None, strawberry.argument(description="Which customers to list.")
        ] = None,
    ) -> Connection[Customer]:
        wanted = filter or CustomerFilter()
        query = customer_query(
            search=search,
            tag=wanted.tag,
            tier_id=None
            if wanted.tier_id is None
            else decode_id_of(wanted.tier_id, "CustomerTier", field="filter.tierId"),
            created_from=wanted.created_from,
            created_until=wanted.created_until,
            has_orders=wanted.has_orders,
        )
        args = PageArgs(first, after, last, before)
        return await resolvers.customers(info, args, query)  # type: ignore[return-value]

    @strawberry.field(description="A customer by ID.", extensions=STAFF)
    async def customer(self, info: AgoraInfo, id: Id) -> Customer | None:
        return await resolvers.customer(info, id)  # type: ignore[return-value]


@strawberry.type
class CustomerAdminMutation:
    @strawberry.mutation(description="Change a customer.", extensions=STAFF)
    async def customer_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[CustomerUpdateInput, strawberry.argument(description="The fields.")],
    ) -> CustomerPayload:
        command = CustomerUpdate(
            first_name=input.first_name,
            last_name=input.last_name,
            is_active=input.is_active,
            metadata=metadata_values(input.metadata),
            private_metadata=metadata_values(input.private_metadata),
        )
        return await resolvers.customer_update(info, id, command)  # type: ignore[return-value]

    @strawberry.mutation(description="Add tags to a customer.", extensions=STAFF)
    async def customer_tags_add(self, info: AgoraInfo, id: Id, tags: Tags) -> CustomerPayload:
        return await resolvers.customer_tags(info, id, tags, add=True)  # type: ignore[return-value]

    @strawberry.mutation(description="Remove tags from a customer.", extensions=STAFF)
    async def customer_tags_remove(self, info: AgoraInfo, id: Id, tags: Tags) -> CustomerPayload:
        return await resolvers.customer_tags(info, id, tags, add=False)  # type: ignore[return-value]

    @strawberry.mutation(description="Write a note on a customer.", extensions=STAFF)
    async def customer_note_add(
        self,
        info: AgoraInfo,
        id: Id,
        body: Annotated[str, strawberry.argument(description="The note (at most 5000 chars).")],
    ) -> CustomerNotePayload:
        return await resolvers.note_add(info, id, body)  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a note.", extensions=STAFF)
    async def customer_note_delete(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The note's ID.")],
    ) -> DeletedPayload:
        return await resolvers.note_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete a customer and everything stored with it.", extensions=STAFF
    )
    async def customer_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.customer_delete(info, id)  # type: ignore[return-value]
