"""Tax classes and rates, and the one rule that turns a price into net, tax and gross.

A product may have a tax class; a rate is set per class (or for products without one: the
default rates, `tax_class_id` None), per country and optionally per region. The most specific
rate wins: (class, country, region), then (class, country). No rate means untaxed there.

Rates are parts per million of the net amount (7.25% is 72_500), so no float ever touches them.
Rounding: each line's tax is rounded half-to-even to the minor unit once, on the line's total
(not per unit), and the cart's tax is the sum of its lines' and the shipping's taxes. So the
parts always add up exactly:
- prices entered excluding tax: tax = round(net * rate); gross = net + tax;
- prices entered including tax: net = round(gross / (1 + rate)); tax = gross - net.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from uuid import UUID

from domain.countries import validate_country
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

PPM = 1_000_000
MAX_RATE_PPM = PPM  # 100%


@dataclass(eq=False)
class TaxClass(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class TaxRate(TenantOwned):
    id: UUID
    merchant_id: UUID
    tax_class_id: UUID | None
    country: str
    region: str  # "" for the whole country
    rate_ppm: int
    updated_at: datetime

    @property
    def percent(self) -> Decimal:
        return Decimal(self.rate_ppm) / (PPM // 100)


@dataclass(frozen=True)
class TaxedAmount:
    net: int
    tax: int

    @property
    def gross(self) -> int:
        return self.net + self.tax


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def split_tax(amount: int, rate_ppm: int, *, included: bool) -> TaxedAmount:
    """Net and tax of `amount` (minor units), entered with or without tax included."""
    if rate_ppm == 0:
        return TaxedAmount(amount, 0)
    if included:
        net = _round(Decimal(amount) * PPM / (PPM + rate_ppm))
        return TaxedAmount(net, amount - net)
    return TaxedAmount(amount, _round(Decimal(amount) * rate_ppm / PPM))


def rate_for(
    rates: Iterable[TaxRate], tax_class_id: UUID | None, country: str, region: str = ""
) -> int:
    """The rate (ppm) that applies to a product of the class shipped to country/region."""
    region_key = region.strip().casefold()
    country_wide = 0
    for rate in rates:
        if rate.tax_class_id != tax_class_id or rate.country != country:
            continue
        if rate.region and rate.region.casefold() == region_key:
            return rate.rate_ppm
        if not rate.region:
            country_wide = rate.rate_ppm
    return country_wide


def parse_rate(text: str, *, field: str = "rate") -> int:
    """A percentage as a decimal string ("7.25") → parts per million; at most 4 decimals."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise UserError(f"'{text[:20]}' is not a percentage.", field=field) from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise UserError("A rate is a percentage between 0 and 100.", field=field)
    ppm = value * (PPM // 100)
    if ppm != ppm.to_integral_value():
        raise UserError("At most 4 decimal places.", field=field)
    return int(ppm)


async def create_tax_class(
    uow: UnitOfWork, merchant_id: UUID, name: str, now: datetime
) -> TaxClass:
    tax_class = TaxClass(
        new_id(), merchant_id, require_text(name, field="name", max_length=80), now, now
    )
    uow.tax_classes.add(tax_class)
    await uow.commit()
    return tax_class


async def delete_tax_class(uow: UnitOfWork, tax_class_id: UUID) -> None:
    """Products of the class fall back to the default rates; its rates go with it."""
    tax_class = await uow.tax_classes.get(tax_class_id)
    if tax_class is None:
        raise NotFound("No tax class with this id.")
    await uow.tax_classes.delete(tax_class)
    await uow.commit()


@dataclass(frozen=True)
class TaxRateInput:
    tax_class_id: UUID | None
    country: str
    region: str
    rate: str


async def set_tax_rate(
    uow: UnitOfWork, merchant_id: UUID, command: TaxRateInput, now: datetime
) -> TaxRate:
    """Create or replace the rate of (class, country, region)."""
    if command.tax_class_id is not None and await uow.tax_classes.get(command.tax_class_id) is None:
        raise UserError("No tax class with this id.", field="taxClassId", code=ErrorCode.NOT_FOUND)
    country = validate_country(command.country)
    region = command.region.strip()
    if len(region) > 100:
        raise UserError("At most 100 characters.", field="region", code=ErrorCode.TOO_LONG)
    rate_ppm = parse_rate(command.rate)
    for rate in await uow.tax_rates.all():
        if (rate.tax_class_id, rate.country, rate.region.casefold()) == (
            command.tax_class_id,
            country,
            region.casefold(),
        ):
            rate.rate_ppm, rate.updated_at = rate_ppm, now
            await uow.commit()
            return rate
    rate = TaxRate(new_id(), merchant_id, command.tax_class_id, country, region, rate_ppm, now)
    uow.tax_rates.add(rate)
    await uow.commit()
    return rate


async def delete_tax_rate(uow: UnitOfWork, rate_id: UUID) -> None:
    rate = await uow.tax_rates.get(rate_id)
    if rate is None:
        raise NotFound("No tax rate with this id.")
    await uow.tax_rates.delete(rate)
    await uow.commit()
