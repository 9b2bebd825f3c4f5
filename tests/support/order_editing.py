"""Order editing as a back office sends it."""

from typing import Any

from tests.support.checkout import Shop

EDIT_FIELDS = """
committed
lines { sku quantity unitPrice { amount } discount { amount } tax { amount } total { amount } }
subtotal { amount } discount { amount } shipping { amount } tax { amount } total { amount }
difference { amount currencyCode } balance { amount }
"""
ORDER_EDIT = f"""
mutation($id: ID!, $input: OrderEditInput!, $dryRun: Boolean!) {{
  orderEdit(id: $id, input: $input, dryRun: $dryRun) {{
    order {{ id total {{ amount }} balance {{ amount }} }}
    edit {{ {EDIT_FIELDS} }}
    userErrors {{ field message code }}
  }}
}}
"""
ORDER = """
query($id: ID!) {
  node(id: $id) { ... on Order {
    status subtotal { amount } discount { amount } shipping { amount } tax { amount }
    total { amount } balance { amount }
    lines { sku quantity unitPrice { amount } discount { amount } tax { amount } total { amount } }
    fulfillmentGroups { warehouseName lines { sku quantity } }
  } }
}
"""


async def edit_order(
    shop: Shop,
    order_id: str,
    lines: dict[str, int] | None = None,
    *,
    discount: str | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """The payload of editing the order: each SKU to its new quantity (it may hold userErrors)."""
    edit: dict[str, Any] = {"lines": shop.lines(lines or {})}
    if discount is not None:
        edit["discount"] = discount
    data = await shop.admin(ORDER_EDIT, {"id": order_id, "input": edit, "dryRun": dry_run})
    payload: dict[str, Any] = data["orderEdit"]
    return payload


async def order_as_staff(shop: Shop, order_id: str) -> dict[str, Any]:
    order: dict[str, Any] = (await shop.admin(ORDER, {"id": order_id}))["node"]
    return order
