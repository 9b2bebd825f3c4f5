"""Warehouses and stock (MANAGE_PRODUCTS; which warehouses a storefront uses: MANAGE_STOREFRONTS)."""

from typing import Any

from domain.catalog.inventory import (
    Stock,
    Warehouse,
    WarehouseInput,
    create_warehouse,
    set_stock,
    set_storefront_warehouses,
    update_warehouse,
)
from domain.catalog.variants import VariantView
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def warehouse_create(info: AgoraInfo, command: WarehouseInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            warehouse = await create_warehouse(
                uow, actor(info).merchant_id, command, context.clock()
            )
        return {"warehouse": warehouse}

    return await mutate(work)


async def warehouse_update(info: AgoraInfo, id: str, command: WarehouseInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        warehouse_id = decode_id_of(id, "Warehouse")
        async with context.work() as uow:
            warehouse = await update_warehouse(uow, warehouse_id, command, context.clock())
        context.loaders.warehouse.prime(warehouse.id, warehouse, force=True)
        return {"warehouse": warehouse}

    return await mutate(work)


async def storefront_warehouses_set(
    info: AgoraInfo, storefront_id: str, warehouse_ids: list[str]
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        storefront = decode_id_of(storefront_id, "Storefront", field="storefrontId")
        wanted = [decode_id_of(w, "Warehouse", field="warehouseIds") for w in warehouse_ids]
        async with context.work() as uow:
            linked = await set_storefront_warehouses(uow, storefront, wanted)
        return {"warehouse_ids": [encode_global_id("Warehouse", w) for w in linked]}

    return await mutate(work)


async def stock_update(
    info: AgoraInfo, variant_id: str, warehouse_id: str, quantity: int
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        variant = decode_id_of(variant_id, "ProductVariant", field="variantId")
        warehouse = decode_id_of(warehouse_id, "Warehouse", field="warehouseId")
        async with context.work() as uow:
            stock = await set_stock(uow, variant, warehouse, quantity, context.clock())
        return {"stock": stock}

    return await mutate(work)


async def warehouses(info: AgoraInfo, args: PageArgs) -> ConnectionData[Warehouse]:
    return await paginate(info.context.work(), lambda uow: uow.warehouses, args)


async def stocks_of(info: AgoraInfo, variant: VariantView) -> list[Stock]:
    return await info.context.loaders.stocks_of_variant.load(variant.id)


async def warehouse_of(info: AgoraInfo, stock: Stock) -> Warehouse | None:
    return await info.context.loaders.warehouse.load(stock.warehouse_id)
