"""The merchant's checkout settings: tax classes and rates, shipping zones and methods, when
stock is taken and how long unpaid orders wait (MANAGE_SETTINGS)."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.checkout import shipping, taxes
from domain.checkout.shipping import MethodInput, ShippingMethod, ShippingZone, ZoneInput
from domain.checkout.taxes import TaxClass, TaxRate, TaxRateInput
from domain.merchants import CheckoutSettingsInput, update_checkout_settings
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


@dataclass(frozen=True)
class ZoneView:
    zone: ShippingZone
    methods: list[ShippingMethod]

    @property
    def id(self) -> UUID:
        return self.zone.id


async def tax_classes(info: AgoraInfo) -> list[TaxClass]:
    async with info.context.work() as uow:
        return await uow.tax_classes.all()


async def tax_rates(info: AgoraInfo) -> list[TaxRate]:
    async with info.context.work() as uow:
        return await uow.tax_rates.all()


def _views(zones: list[ShippingZone], methods: list[ShippingMethod]) -> list[ZoneView]:
    ordered = sorted(zones, key=lambda zone: (zone.name, zone.id))
    return [ZoneView(zone, [m for m in methods if m.zone_id == zone.id]) for zone in ordered]


async def shipping_zones(info: AgoraInfo) -> list[ZoneView]:
    async with info.context.work() as uow:
        return _views(*await uow.shipping_zones.with_methods())


async def tax_class_create(info: AgoraInfo, name: str) -> Payload:
    context = info.context
    merchant_id = actor(info).merchant_id

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            created = await taxes.create_tax_class(uow, merchant_id, name, context.clock())
        return {"tax_class": created}

    return await mutate(work)


async def tax_class_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        tax_class_id = decode_id_of(id, "TaxClass")
        async with context.work() as uow:
            await taxes.delete_tax_class(uow, tax_class_id)
        return {"deleted_id": encode_global_id("TaxClass", tax_class_id)}

    return await mutate(work)


async def tax_rate_set(
    info: AgoraInfo, tax_class_id: str | None, country: str, region: str, rate: str
) -> Payload:
    context = info.context
    merchant_id = actor(info).merchant_id

    async def work() -> dict[str, Any]:
        class_id = (
            None
            if tax_class_id is None
            else decode_id_of(tax_class_id, "TaxClass", field="taxClassId")
        )
        command = TaxRateInput(class_id, country, region, rate)
        async with context.work() as uow:
            saved = await taxes.set_tax_rate(uow, merchant_id, command, context.clock())
        return {"tax_rate": saved}

    return await mutate(work)


async def tax_rate_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        rate_id = decode_id_of(id, "TaxRate")
        async with context.work() as uow:
            await taxes.delete_tax_rate(uow, rate_id)
        return {"deleted_id": encode_global_id("TaxRate", rate_id)}

    return await mutate(work)


def _zone_input(
    name: str | None, countries: list[str] | None, storefront_ids: list[str] | None
) -> ZoneInput:
    ids = None
    if storefront_ids is not None:
        ids = [decode_id_of(s, "Storefront", field="storefrontIds") for s in storefront_ids]
    return ZoneInput(name, countries, ids)


async def zone_create(
    info: AgoraInfo, name: str, countries: list[str], storefront_ids: list[str]
) -> Payload:
    context = info.context
    merchant_id = actor(info).merchant_id

    async def work() -> dict[str, Any]:
        command = _zone_input(name, countries, storefront_ids)
        async with context.work() as uow:
            zone = await shipping.create_zone(uow, merchant_id, command, context.clock())
        return {"zone": ZoneView(zone, [])}

    return await mutate(work)


async def zone_update(
    info: AgoraInfo,
    id: str,
    name: str | None,
    countries: list[str] | None,
    storefront_ids: list[str] | None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        zone_id = decode_id_of(id, "ShippingZone")
        command = _zone_input(name, countries, storefront_ids)
        async with context.work() as uow:
            zone = await shipping.update_zone(uow, zone_id, command, context.clock())
            _zones, methods = await uow.shipping_zones.with_methods()
        return {"zone": ZoneView(zone, [m for m in methods if m.zone_id == zone.id])}

    return await mutate(work)


async def zone_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        zone_id = decode_id_of(id, "ShippingZone")
        async with context.work() as uow:
            await shipping.delete_zone(uow, zone_id)
        return {"deleted_id": encode_global_id("ShippingZone", zone_id)}

    return await mutate(work)


async def method_create(info: AgoraInfo, zone_id: str, command: MethodInput) -> Payload:
    context = info.context
    merchant_id = actor(info).merchant_id

    async def work() -> dict[str, Any]:
        zone = decode_id_of(zone_id, "ShippingZone", field="zoneId")
        async with context.work() as uow:
            method = await shipping.create_method(uow, merchant_id, zone, command, context.clock())
        return {"method": method}

    return await mutate(work)


async def method_update(info: AgoraInfo, id: str, command: MethodInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        method_id = decode_id_of(id, "ShippingMethod")
        async with context.work() as uow:
            method = await shipping.update_method(uow, method_id, command, context.clock())
        return {"method": method}

    return await mutate(work)


async def method_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        method_id = decode_id_of(id, "ShippingMethod")
        async with context.work() as uow:
            await shipping.delete_method(uow, method_id)
        return {"deleted_id": encode_global_id("ShippingMethod", method_id)}

    return await mutate(work)


async def checkout_settings_update(info: AgoraInfo, command: CheckoutSettingsInput) -> Payload:
    context = info.context
    merchant_id = actor(info).merchant_id

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            merchant = await update_checkout_settings(uow, merchant_id, command, context.clock())
        return {"merchant": merchant}

    return await mutate(work)
