"""Warehouses and stock."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.catalog import inventory as domain
from domain.permissions import Permission as P
from resolvers.catalog import inventory as resolvers
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.connections import Connection, connection_field
from schema.errors import UserError
from schema.node import Node, shows

MANAGE = requires(P.MANAGE_PRODUCTS)


@strawberry.type(description="A place stock is kept and shipped from.")
@shows(domain.Warehouse)
class Warehouse(Node):
    name: str = strawberry.field(description="Display name.")
    street: str = strawberry.field(description="Street address.")
    city: str = strawberry.field(description="City.")
    postal_code: str = strawberry.field(description="Postal code.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    countries_served: list[str] = strawberry.field(description="Countries it ships to.")
    pickup_enabled: bool = strawberry.field(description="Shoppers may collect orders here.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")


@strawberry.type(description="A variant's stock in one warehouse.")
@shows(domain.Stock)
class Stock:
    quantity: int = strawberry.field(description="Units on hand.")
    reserved: int = strawberry.field(description="Units held for orders not yet shipped.")
    available: int = strawberry.field(description="Units that can still be sold.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The warehouse.")
    async def warehouse(self, root: domain.Stock, info: AgoraInfo) -> Warehouse | None:
        return await resolvers.warehouse_of(info, root)  # type: ignore[return-value]


@strawberry.input(description="A warehouse's fields; omitted ones stay as they are.")
class WarehouseInput:
    name: str | None = strawberry.field(default=None, description="Display name.")
    street: str | None = strawberry.field(default=None, description="Street address.")
    city: str | None = strawberry.field(default=None, description="City.")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code.")
    countries_served: list[str] | None = strawberry.field(
        default=None, description="Countries it ships to (default: its own)."
    )
    pickup_enabled: bool | None = strawberry.field(
        default=None, description="Offer click & collect here (default false)."
    )

    def command(self) -> domain.WarehouseInput:
        return domain.WarehouseInput(
            self.name,
            self.street,
            self.city,
            self.postal_code,
            self.country,
            self.countries_served,
            self.pickup_enabled,
        )


@strawberry.type(description="Result of a warehouse mutation.")
class WarehousePayload:
    warehouse: Warehouse | None = strawberry.field(description="The warehouse.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of storefrontWarehousesSet.")
class StorefrontWarehousesPayload:
    warehouse_ids: list[strawberry.ID] | None = strawberry.field(
        description="The warehouses the storefront now sells from."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of stockUpdate.")
class StockPayload:
    stock: Stock | None = strawberry.field(description="The stock.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Input = Annotated[WarehouseInput, strawberry.argument(description="The fields to set.")]


def _id(what: str) -> object:
    return strawberry.argument(description=f"The {what}'s ID.")


@strawberry.type
class InventoryQuery:
    warehouses: Connection[Warehouse] = connection_field(
        Warehouse, resolvers.warehouses, description="The merchant's warehouses.", extensions=MANAGE
    )


@strawberry.type
class InventoryMutation:
    @strawberry.mutation(description="Create a warehouse.", extensions=MANAGE)
    async def warehouse_create(self, info: AgoraInfo, input: Input) -> WarehousePayload:
        return await resolvers.warehouse_create(info, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Change a warehouse.", extensions=MANAGE)
    async def warehouse_update(
        self, info: AgoraInfo, id: Annotated[strawberry.ID, _id("warehouse")], input: Input
    ) -> WarehousePayload:
        return await resolvers.warehouse_update(info, id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(
        description="Choose the warehouses whose stock a storefront sells (replaces the list).",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )
    async def storefront_warehouses_set(
        self,
        info: AgoraInfo,
        storefront_id: Annotated[strawberry.ID, _id("storefront")],
        warehouse_ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The warehouses' IDs.")
        ],
    ) -> StorefrontWarehousesPayload:
        return await resolvers.storefront_warehouses_set(  # type: ignore[return-value]
            info, storefront_id, [str(w) for w in warehouse_ids]
        )

    @strawberry.mutation(
        description="Set the units on hand of a variant in a warehouse.", extensions=MANAGE
    )
    async def stock_update(
        self,
        info: AgoraInfo,
        variant_id: Annotated[strawberry.ID, _id("variant")],
        warehouse_id: Annotated[strawberry.ID, _id("warehouse")],
        quantity: Annotated[int, strawberry.argument(description="Units on hand, 0 or more.")],
    ) -> StockPayload:
        return await resolvers.stock_update(info, variant_id, warehouse_id, quantity)  # type: ignore[return-value]
