"""A cart as it stands now: its lines priced from the catalog, its delivery options, its cost,
and what stops it being checked out. Everything a cart shows and checkout charges comes from
here, so the two can never disagree.

Where tax is reckoned: the shipping address, or the pickup warehouse's country, or (before
either is known) the storefront's default country.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.checkout.carts import Cart, CartLine, DeliveryKind, NewCart, check_line, require_open
from domain.checkout.discounts import CartDiscounts, DiscountLine, cart_discounts, code_problems
from domain.checkout.gifts import GiftView, gift_stock, gift_variant_ids, gift_views
from domain.checkout.offers import NO_GROUPS, Offer, ProductGroups, SupplyingWarehouse
from domain.checkout.pricing import CartCost, PricedLine, price_cart
from domain.checkout.promotion_facts import read_customer, read_groups, risk_policy
from domain.checkout.shipping import Destination, ShippingMethod, ShippingZone, applicable_methods
from domain.checkout.taxes import TaxRate, rate_for
from domain.errors import ErrorCode, UserError
from domain.money import Money
from domain.payments.gift_cards import GiftCard, check_usable, split_payment
from domain.promotions.reach import needs
from domain.promotions.request import Customer
from domain.promotions.stored import PromotionCode, StoredPromotion
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DeliveryOption:
    kind: DeliveryKind
    id: UUID
    name: str
    price: Money
    warehouse: SupplyingWarehouse | None = None


@dataclass(frozen=True)
class QuotedLine:
    line: CartLine
    offer: Offer | None
    problem: UserError | None  # why this line cannot be bought as it is


@dataclass(frozen=True)
class CartReads:
    """Everything a quote is computed from, read once (see `quote_cart`)."""

    lines: tuple[CartLine, ...]
    offers: Mapping[UUID, Offer]
    supply: tuple[SupplyingWarehouse, ...]
    rates: tuple[TaxRate, ...]
    zones: tuple[ShippingZone, ...]
    methods: tuple[ShippingMethod, ...]
    gift_cards: tuple[GiftCard, ...] = ()
    promotions: tuple[StoredPromotion, ...] = ()  # the merchant's live ones
    codes: tuple[PromotionCode, ...] = ()  # those of the entered codes that exist
    customer_uses: Mapping[UUID, int] = field(default_factory=dict)  # promotion id -> uses
    groups: Mapping[UUID, ProductGroups] = field(default_factory=dict)  # by product id
    customer: Customer | None = None  # as promotions see the shopper (None: a guest)


@dataclass(frozen=True)
class CartQuote:
    cart: Cart
    storefront: Storefront
    lines: tuple[QuotedLine, ...]
    options: tuple[DeliveryOption, ...]
    delivery: DeliveryOption | None
    cost: CartCost
    # What each gift card will pay, in the order entered, and what is left for the gateway.
    gift_card_payments: tuple[tuple[GiftCard, Money], ...]
    gift_card_problems: tuple[UserError, ...]
    reads: CartReads = field(repr=False)
    at: datetime = field(repr=False)
    # Promotions: what each line and the delivery take off, what applied, each code's status.
    discounts: CartDiscounts = field(repr=False)

    @property
    def supply(self) -> tuple[SupplyingWarehouse, ...]:
        return self.reads.supply

    @property
    def gifts(self) -> tuple[GiftView, ...]:
        """What gift promotions add, at no cost (see checkout/gifts.py)."""
        names = {applied.promotion_id: applied.name for applied in self.discounts.applied}
        return gift_views(self.discounts.gifts, names, self.reads.offers)

    @property
    def amount_due(self) -> Money:
        return self.cost.total - Money(
            sum(paid.amount for _, paid in self.gift_card_payments), self.cost.total.currency
        )

    @property
    def id(self) -> UUID:
        return self.cart.id

    @property
    def requires_shipping(self) -> bool:
        return requires_shipping(self.lines)

    def problems(self) -> list[UserError]:
        """Everything that must be fixed before checkout, each naming its field."""
        found = [q.problem for q in self.lines if q.problem is not None]
        found += self.gift_card_problems
        found += code_problems(self.discounts.codes)
        if not self.lines:
            found.append(UserError("The cart is empty.", field="lines", code=ErrorCode.REQUIRED))
        if not self.cart.email:
            found.append(
                UserError("Give an email address.", field="email", code=ErrorCode.REQUIRED)
            )
        if not self.requires_shipping:
            return found  # only gift cards: sent by email, nothing to deliver
        ships = self.delivery is None or self.delivery.kind == DeliveryKind.SHIPPING
        if ships and self.cart.shipping_address is None:
            found.append(
                UserError(
                    "Give a shipping address.", field="shippingAddress", code=ErrorCode.REQUIRED
                )
            )
        if self.delivery is None:
            found.append(
                UserError(
                    "Choose a delivery option.", field="deliveryOptionId", code=ErrorCode.REQUIRED
                )
            )
        return found


def requires_shipping(lines: Sequence[QuotedLine]) -> bool:
    """Whether anything in the cart must be delivered: a cart of nothing but gift cards (sent
    by email once paid) needs no address and no delivery option, and is offered none (nor
    gift items, which would need one); an empty cart still asks for both."""
    return not lines or any(q.offer is None or not q.offer.gift_card for q in lines)


def _line_problem(
    line: CartLine, offer: Offer | None, supply: Sequence[SupplyingWarehouse], path: str
) -> UserError | None:
    try:
        check_line(offer, line.quantity, supply, path)
    except UserError as error:
        return error
    return None


def _tax_place(
    cart: Cart, storefront: Storefront, pickup: SupplyingWarehouse | None
) -> tuple[str, str]:
    if pickup is not None:
        return pickup.address.get("country", storefront.default_country), ""
    if cart.shipping_address is not None:
        return cart.shipping_address["country"], cart.shipping_address.get("region", "")
    return storefront.default_country, ""


async def quote_cart(
    uow: UnitOfWork,
    cart: Cart,
    storefront: Storefront,
    now: datetime,
    *,
    known: NewCart | None = None,
) -> CartQuote:
    """The cart (of `storefront`) as it stands: three reads whatever its size — its lines,
    offers and stock — once the merchant's rules are kept (`CheckoutCatalog.rules`; four
    more when they are read again); one more with gift cards, one more with promotion codes,
    one more for a customer when a promotion limits uses per customer, and those
    `promotion_facts` names when a promotion looks at categories, collections or the
    customer; two fewer for a cart just created (`known`)."""
    lines = known.lines if known is not None else tuple(await uow.carts.lines_of(cart.id))
    rules = await uow.checkout.rules()
    promotions = rules.promotions
    codes = tuple(await uow.promotions.codes(cart.promo_codes)) if cart.promo_codes else ()
    limited = [p.id for p in promotions if p.usage_limit_per_customer is not None]
    uses = (
        await uow.promotions.customer_uses(cart.customer_id, limited)
        if cart.customer_id is not None and limited
        else {}
    )
    cards = await uow.gift_cards.get_many(cart.gift_card_ids) if cart.gift_card_ids else []
    by_id = {card.id: card for card in cards}
    offers, supply = await _catalog(uow, cart, storefront, lines, promotions, known, now)
    wanted = needs(p.definition for p in promotions if not p.is_archived)
    reads = CartReads(
        lines=lines,
        offers=offers,
        supply=supply,
        rates=rules.rates,
        zones=rules.zones,
        methods=rules.methods,
        gift_cards=tuple(by_id[id] for id in cart.gift_card_ids if id in by_id),
        promotions=promotions,
        codes=codes,
        customer_uses=uses,
        groups=await read_groups(uow, wanted, offers),
        customer=await read_customer(uow, wanted, cart.customer_id, now),
    )
    return build_quote(cart, storefront, reads, now)


async def _catalog(
    uow: UnitOfWork,
    cart: Cart,
    storefront: Storefront,
    lines: Sequence[CartLine],
    promotions: Sequence[StoredPromotion],
    known: NewCart | None,
    now: datetime,
) -> tuple[Mapping[UUID, Offer], tuple[SupplyingWarehouse, ...]]:
    """The offers and stock of the lines' variants and of the gifts promotions could add (in
    the same statements; a cart just created reads only its gifts' again)."""
    variant_ids = [line.variant_id for line in lines]
    gifts = [id for id in gift_variant_ids(promotions) if id not in set(variant_ids)]
    if known is not None:
        missing = [id for id in gifts if id not in known.offers]
        if not missing:
            return known.offers, known.supply
        found = await uow.checkout.offers(storefront.id, cart.currency, missing, now)
        supply = await uow.checkout.supply(storefront.id, [*variant_ids, *gifts])
        return {**known.offers, **found}, tuple(supply)
    wanted = [*variant_ids, *gifts]
    offers = await uow.checkout.offers(storefront.id, cart.currency, wanted, now)
    return offers, tuple(await uow.checkout.supply(storefront.id, wanted))


def build_quote(cart: Cart, storefront: Storefront, reads: CartReads, now: datetime) -> CartQuote:
    """Price the cart from what was read (pure)."""
    offers, supply, rates = reads.offers, reads.supply, reads.rates
    quoted = tuple(
        QuotedLine(
            line,
            offers.get(line.variant_id),
            _line_problem(line, offers.get(line.variant_id), supply, f"lines.{index}"),
        )
        for index, line in enumerate(
            sorted(reads.lines, key=lambda line: (line.created_at, line.id))
        )
    )
    priced = [
        (q, q.offer, q.offer.price)
        for q in quoted
        if q.offer is not None and q.offer.price is not None
    ]
    subtotal = Money(sum(price.amount * q.line.quantity for q, _, price in priced), cart.currency)
    weight = sum((q.offer.weight_grams or 0) * q.line.quantity for q in quoted if q.offer)
    ships = requires_shipping(quoted)
    options = (
        _options(cart, storefront, supply, reads.zones, reads.methods, weight, subtotal)
        if ships
        else ()
    )
    delivery = next(
        (o for o in options if o.id in (cart.shipping_method_id, cart.pickup_warehouse_id)), None
    )
    pickup = delivery.warehouse if delivery is not None else None
    country, region = _tax_place(cart, storefront, pickup)
    discounts = _discounts(cart, storefront, reads, priced, options, delivery, ships, now)
    cost = price_cart(
        cart.currency,
        [
            PricedLine(
                q.line.variant_id,
                q.line.quantity,
                price,
                rate_for(rates, offer.tax_class_id, country, region),
                discounts.line_discounts.get(q.line.id, 0),
            )
            for q, offer, price in priced
        ],
        shipping=None if delivery is None else delivery.price - discounts.shipping_discount,
        shipping_rate_ppm=rate_for(rates, None, country, region),
        prices_include_tax=storefront.prices_include_tax,
    )
    usable, problems = _usable_cards(reads.gift_cards, cart.currency, now)
    # Gift cards never buy gift cards: a card's money cannot be moved onto fresh cards.
    sold_cards = sum(
        line.total.amount
        for (_, offer, _), line in zip(priced, cost.lines, strict=True)
        if offer.gift_card
    )
    payments = tuple(split_payment(usable, Money(cost.total.amount - sold_cards, cart.currency)))
    return CartQuote(
        cart, storefront, quoted, options, delivery, cost, payments, problems, reads, now, discounts
    )


def _discounts(
    cart: Cart,
    storefront: Storefront,
    reads: CartReads,
    priced: Sequence[tuple[QuotedLine, Offer, Money]],
    options: Sequence[DeliveryOption],
    delivery: DeliveryOption | None,
    ships: bool,
    now: datetime,
) -> CartDiscounts:
    gift_ids = gift_variant_ids(reads.promotions)
    return cart_discounts(
        currency=cart.currency,
        storefront_id=storefront.id,
        customer_id=cart.customer_id,
        lines=[
            DiscountLine(
                q.line.id,
                q.line.variant_id,
                offer.product_id,
                q.line.quantity,
                price,
                offer.category_id,
                offer.tags,
                reads.groups.get(offer.product_id, NO_GROUPS),
                offer.cost,
            )
            for q, offer, price in priced
            # A gift card is money: promotions never discount one.
            if not offer.gift_card
        ],
        customer=reads.customer,
        risk=risk_policy(storefront),
        gift_stock=gift_stock(gift_ids, reads.lines, reads.offers, reads.supply)
        if ships
        else dict.fromkeys(map(str, gift_ids), 0),
        promotions=reads.promotions,
        entered=cart.promo_codes,
        codes=reads.codes,
        customer_uses=reads.customer_uses,
        options=[(option.id, option.price) for option in options],
        selected=None if delivery is None else delivery.id,
        now=now,
    )


def _usable_cards(
    cards: Sequence[GiftCard], currency: str, now: datetime
) -> tuple[list[GiftCard], tuple[UserError, ...]]:
    usable, problems = [], []
    for index, card in enumerate(cards):
        try:
            check_usable(card, currency, now)
        except UserError as error:
            problems.append(UserError(error.message, field=f"giftCards.{index}", code=error.code))
        else:
            usable.append(card)
    return usable, tuple(problems)


def _options(
    cart: Cart,
    storefront: Storefront,
    supply: Sequence[SupplyingWarehouse],
    zones: Sequence[ShippingZone],
    methods: Sequence[ShippingMethod],
    weight: int,
    subtotal: Money,
) -> tuple[DeliveryOption, ...]:
    options: list[DeliveryOption] = []
    if cart.shipping_address is not None:
        destination = Destination(storefront.id, cart.shipping_address["country"])
        for method, price in applicable_methods(zones, methods, destination, weight, subtotal):
            options.append(DeliveryOption(DeliveryKind.SHIPPING, method.id, method.name, price))
    for warehouse in supply:
        if warehouse.pickup_enabled:
            options.append(
                DeliveryOption(
                    DeliveryKind.PICKUP,
                    warehouse.id,
                    f"Pick up at {warehouse.name}",
                    Money(0, cart.currency),
                    warehouse,
                )
            )
    return tuple(options)


async def choose_delivery(
    uow: UnitOfWork,
    cart: Cart,
    storefront: Storefront,
    kind: DeliveryKind,
    option_id: UUID,
    now: datetime,
) -> CartQuote:
    """Choose a shipping method or a pickup warehouse; it must be one the cart is offered.
    Returns the cart as it stands after."""
    require_open(cart)
    quote = await quote_cart(uow, cart, storefront, now)
    if not any(o.kind == kind and o.id == option_id for o in quote.options):
        raise UserError(
            "This delivery option is not offered for this cart (check the address).",
            field="deliveryOptionId",
            code=ErrorCode.NOT_AVAILABLE,
        )
    cart.shipping_method_id = option_id if kind == DeliveryKind.SHIPPING else None
    cart.pickup_warehouse_id = option_id if kind == DeliveryKind.PICKUP else None
    cart.updated_at = now
    await uow.commit()
    return requote(quote)


def requote(quote: CartQuote) -> CartQuote:
    """The quote again after its cart changed (delivery, address), from what it already read."""
    return build_quote(quote.cart, quote.storefront, quote.reads, quote.at)
