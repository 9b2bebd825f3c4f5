"""Customer accounts reach integrators: created, updated and deleted events in the log."""

import json
from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.customers import shopper
from tests.support.webhooks import events

CUSTOMER_UPDATE = """
mutation($id: ID!, $input: CustomerUpdateInput!) {
  customerUpdate(id: $id, input: $input) { customer { id } userErrors { field message code } }
}
"""
CUSTOMER_DELETE = """
mutation($id: ID!) { customerDelete(id: $id) { deletedId userErrors { field message code } } }
"""
TYPES = ["CUSTOMER_CREATED", "CUSTOMER_UPDATED", "CUSTOMER_DELETED"]


def customer_of(event: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(event["payload"])["customer"]
    return data


async def test_a_customers_life_is_recorded_in_the_event_log(merchant_a: MerchantWorld) -> None:
    # given a customer who registers, is renamed and deactivated by staff, then erased
    _, token = await merchant_a.storefront("Web", "EUR")
    customer = await shopper(merchant_a, token)
    ok(
        (
            await merchant_a.run(
                CUSTOMER_UPDATE, {"id": customer.id, "input": {"firstName": "Grace"}}
            )
        ).data["customerUpdate"]
    )
    ok((await merchant_a.run(CUSTOMER_DELETE, {"id": customer.id})).data["customerDelete"])

    # when an integrator reads the customer events
    log = await events(merchant_a, types=TYPES)

    # then they come in order, naming the customer by its API ID
    assert [e["type"] for e in log] == TYPES
    assert {customer_of(e)["id"] for e in log} == {customer.id}
    assert customer_of(log[0])["email"] == customer.email
    assert customer_of(log[1])["firstName"] == "Grace"
    assert customer_of(log[2]) == {"id": customer.id}
