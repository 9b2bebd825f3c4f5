"""Staff confirm a payment that arrived outside the storefront (bank transfer, cash on
delivery, a pending card payment): the order becomes paid, and takes its stock if it had not."""

from datetime import datetime
from uuid import UUID

from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType, new_event
from domain.orders.orders import Order, OrderStatus
from domain.orders.payloads import order_payload
from domain.orders.spending import count_payment
from domain.payments.gateways import Gateways
from domain.payments.gift_card_sales import issue_sold_cards
from domain.payments.payments import Payment, confirm
from domain.sealing import SecretSealer
from domain.unit_of_work import UnitOfWork


async def confirm_payment(
    uow: UnitOfWork, payment_id: UUID, gateways: Gateways, sealer: SecretSealer, now: datetime
) -> tuple[Payment, Order]:
    """`sealer` seals the codes of the gift cards the order bought, issued now it is paid."""
    payment = await uow.payments.get(payment_id)
    if payment is None:
        raise NotFound("No payment with this id.")
    order = await uow.orders.locked(payment.order_id)
    assert order is not None
    if order.status != OrderStatus.UNPAID:
        raise UserError(
            f"The order is {order.status.lower()}: its payment cannot be confirmed.",
            field="paymentId",
            code=ErrorCode.INVALID_STATE,
        )
    gateway = gateways.get(payment.gateway)
    if gateway is None:
        raise UserError("This payment's gateway is not available.", field="paymentId")
    result = await gateway.capture(payment.reference, payment.money, f"capture:{payment.id}")
    uow.add_all([confirm(payment, result, now)])
    if not order.stock_reserved:
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
    order.status, order.paid_at, order.expires_at, order.updated_at = (
        OrderStatus.PAID.value,
        now,
        None,
        now,
    )
    lines = await uow.orders.lines_of(order.id)
    uow.record(new_event(order.merchant_id, EventType.ORDER_PAID, order_payload(order, lines), now))
    await count_payment(uow, order, now)
    await issue_sold_cards(uow, order, lines, sealer, now)
    await uow.commit()
    return payment, order
