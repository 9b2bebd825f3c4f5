"""The merchant's checkout settings (MANAGE_SETTINGS): tax classes and rates, shipping zones
and methods, when orders take stock and how long an unpaid order waits."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.checkout import shipping as shipping_domain
from domain.checkout import taxes as tax_domain
from domain.checkout.shipping import MethodInput
from domain.merchants import CheckoutSettingsInput
from domain.money import Money as MoneyValue
from domain.permissions import Permission as P
from resolvers.checkout import settings as resolvers
from resolvers.context import AgoraInfo
from resolvers.ids import encode_global_id
from resolvers.permissions import requires
from schema.customers.types import DeletedPayload
from schema.errors import UserError
from schema.merchants import MerchantPayload
from schema.money import Money
from schema.node import Node, shows

SETTINGS = requires(P.MANAGE_SETTINGS)


@strawberry.type(description="A tax class (e.g. Reduced, Books): products of it get its rates.")
@shows(tax_domain.TaxClass)
class TaxClass(Node):
    name: str = strawberry.field(description="Display name.")
    created_at: datetime = strawberry.field(description="When it was created.")


@strawberry.type(description="A tax rate for a class (or the default rates) in a place.")
@shows(tax_domain.TaxRate)
class TaxRate(Node):
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    region: str = strawberry.field(description="State or region; empty for the whole country.")

    @strawberry.field(description='The rate as a percentage, e.g. "7.25".')
    def rate(self, root: tax_domain.TaxRate) -> str:
        return f"{root.percent.normalize():f}"

    @strawberry.field(description="Its tax class's ID; null for the default rates.")
    def tax_class_id(self, root: tax_domain.TaxRate) -> strawberry.ID | None:
        if root.tax_class_id is None:
            return None
        return strawberry.ID(encode_global_id("TaxClass", root.tax_class_id))


@strawberry.type(description="A weight tier: carts up to this weight pay this price.")
class WeightTier:
    max_weight_grams: int = strawberry.field(description="Heaviest cart of the tier, in grams.")
    price: Money = strawberry.field(description="Its price.")


@strawberry.type(description="A way to ship within a zone, priced in one currency.")
@shows(shipping_domain.ShippingMethod)
class ShippingMethod(Node):
    name: str = strawberry.field(description="Display name.")
    currency: str = strawberry.field(description="Its currency (storefronts in it offer it).")
    is_active: bool = strawberry.field(description="Inactive methods are not offered.")

    @strawberry.field(description="Its flat price (without weight tiers).")
    def price(self, root: shipping_domain.ShippingMethod) -> Money:
        return MoneyValue(root.amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Free for carts whose subtotal reaches this.")
    def free_above(self, root: shipping_domain.ShippingMethod) -> Money | None:
        if root.free_above_amount is None:
            return None
        return MoneyValue(root.free_above_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Prices by cart weight; empty: the flat price.")
    def weight_tiers(self, root: shipping_domain.ShippingMethod) -> list[WeightTier]:
        return [
            WeightTier(max_weight_grams=limit, price=MoneyValue(amount, root.currency))  # type: ignore[arg-type]
            for limit, amount in root.weight_tiers
        ]


@strawberry.type(description="A set of countries shipped to from some storefronts.")
@shows(resolvers.ZoneView)
class ShippingZone(Node):
    @strawberry.field(description="Display name.")
    def name(self, root: resolvers.ZoneView) -> str:
        return root.zone.name

    @strawberry.field(description="Countries (ISO 3166-1 alpha-2).")
    def countries(self, root: resolvers.ZoneView) -> list[str]:
        return root.zone.countries

    @strawberry.field(description="Storefronts that offer it.")
    def storefront_ids(self, root: resolvers.ZoneView) -> list[strawberry.ID]:
        return [strawberry.ID(encode_global_id("Storefront", s)) for s in root.zone.storefront_ids]

    @strawberry.field(description="Its methods.")
    def methods(self, root: resolvers.ZoneView) -> list[ShippingMethod]:
        return root.methods  # type: ignore[return-value]


@strawberry.type(description="Result of a tax class mutation.")
class TaxClassPayload:
    tax_class: TaxClass | None = strawberry.field(description="The tax class.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of taxRateSet.")
class TaxRatePayload:
    tax_rate: TaxRate | None = strawberry.field(description="The rate.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a shipping zone mutation.")
class ShippingZonePayload:
    zone: ShippingZone | None = strawberry.field(description="The zone, with its methods.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a shipping method mutation.")
class ShippingMethodPayload:
    method: ShippingMethod | None = strawberry.field(description="The method.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.input(description="A weight tier.")
class WeightTierInput:
    max_weight_grams: int = strawberry.field(description="Heaviest cart of the tier, in grams.")
    price: str = strawberry.field(description="Its price, a decimal string.")


@strawberry.input(description="A shipping method; omitted fields stay as they are on update.")
class ShippingMethodInput:
    name: str | None = strawberry.field(default=None, description="Display name.")
    price: str | None = strawberry.field(default=None, description="Flat price (decimal string).")
    currency: str | None = strawberry.field(default=None, description="Currency (on create).")
    free_above: str | None = strawberry.field(
        default=None, description='Free when the subtotal reaches this ("" removes it).'
    )
    weight_tiers: list[WeightTierInput] | None = strawberry.field(
        default=None, description="Prices by weight, ascending (replacing the old ones)."
    )
    is_active: bool | None = strawberry.field(default=None, description="Offered or not.")

    def command(self) -> MethodInput:
        clear = self.free_above is not None and not self.free_above.strip()
        return MethodInput(
            name=self.name,
            price=self.price,
            currency=self.currency,
            free_above=None if clear else self.free_above,
            clear_free_above=clear,
            weight_tiers=None
            if self.weight_tiers is None
            else [(t.max_weight_grams, t.price) for t in self.weight_tiers],
            is_active=self.is_active,
        )


@strawberry.input(description="Checkout settings; omitted fields stay as they are.")
class CheckoutSettingsInputType:
    stock_reservation: str | None = strawberry.field(
        default=None,
        description="ON_ORDER: an order takes its stock when placed; ON_PAYMENT: when paid.",
    )
    unpaid_order_minutes: int | None = strawberry.field(
        default=None,
        description="How long an order waiting for a bank transfer (or a pending card "
        "payment) stays before it is cancelled and its stock released.",
    )
    return_window_days: int | None = strawberry.field(
        default=None, description="How many days after delivery buyers may ask for a return."
    )
    customer_cancel_allowed: bool | None = strawberry.field(
        default=None,
        description="Whether buyers may cancel their own orders (orderCancel) until "
        "anything is fulfilled.",
    )


Id = Annotated[strawberry.ID, strawberry.argument(description="The object's ID.")]


@strawberry.type
class CheckoutSettingsQuery:
    @strawberry.field(description="Tax classes, by name.", extensions=SETTINGS)
    async def tax_classes(self, info: AgoraInfo) -> list[TaxClass]:
        return await resolvers.tax_classes(info)  # type: ignore[return-value]

    @strawberry.field(description="Tax rates, by country and region.", extensions=SETTINGS)
    async def tax_rates(self, info: AgoraInfo) -> list[TaxRate]:
        return await resolvers.tax_rates(info)  # type: ignore[return-value]

    @strawberry.field(description="Shipping zones with their methods.", extensions=SETTINGS)
    async def shipping_zones(self, info: AgoraInfo) -> list[ShippingZone]:
        return await resolvers.shipping_zones(info)  # type: ignore[return-value]


@strawberry.type
class CheckoutSettingsMutation:
    @strawberry.mutation(description="Create a tax class.", extensions=SETTINGS)
    async def tax_class_create(
        self, info: AgoraInfo, name: Annotated[str, strawberry.argument(description="Name.")]
    ) -> TaxClassPayload:
        return await resolvers.tax_class_create(info, name)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete a tax class (its products fall back to the default rates).",
        extensions=SETTINGS,
    )
    async def tax_class_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.tax_class_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Set the rate of a tax class (or the default rates) in a country, "
        "optionally a region; replaces the rate already set there.",
        extensions=SETTINGS,
    )
    async def tax_rate_set(
        self,
        info: AgoraInfo,
        country: Annotated[str, strawberry.argument(description="ISO 3166-1 alpha-2 code.")],
        rate: Annotated[str, strawberry.argument(description='A percentage, e.g. "20".')],
        tax_class_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Null: the default rates.")
        ] = None,
        region: Annotated[str, strawberry.argument(description="State or region.")] = "",
    ) -> TaxRatePayload:
        return await resolvers.tax_rate_set(info, tax_class_id, country, region, rate)  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a tax rate.", extensions=SETTINGS)
    async def tax_rate_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.tax_rate_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(description="Create a shipping zone.", extensions=SETTINGS)
    async def shipping_zone_create(
        self,
        info: AgoraInfo,
        name: Annotated[str, strawberry.argument(description="Name.")],
        countries: Annotated[list[str], strawberry.argument(description="Country codes.")],
        storefront_ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="Storefronts offering it.")
        ],
    ) -> ShippingZonePayload:
        return await resolvers.zone_create(info, name, countries, [str(s) for s in storefront_ids])  # type: ignore[return-value]

    @strawberry.mutation(description="Change a shipping zone.", extensions=SETTINGS)
    async def shipping_zone_update(
        self,
        info: AgoraInfo,
        id: Id,
        name: Annotated[str | None, strawberry.argument(description="Name.")] = None,
        countries: Annotated[
            list[str] | None, strawberry.argument(description="Country codes.")
        ] = None,
        storefront_ids: Annotated[
            list[strawberry.ID] | None, strawberry.argument(description="Storefronts.")
        ] = None,
    ) -> ShippingZonePayload:
        ids = None if storefront_ids is None else [str(s) for s in storefront_ids]
        return await resolvers.zone_update(info, id, name, countries, ids)  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a shipping zone and its methods.", extensions=SETTINGS)
    async def shipping_zone_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.zone_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(description="Add a shipping method to a zone.", extensions=SETTINGS)
    async def shipping_method_create(
        self,
        info: AgoraInfo,
        zone_id: Annotated[strawberry.ID, strawberry.argument(description="The zone.")],
        input: Annotated[ShippingMethodInput, strawberry.argument(description="The method.")],
    ) -> ShippingMethodPayload:
        return await resolvers.method_create(info, zone_id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Change a shipping method.", extensions=SETTINGS)
    async def shipping_method_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[ShippingMethodInput, strawberry.argument(description="What changes.")],
    ) -> ShippingMethodPayload:
        return await resolvers.method_update(info, id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a shipping method.", extensions=SETTINGS)
    async def shipping_method_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.method_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Change the merchant's checkout settings.", extensions=SETTINGS
    )
    async def merchant_checkout_settings_update(
        self,
        info: AgoraInfo,
        input: Annotated[CheckoutSettingsInputType, strawberry.argument(description="Settings.")],
    ) -> MerchantPayload:
        command = CheckoutSettingsInput(
            input.stock_reservation,
            input.unpaid_order_minutes,
            input.customer_cancel_allowed,
            input.return_window_days,
        )
        return await resolvers.checkout_settings_update(info, command)  # type: ignore[return-value]
