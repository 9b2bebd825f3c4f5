"""A shop ready to sell (storefront, priced and stocked variants, a warehouse, shipping) and a
shopper's steps through cart and checkout, each as the GraphQL request a storefront sends."""

from dataclasses import dataclass, field
from itertools import count
from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.catalog import Catalog
from tests.support.client import Response

CART_FIELDS = """
id status email currency totalQuantity
lines { variant { id sku } quantity unitPrice { amount } subtotal { amount } tax { amount }
        total { amount } problem { field code } }
cost { subtotal { amount currencyCode } discount { amount } shipping { amount } tax { amount }
       total { amount currencyCode } pricesIncludeTax }
shippingAddress { city country postalCode }
deliveryOptions { id kind name price { amount } }
selectedDeliveryOption { id name }
checkoutProblems { field code }
"""
CART_CREATE = f"""
mutation($input: CartCreateInput!) {{
  cartCreate(input: $input) {{ cart {{ {CART_FIELDS} }} userErrors {{ field message code }} }}
}}
"""
CART = f"query($id: ID!) {{ cart(id: $id) {{ {CART_FIELDS} }} }}"
LINES_ADD = f"""
mutation($cart: ID!, $lines: [CartLineInput!]!) {{
  cartLinesAdd(cartId: $cart, lines: $lines) {{
    cart {{ {CART_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
LINES_UPDATE = f"""
mutation($cart: ID!, $lines: [CartLineInput!]!) {{
  cartLinesUpdate(cartId: $cart, lines: $lines) {{
    cart {{ {CART_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
LINES_REMOVE = f"""
mutation($cart: ID!, $variants: [ID!]!) {{
  cartLinesRemove(cartId: $cart, variantIds: $variants) {{
    cart {{ {CART_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
CART_UPDATE = f"""
mutation($cart: ID!, $input: CartDetailsInput!) {{
  cartUpdate(cartId: $cart, input: $input) {{
    cart {{ {CART_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
DELIVERY_SET = f"""
mutation($cart: ID!, $option: ID!) {{
  cartDeliveryOptionSet(cartId: $cart, deliveryOptionId: $option) {{
    cart {{ {CART_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
ORDER_FIELDS = """
id number status email currency storefrontName paidAt expiresAt
subtotal { amount } discount { amount } shipping { amount } tax { amount }
total { amount currencyCode }
shippingAddress { city country } delivery { kind name price { amount } pickupAddress }
lines { productName variantName sku quantity unitPrice { amount } tax { amount }
        total { amount } taxRate }
fulfillmentGroups { warehouseName lines { sku quantity } }
payments { id gateway state amount { amount } captured { amount } }
"""
COMPLETE = f"""
mutation($cart: ID!, $key: String!, $payment: PaymentInput) {{
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {{
    order {{ {ORDER_FIELDS} }} orderToken userErrors {{ field message code }}
  }}
}}
"""
ZONE_CREATE = """
mutation($name: String!, $countries: [String!]!, $storefronts: [ID!]!) {
  shippingZoneCreate(name: $name, countries: $countries, storefrontIds: $storefronts) {
    zone { id } userErrors { field message code }
  }
}
"""
METHOD_CREATE = """
mutation($zone: ID!, $input: ShippingMethodInput!) {
  shippingMethodCreate(zoneId: $zone, input: $input) {
    method { id name } userErrors { field message code }
  }
}
"""
TAX_RATE_SET = """
mutation($country: String!, $rate: String!, $class: ID, $region: String! = "") {
  taxRateSet(country: $country, rate: $rate, taxClassId: $class, region: $region) {
    taxRate { id rate } userErrors { field message code }
  }
}
"""
TAX_CLASS_CREATE = """
mutation($name: String!) { taxClassCreate(name: $name) { taxClass { id } userErrors { code } } }
"""
SETTINGS_UPDATE = """
mutation($input: CheckoutSettingsInputType!) {
  merchantCheckoutSettingsUpdate(input: $input) {
    merchant { stockReservation unpaidOrderMinutes } userErrors { field code }
  }
}
"""
ADDRESS = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetLine1": "1 Market St",
    "city": "San Francisco",
    "region": "CA",
    "postalCode": "94105",
    "country": "US",
}
_keys = count(1)


def new_key() -> str:
    return f"checkout-{next(_keys)}"


@dataclass
class Shop:
    merchant: MerchantWorld
    catalog: Catalog
    storefront_id: str
    token: str
    warehouse_id: str
    variants: dict[str, str] = field(default_factory=dict)  # sku -> id
    products: dict[str, str] = field(default_factory=dict)  # sku -> its product's id
    method_id: str = ""

    async def admin(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        result = await self.merchant.run(document, variables)
        data: dict[str, Any] = result.data
        return data

    async def visitor(
        self, document: str, variables: dict[str, Any] | None = None, **kw: Any
    ) -> Response:
        return await self.merchant.client.execute(document, variables, storefront=self.token, **kw)

    async def sell(
        self,
        sku: str,
        price: str,
        stock: int | None = 10,
        *,
        product: str | None = None,
        **fields: Any,
    ) -> str:
        product_id = product or await self.catalog.product(f"Product {sku}")
        variant_id = await self.catalog.variant(
            product_id, sku, trackInventory=stock is not None, **fields
        )
        await self.catalog.publish(product_id, self.storefront_id)
        await self.catalog.price(variant_id, self.storefront_id, price)
        if stock is not None:
            await self.catalog.stock(variant_id, self.warehouse_id, stock)
        self.variants[sku] = variant_id
        self.products[sku] = product_id
        return variant_id

    async def zone(self, countries: list[str], name: str = "Domestic") -> str:
        data = await self.admin(
            ZONE_CREATE, {"name": name, "countries": countries, "storefronts": [self.storefront_id]}
        )
        return str(ok(data["shippingZoneCreate"])["zone"]["id"])

    async def method(self, zone_id: str, **input: Any) -> str:
        data = await self.admin(METHOD_CREATE, {"zone": zone_id, "input": input})
        return str(ok(data["shippingMethodCreate"])["method"]["id"])

    async def tax_rate(self, country: str, rate: str, **more: Any) -> None:
        ok(
            (await self.admin(TAX_RATE_SET, {"country": country, "rate": rate, **more}))[
                "taxRateSet"
            ]
        )

    async def cart(self, lines: dict[str, int], **details: Any) -> dict[str, Any]:
        """A new cart holding these SKUs; it must be accepted."""
        result = await self.visitor(CART_CREATE, {"input": {"lines": self.lines(lines), **details}})
        cart: dict[str, Any] = ok(result.data["cartCreate"])["cart"]
        return cart

    def lines(self, lines: dict[str, int]) -> list[dict[str, Any]]:
        return [{"variantId": self.variants[sku], "quantity": n} for sku, n in lines.items()]

    async def ready_cart(self, lines: dict[str, int]) -> dict[str, Any]:
        """A cart with an email, an address and the first delivery option chosen (none is
        offered to a cart of gift cards only)."""
        cart = await self.cart(lines, email="ada@example.com", shippingAddress=ADDRESS)
        if not cart["deliveryOptions"] and not cart["checkoutProblems"]:
            return cart
        option = cart["deliveryOptions"][0]["id"]
        result = await self.visitor(DELIVERY_SET, {"cart": cart["id"], "option": option})
        return ok(result.data["cartDeliveryOptionSet"])["cart"]  # type: ignore[no-any-return]

    async def complete(
        self,
        cart_id: str,
        card: str = "tok_success",
        key: str | None = None,
        gateway: str = "dummy",
    ) -> dict[str, Any]:
        result = await self.visitor(
            COMPLETE,
            {
                "cart": cart_id,
                "key": key or new_key(),
                "payment": {"gateway": gateway, "token": card},
            },
        )
        return result.data["checkoutComplete"]  # type: ignore[no-any-return]


async def open_shop(merchant: MerchantWorld, currency: str = "USD") -> Shop:
    """A US storefront with one US warehouse and flat-rate domestic shipping at 5.00."""
    storefront_id, token = await merchant.storefront("Web", currency, defaultCountry="US")
    catalog = Catalog(merchant)
    warehouse_id = await catalog.warehouse("Oakland", "US")
    await catalog.link_warehouses(storefront_id, [warehouse_id])
    shop = Shop(merchant, catalog, storefront_id, token, warehouse_id)
    zone = await shop.zone(["US"])
    shop.method_id = await shop.method(zone, name="Standard", price="5.00", currency=currency)
    return shop


STOCKS = """
query($id: ID!) {
  node(id: $id) { ... on ProductVariant { stocks { quantity reserved warehouse { name } } } }
}
"""
PAYMENT_CONFIRM = """
mutation($id: ID!) {
  paymentConfirm(paymentId: $id) {
    payment { state captured { amount } } order { status paidAt expiresAt }
    userErrors { field code }
  }
}
"""


async def stock_of(shop: Shop, sku: str) -> list[tuple[str, int, int]]:
    """(warehouse, quantity, reserved) of a variant, as staff see it."""
    data = await shop.admin(STOCKS, {"id": shop.variants[sku]})
    return sorted(
        (s["warehouse"]["name"], s["quantity"], s["reserved"]) for s in data["node"]["stocks"]
    )
