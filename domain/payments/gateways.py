"""Payment gateways: one interface, several built-in implementations, chosen by name.

Every operation takes an idempotency key: calling it again with the same key returns the same
result and never moves money twice (the built-in gateways derive their reference from the key,
so a repeat is the same operation by construction; a remote gateway passes the key on).

Built in:
- `dummy`, for development and tests. Card tokens: `tok_success` (captured at once),
  `tok_decline` (declined), `tok_pending` (pending: completes when staff confirm it, or is
  cancelled with the order when the unpaid timeout passes). Anything else is declined.
- `cash_on_delivery`: nothing is charged now; the courier collects (confirmed by staff).
  Such an order does not expire.
- `bank_transfer`: the shopper pays by transfer; staff confirm it when the money arrives. An
  order still unpaid after the merchant's timeout is cancelled and its stock released.

A new gateway implements `PaymentGateway` and is registered by name in the server; checkout
code never changes for it.
"""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from domain.money import Money


class GatewayStatus(StrEnum):
    CAPTURED = "CAPTURED"  # the money is ours
    AUTHORIZED = "AUTHORIZED"  # reserved on the card, to capture later
    PENDING = "PENDING"  # waiting for the shopper, the bank or the courier
    DECLINED = "DECLINED"
    VOIDED = "VOIDED"
    REFUNDED = "REFUNDED"


@dataclass(frozen=True)
class GatewayResult:
    status: GatewayStatus
    reference: str
    message: str = ""
    # A pending payment that lapses (and cancels its order) when not completed in time.
    expires: bool = False


class PaymentGateway(Protocol):
    @property
    def name(self) -> str: ...

    async def authorize(self, amount: Money, token: str | None, key: str) -> GatewayResult:
        """Take (or reserve) `amount`; CAPTURED when the gateway captures at once."""
        ...

    async def capture(self, reference: str, amount: Money, key: str) -> GatewayResult: ...

    async def void(self, reference: str, key: str) -> GatewayResult: ...

    async def refund(self, reference: str, amount: Money, key: str) -> GatewayResult: ...


def _reference(prefix: str, key: str) -> str:
    return f"{prefix}_{hashlib.sha256(key.encode()).hexdigest()[:24]}"


class _Offline:
    """Gateways where money moves outside: confirmations and refunds are recorded by staff."""

    name = ""
    expires = False

    async def authorize(self, amount: Money, token: str | None, key: str) -> GatewayResult:
        return GatewayResult(
            GatewayStatus.PENDING, _reference(self.name, key), expires=self.expires
        )

    async def capture(self, reference: str, amount: Money, key: str) -> GatewayResult:
        return GatewayResult(GatewayStatus.CAPTURED, reference)

    async def void(self, reference: str, key: str) -> GatewayResult:
        return GatewayResult(GatewayStatus.VOIDED, reference)

    async def refund(self, reference: str, amount: Money, key: str) -> GatewayResult:
        return GatewayResult(GatewayStatus.REFUNDED, reference)


class CashOnDeliveryGateway(_Offline):
    name = "cash_on_delivery"


class BankTransferGateway(_Offline):
    name = "bank_transfer"
    expires = True


class DummyGateway(_Offline):
    name = "dummy"

    async def authorize(self, amount: Money, token: str | None, key: str) -> GatewayResult:
        reference = _reference(self.name, key)
        if token == "tok_success":
            return GatewayResult(GatewayStatus.CAPTURED, reference)
        if token == "tok_pending":
            return GatewayResult(GatewayStatus.PENDING, reference, expires=True)
        return GatewayResult(GatewayStatus.DECLINED, reference, "The card was declined.")


class Gateways:
    """The gateways a server offers, by name."""

    def __init__(self, gateways: Iterable[PaymentGateway]) -> None:
        self._by_name: Mapping[str, PaymentGateway] = {g.name: g for g in gateways}

    def get(self, name: str) -> PaymentGateway | None:
        return self._by_name.get(name)

    @property
    def names(self) -> list[str]:
        return sorted(self._by_name)


def built_in_gateways() -> Gateways:
    return Gateways([DummyGateway(), CashOnDeliveryGateway(), BankTransferGateway()])
