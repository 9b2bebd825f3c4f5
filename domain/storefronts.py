"""Storefronts (sales channels): each has a kind, a currency, a country and a public token."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.catalog.translations import languages
from domain.countries import validate_country
from domain.entities import TenantOwned
from domain.errors import NotFound, UserError
from domain.ids import new_id
from domain.money import validate_currency
from domain.tokens import STOREFRONT_TOKEN_PREFIX, generate_token
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


class StorefrontKind(StrEnum):
    WEB = "WEB"
    APP = "APP"
    SOCIAL = "SOCIAL"
    MARKETPLACE = "MARKETPLACE"
    POS = "POS"
    OTHER = "OTHER"


@dataclass(eq=False)
class Storefront(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    kind: StorefrontKind
    currency: str
    default_country: str
    token: str
    is_active: bool
    created_at: datetime
    updated_at: datetime
    # Languages it is read in, the default first (catalog text is entered in the default).
    languages: list[str] = field(default_factory=lambda: ["en"])
    # Whether its prices are entered with tax included (typical in the EU) or without (US).
    prices_include_tax: bool = False
    # Visitors and customers may run only the merchant's trusted documents (see
    # domain/trusted_documents.py).
    trusted_documents_only: bool = False
    # Its promotion risk policy (domain/promotions/policy.py): the most an order may be
    # discounted (in its currency's minor units, and as a decimal percentage of the list
    # subtotal) and the lowest price as a decimal percentage of a variant's cost.
    max_order_discount_amount: int | None = None
    max_order_discount_percent: str | None = None
    floor_percent_of_cost: str | None = None

    @property
    def default_language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class StorefrontInput:
    name: str | None = None
    kind: StorefrontKind | None = None
    currency: str | None = None
    default_country: str | None = None
    is_active: bool | None = None
    languages: list[str] | None = None
    prices_include_tax: bool | None = None
    trusted_documents_only: bool | None = None


async def create_storefront(
    uow: UnitOfWork, merchant_id: UUID, command: StorefrontInput, now: datetime
) -> Storefront:
    if command.currency is None:
        raise UserError("This field is required.", field="currency")
    if command.default_country is None:
        raise UserError("This field is required.", field="defaultCountry")
    storefront = Storefront(
        id=new_id(),
        merchant_id=merchant_id,
        name=require_text(command.name, field="name", max_length=120),
        kind=command.kind or StorefrontKind.WEB,
        currency=validate_currency(command.currency),
        default_country=validate_country(command.default_country, field="defaultCountry"),
        token=generate_token(STOREFRONT_TOKEN_PREFIX),
        is_active=True if command.is_active is None else command.is_active,
        created_at=now,
        updated_at=now,
    )
    if command.languages is not None:
        storefront.languages = languages(command.languages)
    if command.prices_include_tax is not None:
        storefront.prices_include_tax = command.prices_include_tax
    if command.trusted_documents_only is not None:
        storefront.trusted_documents_only = command.trusted_documents_only
    uow.storefronts.add(storefront)
    await uow.commit()
    return storefront


async def _get(uow: UnitOfWork, storefront_id: UUID) -> Storefront:
    storefront = await uow.storefronts.get(storefront_id)
    if storefront is None:
        raise NotFound("No storefront with this id.")
    return storefront


async def update_storefront(
    uow: UnitOfWork, storefront_id: UUID, command: StorefrontInput, now: datetime
) -> Storefront:
    storefront = await _get(uow, storefront_id)
    if command.name is not None:
        storefront.name = require_text(command.name, field="name", max_length=120)
    if command.kind is not None:
        storefront.kind = command.kind
    if command.currency is not None:
        storefront.currency = validate_currency(command.currency)
    if command.default_country is not None:
        storefront.default_country = validate_country(
            command.default_country, field="defaultCountry"
        )
    if command.is_active is not None:
        storefront.is_active = command.is_active
    if command.languages is not None:
        storefront.languages = languages(command.languages)
    if command.prices_include_tax is not None:
        storefront.prices_include_tax = command.prices_include_tax
    if command.trusted_documents_only is not None:
        storefront.trusted_documents_only = command.trusted_documents_only
    storefront.updated_at = now
    await uow.commit()
    return storefront


async def rotate_storefront_token(
    uow: UnitOfWork, storefront_id: UUID, now: datetime
) -> Storefront:
    """The old token stops working at once; clients must be redeployed with the new one."""
    storefront = await _get(uow, storefront_id)
    storefront.token = generate_token(STOREFRONT_TOKEN_PREFIX)
    storefront.updated_at = now
    await uow.commit()
    return storefront
