"""Taxes, shipping, carts and the catalog as checkout reads it. Tenant scope comes from the
session, as everywhere: statements select mapped entities (or their columns), so the tenant
criteria apply to every table they read."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.inventory import Stock, StorefrontWarehouse, Warehouse
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.product_types import ProductType, ProductTypeKind
from domain.catalog.products import Product
from domain.catalog.variants import ProductVariant
from domain.checkout.carts import Cart, CartLine, CartStatus
from domain.checkout.offers import MerchantRules, Offer, ProductGroups, SupplyingWarehouse
from domain.checkout.shipping import ShippingMethod, ShippingZone
from domain.checkout.taxes import TaxClass, TaxRate
from domain.merchants import Merchant
from domain.money import Money
from domain.pagination import Page, PageRequest
from persistence import tables
from persistence.product_groups import product_groups
from persistence.promotion_repositories import PromotionRepository
from persistence.repositories import SqlRepository, keyset_page
from persistence.shared_reads import SharedReads
from persistence.tenancy import scope_of


class TaxClassRepository(SqlRepository[TaxClass]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, TaxClass)

    async def all(self) -> list[TaxClass]:
        c = tables.tax_classes.c
        statement = select(TaxClass).order_by(c.name, c.id)
        return list((await self.session.execute(statement)).scalars())

    async def delete(self, tax_class: TaxClass) -> None:
        await self.session.execute(delete(TaxClass).where(tables.tax_classes.c.id == tax_class.id))


class TaxRateRepository(SqlRepository[TaxRate]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, TaxRate)

    async def all(self) -> list[TaxRate]:
        c = tables.tax_rates.c
        statement = select(TaxRate).order_by(c.country, c.region, c.id)
        return list((await self.session.execute(statement)).scalars())

    async def delete(self, rate: TaxRate) -> None:
        await self.session.delete(rate)


class ShippingZoneRepository(SqlRepository[ShippingZone]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, ShippingZone)

    async def delete(self, zone: ShippingZone) -> None:
        await self.session.execute(
            delete(ShippingZone).where(tables.shipping_zones.c.id == zone.id)
        )

    async def with_methods(self) -> tuple[list[ShippingZone], list[ShippingMethod]]:
        statement = select(ShippingZone, ShippingMethod).outerjoin(
            ShippingMethod, tables.shipping_methods.c.zone_id == tables.shipping_zones.c.id
        )
        zones: dict[UUID, ShippingZone] = {}
        methods: list[ShippingMethod] = []
        for zone, method in (await self.session.execute(statement)).all():
            zones[zone.id] = zone
            if method is not None:
                methods.append(method)
        return list(zones.values()), methods


class ShippingMethodRepository(SqlRepository[ShippingMethod]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, ShippingMethod)

    async def delete(self, method: ShippingMethod) -> None:
        await self.session.delete(method)


class CartRepository(SqlRepository[Cart]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Cart)

    async def delete(self, cart: Cart) -> None:
        await self.session.delete(cart)  # its lines go with it (ON DELETE CASCADE)

    async def drafts(self, request: PageRequest) -> Page[Cart]:
        """Open draft orders (domain/orders/drafts.py)."""
        c = tables.carts.c
        statement = select(Cart).where(c.is_draft.is_(True), c.status == CartStatus.OPEN.value)
        return await keyset_page(self.session, statement, c.id, request)

    async def lines_of(self, cart_id: UUID) -> list[CartLine]:
        c = tables.cart_lines.c
        statement = select(CartLine).where(c.cart_id == cart_id).order_by(c.created_at, c.id)
        return list((await self.session.execute(statement)).scalars())

    def add_line(self, line: CartLine) -> None:
        self.session.add(line)

    async def remove_line(self, line: CartLine) -> None:
        await self.session.delete(line)

    async def open_cart_of(self, customer_id: UUID, storefront_id: UUID) -> Cart | None:
        c = tables.carts.c
        statement = (
            select(Cart)
            .where(c.customer_id == customer_id, c.storefront_id == storefront_id)
            .where(c.status == CartStatus.OPEN.value, c.is_draft.is_(False))
            .order_by(c.updated_at.desc(), c.id)
            .limit(1)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def claim(self, cart_id: UUID, order_id: UUID, now: datetime) -> bool:
        c = tables.carts.c
        statement = (
            update(Cart)
            .where(c.id == cart_id, c.status == CartStatus.OPEN.value)
            .values(status=CartStatus.COMPLETED.value, order_id=order_id, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        result: Any = await self.session.execute(statement)
        return bool(result.rowcount == 1)


class CheckoutCatalog:
    """The catalog as one storefront sells it, read for a whole cart at once."""

    def __init__(self, session: AsyncSession, shared: SharedReads | None = None) -> None:
        self.session = session
        self.shared = shared or SharedReads()

    async def rules(self) -> MerchantRules:
        merchant_id = scope_of(self.session.sync_session)
        return await self.shared.get(merchant_id, "checkout-rules", self._read_rules)

    async def _read_rules(self) -> MerchantRules:
        merchant_id = scope_of(self.session.sync_session)
        merchant = await self.session.get(Merchant, merchant_id)
        assert merchant is not None, "checkout runs in a merchant's scope"
        zones, methods = await ShippingZoneRepository(self.session).with_methods()
        rates = await TaxRateRepository(self.session).all()
        promotions = await PromotionRepository(self.session).live()
        return MerchantRules(
            merchant, tuple(zones), tuple(methods), tuple(rates), tuple(promotions)
        )

    async def offers(
        self, storefront_id: UUID, currency: str, variant_ids: Sequence[UUID], now: datetime
    ) -> dict[UUID, Offer]:
        if not variant_ids:
            return {}
        variant: Any = ProductVariant
        product: Any = Product
        listing: Any = ProductListing
        price: Any = VariantPrice
        kind: Any = ProductType
        statement = (
            select(
                variant.id,
                variant.product_id,
                product.name,
                variant.name,
                variant.sku,
                variant.weight_grams,
                variant.purchase_limit,
                variant.track_inventory,
                product.tax_class_id,
                price.amount,
                price.currency,
                variant.low_stock_threshold,
                product.category_id,
                product.tags,
                kind.kind,
                price.cost_amount,
                and_(
                    variant.archived_at.is_(None),
                    product.archived_at.is_(None),
                    listing.is_published.is_(True),
                    or_(listing.available_from.is_(None), listing.available_from <= now),
                ),
            )
            .join(product, product.id == variant.product_id)
            .outerjoin(kind, kind.id == product.product_type_id)
            .outerjoin(
                listing,
                and_(listing.product_id == product.id, listing.storefront_id == storefront_id),
            )
            .outerjoin(
                price, and_(price.variant_id == variant.id, price.storefront_id == storefront_id)
            )
            .where(variant.id.in_(set(variant_ids)))
        )
        found = {}
        for row in (await self.session.execute(statement)).all():
            (id, product_id, product_name, name, sku, weight, limit, tracked, tax_class,
             amount, price_currency, threshold, category_id, tags, type_kind, cost,
             listed) = row  # fmt: skip
            priced = amount is not None and price_currency == currency
            found[id] = Offer(
                id, product_id, product_name, name, sku, weight, limit, tracked, tax_class,
                Money(amount, currency) if priced else None, bool(listed), threshold,
                category_id, frozenset(tags or ()), type_kind == ProductTypeKind.GIFT_CARD,
                Money(cost, currency) if priced and cost is not None else None,
            )  # fmt: skip
        return found

    async def groups(self, product_ids: Sequence[UUID]) -> dict[UUID, ProductGroups]:
        return await product_groups(self.session, product_ids)

    async def supply(
        self, storefront_id: UUID, variant_ids: Sequence[UUID]
    ) -> list[SupplyingWarehouse]:
        warehouse: Any = Warehouse
        link: Any = StorefrontWarehouse
        stock: Any = Stock
        statement = (
            select(warehouse, stock.variant_id, stock.quantity, stock.reserved)
            .join(
                link, and_(link.warehouse_id == warehouse.id, link.storefront_id == storefront_id)
            )
            .outerjoin(
                stock,
                and_(stock.warehouse_id == warehouse.id, stock.variant_id.in_(set(variant_ids))),
            )
            .order_by(warehouse.name, warehouse.id)
        )
        houses: dict[UUID, Warehouse] = {}
        available: dict[UUID, dict[UUID, int]] = defaultdict(dict)
        for house, variant_id, quantity, reserved in (await self.session.execute(statement)).all():
            houses[house.id] = house
            if variant_id is not None:
                available[house.id][variant_id] = max(0, quantity - reserved)
        return [
            SupplyingWarehouse(
                house.id,
                house.name,
                tuple(house.countries_served),
                house.pickup_enabled,
                {
                    "street": house.street,
                    "city": house.city,
                    "postalCode": house.postal_code,
                    "country": house.country,
                },
                available[house.id],
            )
            for house in houses.values()
        ]
