"""The pricing engine: request -> match promotion rules -> stacking -> risk control -> prices.

`price_cart` prices a cart (`listing.price_variant` prices one unit for listings with it). It
is pure: same request, same answer, no I/O.

Each promotion, in the order `stacking.consideration_order` gives, goes through:

1. lifetime, currency and budget (redemptions left, amount left),
2. its conditions (`conditions.unmet`), on the cart as catalog promotions priced it,
3. stacking against the promotions already applied in its phase (`stacking.exclusion`),
4. its action (`discounts`), on the prices the earlier promotions left,
5. risk control and budget: each line keeps at least its floor (`risk.floor_unit_price`);
   order-level amounts a floored line cannot take go to the other targeted lines; the order
   keeps within its allowance (`risk.order_allowance`); the promotion within its remaining
   amount. Each cut is recorded as a `Cap` with its reason. A gift needs its units in stock
   (`PricingRequest.gift_stock`) and its value within the budget, or it is not given.

The result lists every promotion once: applied (with its amount and caps) or not applied
(with its reason, in words, and the promotion that excluded it).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.money import Money
from domain.promotions.actions import CATALOG_ACTIONS, GiftItem, ShippingOff
from domain.promotions.allocation import allocate_capped
from domain.promotions.codes import code_status, normalize_code
from domain.promotions.conditions import CartLineFacts, Facts, unmet
from domain.promotions.discounts import (
    LineView,
    Wanted,
    cart_discount,
    catalog_discount,
    shipping_discount,
)
from domain.promotions.promotion import UNLIMITED, Kind, Promotion, PromotionBudget
from domain.promotions.request import PricingLine, PricingRequest
from domain.promotions.result import (
    AppliedPromotion,
    Cap,
    CodeResult,
    CodeStatus,
    GiftLine,
    LineDiscount,
    LineResult,
    NotApplied,
    OrderDiscount,
    PricingResult,
    Reason,
    Scope,
    ShippingResult,
)
from domain.promotions.risk import floor_unit_price, order_allowance
from domain.promotions.stacking import consideration_order, exclusion


def price_cart(request: PricingRequest) -> PricingResult:
    """Price a cart: every line, the order, the shipping options, and why each promotion did
    or did not apply."""
    run = _Run(request)
    for promotion in consideration_order(request.promotions):
        run.consider(promotion)
    return run.result()


@dataclass(slots=True)
class _Line:
    """A line while the engine works on it (canonical order: by line id)."""

    line: PricingLine
    floor: int
    total: int
    sale_total: int  # the total once catalog promotions applied
    discounts: list[LineDiscount] = field(default_factory=list)

    def view(self) -> LineView:
        return LineView(self.line.item, self.line.quantity, self.total, self.sale_total)


class _Run:
    def __init__(self, request: PricingRequest) -> None:
        self.request = request
        self.currency = request.currency
        self.lines = [
            _Line(
                line,
                floor_unit_price(line, request.risk) * line.quantity,
                line.list_unit_price.amount * line.quantity,
                line.list_unit_price.amount * line.quantity,
            )
            for line in sorted(request.lines, key=lambda line: line.line_id)
        ]
        self.subtotal = sum(line.total for line in self.lines)
        self.allowance = order_allowance(Money(self.subtotal, self.currency), request.risk)
        self.shipping = {o.option_id: o.price.amount for o in request.shipping_options}
        self.shipping_by: dict[str, list[str]] = {o.option_id: [] for o in request.shipping_options}
        self.stacks: dict[Kind, list[Promotion]] = {Kind.CATALOG: [], Kind.CART: []}
        self.applied: list[AppliedPromotion] = []
        self.not_applied: list[NotApplied] = []
        self.order_discounts: list[OrderDiscount] = []
        self.gifts: list[GiftLine] = []
        self.codes = self._read_codes()
        self.phase = Kind.CATALOG
        self.facts = self._facts()
        self._views: list[LineView] | None = None

    def views(self) -> list[LineView]:
        """What actions see of the lines; rebuilt only after a promotion changed a price."""
        if self._views is None:
            self._views = [line.view() for line in self.lines]
        return self._views

    def money(self, amount: int) -> Money:
        return Money(amount, self.currency)

    def budget(self, promotion: Promotion) -> PromotionBudget:
        return self.request.budgets.get(promotion.id, UNLIMITED)

    # --- codes and facts ---------------------------------------------------------------------

    def _read_codes(self) -> dict[str, tuple[CodeStatus | None, str | None]]:
        """Normalised code -> (its problem or None, its promotion id), first entry wins."""
        by_id = {promotion.id: promotion for promotion in self.request.promotions}
        codes: dict[str, tuple[CodeStatus | None, str | None]] = {}
        for entered in self.request.entered_codes:
            code = normalize_code(entered.code)
            if code not in codes:
                promotion = by_id.get(entered.promotion_id or "")
                budget = self.budget(promotion) if promotion else UNLIMITED
                status = code_status(entered, promotion, budget, self.request.now)
                codes[code] = (status, entered.promotion_id)
        return codes

    def _facts(self) -> Facts:
        customer = self.request.customer
        return Facts(
            currency=self.currency,
            storefront_id=self.request.storefront_id,
            now=self.request.now,
            lines=tuple(
                CartLineFacts(line.line.item, line.line.quantity, line.total) for line in self.lines
            ),
            customer_tags=customer.tags if customer else frozenset(),
            segment_ids=customer.segment_ids if customer else frozenset(),
            tier_id=customer.tier_id if customer else None,
            order_count=customer.order_count if customer else 0,
            coded_promotion_ids=frozenset(
                promotion_id
                for status, promotion_id in self.codes.values()
                if status is None and promotion_id is not None
            ),
        )

    # --- considering one promotion -----------------------------------------------------------

    def consider(self, promotion: Promotion) -> None:
        if promotion.kind is Kind.CART and self.phase is Kind.CATALOG:
            self._start_cart_phase()
        ruled_out = self._ruled_out(promotion)
        if ruled_out is not None:
            self.skip(promotion, *ruled_out)
            return
        excluded = exclusion(promotion, self.stacks[promotion.kind])
        if excluded is not None:
            reason, other, detail = excluded
            self.skip(promotion, reason, detail, blocked_by=other.id)
            return
        action = promotion.action
        if isinstance(action, GiftItem):
            self._give(promotion, action)
        elif isinstance(action, ShippingOff):
            self._discount_shipping(promotion, action)
        else:
            views = self.views()
            if promotion.kind is Kind.CATALOG and isinstance(action, CATALOG_ACTIONS):
                wanted = catalog_discount(action, views, self.currency)
            else:
                wanted = cart_discount(action, views, self.currency)
            self._discount_lines(promotion, wanted)

    def _start_cart_phase(self) -> None:
        """Catalog pricing is done: what the lines cost now are their sale prices, which cart
        conditions and tier thresholds measure."""
        self.phase = Kind.CART
        for line in self.lines:
            line.sale_total = line.total
        self._views = None
        self.facts = self._facts()

    def _ruled_out(self, promotion: Promotion) -> tuple[Reason, str] | None:
        now = self.request.now
        if promotion.currency is not None and promotion.currency != self.currency:
            return Reason.CURRENCY_MISMATCH, f"priced in {promotion.currency}"
        if promotion.starts_at is not None and now < promotion.starts_at:
            return Reason.NOT_STARTED, f"starts at {promotion.starts_at.isoformat()}"
        if promotion.ends_at is not None and now >= promotion.ends_at:
            return Reason.EXPIRED, f"ended at {promotion.ends_at.isoformat()}"
        budget = self.budget(promotion)
        if not budget.redemptions_left:
            return Reason.BUDGET_EXHAUSTED, "no redemptions left"
        if budget.remaining_amount is not None and budget.remaining_amount.amount <= 0:
            return Reason.BUDGET_EXHAUSTED, "no budget left"
        reason = unmet(promotion.condition, self.facts, promotion.id)
        if reason is not None:
            return Reason.CONDITION_NOT_MET, reason
        return None

    def skip(
        self, promotion: Promotion, reason: Reason, detail: str, blocked_by: str | None = None
    ) -> None:
        self.not_applied.append(
            NotApplied(promotion.id, promotion.name, reason, detail, blocked_by)
        )

    # --- applying ----------------------------------------------------------------------------

    def _discount_lines(self, promotion: Promotion, wanted: Wanted) -> None:
        if wanted.unmet is not None:
            self.skip(promotion, Reason.CONDITION_NOT_MET, wanted.unmet)
            return
        granted, caps = self._risk_and_budget(promotion, wanted)
        amount = sum(granted)
        if amount == 0:
            if caps:  # cut to nothing: say by what
                self.skip(promotion, caps[-1].reason, caps[-1].detail)
            else:
                self.skip(promotion, Reason.NOTHING_TO_DISCOUNT, "no targeted item to discount")
            return
        self._views = None
        for line, part in zip(self.lines, granted, strict=True):
            if part:
                line.total -= part
                line.discounts.append(LineDiscount(promotion.id, wanted.scope, self.money(part)))
        if self.allowance is not None:
            self.allowance -= amount
        if wanted.scope is Scope.ORDER:
            self.order_discounts.append(OrderDiscount(promotion.id, self.money(amount)))
        self._accept(promotion, amount, caps)

    def _risk_and_budget(self, promotion: Promotion, wanted: Wanted) -> tuple[list[int], list[Cap]]:
        """The parts of `wanted` that floors, the order allowance and the budget let through."""
        caps: list[Cap] = []
        asked = sum(max(0, part) for part in wanted.amounts)
        room = [max(0, line.total - line.floor) for line in self.lines]
        if wanted.pool is not None:
            granted = allocate_capped(asked, wanted.pool, room, self.currency)
        else:
            granted = [
                max(0, min(part, limit)) for part, limit in zip(wanted.amounts, room, strict=True)
            ]
        if sum(granted) < asked:
            caps.append(Cap(Reason.FLOOR_PRICE_REACHED, self.money(asked), "floor price reached"))
        limits = [(self.allowance, Reason.MAX_DISCOUNT_REACHED, "order discount limit reached")]
        budget = self.budget(promotion).remaining_amount
        if budget is not None:
            limits.append((budget.amount, Reason.BUDGET_EXHAUSTED, "budget exhausted"))
        for limit, reason, detail in limits:
            current = sum(granted)
            if limit is not None and current > limit:
                granted = allocate_capped(limit, granted, granted, self.currency)
                caps.append(Cap(reason, self.money(current), detail))
        return granted, caps

    def _discount_shipping(self, promotion: Promotion, action: ShippingOff) -> None:
        """Every option is discounted (the shopper may still choose); the budget caps each."""
        budget = self.budget(promotion).remaining_amount
        wanted = {
            option_id: shipping_discount(action, option_id, price, self.currency)
            for option_id, price in self.shipping.items()
        }
        offs = {
            option_id: off if budget is None else min(off, budget.amount)
            for option_id, off in wanted.items()
        }
        if not any(offs.values()):
            self.skip(promotion, Reason.NOTHING_TO_DISCOUNT, "no shipping option to discount")
            return
        for option_id, off in offs.items():
            if off:
                self.shipping[option_id] -= off
                self.shipping_by[option_id].append(promotion.id)
        selected = self.request.selected_shipping_option_id
        amount = offs[selected] if selected is not None else 0
        caps = []
        if selected is not None and amount < wanted[selected]:
            caps.append(
                Cap(Reason.BUDGET_EXHAUSTED, self.money(wanted[selected]), "budget exhausted")
            )
        self._accept(promotion, amount, caps)

    def _give(self, promotion: Promotion, action: GiftItem) -> None:
        value = action.value.amount * action.quantity
        stock = self.request.gift_stock.get(action.variant_id)
        if stock is not None:
            given = sum(g.quantity for g in self.gifts if g.variant_id == action.variant_id)
            if stock - given < action.quantity:
                self.skip(promotion, Reason.GIFT_UNAVAILABLE, "the gift is out of stock")
                return
        budget = self.budget(promotion).remaining_amount
        if budget is not None and budget.amount < value:
            self.skip(promotion, Reason.BUDGET_EXHAUSTED, "budget left is below the gift's value")
            return
        gift = GiftLine(promotion.id, action.variant_id, action.quantity, self.money(value))
        self.gifts.append(gift)
        self._accept(promotion, 0, (), (gift,))

    def _accept(
        self, promotion: Promotion, amount: int, caps: Sequence[Cap], gifts: Sequence[GiftLine] = ()
    ) -> None:
        self.stacks[promotion.kind].append(promotion)
        self.applied.append(
            AppliedPromotion(
                promotion.id, promotion.name, self.money(amount), tuple(caps), tuple(gifts)
            )
        )

    # --- the answer --------------------------------------------------------------------------

    def result(self) -> PricingResult:
        by_id = {line.line.line_id: line for line in self.lines}
        lines = tuple(self._line_result(by_id[line.line_id]) for line in self.request.lines)
        options = tuple(
            ShippingResult(
                option.option_id,
                option.price,
                option.price - self.money(self.shipping[option.option_id]),
                self.money(self.shipping[option.option_id]),
                tuple(self.shipping_by[option.option_id]),
            )
            for option in self.request.shipping_options
        )
        selected = [o for o in options if o.option_id == self.request.selected_shipping_option_id]
        zero = self.money(0)
        shipping = selected[0].price if selected else zero
        shipping_discount = selected[0].discount if selected else zero
        discount = self.money(sum(line.discount.amount for line in lines))
        subtotal = self.money(self.subtotal)
        return PricingResult(
            currency=self.currency,
            lines=lines,
            order_discounts=tuple(self.order_discounts),
            shipping_options=options,
            gifts=tuple(self.gifts),
            applied=tuple(self.applied),
            not_applied=tuple(self.not_applied),
            codes=self._code_results(),
            subtotal=subtotal,
            discount=discount,
            shipping=shipping,
            shipping_discount=shipping_discount,
            total=subtotal - discount + shipping - shipping_discount,
        )

    def _line_result(self, line: _Line) -> LineResult:
        list_total = line.line.list_unit_price.amount * line.line.quantity
        return LineResult(
            line_id=line.line.line_id,
            quantity=line.line.quantity,
            list_unit_price=line.line.list_unit_price,
            list_total=self.money(list_total),
            discounts=tuple(line.discounts),
            discount=self.money(list_total - line.total),
            total=self.money(line.total),
        )

    def _code_results(self) -> tuple[CodeResult, ...]:
        applied = {promotion.promotion_id for promotion in self.applied}
        results = []
        for code, (problem, promotion_id) in self.codes.items():
            if problem is None:
                problem = CodeStatus.APPLIED if promotion_id in applied else CodeStatus.NOT_APPLIED
            results.append(CodeResult(code, problem, promotion_id))
        return tuple(results)
