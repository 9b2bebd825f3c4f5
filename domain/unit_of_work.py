"""What the domain needs from storage. `persistence/` implements these over SQLAlchemy.

A unit of work is opened for one merchant (or, for platform work such as authentication, for
none) and rolls back unless `commit()` is called. Repositories of tenant-owned entities only
ever see that merchant's rows.
"""

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, TypeVar
from uuid import UUID

from domain.pagination import Page, PageRequest

if TYPE_CHECKING:
    from domain.api_keys import ApiKey
    from domain.auth import AuthSession, PlatformAdmin, RefreshToken
    from domain.catalog.categories import Category
    from domain.catalog.inventory import Stock, Warehouse  # noqa: F401 (used in quotes)
    from domain.catalog.listings import ProductListing, VariantPrice
    from domain.catalog.products import Product
    from domain.catalog.variants import ProductVariant
    from domain.merchants import Merchant
    from domain.staff import Role, StaffUser
    from domain.storefronts import Storefront

T = TypeVar("T")


class Repository(Protocol[T]):
    async def get(self, id: UUID) -> T | None: ...

    async def get_many(self, ids: Sequence[UUID]) -> list[T]: ...

    def add(self, entity: T) -> None: ...

    async def page(self, request: PageRequest) -> Page[T]: ...


class MerchantRepository(Repository["Merchant"], Protocol):
    async def by_slug(self, slug: str) -> "Merchant | None": ...


class StaffRepository(Repository["StaffUser"], Protocol):
    async def by_email(self, email: str) -> "StaffUser | None": ...

    async def role_ids(self, staff_id: UUID) -> list[UUID]: ...

    async def set_roles(self, staff: "StaffUser", role_ids: Sequence[UUID]) -> None: ...


class RoleRepository(Repository["Role"], Protocol):
    async def delete(self, role: "Role") -> None: ...


class CategoryRepository(Repository["Category"], Protocol):
    async def by_slug(self, slug: str) -> "Category | None": ...

    async def all(self) -> "list[Category]": ...

    async def children_of(self, category_id: UUID) -> "list[Category]": ...

    async def delete(self, category: "Category") -> None: ...


class ProductRepository(Repository["Product"], Protocol):
    async def by_slug(self, slug: str) -> "Product | None": ...

    async def uncategorise(self, category_id: UUID, now: datetime) -> None: ...

    async def published(
        self,
        storefront_id: UUID,
        now: datetime,
        request: PageRequest,
        *,
        category_ids: set[UUID] | None = None,
        search: str | None = None,
    ) -> "Page[Product]":
        """Products listed and visible on the storefront now, not archived."""
        ...


class VariantRepository(Repository["ProductVariant"], Protocol):
    async def by_sku(self, sku: str) -> "ProductVariant | None": ...


class ListingRepository(Protocol):
    async def find(self, product_id: UUID, storefront_id: UUID) -> "ProductListing | None": ...

    def add(self, listing: "ProductListing") -> None: ...


class PriceRepository(Protocol):
    async def find(self, variant_id: UUID, storefront_id: UUID) -> "VariantPrice | None": ...

    def add(self, price: "VariantPrice") -> None: ...


class WarehouseRepository(Repository["Warehouse"], Protocol):
    async def link(self, storefront_id: UUID, warehouse_ids: Sequence[UUID]) -> None:
        """Make these the storefront's warehouses (replacing the previous list)."""
        ...


class StockRepository(Protocol):
    async def find(self, variant_id: UUID, warehouse_id: UUID) -> "Stock | None": ...

    def add(self, stock: "Stock") -> None: ...


class AuthRepository(Protocol):
    """Look-ups made before the merchant is known; they run in a platform unit of work."""

    async def staff_for_login(self, merchant_id: UUID, email: str) -> "StaffUser | None": ...

    async def staff_with_roles(
        self, staff_id: UUID
    ) -> "tuple[StaffUser, list[Role], Merchant] | None": ...

    async def admin_by_email(self, email: str) -> "PlatformAdmin | None": ...

    async def admin_by_id(self, admin_id: UUID) -> "PlatformAdmin | None": ...

    def add_admin(self, admin: "PlatformAdmin") -> None: ...

    def add_session(self, session: "AuthSession") -> None: ...

    def add_refresh_token(self, token: "RefreshToken") -> None: ...

    async def get_session(self, session_id: UUID) -> "AuthSession | None": ...

    async def claim_refresh_token(self, token_digest: str, now: datetime) -> "RefreshToken | None":
        """Mark the token used if it is unused, atomically; None if it was not unused."""
        ...

    async def refresh_token_by_digest(self, token_digest: str) -> "RefreshToken | None": ...

    async def revoke_session(self, session_id: UUID, now: datetime, *, reason: str) -> None: ...

    async def revoke_sessions_of(
        self, subject_kind: str, subject_id: UUID, now: datetime, *, reason: str
    ) -> None: ...

    async def api_key_by_digest(self, secret_digest: str) -> "tuple[ApiKey, Merchant, bool] | None":
        """The key, its merchant, and whether its creator (if a staff user) is active."""
        ...

    async def touch_api_key(self, key_id: UUID, now: datetime, stale_before: datetime) -> None: ...

    async def storefront_by_token(self, token: str) -> "tuple[Storefront, Merchant] | None": ...


class UnitOfWork(Protocol):
    @property
    def merchants(self) -> MerchantRepository: ...

    @property
    def staff(self) -> StaffRepository: ...

    @property
    def roles(self) -> RoleRepository: ...

    @property
    def api_keys(self) -> "Repository[ApiKey]": ...

    @property
    def storefronts(self) -> "Repository[Storefront]": ...

    @property
    def auth(self) -> AuthRepository: ...

    @property
    def categories(self) -> CategoryRepository: ...

    @property
    def products(self) -> ProductRepository: ...

    @property
    def variants(self) -> VariantRepository: ...

    @property
    def listings(self) -> ListingRepository: ...

    @property
    def prices(self) -> PriceRepository: ...

    @property
    def warehouses(self) -> WarehouseRepository: ...

    @property
    def stocks(self) -> StockRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
