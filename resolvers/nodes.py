"""`node(id:)` and `nodes(ids:)`: any object by global ID, in the request's scope.

Each Node type names the loader that fetches it and who may read it. Another merchant's object
is simply not in scope, so it comes back as NOT_FOUND, exactly like an id that never existed.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader

from domain.errors import ErrorCode, NotFound, Unauthenticated, UserError
from domain.permissions import Permission
from domain.principals import (
    AppPrincipal,
    CustomerPrincipal,
    PlatformAdminPrincipal,
    StaffPrincipal,
    authorize,
    authorize_member,
    authorize_platform_admin,
)
from resolvers.catalog.visibility import (
    require_catalog_reader,
    visible_product,
    visible_variant,
)
from resolvers.checkout.settings import ZoneView
from resolvers.context import AgoraInfo, Context
from resolvers.ids import decode_global_id
from resolvers.orders.drafts import draft_node

Fetch = Callable[[Context, UUID], Awaitable[Any]]


@dataclass(frozen=True)
class NodeReader:
    fetch: Fetch
    authorize: Callable[[Context], None]
    visible: Callable[[Context, Any], bool] = lambda _context, _obj: True


def loaded_by(loader: str) -> Fetch:
    """Fetch through the request's dataloader `Loaders.<loader>` (batched, in its scope)."""

    async def fetch(context: Context, id: UUID) -> Any:
        dataloader: DataLoader[UUID, Any] = getattr(context.loaders, loader)
        return await dataloader.load(id)

    return fetch


async def _platform_admin(context: Context, id: UUID) -> Any:
    async with context.platform_work() as uow:
        return await uow.auth.admin_by_id(id)


def _needs(*permissions: Permission) -> Callable[[Context], None]:
    def check(context: Context) -> None:
        authorize(context.principal, frozenset(permissions))

    return check


def _member_or_admin(context: Context) -> None:
    if not isinstance(context.principal, PlatformAdminPrincipal):
        authorize_member(context.principal)


def _platform_admins(context: Context) -> None:
    authorize_platform_admin(context.principal)


def _member_or_visitor(context: Context) -> None:
    if context.storefront is None:
        authorize_member(context.principal)


def _own_storefront_for_visitors(context: Context, storefront: Any) -> bool:
    if isinstance(context.principal, StaffPrincipal | AppPrincipal):
        return True
    return context.storefront is not None and context.storefront.id == storefront.id


def _customer_or(*permissions: Permission) -> Callable[[Context], None]:
    """A signed-in customer (who then sees only their own), or staff and apps holding these."""

    def check(context: Context) -> None:
        if not isinstance(context.principal, CustomerPrincipal):
            authorize(context.principal, frozenset(permissions))

    return check


def _owned_by_customer(attribute: str) -> Callable[[Context, Any], bool]:
    """A customer sees an object only if its `attribute` is their own id; staff see all."""

    def visible(context: Context, obj: Any) -> bool:
        principal = context.principal
        if isinstance(principal, CustomerPrincipal):
            return bool(getattr(obj, attribute) == principal.customer_id)
        return True

    return visible


_CUSTOMERS = _customer_or(Permission.MANAGE_CUSTOMERS)
_SETTINGS = _needs(Permission.MANAGE_SETTINGS)


def _shoppers_or_order_staff(context: Context) -> None:
    """A cart is read by its shopper (storefront token), or by staff managing orders."""
    if isinstance(context.principal, StaffPrincipal | AppPrincipal):
        authorize(context.principal, frozenset({Permission.MANAGE_ORDERS}))
    elif context.storefront is None:
        raise Unauthenticated("Send the storefront's token to read a cart.")


def _cart_is_callers(context: Context, quote: Any) -> bool:
    principal = context.principal
    if isinstance(principal, StaffPrincipal | AppPrincipal):
        return True
    customer = principal.customer_id if isinstance(principal, CustomerPrincipal) else None
    cart = quote.cart
    if cart.is_draft:  # a draft order is read as a DraftOrder, by staff only
        return False
    return (
        context.storefront is not None
        and cart.storefront_id == context.storefront.id
        and cart.customer_id in (None, customer)
    )


async def _shipping_zone(context: Context, id: UUID) -> Any:
    async with context.work() as uow:
        zone = await uow.shipping_zones.get(id)
        if zone is None:
            return None
        _zones, methods = await uow.shipping_zones.with_methods()
    return ZoneView(zone, [m for m in methods if m.zone_id == id])


async def _by_repository(context: Context, id: UUID, name: str) -> Any:
    async with context.work() as uow:
        return await getattr(uow, name).get(id)


NODE_READERS: dict[str, NodeReader] = {
    # Platform admins are no merchant's: only platform admins may read them.
    "PlatformAdmin": NodeReader(_platform_admin, _platform_admins),
    "Merchant": NodeReader(loaded_by("merchant"), _member_or_admin),
    "StaffUser": NodeReader(loaded_by("staff_user"), _needs(Permission.MANAGE_STAFF)),
    "Role": NodeReader(loaded_by("role"), _needs(Permission.MANAGE_STAFF)),
    "ApiKey": NodeReader(loaded_by("api_key"), _needs(Permission.MANAGE_APPS)),
    "Storefront": NodeReader(
        loaded_by("storefront"), _member_or_visitor, _own_storefront_for_visitors
    ),
    "TrustedDocument": NodeReader(
        loaded_by("trusted_document"), _needs(Permission.MANAGE_STOREFRONTS)
    ),
    # The catalog: staff and apps see all of it, visitors what their storefront shows.
    "Category": NodeReader(loaded_by("category"), require_catalog_reader),
    "Product": NodeReader(visible_product, require_catalog_reader),
    "ProductVariant": NodeReader(visible_variant, require_catalog_reader),
    "Warehouse": NodeReader(loaded_by("warehouse"), _needs(Permission.MANAGE_PRODUCTS)),
    "Attribute": NodeReader(loaded_by("attribute"), require_catalog_reader),
    "Collection": NodeReader(loaded_by("collection"), require_catalog_reader),
    "ProductType": NodeReader(loaded_by("product_type"), _member_or_admin),
    # Customers: their own account data, or staff managing customers.
    "Customer": NodeReader(loaded_by("customer"), _CUSTOMERS, _owned_by_customer("id")),
    "Address": NodeReader(loaded_by("address"), _CUSTOMERS, _owned_by_customer("customer_id")),
    "Wishlist": NodeReader(loaded_by("wishlist"), _CUSTOMERS, _owned_by_customer("customer_id")),
    "CustomerNote": NodeReader(loaded_by("customer_note"), _needs(Permission.MANAGE_CUSTOMERS)),
    "CustomerTier": NodeReader(loaded_by("customer_tier"), _needs(Permission.MANAGE_CUSTOMERS)),
    "Segment": NodeReader(loaded_by("segment"), _needs(Permission.MANAGE_CUSTOMERS)),
    # Payments.
    "GiftCard": NodeReader(loaded_by("gift_card"), _needs(Permission.MANAGE_GIFT_CARDS)),
    "Promotion": NodeReader(
        lambda c, id: _by_repository(c, id, "promotions"), _needs(Permission.MANAGE_DISCOUNTS)
    ),
    "AuditEntry": NodeReader(loaded_by("audit_entry"), _needs(Permission.VIEW_AUDIT_LOG)),
    # Integrations.
    "Event": NodeReader(loaded_by("event"), _needs(Permission.MANAGE_WEBHOOKS)),
    "WebhookSubscription": NodeReader(
        loaded_by("webhook_subscription"), _needs(Permission.MANAGE_WEBHOOKS)
    ),
    "WebhookDelivery": NodeReader(
        loaded_by("webhook_delivery"), _needs(Permission.MANAGE_WEBHOOKS)
    ),
    # Checkout: a cart is its shopper's (its ID is its secret); orders the buyer's or staff's.
    "Cart": NodeReader(loaded_by("cart_quote"), _shoppers_or_order_staff, _cart_is_callers),
    "Order": NodeReader(
        loaded_by("order"),
        _customer_or(Permission.MANAGE_ORDERS),
        _owned_by_customer("customer_id"),
    ),
    "Payment": NodeReader(
        lambda context, id: _by_repository(context, id, "payments"),
        _needs(Permission.MANAGE_ORDERS),
    ),
    "Fulfillment": NodeReader(loaded_by("fulfillment"), _needs(Permission.MANAGE_ORDERS)),
    "Refund": NodeReader(loaded_by("refund"), _needs(Permission.MANAGE_ORDERS)),
    "OrderReturn": NodeReader(
        loaded_by("order_return"),
        _customer_or(Permission.MANAGE_ORDERS),
        _owned_by_customer("customer_id"),
    ),
    "DraftOrder": NodeReader(draft_node, _needs(Permission.MANAGE_ORDERS)),
    # Reviews by ID are for moderators; shoppers read approved ones through their product.
    "ProductReview": NodeReader(
        lambda context, id: _by_repository(context, id, "reviews"),
        _needs(Permission.MANAGE_REVIEWS),
    ),
    "TaxClass": NodeReader(lambda c, id: _by_repository(c, id, "tax_classes"), _SETTINGS),
    "TaxRate": NodeReader(lambda c, id: _by_repository(c, id, "tax_rates"), _SETTINGS),
    "ShippingZone": NodeReader(_shipping_zone, _SETTINGS),
    "ShippingMethod": NodeReader(
        lambda c, id: _by_repository(c, id, "shipping_methods"), _SETTINGS
    ),
}


def register_node_reader(type_name: str, reader: NodeReader) -> None:
    """Areas added later register their Node types here."""
    NODE_READERS[type_name] = reader


async def resolve_node(info: AgoraInfo, global_id: str) -> Any:
    context = info.context
    type_name, id = decode_global_id(global_id)
    reader = NODE_READERS.get(type_name)
    if reader is None:
        raise UserError(f"'{global_id}' is not a valid ID.", field="id", code=ErrorCode.INVALID_ID)
    if context.merchant_id is None and not isinstance(context.principal, PlatformAdminPrincipal):
        raise Unauthenticated("Sign in, send an API key or a storefront token to read objects.")
    reader.authorize(context)
    found = await reader.fetch(context, id)
    if found is None or not reader.visible(context, found):
        raise NotFound(f"No object with the ID '{global_id}'.")
    return found


def resolve_nodes(info: AgoraInfo, global_ids: list[str]) -> list[Awaitable[Any]]:
    """One awaitable per ID, so each missing one is reported at its own index."""
    if len(global_ids) > 100:
        raise UserError("Ask for at most 100 IDs at once.", field="ids")
    return [resolve_node(info, global_id) for global_id in global_ids]
