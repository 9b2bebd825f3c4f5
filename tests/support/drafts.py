"""Draft orders as a back office builds them (phone orders)."""

from typing import Any

from tests.support.actors import ok
from tests.support.checkout import ADDRESS, Shop

DRAFT_FIELDS = """
id status email customerId note
lines { variant { sku } quantity unitPrice { amount } total { amount } }
cost { subtotal { amount } shipping { amount } tax { amount } total { amount } }
deliveryOptions { id name price { amount } } selectedDeliveryOption { name }
problems { field code }
"""
DRAFT_CREATE = f"""
mutation($input: DraftOrderCreateInput!) {{
  draftOrderCreate(input: $input) {{
    draftOrder {{ {DRAFT_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
DRAFT_UPDATE = f"""
mutation($id: ID!, $input: DraftOrderInput!) {{
  draftOrderUpdate(id: $id, input: $input) {{
    draftOrder {{ {DRAFT_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
DRAFT_LINES = """
mutation($id: ID!, $lines: [CartLineInput!]!) {
  %s(id: $id, lines: $lines) {
    draftOrder { lines { variant { sku } quantity } cost { total { amount } } }
    userErrors { field message code }
  }
}
"""
DRAFT_LINES_REMOVE = """
mutation($id: ID!, $variants: [ID!]!) {
  draftOrderLinesRemove(id: $id, variantIds: $variants) {
    draftOrder { lines { variant { sku } quantity } } userErrors { field message code }
  }
}
"""
DRAFT_DELIVERY = f"""
mutation($id: ID!, $option: ID!) {{
  draftOrderDeliveryOptionSet(id: $id, deliveryOptionId: $option) {{
    draftOrder {{ {DRAFT_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
DRAFT_COMPLETE = """
mutation($id: ID!, $gateway: String!, $markPaid: Boolean! = false) {
  draftOrderComplete(id: $id, gateway: $gateway, markPaid: $markPaid) {
    order {
      id number status email storefrontName total { amount }
      lines { sku productName quantity unitPrice { amount } total { amount } }
      payments { gateway state }
    }
    userErrors { field message code }
  }
}
"""
DRAFT_DELETE = """
mutation($id: ID!) { draftOrderDelete(id: $id) { deletedId userErrors { field message code } } }
"""
DRAFTS = "{ draftOrders(first: 10) { nodes { id status email } } }"


async def draft(shop: Shop, lines: dict[str, int], **fields: Any) -> dict[str, Any]:
    """A new draft in the shop's storefront holding these SKUs; it must be accepted."""
    values = {"storefrontId": shop.storefront_id, "lines": shop.lines(lines), **fields}
    created = await shop.admin(DRAFT_CREATE, {"input": values})
    found: dict[str, Any] = ok(created["draftOrderCreate"])["draftOrder"]
    return found


async def ready_draft(shop: Shop, lines: dict[str, int], **fields: Any) -> dict[str, Any]:
    """A draft with an email, an address and its first delivery option chosen."""
    fields = {"email": "phone@example.com", "shippingAddress": ADDRESS, **fields}
    found = await draft(shop, lines, **fields)
    option = found["deliveryOptions"][0]["id"]
    chosen = await shop.admin(DRAFT_DELIVERY, {"id": found["id"], "option": option})
    ready: dict[str, Any] = ok(chosen["draftOrderDeliveryOptionSet"])["draftOrder"]
    return ready


async def complete_draft(
    shop: Shop, draft_id: str, gateway: str = "bank_transfer", mark_paid: bool = False
) -> dict[str, Any]:
    result = await shop.admin(
        DRAFT_COMPLETE, {"id": draft_id, "gateway": gateway, "markPaid": mark_paid}
    )
    payload: dict[str, Any] = result["draftOrderComplete"]
    return payload
