"""A customer's address book: validated addresses, one default for shipping, one for billing.

Every operation names the customer from the session (never from an argument); an address of
another customer is "not found", exactly like one that does not exist.
"""

from dataclasses import dataclass, fields
from datetime import datetime
from uuid import UUID

from domain.countries import validate_country
from domain.customers.postal_codes import normalize_postal_code, postal_code_fits
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import camel_case, require_text

MAX_ADDRESSES = 50
PREFIX = "address"
# Required text fields and their lengths; the optional ones follow.
_REQUIRED = {"first_name": 80, "last_name": 80, "street_line1": 200, "city": 100}
_OPTIONAL = {"company": 120, "street_line2": 200, "region": 100, "phone": 32}
# Countries whose addresses need a state or province.
_NEEDS_REGION = frozenset({"US", "CA", "AU"})


@dataclass(eq=False)
class Address(TenantOwned):
    id: UUID
    merchant_id: UUID
    customer_id: UUID
    first_name: str
    last_name: str
    company: str
    street_line1: str
    street_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str
    is_default_shipping: bool
    is_default_billing: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class AddressInput:
    """Omitted (None) fields stay as they are on update; all required ones to create."""

    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    street_line1: str | None = None
    street_line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    phone: str | None = None
    is_default_shipping: bool | None = None
    is_default_billing: bool | None = None


def _path(name: str) -> str:
    return f"{PREFIX}.{camel_case(name)}"


def _optional(value: str, name: str) -> str:
    return (
        require_text(value, field=_path(name), max_length=_OPTIONAL[name]) if value.strip() else ""
    )


def validate_address(values: dict[str, str]) -> dict[str, str]:
    """Every field of an address, checked and normalised; errors name `address.<field>`."""
    result = {}
    for name, length in _REQUIRED.items():
        result[name] = require_text(values.get(name), field=_path(name), max_length=length)
    for name in _OPTIONAL:
        result[name] = _optional(values.get(name) or "", name)
    country = require_text(values.get("country"), field=_path("country"), max_length=10)
    result["country"] = validate_country(country, field=_path("country"))
    if result["country"] in _NEEDS_REGION and not result["region"]:
        raise UserError(
            "This country needs a state or province.",
            field=_path("region"),
            code=ErrorCode.REQUIRED,
        )
    postal_code = normalize_postal_code(values.get("postal_code") or "")
    if len(postal_code) > 20 or not postal_code_fits(result["country"], postal_code):
        raise UserError(
            f"'{postal_code[:20]}' is not a postal code of {result['country']}.",
            field=_path("postal_code"),
        )
    result["postal_code"] = postal_code
    return result


def _text_fields(command: AddressInput) -> dict[str, str]:
    return {
        f.name: value for f in fields(command) if isinstance(value := getattr(command, f.name), str)
    }


async def _own(uow: UnitOfWork, customer_id: UUID, address_id: UUID) -> Address:
    address = await uow.addresses.get(address_id)
    if address is None or address.customer_id != customer_id:
        raise NotFound("No address with this id.")
    return address


async def _apply_defaults(
    uow: UnitOfWork, address: Address, command: AddressInput, now: datetime
) -> None:
    """At most one default of each kind: making this one the default unmarks the others."""
    for kind in ("is_default_shipping", "is_default_billing"):
        wanted = getattr(command, kind)
        if wanted is None:
            continue
        if wanted:
            for other in await uow.addresses.of_customer(address.customer_id):
                if other.id != address.id and getattr(other, kind):
                    setattr(other, kind, False)
                    other.updated_at = now
        setattr(address, kind, wanted)


async def create_address(
    uow: UnitOfWork, customer_id: UUID, command: AddressInput, now: datetime
) -> Address:
    values = validate_address(_text_fields(command))
    existing = await uow.addresses.of_customer(customer_id)
    if len(existing) >= MAX_ADDRESSES:
        raise UserError(f"At most {MAX_ADDRESSES} addresses.", field=PREFIX)
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise NotFound("No customer with this id.")
    address = Address(
        id=new_id(),
        merchant_id=customer.merchant_id,
        customer_id=customer_id,
        **values,
        # The first address is the default of both kinds until the customer says otherwise.
        is_default_shipping=not existing,
        is_default_billing=not existing,
        created_at=now,
        updated_at=now,
    )
    await _apply_defaults(uow, address, command, now)
    uow.addresses.add(address)
    await uow.commit()
    return address


async def update_address(
    uow: UnitOfWork, customer_id: UUID, address_id: UUID, command: AddressInput, now: datetime
) -> Address:
    address = await _own(uow, customer_id, address_id)
    current = {name: getattr(address, name) for name in (*_REQUIRED, *_OPTIONAL)}
    current |= {"postal_code": address.postal_code, "country": address.country}
    for name, value in validate_address(current | _text_fields(command)).items():
        setattr(address, name, value)
    await _apply_defaults(uow, address, command, now)
    address.updated_at = now
    await uow.commit()
    return address


async def delete_address(uow: UnitOfWork, customer_id: UUID, address_id: UUID) -> UUID:
    address = await _own(uow, customer_id, address_id)
    await uow.addresses.delete(address)
    await uow.commit()
    return address_id


def default_country(addresses: list[Address]) -> str | None:
    """The country a customer is in for segments: the default shipping address's, else the
    default billing address's."""
    for kind in ("is_default_shipping", "is_default_billing"):
        for address in addresses:
            if getattr(address, kind):
                return address.country
    return None
