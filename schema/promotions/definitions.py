"""A promotion's action and condition as typed GraphQL inputs.

`PromotionActionInput` and `PromotionConditionInput` are oneOf inputs: exactly one field, which
names the kind (`percentOff`, `minSubtotal`, `all`, ...); conditions nest through `all` and
`any`. Each input turns into the stored JSON format (`domain/promotions/serialization.py`,
with global IDs) through `to_json`, so one reader checks both; a userError's field is the
input's path (`action.tiered.tiers.1.amount`, `condition.all.0.minSubtotal.amount`), see
`resolvers/promotions/definitions.py`.
"""

from datetime import datetime
from typing import Any

import strawberry

from domain.errors import UserError
from schema.customers.tiers import MoneyInput

JSON = dict[str, Any]


def _money(money: MoneyInput | None) -> JSON | None:
    return None if money is None else {"amount": money.amount, "currency": money.currency_code}


def _compact(**values: Any) -> JSON:
    return {key: value for key, value in values.items() if value is not None}


def _ids(values: list[strawberry.ID] | None) -> list[str] | None:
    return None if values is None else [str(value) for value in values]


def _one(kinds: dict[str, Any], path: str) -> tuple[str, Any]:
    given = [
        (key, value)
        for key, value in kinds.items()
        if value is not None and value is not strawberry.UNSET
    ]
    if len(given) != 1:
        raise UserError(f"Give exactly one of: {', '.join(kinds)}.", field=path)
    return given[0]


@strawberry.input(
    description="Which items: any named product, variant, category (with its subcategories), "
    "collection or product tag; nothing named: every item."
)
class PromotionTargetInput:
    product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Products."
    )
    variant_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Variants."
    )
    category_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Categories, with their subcategories."
    )
    collection_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Collections."
    )
    tags: list[str] | None = strawberry.field(default=None, description="Product tags.")

    def to_json(self) -> JSON:
        return _compact(
            productIds=_ids(self.product_ids),
            variantIds=_ids(self.variant_ids),
            categoryIds=_ids(self.category_ids),
            collectionIds=_ids(self.collection_ids),
            tags=self.tags,
        )


def _target(target: PromotionTargetInput | None) -> JSON | None:
    return None if target is None else target.to_json()


TARGET = "Which items (default: every item)."


@strawberry.input(description="A percentage off the targeted items.")
class PercentOffInput:
    percent: str = strawberry.field(description='A decimal percentage, "10".')
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        return _compact(percent=self.percent, target=_target(self.target))


@strawberry.input(description="An amount off each targeted unit (never below zero).")
class AmountOffEachInput:
    amount: MoneyInput = strawberry.field(description="Off each unit.")
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        return _compact(amount=_money(self.amount), target=_target(self.target))


@strawberry.input(description="An amount off the targeted items together, split over them.")
class AmountOffOrderInput:
    amount: MoneyInput = strawberry.field(description="Off the targeted items together.")
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        return _compact(amount=_money(self.amount), target=_target(self.target))


@strawberry.input(description="Each targeted unit at a fixed price (cheaper ones stay).")
class FixedPriceInput:
    unit_price: MoneyInput = strawberry.field(description="What each unit costs.")
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        return _compact(unitPrice=_money(self.unit_price), target=_target(self.target))


@strawberry.input(description="For every `buy` units, `get` units at `percent` off.")
class BuyXGetYInput:
    buy: int = strawberry.field(description="Units to buy.")
    get: int = strawberry.field(description="Units discounted for each `buy`.")
    buy_target: PromotionTargetInput | None = strawberry.field(
        default=None, description="Which items count as bought (default: any)."
    )
    get_target: PromotionTargetInput | None = strawberry.field(
        default=None, description="Which items are discounted, cheapest first (default: any)."
    )
    percent: str | None = strawberry.field(default=None, description='Off them (default "100").')
    max_applications: int | None = strawberry.field(
        default=None, description="At most this many times per cart."
    )

    def to_json(self) -> JSON:
        return _compact(
            buy=self.buy,
            get=self.get,
            buyTarget=_target(self.buy_target),
            getTarget=_target(self.get_target),
            percent=self.percent,
            maxApplications=self.max_applications,
        )


@strawberry.input(description="A tier: from this threshold, this amount off.")
class PromotionTierInput:
    threshold: MoneyInput = strawberry.field(description="What the targeted items must reach.")
    amount: MoneyInput = strawberry.field(description="What is then taken off them.")


@strawberry.input(description="The highest tier the targeted items reach takes its amount off.")
class TieredInput:
    tiers: list[PromotionTierInput] = strawberry.field(description="Thresholds ascending.")
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        tiers = [{"threshold": _money(t.threshold), "amount": _money(t.amount)} for t in self.tiers]
        return _compact(tiers=tiers, target=_target(self.target))


@strawberry.input(description="A percentage or an amount off shipping.")
class ShippingOffInput:
    percent: str | None = strawberry.field(default=None, description='"100": free shipping.')
    amount: MoneyInput | None = strawberry.field(default=None, description="Off shipping.")
    option_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Shipping methods it applies to (default: all)."
    )

    def to_json(self) -> JSON:
        return _compact(
            percent=self.percent, amount=_money(self.amount), optionIds=_ids(self.option_ids)
        )


@strawberry.input(description="Adds a variant to the cart for free.")
class GiftItemInput:
    variant_id: strawberry.ID = strawberry.field(description="The gift.")
    value: MoneyInput = strawberry.field(description="Its value (counts against the budget).")
    quantity: int | None = strawberry.field(default=None, description="How many (default 1).")

    def to_json(self) -> JSON:
        return _compact(
            variantId=str(self.variant_id), value=_money(self.value), quantity=self.quantity
        )


@strawberry.input(one_of=True, description="What a promotion does: exactly one of these.")
class PromotionActionInput:
    percent_off: PercentOffInput | None = strawberry.field(
        default=strawberry.UNSET, description="Percent off."
    )
    amount_off_each: AmountOffEachInput | None = strawberry.field(
        default=strawberry.UNSET, description="An amount off each unit."
    )
    amount_off_order: AmountOffOrderInput | None = strawberry.field(
        default=strawberry.UNSET, description="An amount off the order (or the targeted items)."
    )
    fixed_price: FixedPriceInput | None = strawberry.field(
        default=strawberry.UNSET, description="A fixed unit price."
    )
    buy_x_get_y: BuyXGetYInput | None = strawberry.field(
        default=strawberry.UNSET, name="buyXGetY", description="Buy X, get Y discounted."
    )
    tiered: TieredInput | None = strawberry.field(
        default=strawberry.UNSET, description="Spend tiers."
    )
    shipping_off: ShippingOffInput | None = strawberry.field(
        default=strawberry.UNSET, description="Off shipping."
    )
    gift_item: GiftItemInput | None = strawberry.field(
        default=strawberry.UNSET, description="A free gift."
    )

    def to_json(self, path: str) -> JSON:
        key, value = _one(
            {
                "percentOff": self.percent_off,
                "amountOffEach": self.amount_off_each,
                "amountOffOrder": self.amount_off_order,
                "fixedPrice": self.fixed_price,
                "buyXGetY": self.buy_x_get_y,
                "tiered": self.tiered,
                "shippingOff": self.shipping_off,
                "giftItem": self.gift_item,
            },
            path,
        )
        return {"type": key[0].upper() + key[1:], **value.to_json()}


@strawberry.input(description="The targeted items cost at least this (at sale prices).")
class MinSubtotalInput:
    amount: MoneyInput = strawberry.field(description="The least they cost.")
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        return _compact(amount=_money(self.amount), target=_target(self.target))


@strawberry.input(description="At least this many targeted units are in the cart.")
class MinQuantityInput:
    quantity: int = strawberry.field(description="The least number of units.")
    target: PromotionTargetInput | None = strawberry.field(default=None, description=TARGET)

    def to_json(self) -> JSON:
        return _compact(quantity=self.quantity, target=_target(self.target))


@strawberry.input(description="Some targeted item is in the cart.")
class CartContainsInput:
    target: PromotionTargetInput = strawberry.field(description="Which items.")

    def to_json(self) -> JSON:
        return {"target": self.target.to_json()}


@strawberry.input(description="The customer has any of these tags.")
class CustomerTaggedInput:
    tags: list[str] = strawberry.field(description="Customer tags.")

    def to_json(self) -> JSON:
        return {"tags": self.tags}


@strawberry.input(description="The customer is in any of these segments.")
class CustomerInSegmentInput:
    segment_ids: list[strawberry.ID] = strawberry.field(description="Segments.")

    def to_json(self) -> JSON:
        return {"segmentIds": _ids(self.segment_ids)}


@strawberry.input(description="The customer's tier is one of these.")
class CustomerTierConditionInput:
    tier_ids: list[strawberry.ID] = strawberry.field(description="Customer tiers.")

    def to_json(self) -> JSON:
        return {"tierIds": _ids(self.tier_ids)}


@strawberry.input(description="The request comes from one of these storefronts.")
class OnStorefrontInput:
    storefront_ids: list[strawberry.ID] = strawberry.field(description="Storefronts.")

    def to_json(self) -> JSON:
        return {"storefrontIds": _ids(self.storefront_ids)}


@strawberry.input(description="Now is within this window (either end may be open).")
class BetweenInput:
    starts_at: datetime | None = strawberry.field(default=None, description="From (with offset).")
    ends_at: datetime | None = strawberry.field(default=None, description="Until (excluded).")

    def to_json(self) -> JSON:
        return _compact(
            startsAt=None if self.starts_at is None else self.starts_at.isoformat(),
            endsAt=None if self.ends_at is None else self.ends_at.isoformat(),
        )


@strawberry.input(one_of=True, description="When a promotion applies: exactly one of these.")
class PromotionConditionInput:
    all: list["PromotionConditionInput"] | None = strawberry.field(
        default=strawberry.UNSET, description="Every one of these holds (none given: always)."
    )
    any: list["PromotionConditionInput"] | None = strawberry.field(
        default=strawberry.UNSET, description="Some of these holds."
    )
    min_subtotal: MinSubtotalInput | None = strawberry.field(
        default=strawberry.UNSET, description="A least subtotal."
    )
    min_quantity: MinQuantityInput | None = strawberry.field(
        default=strawberry.UNSET, description="A least number of units."
    )
    cart_contains: CartContainsInput | None = strawberry.field(
        default=strawberry.UNSET, description="Some item is in the cart."
    )
    customer_tagged: CustomerTaggedInput | None = strawberry.field(
        default=strawberry.UNSET, description="The customer's tags (a guest has none)."
    )
    customer_in_segment: CustomerInSegmentInput | None = strawberry.field(
        default=strawberry.UNSET, description="The customer's segments."
    )
    customer_tier: CustomerTierConditionInput | None = strawberry.field(
        default=strawberry.UNSET, description="The customer's tier."
    )
    first_order: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="true: the customer has not ordered yet (a guest counts).",
    )
    on_storefront: OnStorefrontInput | None = strawberry.field(
        default=strawberry.UNSET, description="The storefront asking."
    )
    between: BetweenInput | None = strawberry.field(
        default=strawberry.UNSET, description="A time window."
    )
    code_entered: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="true: the shopper entered one of the promotion's codes.",
    )

    def to_json(self, path: str) -> JSON:
        key, value = _one(
            {
                "all": self.all,
                "any": self.any,
                "minSubtotal": self.min_subtotal,
                "minQuantity": self.min_quantity,
                "cartContains": self.cart_contains,
                "customerTagged": self.customer_tagged,
                "customerInSegment": self.customer_in_segment,
                "customerTier": self.customer_tier,
                "firstOrder": self.first_order,
                "onStorefront": self.on_storefront,
                "between": self.between,
                "codeEntered": self.code_entered,
            },
            path,
        )
        if key in ("all", "any"):
            parts = [part.to_json(f"{path}.{key}.{i}") for i, part in enumerate(value)]
            return {"type": "AllOf" if key == "all" else "AnyOf", "conditions": parts}
        if isinstance(value, bool):
            if not value:
                raise UserError("Give true (or another condition).", field=f"{path}.{key}")
            return {"type": key[0].upper() + key[1:]}
        return {"type": key[0].upper() + key[1:], **value.to_json()}
