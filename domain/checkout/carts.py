"""Carts: what a shopper means to buy in one storefront, priced in its currency.

A cart's id is a random UUID (version 4, 122 random bits): holding it is what lets a guest
reach the cart, so it is never derived from anything guessable. A cart a signed-in customer
owns is theirs alone. Every change is validated against the catalog as the storefront offers
it now (published, priced, within the purchase limit and the stock); a change that fails
leaves the cart exactly as it was.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.checkout.offers import Offer, SupplyingWarehouse, units_available
from domain.customers.addresses import validate_address
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.payments.gift_cards import find_usable
from domain.promotions.codes import normalize_code
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork
from domain.validation import normalize_email

MAX_LINES = 100
MAX_QUANTITY = 10_000
MAX_NOTE = 2_000
MAX_PROMO_CODES = 10
MAX_GIFT_CARDS = 5


class CartStatus(StrEnum):
    OPEN = "OPEN"
    COMPLETED = "COMPLETED"
    MERGED = "MERGED"  # its lines moved into the customer's cart


class DeliveryKind(StrEnum):
    SHIPPING = "SHIPPING"
    PICKUP = "PICKUP"


@dataclass(eq=False)
class Cart(TenantOwned):
    id: UUID
    merchant_id: UUID
    storefront_id: UUID
    customer_id: UUID | None
    currency: str
    email: str
    shipping_address: dict[str, str] | None
    billing_address: dict[str, str] | None
    shipping_method_id: UUID | None
    pickup_warehouse_id: UUID | None
    note: str
    promo_codes: list[str]
    status: str
    created_at: datetime
    updated_at: datetime
    order_id: UUID | None = None
    # Gift cards the shopper entered, in the order entered (they pay in that order).
    gift_card_ids: list[UUID] = field(default_factory=list)
    # A draft order staff build (domain/orders/drafts.py): no storefront caller ever reaches it.
    is_draft: bool = False

    @property
    def is_open(self) -> bool:
        return self.status == CartStatus.OPEN


@dataclass(eq=False)
class CartLine(TenantOwned):
    id: UUID
    merchant_id: UUID
    cart_id: UUID
    variant_id: UUID
    quantity: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class LineInput:
    variant_id: UUID
    quantity: int


@dataclass(frozen=True)
class CartDetails:
    """Omitted (None) fields stay as they are; an empty address dict clears it."""

    email: str | None = None
    shipping_address: Mapping[str, str] | None = None
    billing_address: Mapping[str, str] | None = None
    note: str | None = None
    promo_codes: Sequence[str] | None = None


def new_cart_id() -> UUID:
    return uuid.uuid4()


def check_access(cart: Cart | None, storefront: Storefront, customer_id: UUID | None) -> Cart:
    """The cart if the caller may use it: its storefront, and its owner if it has one."""
    if cart is None or cart.storefront_id != storefront.id or cart.is_draft:
        raise NotFound("No cart with this id.")
    if cart.customer_id is not None and cart.customer_id != customer_id:
        raise NotFound("No cart with this id.")
    return cart


def require_open(cart: Cart) -> None:
    if not cart.is_open:
        raise UserError(
            "This cart is already checked out.", field="cartId", code=ErrorCode.ALREADY_COMPLETED
        )


def check_line(
    offer: Offer | None,
    quantity: int,
    supply: Sequence[SupplyingWarehouse],
    path: str,
) -> None:
    """Raise the userError that stops `quantity` of the variant being bought, if any."""
    if offer is None:
        raise UserError(
            "No variant with this id.", field=f"{path}.variantId", code=ErrorCode.NOT_FOUND
        )
    if not offer.buyable:
        raise UserError(
            f"{offer.sku} is not sold in this storefront.",
            field=f"{path}.variantId",
            code=ErrorCode.NOT_AVAILABLE,
        )
    if not 0 < quantity <= MAX_QUANTITY:
        raise UserError(f"A quantity is between 1 and {MAX_QUANTITY}.", field=f"{path}.quantity")
    if offer.purchase_limit is not None and quantity > offer.purchase_limit:
        raise UserError(
            f"At most {offer.purchase_limit} of {offer.sku} per order.",
            field=f"{path}.quantity",
            code=ErrorCode.LIMIT_EXCEEDED,
        )
    available = units_available(offer, supply)
    if available is not None and quantity > available:
        raise UserError(
            f"Only {available} of {offer.sku} in stock.",
            field=f"{path}.quantity",
            code=ErrorCode.OUT_OF_STOCK,
        )


def _address(values: Mapping[str, str], path: str) -> dict[str, str] | None:
    if not values:
        return None
    try:
        return validate_address(dict(values))
    except UserError as error:
        field = (error.field or "address").replace("address", path, 1)
        raise UserError(error.message, field=field, code=error.code) from None


def _promo_codes(codes: Sequence[str]) -> list[str]:
    cleaned = list(dict.fromkeys(normalize_code(code) for code in codes if code.strip()))
    if len(cleaned) > MAX_PROMO_CODES or any(len(code) > 64 for code in cleaned):
        raise UserError(f"At most {MAX_PROMO_CODES} codes of 64 characters.", field="promoCodes")
    return cleaned


def apply_details(cart: Cart, details: CartDetails, now: datetime) -> None:
    if details.email is not None:
        cart.email = normalize_email(details.email) if details.email.strip() else ""
    if details.shipping_address is not None:
        cart.shipping_address = _address(details.shipping_address, "shippingAddress")
        if cart.shipping_address is not None:
            cart.pickup_warehouse_id = None
    if details.billing_address is not None:
        cart.billing_address = _address(details.billing_address, "billingAddress")
    if details.note is not None:
        if len(details.note) > MAX_NOTE:
            raise UserError(
                f"At most {MAX_NOTE} characters.", field="note", code=ErrorCode.TOO_LONG
            )
        cart.note = details.note.strip()
    if details.promo_codes is not None:
        cart.promo_codes = _promo_codes(details.promo_codes)
    cart.updated_at = now


async def _checked(
    uow: UnitOfWork,
    cart: Cart,
    wanted: Mapping[UUID, int],
    paths: Mapping[UUID, str],
    now: datetime,
) -> tuple[dict[UUID, Offer], list[SupplyingWarehouse]]:
    """Check the variants whose quantity changes (the others are as they were); returns what
    it read of them."""
    if len(wanted) > MAX_LINES:
        raise UserError(f"At most {MAX_LINES} different items in a cart.", field="lines")
    changed = list(paths)
    offers = await uow.checkout.offers(cart.storefront_id, cart.currency, changed, now)
    supply = await uow.checkout.supply(cart.storefront_id, changed)
    for variant_id, path in paths.items():
        quantity = wanted.get(variant_id, 0)
        if quantity:
            check_line(offers.get(variant_id), quantity, supply, path)
    return offers, supply


async def _write_lines(
    uow: UnitOfWork,
    cart: Cart,
    current: Sequence[CartLine],
    wanted: Mapping[UUID, int],
    now: datetime,
) -> list[CartLine]:
    """Make the cart's lines `wanted`; returns the lines it added."""
    by_variant = {line.variant_id: line for line in current}
    added = []
    for line in current:
        if wanted.get(line.variant_id, 0) <= 0:
            await uow.carts.remove_line(line)
    for variant_id, quantity in wanted.items():
        existing = by_variant.get(variant_id)
        if quantity <= 0:
            continue
        if existing is None:
            line = CartLine(new_id(), cart.merchant_id, cart.id, variant_id, quantity, now, now)
            uow.carts.add_line(line)
            added.append(line)
        elif existing.quantity != quantity:
            existing.quantity, existing.updated_at = quantity, now
    cart.updated_at = now
    return added


def _inputs(lines: Sequence[LineInput]) -> tuple[dict[UUID, int], dict[UUID, str]]:
    """Quantities per variant (repeats add up) and the input path naming each variant."""
    quantities: dict[UUID, int] = {}
    paths: dict[UUID, str] = {}
    for index, line in enumerate(lines):
        quantities[line.variant_id] = quantities.get(line.variant_id, 0) + line.quantity
        paths.setdefault(line.variant_id, f"lines.{index}")
        if line.quantity <= 0:
            raise UserError("A quantity is at least 1.", field=f"lines.{index}.quantity")
    return quantities, paths


@dataclass(frozen=True)
class NewCart:
    cart: Cart
    lines: tuple[CartLine, ...]
    offers: dict[UUID, Offer]
    supply: tuple[SupplyingWarehouse, ...]


async def create_cart(
    uow: UnitOfWork,
    storefront: Storefront,
    customer_id: UUID | None,
    lines: Sequence[LineInput],
    details: CartDetails,
    now: datetime,
    *,
    draft: bool = False,
) -> NewCart:
    """A new cart, with what was read to check its lines (so its first quote reads less); a
    `draft` is a draft order's (staff's, see domain/orders/drafts.py)."""
    cart = Cart(
        new_cart_id(),
        storefront.merchant_id,
        storefront.id,
        customer_id,
        storefront.currency,
        "",
        None,
        None,
        None,
        None,
        "",
        [],
        CartStatus.OPEN.value,
        now,
        now,
        is_draft=draft,
    )
    apply_details(cart, details, now)
    await _check_codes_exist(uow, cart.promo_codes)
    quantities, paths = _inputs(lines)
    offers, supply = await _checked(uow, cart, quantities, paths, now)
    uow.carts.add(cart)
    written = await _write_lines(uow, cart, [], quantities, now)
    await uow.commit()
    return NewCart(cart, tuple(written), offers, tuple(supply))


async def add_lines(uow: UnitOfWork, cart: Cart, lines: Sequence[LineInput], now: datetime) -> Cart:
    """Add to the cart: a variant already in it gets the quantities added."""
    require_open(cart)
    current = await uow.carts.lines_of(cart.id)
    added, paths = _inputs(lines)
    wanted = {line.variant_id: line.quantity for line in current}
    for variant_id, quantity in added.items():
        wanted[variant_id] = wanted.get(variant_id, 0) + quantity
    await _checked(uow, cart, wanted, paths, now)
    await _write_lines(uow, cart, current, wanted, now)
    await uow.commit()
    return cart


async def update_lines(
    uow: UnitOfWork, cart: Cart, lines: Sequence[LineInput], now: datetime
) -> Cart:
    """Set quantities; 0 removes the variant."""
    require_open(cart)
    current = await uow.carts.lines_of(cart.id)
    wanted = {line.variant_id: line.quantity for line in current}
    paths: dict[UUID, str] = {}
    for index, line in enumerate(lines):
        if line.quantity < 0:
            raise UserError("A quantity is 0 (to remove) or more.", field=f"lines.{index}.quantity")
        if line.variant_id not in wanted:
            raise UserError(
                "This variant is not in the cart.",
                field=f"lines.{index}.variantId",
                code=ErrorCode.NOT_FOUND,
            )
        wanted[line.variant_id] = line.quantity
        paths[line.variant_id] = f"lines.{index}"
    await _checked(uow, cart, wanted, paths, now)
    await _write_lines(uow, cart, current, wanted, now)
    await uow.commit()
    return cart


async def remove_lines(
    uow: UnitOfWork, cart: Cart, variant_ids: Sequence[UUID], now: datetime
) -> Cart:
    require_open(cart)
    current = await uow.carts.lines_of(cart.id)
    gone = set(variant_ids)
    wanted = {line.variant_id: line.quantity for line in current if line.variant_id not in gone}
    await _write_lines(uow, cart, current, wanted, now)
    await uow.commit()
    return cart


async def update_details(uow: UnitOfWork, cart: Cart, details: CartDetails, now: datetime) -> Cart:
    require_open(cart)
    apply_details(cart, details, now)
    if details.promo_codes is not None:
        await _check_codes_exist(uow, cart.promo_codes)
    await uow.commit()
    return cart


async def _check_codes_exist(uow: UnitOfWork, entered: Sequence[str]) -> None:
    """An entered code no live promotion has is refused. A known code that cannot be used now
    (expired, used up) is kept: the cart says why it does not apply."""
    if not entered:
        return
    codes = await uow.promotions.codes(entered)
    live = {p.id for p in await uow.promotions.live()} if codes else set()
    known = {code.code for code in codes if code.promotion_id in live}
    for index, code in enumerate(entered):
        if code not in known:
            raise UserError(
                f"No promotion has the code {code}.",
                field=f"promoCodes.{index}",
                code=ErrorCode.NOT_FOUND,
            )


async def merge_into_customer_cart(
    uow: UnitOfWork, guest: Cart, customer_id: UUID, now: datetime
) -> Cart:
    """A customer signed in with a guest cart: its lines join the customer's open cart in the
    storefront (quantities add up, capped to what can be bought), or the guest cart becomes
    theirs when they have none."""
    require_open(guest)
    if guest.customer_id == customer_id:
        return guest
    own = await uow.carts.open_cart_of(customer_id, guest.storefront_id)
    if own is None:
        guest.customer_id, guest.updated_at = customer_id, now
        await uow.commit()
        return guest
    guest_lines = await uow.carts.lines_of(guest.id)
    own_lines = await uow.carts.lines_of(own.id)
    wanted = {line.variant_id: line.quantity for line in own_lines}
    for line in guest_lines:
        wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
    offers = await uow.checkout.offers(own.storefront_id, own.currency, list(wanted), now)
    supply = await uow.checkout.supply(own.storefront_id, list(wanted))
    for variant_id, quantity in list(wanted.items()):
        wanted[variant_id] = _capped(offers.get(variant_id), quantity, supply)
    await _write_lines(uow, own, own_lines, wanted, now)
    for field_name in ("email", "shipping_address", "billing_address", "note"):
        if not getattr(own, field_name) and getattr(guest, field_name):
            setattr(own, field_name, getattr(guest, field_name))
    guest.status, guest.updated_at = CartStatus.MERGED.value, now
    await uow.commit()
    return own


def _capped(offer: Offer | None, quantity: int, supply: Sequence[SupplyingWarehouse]) -> int:
    if offer is None or not offer.buyable:
        return 0
    cap = min(quantity, MAX_QUANTITY, offer.purchase_limit or MAX_QUANTITY)
    available = units_available(offer, supply)
    return cap if available is None else min(cap, available)


async def add_gift_card(uow: UnitOfWork, cart: Cart, code: str, now: datetime) -> Cart:
    """Pay part (or all) of the cart with a gift card: it must be usable in the cart's currency
    now. The card is charged only when the checkout completes."""
    require_open(cart)
    card = await find_usable(uow, code[:64], cart.currency, now)
    if card.id not in cart.gift_card_ids:
        if len(cart.gift_card_ids) >= MAX_GIFT_CARDS:
            raise UserError(f"At most {MAX_GIFT_CARDS} gift cards.", field="code")
        cart.gift_card_ids = [*cart.gift_card_ids, card.id]
    cart.updated_at = now
    await uow.commit()
    return cart


async def remove_gift_card(uow: UnitOfWork, cart: Cart, gift_card_id: UUID, now: datetime) -> Cart:
    require_open(cart)
    cart.gift_card_ids = [id for id in cart.gift_card_ids if id != gift_card_id]
    cart.updated_at = now
    await uow.commit()
    return cart
