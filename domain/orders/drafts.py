"""Draft orders: staff build an order for a customer (a phone order), then complete it.

A draft is stored as a cart flagged `is_draft`, created and changed by staff only. That is a
decision, not a shortcut: a draft IS a cart someone else fills in. Lines, addresses, delivery
options, promotions, taxes and problems are the cart's (`domain/checkout/carts.py`,
`quotes.py`), and completing a draft is checkout itself (`complete_checkout`): one pricing
path, one stock reservation, one order snapshot, whatever built the order. The flag keeps
drafts out of every storefront path (`check_access`, a customer's open cart): a storefront
token or a customer never reaches one, even holding its id.

Completing takes a manual gateway (the money moves outside Agora): `cash_on_delivery` or
`bank_transfer` leave the order UNPAID with its payment to collect (a bank transfer lapses
after the merchant's unpaid timeout, like any); `markPaid` then confirms that payment at once
(staff took the money, e.g. by card terminal on the phone), in a second transaction: should it
fail, the order stays UNPAID with its payment to confirm.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from domain.checkout.carts import Cart, CartDetails, LineInput, NewCart, create_cart
from domain.checkout.completion import PaymentRequest, complete_checkout
from domain.errors import ErrorCode, NotFound, UserError
from domain.orders.orders import Order
from domain.orders.payment_confirmation import confirm_payment
from domain.payments.gateways import Gateways
from domain.principals import Principal
from domain.sealing import SecretSealer
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork

MANUAL_GATEWAYS = ("bank_transfer", "cash_on_delivery")


async def draft_of(uow: UnitOfWork, draft_id: UUID) -> tuple[Cart, Storefront]:
    """The draft and its storefront; anything else (a shopper's cart too) is not found."""
    cart = await uow.carts.get(draft_id)
    if cart is None or not cart.is_draft:
        raise NotFound("No draft order with this id.")
    storefront = await uow.storefronts.get(cart.storefront_id)
    if storefront is None:
        raise NotFound("No draft order with this id.")
    return cart, storefront


async def create_draft(
    uow: UnitOfWork,
    storefront_id: UUID,
    customer_id: UUID | None,
    lines: Sequence[LineInput],
    details: CartDetails,
    now: datetime,
) -> NewCart:
    """A new draft in the storefront, for the customer if one is named (their email unless
    another is given)."""
    storefront = await uow.storefronts.get(storefront_id)
    if storefront is None:
        raise NotFound("No storefront with this id.")
    if customer_id is not None:
        customer = await uow.customers.get(customer_id)
        if customer is None:
            raise NotFound("No customer with this id.")
        if details.email is None:
            details = replace(details, email=customer.email)
    return await create_cart(uow, storefront, customer_id, lines, details, now, draft=True)


async def set_customer(
    uow: UnitOfWork, draft: Cart, customer_id: UUID | None, now: datetime
) -> Cart:
    """Name the draft's customer (None: a guest order); committed with the caller's change."""
    if not draft.is_open:
        raise _completed()
    if customer_id is not None and await uow.customers.get(customer_id) is None:
        raise NotFound("No customer with this id.")
    draft.customer_id, draft.updated_at = customer_id, now
    return draft


async def complete_draft(
    uow: UnitOfWork,
    draft: Cart,
    storefront: Storefront,
    gateway: str,
    mark_paid: bool,
    gateways: Gateways,
    sealer: SecretSealer,
    now: datetime,
    actor: Principal | None = None,
) -> Order:
    """The draft becomes an order, exactly as checkout makes one (see the module docstring)."""
    if gateway not in MANUAL_GATEWAYS:
        raise UserError(
            f"Choose a manual gateway: {', '.join(MANUAL_GATEWAYS)}.",
            field="payment.gateway",
            code=ErrorCode.INVALID,
        )
    if not draft.is_open:
        raise _completed()
    order = await complete_checkout(
        uow, draft, storefront, draft.customer_id, f"draft:{draft.id}",
        PaymentRequest(gateway), gateways, sealer, now,
    )  # fmt: skip
    if mark_paid:
        (payment,) = await uow.payments.of_order(order.id)
        _payment, order = await confirm_payment(uow, payment.id, gateways, sealer, now, actor)
    return order


async def delete_draft(uow: UnitOfWork, draft: Cart) -> None:
    if not draft.is_open:
        raise _completed()
    await uow.carts.delete(draft)
    await uow.commit()


def _completed() -> UserError:
    return UserError(
        "This draft is already an order.", field="id", code=ErrorCode.ALREADY_COMPLETED
    )
