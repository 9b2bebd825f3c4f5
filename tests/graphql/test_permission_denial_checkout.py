"""Checkout settings and order operations are refused without their permission and change
nothing (the same rule as tests/graphql/test_permission_denial.py, for this area's operations)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import (
    METHOD_CREATE,
    SETTINGS_UPDATE,
    TAX_CLASS_CREATE,
    TAX_RATE_SET,
    ZONE_CREATE,
    Shop,
    open_shop,
)
from tests.support.permissions import CALLERS, assert_refused, credentials_lacking

STATE = """
{
  merchant { stockReservation unpaidOrderMinutes }
  taxClasses { id name } taxRates { id country region rate }
  shippingZones { id name countries storefrontIds methods { id name isActive price { amount } } }
  orders(first: 10) { nodes { id status payments { state } } }
}
"""
DELETE = "mutation($id: ID!) { %s(id: $id) { deletedId userErrors { code } } }"
ZONE_UPDATE = """
mutation($id: ID!) { shippingZoneUpdate(id: $id, name: "Renamed") { zone { id } userErrors { code } } }
"""
METHOD_UPDATE = """
mutation($id: ID!) {
  shippingMethodUpdate(id: $id, input: {isActive: false}) { method { id } userErrors { code } }
}
"""
PAYMENT_CONFIRM = """
mutation($id: ID!) { paymentConfirm(paymentId: $id) { payment { id } userErrors { code } } }
"""


@dataclass
class Targets:
    shop: Shop
    zone_id: str
    tax_class_id: str
    tax_rate_id: str
    payment_id: str


@dataclass(frozen=True)
class Guarded:
    field: str
    document: str
    variables: Callable[[Targets], dict[str, Any]]
    permission: str

    def __str__(self) -> str:
        return self.field


SETTINGS = "MANAGE_SETTINGS"
MUTATIONS = [
    Guarded("taxClassCreate", TAX_CLASS_CREATE, lambda t: {"name": "Sneaky"}, SETTINGS),
    Guarded(
        "taxClassDelete", DELETE % "taxClassDelete", lambda t: {"id": t.tax_class_id}, SETTINGS
    ),
    Guarded("taxRateSet", TAX_RATE_SET, lambda t: {"country": "US", "rate": "99"}, SETTINGS),
    Guarded("taxRateDelete", DELETE % "taxRateDelete", lambda t: {"id": t.tax_rate_id}, SETTINGS),
    Guarded(
        "shippingZoneCreate",
        ZONE_CREATE,
        lambda t: {"name": "Sneaky", "countries": ["FR"], "storefronts": [t.shop.storefront_id]},
        SETTINGS,
    ),
    Guarded("shippingZoneUpdate", ZONE_UPDATE, lambda t: {"id": t.zone_id}, SETTINGS),
    Guarded(
        "shippingZoneDelete", DELETE % "shippingZoneDelete", lambda t: {"id": t.zone_id}, SETTINGS
    ),
    Guarded(
        "shippingMethodCreate",
        METHOD_CREATE,
        lambda t: {"zone": t.zone_id, "input": {"name": "Sneaky", "price": "0", "currency": "USD"}},
        SETTINGS,
    ),
    Guarded("shippingMethodUpdate", METHOD_UPDATE, lambda t: {"id": t.shop.method_id}, SETTINGS),
    Guarded(
        "shippingMethodDelete",
        DELETE % "shippingMethodDelete",
        lambda t: {"id": t.shop.method_id},
        SETTINGS,
    ),
    Guarded(
        "merchantCheckoutSettingsUpdate",
        SETTINGS_UPDATE,
        lambda t: {"input": {"stockReservation": "ON_PAYMENT"}},
        SETTINGS,
    ),
    Guarded("paymentConfirm", PAYMENT_CONFIRM, lambda t: {"id": t.payment_id}, "MANAGE_ORDERS"),
]
LISTS = [
    Guarded("taxClasses", "{ taxClasses { id } }", lambda t: {}, SETTINGS),
    Guarded("taxRates", "{ taxRates { id } }", lambda t: {}, SETTINGS),
    Guarded("shippingZones", "{ shippingZones { id } }", lambda t: {}, SETTINGS),
    Guarded("orders", "{ orders { nodes { id } } }", lambda t: {}, "MANAGE_ORDERS"),
]


@pytest.fixture
async def targets(merchant_a: MerchantWorld) -> Targets:
    shop = await open_shop(merchant_a)
    await shop.sell("TARGET", "10.00", stock=5)
    tax_class = await shop.admin(TAX_CLASS_CREATE, {"name": "Reduced"})
    rate = await shop.admin(TAX_RATE_SET, {"country": "US", "rate": "5"})
    cart = await shop.ready_cart({"TARGET": 1})
    order = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    zones = await shop.admin("{ shippingZones { id } }", {})
    return Targets(
        shop,
        zones["shippingZones"][0]["id"],
        ok(tax_class["taxClassCreate"])["taxClass"]["id"],
        ok(rate["taxRateSet"])["taxRate"]["id"],
        order["payments"][0]["id"],
    )


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_a_checkout_admin_mutation_is_refused_without_its_permission(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, case.permission)
    before = (await merchant_a.run(STATE)).data
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    assert_refused(result, case.field, expected)
    assert (await merchant_a.run(STATE)).data == before


@pytest.mark.parametrize("case", MUTATIONS, ids=str)
async def test_the_permission_alone_is_enough_for_a_checkout_admin_mutation(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded
) -> None:
    _, token = await merchant_a.staff("holder@alpha.example.com", [case.permission])
    result = await merchant_a.client.execute(case.document, case.variables(targets), token=token)
    assert result.errors == []
    assert ok(result.data[case.field])


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_a_checkout_admin_list_is_refused_without_its_permission(
    merchant_a: MerchantWorld, targets: Targets, case: Guarded, caller: str
) -> None:
    token, expected = await credentials_lacking(merchant_a, caller, case.permission)
    result = await merchant_a.client.execute(case.document, token=token)
    assert_refused(result, case.field, expected)
