"""Carts as a storefront sees them (send the storefront token; a customer's access token too
for their own carts). Every amount is computed by the server from the catalog."""

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain.checkout.carts import CartDetails
from domain.checkout.quotes import CartQuote
from domain.checkout.quotes import DeliveryOption as DeliveryOptionData
from domain.payments.gift_card_codes import masked
from resolvers.catalog.visibility import visible_variant
from resolvers.checkout import cart_promotions
from resolvers.checkout import carts as resolvers
from resolvers.context import AgoraInfo
from resolvers.ids import encode_global_id
from resolvers.orders import orders as order_resolvers
from resolvers.payloads import user_error_data
from resolvers.permissions import customers_only
from schema.catalog.products import ProductVariant
from schema.checkout.cart_promotions import (
    CartGiftLine,
    CartPromoCode,
    CartPromotion,
    CartUnavailableGift,
)
from schema.errors import UserError
from schema.money import Money
from schema.node import Node, shows

if TYPE_CHECKING:
    from schema.orders import Order


@strawberry.enum(description="How an order reaches the buyer.")
class DeliveryKind(Enum):
    SHIPPING = strawberry.enum_value("SHIPPING", description="Shipped to the shipping address.")
    PICKUP = strawberry.enum_value(
        "PICKUP", description="Collected at a warehouse (click & collect)."
    )


@strawberry.type(description="A postal address on a cart or an order.")
class MailingAddress:
    first_name: str = strawberry.field(description="Recipient's first name.")
    last_name: str = strawberry.field(description="Recipient's last name.")
    company: str = strawberry.field(description="Company, or empty.")
    street_line1: str = strawberry.field(description="Street and number.")
    street_line2: str = strawberry.field(description="Apartment, floor, or empty.")
    city: str = strawberry.field(description="City.")
    region: str = strawberry.field(description="State, province or region, or empty.")
    postal_code: str = strawberry.field(description="Postal code, normalised.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    phone: str = strawberry.field(description="Phone number, or empty.")


def mailing_address(values: dict[str, str] | None) -> MailingAddress | None:
    if values is None:
        return None
    names = MailingAddress.__annotations__
    return MailingAddress(**{name: values.get(name, "") for name in names})


@strawberry.type(description="A way to get the cart delivered, with its price for this cart.")
class DeliveryOption:
    name: str = strawberry.field(description="Display name.")
    price: Money = strawberry.field(description="Its price for this cart (0 when free).")

    @strawberry.field(description="Pass to cartDeliveryOptionSet to choose it.")
    def id(self, root: DeliveryOptionData) -> strawberry.ID:
        type_name = "ShippingMethod" if root.kind.value == "SHIPPING" else "Warehouse"
        return strawberry.ID(encode_global_id(type_name, root.id))

    @strawberry.field(description="Shipping or pickup.")
    def kind(self, root: DeliveryOptionData) -> DeliveryKind:
        return DeliveryKind(root.kind.value)

    @strawberry.field(description="Where to collect it (pickup only).")
    def pickup_address(self, root: DeliveryOptionData) -> str | None:
        if root.warehouse is None:
            return None
        a = root.warehouse.address
        return f"{a['street']}, {a['postalCode']} {a['city']}, {a['country']}"


@strawberry.type(
    description="What the cart costs. total = subtotal - discount + shipping (+ tax when the "
    "storefront's prices exclude tax); it always adds up to the minor unit."
)
class CartCost:
    subtotal: Money = strawberry.field(description="Lines at their prices as entered.")
    discount: Money = strawberry.field(
        description="What promotions take off the items (sale prices, item and order discounts)."
    )
    shipping: Money = strawberry.field(description="The chosen delivery option's price.")
    tax: Money = strawberry.field(description="Tax on the lines and the shipping.")
    total: Money = strawberry.field(description="What checkout charges.")
    prices_include_tax: bool = strawberry.field(description="Whether prices include tax.")


@strawberry.type(description="A gift card paying towards the cart.")
class AppliedGiftCard:
    @strawberry.field(description="The card's ID.")
    def id(self, root: resolvers.AppliedCard) -> strawberry.ID:
        return strawberry.ID(encode_global_id("GiftCard", root.card.id))

    @strawberry.field(description="The code with all but its last 4 characters hidden.")
    def masked_code(self, root: resolvers.AppliedCard) -> str:
        return masked(root.card.last4)

    @strawberry.field(description="What it will pay of this cart at checkout.")
    def applied(self, root: resolvers.AppliedCard) -> Money:
        return root.applied  # type: ignore[return-value]

    @strawberry.field(description="Its balance now.")
    def balance(self, root: resolvers.AppliedCard) -> Money:
        return root.card.balance  # type: ignore[return-value]


@strawberry.type(description="A variant in a cart, priced now.")
class CartLine:
    @strawberry.field(description="The variant (null if the storefront no longer shows it).")
    async def variant(self, root: resolvers.CartLineView, info: AgoraInfo) -> ProductVariant | None:
        return await visible_variant(info.context, root.quoted.line.variant_id)  # type: ignore[return-value]

    @strawberry.field(description="How many.")
    def quantity(self, root: resolvers.CartLineView) -> int:
        return root.quoted.line.quantity

    @strawberry.field(description="Price of one (null while it cannot be bought).")
    def unit_price(self, root: resolvers.CartLineView) -> Money | None:
        return None if root.cost is None else root.cost.unit_price  # type: ignore[return-value]

    @strawberry.field(description="Unit price x quantity (null while it cannot be bought).")
    def subtotal(self, root: resolvers.CartLineView) -> Money | None:
        return None if root.cost is None else root.cost.subtotal  # type: ignore[return-value]

    @strawberry.field(description="What promotions take off its subtotal.")
    def discount(self, root: resolvers.CartLineView) -> Money | None:
        return None if root.cost is None else root.cost.discount  # type: ignore[return-value]

    @strawberry.field(description="Tax on this line.")
    def tax(self, root: resolvers.CartLineView) -> Money | None:
        return None if root.cost is None else root.cost.tax  # type: ignore[return-value]

    @strawberry.field(description="What this line adds to the total.")
    def total(self, root: resolvers.CartLineView) -> Money | None:
        return None if root.cost is None else root.cost.total  # type: ignore[return-value]

    @strawberry.field(description="Why this line cannot be checked out as it is, if it cannot.")
    def problem(self, root: resolvers.CartLineView) -> UserError | None:
        error = root.quoted.problem
        return None if error is None else user_error_data(error)  # type: ignore[return-value]


@strawberry.type(
    description="A shopper's cart in one storefront. Its ID is its secret: share it "
    "only with the shopper."
)
@shows(CartQuote)
class Cart(Node):
    @strawberry.field(description="The cart's currency (the storefront's).")
    def currency(self, root: CartQuote) -> str:
        return root.cart.currency

    @strawberry.field(description="The buyer's email.")
    def email(self, root: CartQuote) -> str:
        return root.cart.email

    @strawberry.field(description="A note from the buyer.")
    def note(self, root: CartQuote) -> str:
        return root.cart.note

    @strawberry.field(description="Promotion codes entered, normalised, in the order entered.")
    def promo_codes(self, root: CartQuote) -> list[str]:
        return root.cart.promo_codes

    @strawberry.field(description="Each entered code, and whether it takes effect or why not.")
    def promo_code_statuses(self, root: CartQuote) -> list[CartPromoCode]:
        return cart_promotions.code_results(root)  # type: ignore[return-value]

    @strawberry.field(description="The promotions that apply, in the order they applied.")
    def applied_promotions(self, root: CartQuote) -> list[CartPromotion]:
        return cart_promotions.applied(root)  # type: ignore[return-value]

    @strawberry.field(
        description="What promotions take off the selected delivery option (already "
        "deducted from cost.shipping)."
    )
    def shipping_discount(self, root: CartQuote) -> Money:
        return root.discounts.shipping_discount  # type: ignore[return-value]

    @strawberry.field(
        description="OPEN, COMPLETED (checked out) or MERGED (into an account's cart)."
    )
    def status(self, root: CartQuote) -> str:
        return root.cart.status

    @strawberry.field(description="Its lines, oldest first.")
    def lines(self, root: CartQuote) -> list[CartLine]:
        return resolvers.line_views(root)  # type: ignore[return-value]

    @strawberry.field(description="Gifts promotions add, free (not part of `lines`).")
    def gift_lines(self, root: CartQuote) -> list[CartGiftLine]:
        return cart_promotions.gifts(root)  # type: ignore[return-value]

    @strawberry.field(
        description="Gift promotions that would apply but are not applied: their gift is out "
        "of stock (or not sold in this storefront)."
    )
    def unavailable_gifts(self, root: CartQuote) -> list[CartUnavailableGift]:
        return cart_promotions.unavailable(root)  # type: ignore[return-value]

    @strawberry.field(description="Units in the cart.")
    def total_quantity(self, root: CartQuote) -> int:
        return sum(q.line.quantity for q in root.lines)

    @strawberry.field(description="What it costs now.")
    def cost(self, root: CartQuote) -> CartCost:
        return root.cost  # type: ignore[return-value]

    @strawberry.field(description="Gift cards entered, in the order they pay.")
    def gift_cards(self, root: CartQuote) -> list[AppliedGiftCard]:
        return resolvers.applied_cards(root)  # type: ignore[return-value]

    @strawberry.field(description="What is left to pay after the gift cards.")
    def amount_due(self, root: CartQuote) -> Money:
        return root.amount_due  # type: ignore[return-value]

    @strawberry.field(description="Where it ships to.")
    def shipping_address(self, root: CartQuote) -> MailingAddress | None:
        return mailing_address(root.cart.shipping_address)

    @strawberry.field(description="Where the bill goes (the shipping address when empty).")
    def billing_address(self, root: CartQuote) -> MailingAddress | None:
        return mailing_address(root.cart.billing_address)

    @strawberry.field(description="Delivery options for its address and contents, cheapest first.")
    def delivery_options(self, root: CartQuote) -> list[DeliveryOption]:
        return list(root.options)  # type: ignore[arg-type]

    @strawberry.field(
        description="False when the cart holds only gift cards: they are emailed once paid, so "
        "no shipping address or delivery option is asked for."
    )
    def requires_shipping(self, root: CartQuote) -> bool:
        return root.requires_shipping

    @strawberry.field(description="The chosen delivery option, if still offered.")
    def selected_delivery_option(self, root: CartQuote) -> DeliveryOption | None:
        return root.delivery  # type: ignore[return-value]

    @strawberry.field(description="What must be fixed before checkout (empty: ready).")
    def checkout_problems(self, root: CartQuote) -> list[UserError]:
        return [user_error_data(e) for e in root.problems()]  # type: ignore[misc]

    @strawberry.field(description="When it was created.")
    def created_at(self, root: CartQuote) -> datetime:
        return root.cart.created_at

    @strawberry.field(description="When it last changed.")
    def updated_at(self, root: CartQuote) -> datetime:
        return root.cart.updated_at

    @strawberry.field(description="The order it became, once checked out (the buyer's own).")
    async def order(
        self, root: CartQuote, info: AgoraInfo
    ) -> Annotated["Order", strawberry.lazy("schema.orders")] | None:
        return await order_resolvers.order_of_cart(info, root.cart.order_id)  # type: ignore[return-value]


@strawberry.input(description="A variant and how many.")
class CartLineInput:
    variant_id: strawberry.ID = strawberry.field(description="The variant's ID.")
    quantity: int = strawberry.field(description="How many (1 or more; 0 removes, in updates).")


@strawberry.input(description="A postal address (validated like an address book entry).")
class MailingAddressInput:
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")
    company: str | None = strawberry.field(default=None, description="Company.")
    street_line1: str | None = strawberry.field(default=None, description="Street and number.")
    street_line2: str | None = strawberry.field(default=None, description="Apartment, floor.")
    city: str | None = strawberry.field(default=None, description="City.")
    region: str | None = strawberry.field(default=None, description="State (US, CA, AU).")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code.")
    phone: str | None = strawberry.field(default=None, description="Phone number.")


def _address(value: MailingAddressInput | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {k: v for k, v in vars(value).items() if isinstance(v, str)}


@strawberry.input(description="Details of a cart; omitted fields stay as they are.")
class CartDetailsInput:
    email: str | None = strawberry.field(default=None, description="The buyer's email.")
    shipping_address: MailingAddressInput | None = strawberry.field(
        default=None, description="Where to ship (an empty object clears it)."
    )
    billing_address: MailingAddressInput | None = strawberry.field(
        default=None, description="Where the bill goes (an empty object clears it)."
    )
    note: str | None = strawberry.field(default=None, description="A note for the merchant.")
    promo_codes: list[str] | None = strawberry.field(
        default=None, description="Promotion codes (replacing those entered before)."
    )

    def details(self) -> CartDetails:
        return CartDetails(
            self.email, _address(self.shipping_address), _address(self.billing_address),
            self.note, self.promo_codes,
        )  # fmt: skip


@strawberry.input(description="A new cart.")
class CartCreateInput(CartDetailsInput):
    lines: list[CartLineInput] = strawberry.field(
        default_factory=list, description="What to put in it."
    )


@strawberry.type(description="Result of a cart mutation.")
class CartPayload:
    cart: Cart | None = strawberry.field(description="The cart as it is now.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


CartId = Annotated[strawberry.ID, strawberry.argument(description="The cart's ID.")]
Lines = Annotated[list[CartLineInput], strawberry.argument(description="Variants and quantities.")]


def _pairs(lines: list[CartLineInput]) -> list[tuple[str, int]]:
    return [(line.variant_id, line.quantity) for line in lines]


@strawberry.type
class CartQuery:
    @strawberry.field(description="A cart by its ID (null if it is not the caller's to see).")
    async def cart(self, info: AgoraInfo, id: CartId) -> Cart | None:
        return await resolvers.cart(info, id)  # type: ignore[return-value]


@strawberry.type
class CartMutation:
    @strawberry.mutation(description="Start a cart in the storefront of the token sent.")
    async def cart_create(
        self,
        info: AgoraInfo,
        input: Annotated[CartCreateInput, strawberry.argument(description="Lines and details.")],
    ) -> CartPayload:
        return await resolvers.create(info, _pairs(input.lines), input.details())  # type: ignore[return-value]

    @strawberry.mutation(description="Add variants (a variant already there gets more).")
    async def cart_lines_add(self, info: AgoraInfo, cart_id: CartId, lines: Lines) -> CartPayload:
        return await resolvers.lines_add(info, cart_id, _pairs(lines))  # type: ignore[return-value]

    @strawberry.mutation(description="Set quantities of variants in the cart (0 removes).")
    async def cart_lines_update(
        self, info: AgoraInfo, cart_id: CartId, lines: Lines
    ) -> CartPayload:
        return await resolvers.lines_update(info, cart_id, _pairs(lines))  # type: ignore[return-value]

    @strawberry.mutation(description="Remove variants from the cart.")
    async def cart_lines_remove(
        self,
        info: AgoraInfo,
        cart_id: CartId,
        variant_ids: Annotated[list[strawberry.ID], strawberry.argument(description="Variants.")],
    ) -> CartPayload:
        return await resolvers.lines_remove(info, cart_id, list(variant_ids))  # type: ignore[return-value]

    @strawberry.mutation(description="Change the email, addresses, note or promotion codes.")
    async def cart_update(
        self,
        info: AgoraInfo,
        cart_id: CartId,
        input: Annotated[CartDetailsInput, strawberry.argument(description="What changes.")],
    ) -> CartPayload:
        return await resolvers.update(info, cart_id, input.details())  # type: ignore[return-value]

    @strawberry.mutation(description="Choose one of the cart's delivery options.")
    async def cart_delivery_option_set(
        self,
        info: AgoraInfo,
        cart_id: CartId,
        delivery_option_id: Annotated[
            strawberry.ID, strawberry.argument(description="A `deliveryOptions` ID.")
        ],
    ) -> CartPayload:
        return await resolvers.delivery_set(info, cart_id, delivery_option_id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Pay part or all of the cart with a gift card (charged at checkout)."
    )
    async def cart_gift_card_add(
        self,
        info: AgoraInfo,
        cart_id: CartId,
        code: Annotated[str, strawberry.argument(description="The gift card's code.")],
    ) -> CartPayload:
        return await resolvers.gift_card_add(info, cart_id, code)  # type: ignore[return-value]

    @strawberry.mutation(description="Stop paying the cart with a gift card.")
    async def cart_gift_card_remove(
        self,
        info: AgoraInfo,
        cart_id: CartId,
        gift_card_id: Annotated[strawberry.ID, strawberry.argument(description="The card's ID.")],
    ) -> CartPayload:
        return await resolvers.gift_card_remove(info, cart_id, gift_card_id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="After signing in: keep a guest cart in the account (its lines join the "
        "customer's open cart in this storefront, within stock and purchase limits).",
        extensions=customers_only(),
    )
    async def cart_merge(self, info: AgoraInfo, cart_id: CartId) -> CartPayload:
        return await resolvers.merge(info, cart_id)  # type: ignore[return-value]
