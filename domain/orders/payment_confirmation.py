"""Staff confirm a payment that arrived outside the storefront (bank transfer, cash on
delivery, a pending card payment): the order becomes paid, and takes its stock if it had not.

It is the transition table's CONFIRM_PAYMENT (an unpaid order, or a cash on delivery order
already shipped or delivered), applied with the order's compare-and-set like every change.
"""

from datetime import datetime
from uuid import UUID

from domain.errors import ErrorCode, NotFound, UserError
from domain.orders.changes import advance, load
from domain.orders.lifecycle import Action, Change
from domain.orders.orders import Order
from domain.orders.payloads import order_payload
from domain.orders.spending import count_payment
from domain.payments.gateways import Gateways
from domain.payments.gift_card_sales import issue_sold_cards
from domain.payments.payments import Payment, confirm
from domain.principals import Principal
from domain.sealing import SecretSealer
from domain.unit_of_work import UnitOfWork


async def _reserve_stock(uow: UnitOfWork, order: Order, now: datetime) -> None:
    for allocation in await uow.orders.allocations_of(order.id):
        if (
            allocation.tracked
            and allocation.warehouse_id is not None
            and not await uow.stocks.reserve(
                allocation.variant_id, allocation.warehouse_id, allocation.quantity, now
            )
        ):
            raise UserError(
                f"Not enough stock left for {allocation.quantity} of the order's items "
                f"at {allocation.warehouse_name}.",
                field="paymentId",
                code=ErrorCode.OUT_OF_STOCK,
            )
    order.stock_reserved = True


async def confirm_payment(
    uow: UnitOfWork,
    payment_id: UUID,
    gateways: Gateways,
    sealer: SecretSealer,
    now: datetime,
    actor: Principal | None = None,
) -> tuple[Payment, Order]:
    """`sealer` seals the codes of the gift cards the order bought, issued now it is paid."""
    payment = await uow.payments.get(payment_id)
    if payment is None:
        raise NotFound("No payment with this id.")
    file = await load(uow, payment.order_id)
    order = file.order
    gateway = gateways.get(payment.gateway)
    if gateway is None:
        raise UserError("This payment's gateway is not available.", field="paymentId")
    try:
        await advance(
            uow, file, Change(Action.CONFIRM_PAYMENT), actor, now,
            ("payment_confirmed", {"gateway": payment.gateway, "amount": payment.money.format()}),
            lambda current: order_payload(current, file.lines),
        )  # fmt: skip
    except UserError as refused:
        raise UserError(refused.message, field="paymentId", code=refused.code) from None
    # The gateway is asked once the order is claimed (a concurrent confirmation was refused).
    result = await gateway.capture(payment.reference, payment.money, f"capture:{payment.id}")
    uow.add_all([confirm(payment, result, now)])
    if not order.stock_reserved and order.fulfillment_status == "UNFULFILLED":
        await _reserve_stock(uow, order, now)
    order.paid_at, order.expires_at = now, None
    await count_payment(uow, order, now)
    await issue_sold_cards(uow, order, file.lines, sealer, now)
    await uow.commit()
    return payment, order
