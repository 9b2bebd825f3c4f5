"""The built-in payment gateways: the dummy card tokens, offline gateways, idempotency."""

from domain.money import Money
from domain.payments.gateways import GatewayStatus, built_in_gateways

TEN = Money(1000, "USD")


async def test_the_dummy_gateway_answers_by_card_token() -> None:
    dummy = built_in_gateways().get("dummy")
    assert dummy is not None
    assert (await dummy.authorize(TEN, "tok_success", "k1")).status == GatewayStatus.CAPTURED
    assert (await dummy.authorize(TEN, "tok_decline", "k2")).status == GatewayStatus.DECLINED
    pending = await dummy.authorize(TEN, "tok_pending", "k3")
    assert (pending.status, pending.expires) == (GatewayStatus.PENDING, True)
    assert (await dummy.authorize(TEN, "anything", "k4")).status == GatewayStatus.DECLINED


async def test_the_same_key_gives_the_same_reference() -> None:
    dummy = built_in_gateways().get("dummy")
    assert dummy is not None
    first = await dummy.authorize(TEN, "tok_success", "order:1")
    again = await dummy.authorize(TEN, "tok_success", "order:1")
    other = await dummy.authorize(TEN, "tok_success", "order:2")
    assert first.reference == again.reference != other.reference


async def test_bank_transfers_lapse_and_cash_on_delivery_does_not() -> None:
    gateways = built_in_gateways()
    assert gateways.names == ["bank_transfer", "cash_on_delivery", "dummy"]
    bank, cash = gateways.get("bank_transfer"), gateways.get("cash_on_delivery")
    assert bank is not None and cash is not None
    assert (await bank.authorize(TEN, None, "k")).expires is True
    assert (await cash.authorize(TEN, None, "k")).expires is False
    assert gateways.get("nope") is None
