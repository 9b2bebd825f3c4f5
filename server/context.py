"""Authentication, once per request, and the context every resolver reads."""

from collections.abc import Awaitable, Callable, Sequence
from functools import cache, partial
from typing import Any
from uuid import UUID

from starlette.requests import Request
from strawberry.dataloader import DataLoader

from domain.api_keys import ApiKey
from domain.audit import AuditEntry
from domain.catalog.attribute_values import AttributeValue
from domain.catalog.attributes import Attribute
from domain.catalog.categories import Category
from domain.catalog.collections import Collection
from domain.catalog.inventory import Stock, Warehouse
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.product_types import ProductType
from domain.catalog.products import Product
from domain.catalog.translations import Translation
from domain.catalog.variants import ProductVariant
from domain.checkout.quotes import CartQuote, quote_cart
from domain.customers.accounts import Customer
from domain.customers.addresses import Address
from domain.customers.notes import CustomerNote
from domain.customers.segments import Segment
from domain.customers.tiers import CustomerTier
from domain.customers.wishlists import Wishlist, WishlistItem
from domain.errors import Unauthenticated
from domain.events import Event
from domain.merchants import Merchant
from domain.orders.fulfillments import Fulfillment, FulfillmentLine
from domain.orders.orders import Order, OrderAllocation, OrderLine
from domain.orders.refunds import Refund
from domain.orders.returns import OrderReturn
from domain.orders.timeline import TimelineEntry
from domain.payments.gift_cards import GiftCard, GiftCardTransaction
from domain.payments.payments import Payment, PaymentEvent
from domain.principals import Anonymous, PlatformAdminPrincipal, Principal
from domain.staff import Role, StaffUser
from domain.storefronts import Storefront
from domain.tokens import API_KEY_PREFIX
from domain.trusted_documents import TrustedDocument
from domain.webhooks.deliveries import WebhookAttempt, WebhookDelivery
from domain.webhooks.subscriptions import UrlPolicy, WebhookSubscription
from persistence import tables
from persistence.database import Database
from persistence.loaders import (
    load_by_ids,
    load_by_pairs,
    load_catalog_promotions,
    load_grouped,
    load_product_groups,
    load_roles_of_staff,
    load_shelved_variants,
    load_shelves,
    load_sold_gift_cards,
)
from persistence.review_repositories import load_ratings
from persistence.unit_of_work import SqlUnitOfWork
from resolvers.context import Context, Loaders, data_scope
from server.security.html import sanitize_html
from server.state import AppState, utcnow

STOREFRONT_HEADER = "agora-storefront-token"


async def authenticate(request: Request, state: AppState) -> tuple[Principal, Storefront | None]:
    """Read the credentials a request carries. Bad credentials are refused, never ignored."""
    now = utcnow()
    principal: Principal = Anonymous()
    authorization = request.headers.get("authorization")
    if authorization is not None:
        scheme, _, credential = authorization.partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            raise Unauthenticated("Send credentials as 'Authorization: Bearer <token>'.")
        async with SqlUnitOfWork(state.database, None) as uow:
            if credential.startswith(API_KEY_PREFIX):
                principal = await state.authenticator.principal_from_api_key(uow, credential, now)
            else:
                principal = await state.authenticator.principal_from_access_token(
                    uow, credential, now
                )
    storefront = None
    token = request.headers.get(STOREFRONT_HEADER)
    if token is not None:
        storefront = await state.storefront_tokens.open(token.strip())
        merchant = getattr(principal, "merchant_id", None)
        if merchant is not None and merchant != storefront.merchant_id:
            raise Unauthenticated("The storefront token belongs to another merchant.")
    return principal, storefront


def _nothing(keys: Sequence[Any]) -> Awaitable[list[Any]]:
    async def none() -> list[Any]:
        return [None] * len(keys)

    return none()


_Spec = tuple[Callable[..., Awaitable[list[Any]]], tuple[Any, ...], dict[str, Any]]


def _spec(batch: Callable[..., Awaitable[list[Any]]], *args: Any, **options: Any) -> _Spec:
    return batch, args, options


@cache
def _loader_specs() -> dict[str, _Spec]:
    """Each loader's batch function and what it is bound to besides the database and the
    merchant (built once: the table columns are the same for every request)."""
    variants, listings, prices, values = (
        tables.product_variants.c,
        tables.product_listings.c,
        tables.variant_prices.c,
        tables.attribute_values.c,
    )
    return dict(
        merchant=_spec(load_by_ids, Merchant),
        staff_user=_spec(load_by_ids, StaffUser),
        role=_spec(load_by_ids, Role),
        api_key=_spec(load_by_ids, ApiKey),
        storefront=_spec(load_by_ids, Storefront),
        trusted_document=_spec(load_by_ids, TrustedDocument),
        roles_of_staff=_spec(load_roles_of_staff),
        category=_spec(load_by_ids, Category),
        product=_spec(load_by_ids, Product),
        variant=_spec(load_by_ids, ProductVariant),
        variants_of_product=_spec(
            load_grouped, ProductVariant, variants.product_id, live_only=True
        ),
        children_of_category=_spec(load_grouped, Category, tables.categories.c.parent_id),
        listing=_spec(load_by_pairs, ProductListing, (listings.product_id, listings.storefront_id)),
        listings_of_product=_spec(load_grouped, ProductListing, listings.product_id),
        prices_of_variant=_spec(load_grouped, VariantPrice, prices.variant_id),
        warehouse=_spec(load_by_ids, Warehouse),
        shelf=_spec(load_shelves),
        shelved_variants=_spec(load_shelved_variants),
        stocks_of_variant=_spec(load_grouped, Stock, tables.stocks.c.variant_id),
        attribute=_spec(load_by_ids, Attribute),
        collection=_spec(load_by_ids, Collection),
        product_type=_spec(load_by_ids, ProductType),
        attribute_values_of_product=_spec(
            load_grouped, AttributeValue, values.product_id, where=values.variant_id.is_(None)
        ),
        attribute_values_of_variant=_spec(load_grouped, AttributeValue, values.variant_id),
        translation=_spec(
            load_by_pairs,
            Translation,
            (tables.translations.c.entity_id, tables.translations.c.language),
        ),
        customer=_spec(load_by_ids, Customer),
        address=_spec(load_by_ids, Address),
        addresses_of_customer=_spec(load_grouped, Address, tables.customer_addresses.c.customer_id),
        customer_note=_spec(load_by_ids, CustomerNote),
        notes_of_customer=_spec(load_grouped, CustomerNote, tables.customer_notes.c.customer_id),
        customer_tier=_spec(load_by_ids, CustomerTier),
        segment=_spec(load_by_ids, Segment),
        wishlist=_spec(load_by_ids, Wishlist),
        wishlists_of_customer=_spec(load_grouped, Wishlist, tables.wishlists.c.customer_id),
        items_of_wishlist=_spec(load_grouped, WishlistItem, tables.wishlist_items.c.wishlist_id),
        gift_card=_spec(load_by_ids, GiftCard),
        gift_cards_of_customer=_spec(load_grouped, GiftCard, tables.gift_cards.c.customer_id),
        transactions_of_gift_card=_spec(
            load_grouped, GiftCardTransaction, tables.gift_card_transactions.c.gift_card_id
        ),
        event=_spec(load_by_ids, Event),
        audit_entry=_spec(load_by_ids, AuditEntry),
        webhook_subscription=_spec(load_by_ids, WebhookSubscription),
        webhook_delivery=_spec(load_by_ids, WebhookDelivery),
        attempts_of_delivery=_spec(
            load_grouped, WebhookAttempt, tables.webhook_attempts.c.delivery_id
        ),
        cart_quote=_spec(load_cart_quotes),
        catalog_promotions=_spec(load_catalog_promotions),
        product_groups=_spec(load_product_groups),
        order=_spec(load_by_ids, Order),
        lines_of_order=_spec(load_grouped, OrderLine, tables.order_lines.c.order_id),
        allocations_of_order=_spec(
            load_grouped, OrderAllocation, tables.order_allocations.c.order_id
        ),
        payments_of_order=_spec(load_grouped, Payment, tables.payments.c.order_id),
        events_of_payment=_spec(load_grouped, PaymentEvent, tables.payment_events.c.payment_id),
        fulfillment=_spec(load_by_ids, Fulfillment),
        fulfillments_of_order=_spec(load_grouped, Fulfillment, tables.fulfillments.c.order_id),
        lines_of_fulfillment=_spec(
            load_grouped, FulfillmentLine, tables.fulfillment_lines.c.fulfillment_id
        ),
        refund=_spec(load_by_ids, Refund),
        refunds_of_order=_spec(load_grouped, Refund, tables.refunds.c.order_id),
        timeline_of_order=_spec(load_grouped, TimelineEntry, tables.order_timeline.c.order_id),
        gift_cards_of_order=_spec(load_sold_gift_cards),
        order_return=_spec(load_by_ids, OrderReturn),
        returns_of_order=_spec(load_grouped, OrderReturn, tables.order_returns.c.order_id),
        rating_of_product=_spec(load_ratings),
    )


def build_loaders(database: Database, merchant_id: UUID | None, platform: bool) -> Loaders:
    """Loaders read in the request's scope; with no scope at all they find nothing."""
    scoped = merchant_id is not None or platform
    specs = _loader_specs()

    def make(name: str) -> DataLoader[Any, Any]:
        if not scoped:
            return DataLoader(load_fn=_nothing)
        batch, args, options = specs[name]
        return DataLoader(load_fn=partial(batch, database, merchant_id, *args, **options))

    return Loaders(make)


async def load_cart_quotes(
    database: Database, merchant_id: UUID | None, cart_ids: Sequence[UUID]
) -> list[CartQuote | None]:
    """Each cart as it stands now (one unit of work for the batch; carts are few per request)."""
    quotes: list[CartQuote | None] = []
    async with SqlUnitOfWork(database, merchant_id) as uow:
        for cart_id in cart_ids:
            cart = await uow.carts.get(cart_id)
            storefront = None if cart is None else await uow.storefronts.get(cart.storefront_id)
            if cart is None or storefront is None:
                quotes.append(None)
                continue
            quotes.append(await quote_cart(uow, cart, storefront, utcnow()))
    return quotes


def build_context(
    state: AppState, request_id: str, principal: Principal, storefront: Storefront | None
) -> Context:
    platform = isinstance(principal, PlatformAdminPrincipal)
    return Context(
        request_id=request_id,
        principal=principal,
        storefront=storefront,
        loaders=build_loaders(state.database, data_scope(principal, storefront), platform),
        unit_of_work=partial(SqlUnitOfWork, state.database),
        authenticator=state.authenticator,
        hasher=state.hasher,
        clock=utcnow,
        sanitize_html=sanitize_html,
        notifier=state.notifier,
        secret_sealer=state.secret_sealer,
        cost_buckets=state.cost_buckets,
        gateways=state.gateways,
        webhook_urls=UrlPolicy(
            require_https=state.settings.production,
            allow_private=state.settings.webhook_allow_private,
        ),
    )
