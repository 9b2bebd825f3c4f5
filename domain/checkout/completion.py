"""Completing a checkout: one transaction that validates, prices, reserves stock, takes the
payment and creates the order — or changes nothing at all.

The steps, in order:
1. Claim the cart with one conditional UPDATE (open → completed). A concurrent completion of
   the same cart waits on that row and then finds it completed: with the same idempotency key
   it gets the same order back (and nothing is charged twice), with another key an error.
2. Price it from the catalog (`quote_cart`) and refuse it while anything needs fixing.
3. Allocate the lines, and the gifts promotions add (`domain/checkout/gifts.py`: on the
   order as lines at price zero), to warehouses (`domain/checkout/allocation.py`) and reserve each
   warehouse's units with one conditional UPDATE (never below what is there): concurrent
   checkouts can never oversell.
4. Redeem the promotions the quote applied (`domain/checkout/redemptions.py`): each counter
   (uses, budget, the code's uses, the customer's uses) by one conditional UPDATE; one used
   up meanwhile refuses the checkout.
5. Take the payment: the cart's gift cards first (each debited by one conditional UPDATE, so
   concurrent checkouts never overdraw a card), the rest through the chosen gateway.
   Declined: everything above is rolled back, gift card debits included.
   Under `ON_PAYMENT` reservation an order left waiting for its payment gives its stock back
   (it reserves again when paid).
6. Number the order (one UPDATE ... RETURNING of the merchant's counter, taken last so its
   row lock is held only briefly), write the snapshot, its fulfillment groups, the payment and
   the events; commit.
Locks are always taken in the same order (cart, stock rows sorted, promotion counters by
promotion, gift cards, merchant, customer), so
concurrent checkouts wait for each other but never deadlock.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from domain.catalog.inventory import StockedVariant, record_stock_taken
from domain.checkout.allocation import Allocation, Unavailable, WarehouseStock, allocate
from domain.checkout.carts import Cart, DeliveryKind
from domain.checkout.quotes import CartQuote, quote_cart
from domain.checkout.redemptions import redeem
from domain.errors import ErrorCode, UserError
from domain.events import EventType, new_event
from domain.ids import new_id
from domain.merchants import Merchant
from domain.orders.changes import OrderFile, settle
from domain.orders.orders import (
    DIGITAL_DELIVERY,
    ORDER_TOKEN_PREFIX,
    Order,
    OrderAllocation,
    OrderLine,
    OrderStatus,
    PaymentStatus,
    StockReservation,
)
from domain.orders.payloads import order_payload
from domain.orders.spending import count_payment
from domain.payments.gateways import GatewayResult, Gateways, GatewayStatus
from domain.payments.gift_card_sales import issue_sold_cards
from domain.payments.gift_cards import debit
from domain.payments.payments import GIFT_CARD, Payment, PaymentEvent, new_payment
from domain.sealing import SecretSealer
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork

MAX_KEY = 200


@dataclass(frozen=True)
class PaymentRequest:
    gateway: str | None = None
    token: str | None = None


def _key(key: str) -> str:
    cleaned = key.strip()
    if not 0 < len(cleaned) <= MAX_KEY or not cleaned.isprintable():
        raise UserError(
            f"An idempotency key is 1 to {MAX_KEY} printable characters.", field="idempotencyKey"
        )
    return cleaned


async def _replay(uow: UnitOfWork, cart_id: UUID, key: str) -> Order:
    order = await uow.orders.by_cart(cart_id)
    if order is not None and order.checkout_key == key:
        return order
    raise UserError(
        "This cart is already checked out.", field="cartId", code=ErrorCode.ALREADY_COMPLETED
    )


async def complete_checkout(
    uow: UnitOfWork,
    cart: Cart,
    storefront: Storefront,
    customer_id: UUID | None,
    key: str,
    payment: PaymentRequest,
    gateways: Gateways,
    sealer: SecretSealer,
    now: datetime,
) -> Order:
    """The order for the cart (the same one again for a repeated key); `sealer` seals the codes
    of gift cards it sells."""
    key = _key(key)
    if not cart.is_open:
        return await _replay(uow, cart.id, key)
    order_id = new_id()
    if not await uow.carts.claim(cart.id, order_id, now):
        return await _replay(uow, cart.id, key)
    quote = await quote_cart(uow, cart, storefront, now)
    problems = quote.problems()
    if problems:
        raise problems[0]
    merchant = (await uow.checkout.rules()).merchant  # kept between requests
    order = _order(quote, order_id, customer_id or cart.customer_id, key, now)
    lines = _lines(quote, order)
    allocations = await _reserve(uow, quote, order, lines, now)
    redemptions = await redeem(uow, quote, order, now)
    payment_rows = await _pay(uow, order, quote, payment, gateways, merchant, now)
    paid = order.status == OrderStatus.PAID
    if paid:
        order.payment_status = PaymentStatus.PAID.value
        settle(OrderFile(order, lines, [row for row in payment_rows if isinstance(row, Payment)]))
    if not paid and merchant.stock_reservation == StockReservation.ON_PAYMENT:
        await _release(uow, allocations, now)
    order.stock_reserved = paid or merchant.stock_reservation == StockReservation.ON_ORDER
    if order.stock_reserved:
        await _stock_events(uow, quote, order.merchant_id, now)
    # Numbered last: the merchant's counter row stays locked only until the commit just below.
    order.number = await uow.orders.next_number(order.merchant_id)
    # Parents first: the order, its lines, then the rows that point at them.
    payments = [row for row in payment_rows if isinstance(row, Payment)]
    events = [row for row in payment_rows if isinstance(row, PaymentEvent)]
    for rows in ([order], lines, [*allocations, *payments, *redemptions], events):
        uow.add_all(rows)
        await uow.stage()
    uow.record(
        new_event(order.merchant_id, EventType.ORDER_CREATED, order_payload(order, lines), now)
    )
    if paid:
        uow.record(
            new_event(order.merchant_id, EventType.ORDER_PAID, order_payload(order, lines), now)
        )
        if order.status == OrderStatus.DELIVERED:  # gift cards only: delivered once paid
            payload = order_payload(order, lines)
            uow.record(new_event(order.merchant_id, EventType.ORDER_DELIVERED, payload, now))
        await count_payment(uow, order, now)
        await issue_sold_cards(uow, order, lines, sealer, now)
    await uow.commit()
    return order


def _order(
    quote: CartQuote,
    order_id: UUID,
    customer_id: UUID | None,
    key: str,
    now: datetime,
) -> Order:
    cart, cost = quote.cart, quote.cost
    return Order(
        id=order_id,
        merchant_id=cart.merchant_id,
        number=0,  # given when everything else has succeeded
        token=ORDER_TOKEN_PREFIX + secrets.token_urlsafe(24),
        storefront_id=cart.storefront_id,
        storefront_name=quote.storefront.name,
        customer_id=customer_id,
        cart_id=cart.id,
        checkout_key=key,
        email=cart.email,
        status=OrderStatus.UNPAID.value,
        currency=cart.currency,
        prices_include_tax=cost.prices_include_tax,
        subtotal_amount=cost.subtotal.amount,
        discount_amount=cost.discount.amount,
        shipping_amount=cost.shipping.amount,
        shipping_discount_amount=quote.discounts.shipping_discount.amount,
        tax_amount=cost.tax.amount,
        total_amount=cost.total.amount,
        shipping_address=cart.shipping_address if _ships(quote) else None,
        billing_address=cart.billing_address or cart.shipping_address,
        delivery=_delivery(quote),
        customer_note=cart.note,
        stock_reserved=False,
        created_at=now,
        updated_at=now,
    )


def _ships(quote: CartQuote) -> bool:
    return quote.delivery is not None and quote.delivery.kind == DeliveryKind.SHIPPING


def _delivery(quote: CartQuote) -> dict[str, Any]:
    """How the order is delivered, as it keeps it: the chosen option, or DIGITAL for an order
    of gift cards only (their codes are emailed once paid)."""
    delivery = quote.delivery
    if delivery is None:
        assert not quote.requires_shipping
        return {"kind": DIGITAL_DELIVERY, "id": None, "name": "Email", "amount": 0, "taxAmount": 0}
    warehouse = delivery.warehouse
    return {
        "kind": delivery.kind.value,
        "id": str(delivery.id),
        "name": delivery.name,
        "amount": delivery.price.amount,
        "taxAmount": quote.cost.shipping_tax.amount,
        "warehouse": None
        if warehouse is None
        else {"id": str(warehouse.id), "name": warehouse.name, **warehouse.address},
    }


_AMOUNTS = (
    "unit_price_amount",
    "subtotal_amount",
    "discount_amount",
    "tax_rate_ppm",
    "tax_amount",
    "total_amount",
)


def _lines(quote: CartQuote, order: Order) -> list[OrderLine]:
    lines = []
    for position, (quoted, cost) in enumerate(zip(quote.lines, quote.cost.lines, strict=True)):
        offer = quoted.offer
        assert offer is not None and cost.variant_id == offer.variant_id
        lines.append(
            OrderLine(
                new_id(),
                order.merchant_id,
                order.id,
                position,
                offer.variant_id,
                offer.product_id,
                offer.product_name,
                offer.variant_name,
                offer.sku,
                cost.quantity,
                order.currency,
                cost.unit_price.amount,
                cost.subtotal.amount,
                cost.discount.amount,
                cost.tax_rate_ppm,
                cost.tax.amount,
                cost.total.amount,
                offer.gift_card,
            )
        )
    return lines + _gift_lines(quote, order, len(lines))


def _gift_lines(quote: CartQuote, order: Order, start: int) -> list[OrderLine]:
    """What gift promotions add, after the bought lines: free (every amount zero)."""
    lines: list[OrderLine] = []
    for gift in quote.gifts:  # free: price, discount, tax and total all zero
        offer = gift.offer
        free: dict[str, Any] = dict.fromkeys(_AMOUNTS, 0)
        lines.append(
            OrderLine(
                id=new_id(),
                merchant_id=order.merchant_id,
                order_id=order.id,
                position=start + len(lines),
                variant_id=offer.variant_id,
                product_id=offer.product_id,
                product_name=offer.product_name,
                variant_name=offer.variant_name,
                sku=offer.sku,
                quantity=gift.quantity,
                currency=order.currency,
                **free,
            )
        )
    return lines


def _candidates(quote: CartQuote) -> list[WarehouseStock]:
    delivery = quote.delivery
    if delivery is None:  # gift cards only: any warehouse of the storefront holds their stock
        chosen = list(quote.supply)
    elif delivery.kind == DeliveryKind.PICKUP:
        chosen = [w for w in quote.supply if w.id == delivery.id]
    else:
        country = (quote.cart.shipping_address or {}).get("country", "")
        chosen = [w for w in quote.supply if country in w.countries_served]
    return [WarehouseStock(w.id, w.available) for w in chosen]


async def _reserve(
    uow: UnitOfWork, quote: CartQuote, order: Order, lines: list[OrderLine], now: datetime
) -> list[OrderAllocation]:
    tracked = {
        q.line.variant_id: q.line.quantity
        for q in quote.lines
        if q.offer and q.offer.track_inventory
    }
    untracked = [
        (q.line.variant_id, q.line.quantity)
        for q in quote.lines
        if q.offer and not q.offer.track_inventory
    ]
    for gift in quote.gifts:  # reserved with the lines (its own line, or the same variant's)
        if gift.offer.track_inventory:
            tracked[gift.variant_id] = tracked.get(gift.variant_id, 0) + gift.quantity
        elif gift.variant_id not in dict(untracked):
            untracked.append((gift.variant_id, gift.quantity))
    try:
        placed = allocate(tracked, untracked, _candidates(quote))
    except Unavailable as error:
        raise _out_of_stock(quote, next(iter(error.short))) from None
    # Rows are locked in one global order (variant, warehouse), so concurrent checkouts of
    # overlapping carts cannot deadlock.
    for allocation in sorted(placed, key=lambda a: (a.variant_id, a.warehouse_id)):
        if allocation.variant_id in tracked and not await uow.stocks.reserve(
            allocation.variant_id, allocation.warehouse_id, allocation.quantity, now
        ):
            raise _out_of_stock(quote, allocation.variant_id)
    return _allocation_rows(quote, order, lines, placed, tracked)


def _allocation_rows(
    quote: CartQuote,
    order: Order,
    lines: list[OrderLine],
    placed: list[Allocation],
    tracked: dict[UUID, int],
) -> list[OrderAllocation]:
    line_of: dict[UUID | None, OrderLine] = {}
    for line in lines:  # a gift of a variant the cart buys too goes with the bought line
        line_of.setdefault(line.variant_id, line)
    names = {w.id: w.name for w in quote.supply}
    return [
        OrderAllocation(
            new_id(),
            order.merchant_id,
            order.id,
            line_of[a.variant_id].id,
            a.variant_id,
            a.warehouse_id,
            names.get(a.warehouse_id, ""),
            a.quantity,
            a.variant_id in tracked,
        )
        for a in placed
    ]


async def _stock_events(
    uow: UnitOfWork, quote: CartQuote, merchant_id: UUID, now: datetime
) -> None:
    """inventory.low_stock / out_of_stock for variants this order took past their threshold."""
    taken: dict[UUID, tuple[StockedVariant, int]] = {
        q.offer.variant_id: (q.offer, q.line.quantity)
        for q in quote.lines
        if q.offer and q.offer.track_inventory
    }
    await record_stock_taken(uow, merchant_id, taken, now)


async def _release(uow: UnitOfWork, allocations: list[OrderAllocation], now: datetime) -> None:
    for allocation in allocations:
        if allocation.tracked and allocation.warehouse_id is not None:
            await uow.stocks.release(
                allocation.variant_id, allocation.warehouse_id, allocation.quantity, now
            )


def _out_of_stock(quote: CartQuote, variant_id: UUID) -> UserError:
    found = [(i, q) for i, q in enumerate(quote.lines) if q.line.variant_id == variant_id]
    if not found:  # a gift, taken by another checkout since the cart was priced
        return UserError(
            "A gift of this cart has just run out of stock: check the cart again.",
            field="giftLines",
            code=ErrorCode.OUT_OF_STOCK,
        )
    index, quoted = found[0]
    sku = quoted.offer.sku if quoted.offer else "this item"
    return UserError(
        f"Not enough of {sku} in stock to ship to this address.",
        field=f"lines.{index}.quantity",
        code=ErrorCode.OUT_OF_STOCK,
    )


async def _pay(
    uow: UnitOfWork,
    order: Order,
    quote: CartQuote,
    request: PaymentRequest,
    gateways: Gateways,
    merchant: Merchant,
    now: datetime,
) -> list[Payment | PaymentEvent]:
    """Charge the order: its gift cards first (each debited by one conditional UPDATE), the
    rest through the gateway. Sets the order's status; returns the payment rows, each payment
    followed by its first event."""
    rows: list[Payment | PaymentEvent] = []
    for card, amount in quote.gift_card_payments:
        entry = await debit(uow, card, amount, order.id, now)
        result = GatewayResult(GatewayStatus.CAPTURED, f"gift_card:{entry.id}")
        rows += new_payment(
            order.merchant_id, order.id, GIFT_CARD, amount, result, now, gift_card_id=card.id
        )
    due = quote.amount_due
    if due.amount == 0:
        order.status, order.paid_at = OrderStatus.PAID.value, now
        return rows
    gateway = gateways.get(request.gateway or "")
    if gateway is None:
        raise UserError(
            f"Choose a payment gateway: {', '.join(gateways.names)}.",
            field="payment.gateway",
            code=ErrorCode.REQUIRED if not request.gateway else ErrorCode.INVALID,
        )
    result = await gateway.authorize(due, request.token, f"order:{order.id}")
    if result.status == GatewayStatus.DECLINED:
        raise UserError(
            result.message or "The payment was declined.",
            field="payment",
            code=ErrorCode.PAYMENT_DECLINED,
        )
    if result.status == GatewayStatus.CAPTURED:
        order.status, order.paid_at = OrderStatus.PAID.value, now
    elif result.expires:
        order.expires_at = now + timedelta(minutes=merchant.unpaid_order_minutes)
    return [*rows, *new_payment(order.merchant_id, order.id, gateway.name, due, result, now)]
